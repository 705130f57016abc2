"""List every number-with-unit of a report with its context, for labelling figure gold by hand.

Blind on purpose: it prints candidate spans (from :func:`pipeline.numbers.find_quantities`)
and the words around them, never the pipeline's figure filter or predicted metric.
Spans inside table rows are marked ``T`` so a reader can skip them quickly.

    python -m benchmarks.label_figures ../shared/corpus/pingtan-depts/czj_2020.txt [...]
    python -m benchmarks.label_figures --rows labels.tsv > gold.jsonl

A labels file has one line per figure: ``file<TAB>index<TAB>metric`` (index as printed; ``file`` under
``../shared``, or a path in this repository such as ``tests/data/genre_reports/r01_ministry_2022.txt``);
``--rows`` turns it into gold rows (sha256, file, start, end, value, unit, approx, metric).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from pipeline.figures import table_ranges
from pipeline.numbers import Quantity, find_quantities
from pipeline.parse import parse

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def resolve(name: str) -> Path:
    """A labels-file name: a path under ``../shared``, or under the repository (``tests/data/genre_reports/…``)."""
    in_repo = ROOT / name
    return in_repo if name.startswith("tests/") and in_repo.exists() else SHARED / name


def candidates(path: Path) -> tuple[str, list[tuple[Quantity, bool]]]:
    """The text of ``path`` and every quantity in it, with whether it sits in a table row."""
    record = parse(path, ["sections"])
    masked = table_ranges(record.text, record.sections)
    found = find_quantities(record.text)
    return record.text, [(q, any(a <= q.start and q.end <= b for a, b in masked)) for q in found]


def show(path: Path, before: int = 36, after: int = 14) -> None:
    text, found = candidates(path)
    print(f"## {path}")
    for i, (q, in_table) in enumerate(found):
        left = text[max(0, q.start - before) : q.start].replace("\n", "⏎")
        right = text[q.end : q.end + after].replace("\n", "⏎")
        mark = "T" if in_table else " "
        print(f"{i:3} {mark} {left}【{q.text}】{right}")


def rows(labels: Path) -> None:
    cache: dict[str, tuple[str, list[tuple[Quantity, bool]]]] = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, index, metric = line.split("\t")[:3]
        path = resolve(name)
        if name not in cache:
            cache[name] = candidates(path)
        q = cache[name][1][int(index)][0]
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        row = {"sha256": sha, "file": name, "start": q.start, "end": q.end, "value": q.value}
        row |= {"unit": q.unit, "approx": q.approx, "metric": metric}
        print(json.dumps(row, ensure_ascii=False))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--rows", type=Path, help="labels file to turn into gold rows")
    args = ap.parse_args()
    if args.rows:
        rows(args.rows)
    for path in args.paths:
        show(path)


if __name__ == "__main__":
    main()
