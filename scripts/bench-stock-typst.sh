#!/usr/bin/env bash
# readout against the stock Typst CLI on the same document; prints a Markdown table.
#
#   TYPST=/path/to/typst scripts/bench-stock-typst.sh [RUNS]     (default 20 runs each)
#
# For each sample: `readout render --emit-typst` writes the project, stock `typst compile`
# compiles it with the command the project's README gives, and `readout render` renders the
# account. It checks that both PDFs have the same pages (text by pdftotext, pixels at 50 ppi by
# pdftoppm and ImageMagick's compare), then times both as whole processes with hyperfine
# (medians). readout's time includes what typst does not do: reading and checking the YAML,
# the analysis and the charts. Stock Typst must be 0.15 (`cargo install typst-cli --version
# 0.15.1 --locked`, a long build). Needs hyperfine, poppler-utils, imagemagick and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
typst=${TYPST:-typst}
"$typst" --version | grep -q '^typst 0\.15\.' || { echo "need typst 0.15, got: $("$typst" --version)" >&2; exit 2; }

cargo build --release --locked --quiet --bin readout
bin=$(realpath "${CARGO_TARGET_DIR:-target}/release/readout")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
ms() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000:.0f}')" "$1"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }

echo "| sample | pages | same text | same pixels | readout render | stock typst compile | readout / typst |"
echo "|---|---|---|---|---|---|---|"
for sample in samples/northwind-logistics.yaml samples/halvorsen-maritime.yaml samples/corvane-retail.yaml; do
  name=$(basename "${sample%.yaml}")
  project="$work/$name"
  "$bin" render "$sample" --emit-typst "$project" >/dev/null 2>&1
  # The compile line of the project's README, run in the project.
  compile=$(sed -n '/^typst compile/,/main.typ/p' "$project/README.md" | tr -d '\\\n' | tr -s ' ')
  compile=${compile/typst/$typst}
  (cd "$project" && eval "$compile")
  "$bin" render "$sample" -o "$work/$name.pdf" >/dev/null 2>&1
  pages=$(pdfinfo "$work/$name.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
  same_text=no
  if diff <(pdftotext -layout "$project/report.pdf" -) <(pdftotext -layout "$work/$name.pdf" -) >/dev/null; then
    same_text=yes
  fi
  pdftoppm -png -r 50 "$project/report.pdf" "$work/$name-stock"
  pdftoppm -png -r 50 "$work/$name.pdf" "$work/$name-ours"
  differing=0
  for page in "$work/$name-stock"-*.png; do
    ours=${page/-stock-/-ours-}
    px=$(compare -metric AE "$page" "$ours" null: 2>&1 || true)
    differing=$((differing + ${px%% *}))
  done
  same_pixels=$([ "$differing" = 0 ] && echo yes || echo "no ($differing px)")
  hyperfine --warmup 3 --runs "$runs" --export-json "$work/ours.json" --output=null \
    "$bin render $(realpath "$sample") -o $work/timed.pdf" >/dev/null 2>&1
  hyperfine --warmup 3 --runs "$runs" --export-json "$work/stock.json" --output=null \
    "cd $project && $compile" >/dev/null 2>&1
  ours=$(median "$work/ours.json")
  stock=$(median "$work/stock.json")
  echo "| $name | $pages | $same_text | $same_pixels | $(ms "$ours") ms | $(ms "$stock") ms | $(ratio "$ours" "$stock") |"
done
