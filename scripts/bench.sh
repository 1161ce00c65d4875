#!/usr/bin/env bash
# Benchmark: wall time (median of repeated runs) and peak memory of `readout render` for each
# sample, side by side with the reference figures for a Typst library process in
# ../shared/TYPST-NOTES.md (a 5-page A4 report with 4 SVG charts: 0.13 s, 39 MiB), and with
# `readout validate` on the same file (parsing and checking only) as the floor.
#
#   scripts/bench.sh [runs]        # default 15 runs per sample; needs hyperfine and GNU time
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
ref_seconds=0.13
ref_mib=39

command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 2; }
cargo build --release --locked --quiet
bin=${CARGO_TARGET_DIR:-target}/release/readout
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

printf '%-32s %6s %10s %10s %9s %9s %9s\n' sample pages "render s" "valid. s" "x ref" "peak MiB" "x ref"
for sample in samples/*.yaml; do
  name=$(basename "${sample%.yaml}")
  hyperfine --runs "$runs" --warmup 2 --style none --export-json "$out/r.json" \
    "$bin render $sample -o $out/$name.pdf" >/dev/null 2>&1
  hyperfine --runs "$runs" --warmup 2 --style none --export-json "$out/v.json" \
    "$bin validate $sample" >/dev/null 2>&1
  render=$(python3 -c "import json;print(json.load(open('$out/r.json'))['results'][0]['median'])")
  valid=$(python3 -c "import json;print(json.load(open('$out/v.json'))['results'][0]['median'])")
  peak_kib=$( { /usr/bin/time -f '%M' "$bin" render "$sample" -o "$out/$name.pdf" 2>&1 >/dev/null; } | tail -n 1)
  pages=$("$bin" render "$sample" -o "$out/$name.pdf" 2>&1 | sed -n 's/.*(\([0-9]*\) page.*/\1/p')
  python3 - "$name" "$pages" "$render" "$valid" "$peak_kib" "$ref_seconds" "$ref_mib" <<'PY'
import sys
name, pages, render, valid, peak_kib, ref_s, ref_mib = sys.argv[1:]
render, valid, mib = float(render), float(valid), int(peak_kib) / 1024
print(f"{name:32s} {pages:>6s} {render:10.3f} {valid:10.3f} {render/float(ref_s):9.2f} {mib:9.1f} {mib/float(ref_mib):9.2f}")
PY
done
echo "medians of $runs runs each; 'x ref' divides by the TYPST-NOTES reference (${ref_seconds} s, ${ref_mib} MiB)"
