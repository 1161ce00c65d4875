#!/usr/bin/env python3
"""Write N synthetic account files, each a distinct variation of a sample, for benchmarks and
board-pack tests.

    python3 scripts/synth_accounts.py N OUT_DIR [--from samples/northwind-logistics.yaml] [--seed 1]

Each account gets its own invented name, ARR (0.3x to 3x the sample's, with revenue at risk,
pipeline, risk impacts and opportunity values scaled alike), health score, renewal date and
probability, and every metric's monthly values scaled by its own factor (counts stay whole,
percentages stay at most 100). Everything else -- sections, risks, actions, incidents -- is the
sample's, so every file validates and lays out like it. The same N and seed write the same
files. Works on the sample's text line by line: needs only Python 3, no YAML library.
"""

import argparse
import random
import re
import shutil
from pathlib import Path

FIRST = ["Arden", "Belmont", "Calder", "Dunmore", "Elstree", "Fenwick", "Galloway", "Harrow",
         "Ivel", "Kestrel", "Lanark", "Marlow", "Norland", "Orwell", "Penrith", "Quarry",
         "Ravensworth", "Selby", "Thornbury", "Ullswater", "Verity", "Wexcombe", "Yarrow", "Zennor"]
SECOND = ["Logistics", "Health", "Foods", "Freight", "Retail Group", "Energy", "Maritime",
          "Pharma", "Systems", "Holdings", "Mobility", "Textiles", "Networks", "Insurance"]

MONEY_KEYS = ("arr", "revenue_at_risk", "expansion_pipeline", "impact", "value")


def scaled_number(text, factor, whole):
    value = float(text) * factor
    return str(int(round(value))) if whole else f"{value:.1f}"


def vary(source_lines, k, rng):
    name = f"{FIRST[k % len(FIRST)]} {SECOND[(k // len(FIRST)) % len(SECOND)]} {k + 1:04d}"
    money = rng.uniform(0.3, 3.0)
    score = rng.randint(35, 92)
    previous = max(0, min(100, score + rng.randint(-8, 8)))
    # A month from October 2026 (the sample's report month) to November 2027.
    month_index = 9 + rng.randint(0, 13)
    renewal = (2026 + month_index // 12, month_index % 12 + 1)
    probability = rng.randint(20, 95)
    unit = None
    factor = 1.0
    out = []
    for line in source_lines:
        stripped = line.strip()
        if re.match(r"^- id:", stripped):
            unit, factor = None, rng.uniform(0.85, 1.15)
        m = re.match(r"^(\s*)name: \"?[^\"]*\"?\s*$", line)
        if m and line.startswith("  name:"):
            line = f'{m.group(1)}name: "{name}"\n'
        m = re.match(r"^\s*unit: (\w+)", line)
        if m:
            unit = m.group(1)
        for key in MONEY_KEYS:
            # `key: 123` on its own line or inside a flow mapping.
            line = re.sub(rf"(\b{key}: )(\d+(?:\.\d+)?)",
                          lambda g: g.group(1) + scaled_number(g.group(2), money, True), line)
        m = re.search(r"health: \{ score: (\d+)", line)
        if m:
            # The monthly health values move with the score, so the last month stays the score.
            shift = score - int(m.group(1))
            line = re.sub(r"(\d{4}-\d{2}: )(\d+)",
                          lambda g: f"{g.group(1)}{max(0, min(100, int(g.group(2)) + shift))}", line)
            line = re.sub(r"(score: )\d+(, previous: )\d+",
                          lambda g: f"{g.group(1)}{score}{g.group(2)}{previous}", line)
        line = re.sub(r"(renewal_date: )\d{4}-\d{2}-\d{2}",
                      lambda g: f"{g.group(1)}{renewal[0]}-{renewal[1]:02d}-28", line)
        line = re.sub(r"(renewal_probability: )\d+", lambda g: f"{g.group(1)}{probability}", line)
        if stripped.startswith("values:") and unit is not None:
            whole = unit in ("count", "currency")
            cap = 100.0 if unit == "percent" else None

            def month_value(g):
                value = float(scaled_number(g.group(2), factor, whole))
                if cap is not None:
                    value = min(value, cap)
                shown = str(int(value)) if whole else f"{value:.1f}"
                return f"{g.group(1)}{shown}"

            line = re.sub(r"(\d{4}-\d{2}: )(-?\d+(?:\.\d+)?)", month_value, line)
        out.append(line)
    return "".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--from", dest="source", type=Path,
                        default=Path(__file__).resolve().parent.parent / "samples" / "northwind-logistics.yaml")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    lines = args.source.read_text(encoding="utf-8").splitlines(keepends=True)
    # The schema line points at the repository's schema from wherever the files land.
    lines = [l for l in lines if not l.startswith("# yaml-language-server:")]
    # A logo next to the sample is needed next to every copy.
    for line in lines:
        m = re.match(r"^\s*logo: (\S+)", line)
        if m:
            shutil.copyfile(args.source.parent / m.group(1), args.out / m.group(1))
    rng = random.Random(args.seed)
    stem = args.source.stem
    for k in range(args.count):
        (args.out / f"{stem}-{k + 1:04d}.yaml").write_text(vary(lines, k, rng), encoding="utf-8")
    print(f"wrote {args.count} accounts to {args.out}")


if __name__ == "__main__":
    main()
