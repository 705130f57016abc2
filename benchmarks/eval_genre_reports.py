"""Statements end to end on whole reports we wrote in other provinces' styles.

``tests/data/genre_reports/`` holds whole reports (txt and html) written by us
for this test in the styles of other provinces and levels (ministry, province
department, city, county, street, township, development zone, tax, police,
medical insurance, customs …); ``gold.jsonl`` holds their gold statements
(``report``, ``text``, ``kind``, ``category``), written before the pipeline
was run on them.  They are never trained on.

Each report goes through :func:`pipeline.parse` (sections, paragraphs,
splitter, kind rules, models: the shipped path) and is scored like the
training evaluation (:func:`pipeline.training.statement_eval.score_doc`):
*found* = one predicted statement overlaps the gold span with IoU >= 0.6,
*right* = found with the gold kind and, for problems and plans, category.

    python -m benchmarks.eval_genre_reports [--misses] [--json] [--batch r|s|t|u]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.normalise import normalise
from pipeline.training.statement_eval import Gold, Tally, match, score_doc

HERE = Path(__file__).resolve().parent.parent / "tests" / "data" / "genre_reports"


@dataclass
class ReportScore:
    report: str
    tally: Tally
    misses: list[str]  # one line per gold not right and per prediction matching no gold


def load_gold(folder: Path = HERE) -> dict[str, list[dict]]:
    """Report file name -> its gold rows, in reading order."""
    out: dict[str, list[dict]] = {}
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.setdefault(row["report"], []).append(row)
    return out


def gold_spans(text: str, rows: list[dict]) -> list[Gold]:
    """Gold statements with offsets into the record's text, each found after the one before."""
    out: list[Gold] = []
    pos = 0
    for r in rows:
        needle = normalise(r["text"])
        i = text.find(needle, pos)
        if i < 0:
            raise ValueError(f"{r['report']}: gold text not in the read text: {r['text']!r}")
        out.append(Gold(i, i + len(needle), r["kind"], r.get("category")))
        pos = i + len(needle)
    return out


def _describe(text: str, gold: list[Gold], statements: list) -> list[str]:
    m = match([(g.start, g.end) for g in gold], [(s.start, s.end) for s in statements])
    lines = []
    for i, g in enumerate(gold):
        j = m.get(i)
        gtext = text[g.start : g.end]
        if j is None:
            near = [s for s in statements if s.start < g.end and g.start < s.end]
            got = " | ".join(f"[{s.kind}] {s.text}" for s in near) or "-"
            lines.append(f"  MISSED {g.kind}/{g.category}: {gtext}\n         got: {got}")
            continue
        s = statements[j]
        cat_ok = s.category == g.category if g.kind != "rectification" else s.category is None
        if s.kind != g.kind or not cat_ok:
            lines.append(f"  WRONG  {g.kind}/{g.category} -> {s.kind}/{s.category}: {gtext}")
    for j, s in enumerate(statements):
        if j not in m.values():
            lines.append(f"  EXTRA  [{s.kind}/{s.category}] {s.text}")
    return lines


def score_report(path: Path, rows: list[dict]) -> ReportScore:
    from pipeline import parse

    record = parse(path)
    gold = gold_spans(record.text, rows)
    tally, _, _ = score_doc(gold, record.statements)
    return ReportScore(path.name, tally, _describe(record.text, gold, record.statements))


def report_files(folder: Path = HERE) -> list[Path]:
    """Every written report (``r01_…``, ``s01_…`` …), those without any gold statement too."""
    return sorted(p for p in folder.glob("[a-z][0-9][0-9]_*") if p.suffix in (".txt", ".html", ".md"))


def score_all(folder: Path = HERE, batch: str = "") -> tuple[Tally, list[ReportScore]]:
    """Overall tally and per-report scores; ``batch``: only reports whose name starts with it."""
    gold = load_gold(folder)
    total = Tally()
    reports = []
    for path in report_files(folder):
        if not path.name.startswith(batch):
            continue
        r = score_report(path, gold.get(path.name, []))
        total.add(r.tally)
        reports.append(r)
    return total, reports


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="print every miss, wrong kind/category and extra")
    ap.add_argument("--json", action="store_true", help="print the overall figures as JSON")
    ap.add_argument("--batch", default="", help="only the reports whose file name starts with this (r, s, t, u)")
    args = ap.parse_args(argv)
    total, reports = score_all(batch=args.batch)
    if args.json:
        print(json.dumps(total.figures(), ensure_ascii=False))
        return
    for r in reports:
        f = r.tally
        print(f"{r.report:32} gold {f.gold:3} pred {f.pred:3} found {f.found:3} right {f.right:3}")
        if args.misses:
            print("\n".join(r.misses))
    figs = total.figures()
    print("overall:", ", ".join(f"{k} {v}" for k, v in figs.items()))


if __name__ == "__main__":
    main()
