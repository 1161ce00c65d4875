#!/usr/bin/env bash
# Benchmark of `readout render` and `readout pack` on this machine; prints a Markdown report.
#
#   scripts/bench-pack.sh [RUNS]        (default 5 runs of each measurement; 1,000 accounts
#                                        are run max(2, RUNS/2) times)
#
# Needs hyperfine (apt-get install hyperfine), GNU time (/usr/bin/time) and python3. Builds
# the release binary first. Accounts are synthetic variations of the business-review sample
# (scripts/synth_accounts.py), each distinct, so no run is helped by a cache.
#
# It measures, in one run so that the ratios compare like with like:
#   - one `readout render` of the sample as a whole process, cold (median of many runs);
#   - `readout pack` throughput, accounts a second, for 100 and 1,000 accounts at 1 thread and
#     at all cores;
#   - the same 100 accounts rendered one `readout render` process at a time, and the ratio;
#   - peak memory (max RSS, median of 3 runs) of `readout pack` for 10, 100 and 1,000 accounts;
#   - where one render's time goes, stage by stage, in one process (examples/stages.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
big_runs=$(( runs / 2 > 2 ? runs / 2 : 2 ))
cores=$(nproc)

cargo build --release --locked --quiet --bin readout --example stages
bin=${CARGO_TARGET_DIR:-target}/release/readout
stages=${CARGO_TARGET_DIR:-target}/release/examples/stages
sample=samples/northwind-logistics.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for n in 10 100 1000; do
  python3 scripts/synth_accounts.py "$n" "$work/in-$n" >/dev/null
done

# The median, in seconds, of a hyperfine JSON export.
median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
per_second() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$1" "$2"; }
ms() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000:.0f}')" "$1"; }

echo "measuring one render ..." >&2
hyperfine --warmup 3 --runs $((runs * 4)) --export-json "$work/render.json" --output=null \
  "$bin render $sample -o $work/one.pdf" >/dev/null 2>&1
render=$(median "$work/render.json")
pages=$("$bin" render "$sample" -o "$work/one.pdf" 2>&1 | sed -n 's/.*(\([0-9]*\) pages.*/\1/p')

pack() { # n jobs runs -> median seconds
  hyperfine --warmup 1 --runs "$3" --export-json "$work/pack-$1-$2.json" --output=null \
    --prepare "rm -rf $work/out" "$bin pack $work/in-$1 -o $work/out --jobs $2 --quiet" >/dev/null 2>&1
  median "$work/pack-$1-$2.json"
}
echo "measuring pack ..." >&2
p100_1=$(pack 100 1 "$runs")
p100_all=$(pack 100 "$cores" "$runs")
p1000_1=$(pack 1000 1 "$big_runs")
p1000_all=$(pack 1000 "$cores" "$big_runs")

echo "measuring one process per account ..." >&2
cat > "$work/each.sh" <<EOF
for f in $work/in-100/*.yaml; do $bin render "\$f" -o $work/each.pdf 2>/dev/null; done
EOF
hyperfine --warmup 1 --runs "$runs" --export-json "$work/each.json" --output=null \
  "bash $work/each.sh" >/dev/null 2>&1
each=$(median "$work/each.json")

echo "measuring memory ..." >&2
median_rss() { # command... -> max RSS in MiB, the median of three runs
  for _ in 1 2 3; do
    rm -rf "$work/out"
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
  done | sort -n | sed -n 2p | python3 -c 'import sys; print(f"{int(sys.stdin.read()) / 1024:.1f}")'
}
peak() { median_rss "$bin" pack "$work/in-$1" -o "$work/out" --quiet; }
mem10=$(peak 10)
mem100=$(peak 100)
mem1000=$(peak 1000)
mem_render=$(median_rss "$bin" render "$sample" -o "$work/one.pdf")

rate_each=$(per_second 100 "$each")
rate100_all=$(per_second 100 "$p100_all")
cat <<EOF
Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%d).
Binary: $("$bin" --version). Sample: $sample ($pages pages), accounts from scripts/synth_accounts.py.

| measurement | median | rate |
|---|---:|---:|
| one \`readout render\`, whole process, cold | $(ms "$render") ms | |
| 100 accounts, one \`readout render\` process each, one at a time | $(ms "$each") ms | $rate_each accounts/s |
| \`readout pack\` 100 accounts, --jobs 1 | $(ms "$p100_1") ms | $(per_second 100 "$p100_1") accounts/s |
| \`readout pack\` 100 accounts, --jobs $cores | $(ms "$p100_all") ms | $rate100_all accounts/s |
| \`readout pack\` 1,000 accounts, --jobs 1 | $(ms "$p1000_1") ms | $(per_second 1000 "$p1000_1") accounts/s |
| \`readout pack\` 1,000 accounts, --jobs $cores | $(ms "$p1000_all") ms | $(per_second 1000 "$p1000_all") accounts/s |

- pack (100, all cores) against one process per account: **$(ratio "$rate100_all" "$rate_each")×** the rate.
- peak memory (median of 3 runs, all cores): one render $mem_render MiB; \`readout pack\` of 10
  accounts $mem10 MiB, of 100 $mem100 MiB, of 1,000 $mem1000 MiB: 1,000 against 10
  **$(ratio "$mem1000" "$mem10")×**, against 100 **$(ratio "$mem1000" "$mem100")×**.

Where one render's time goes, inside one process (\`examples/stages.rs\`, 30 runs with Typst's
memo cache cleared before each, so each does a new account's work):

$("$stages" "$sample" 30 | tail -n +2)
EOF
