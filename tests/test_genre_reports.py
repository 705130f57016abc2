"""Statements end to end on whole reports we wrote in other provinces' and levels' styles.

The reports and their gold (``tests/data/genre_reports/``, written before the
pipeline ran on them) are scored by ``benchmarks/eval_genre_reports.py``; the
floors sit a little under the figures reached (see models/README.md), so a
change that loses a few statements on differently shaped reports fails here.
"""

from __future__ import annotations

from benchmarks.eval_genre_reports import HERE, gold_spans, load_gold, report_files, score_all
from pipeline.readers import read

FLOOR = {
    "split_recall": 0.95,
    "split_precision": 0.95,
    "kind_accuracy_of_found": 0.95,
    "category_accuracy_of_found": 0.93,
    "right": 0.93,
}


def test_every_gold_statement_is_in_a_written_report():
    names = {p.name for p in report_files()}
    for name, rows in load_gold().items():
        assert name in names
        text = read(HERE / name).text
        spans = gold_spans(text, rows)
        assert [text[g.start : g.end] for g in spans] == [text[g.start : g.end].strip("，。；、 ") for g in spans]


def test_written_reports_score_above_the_floor():
    total, reports = score_all()
    figures = total.figures()
    assert figures["gold"] >= 100 and len(reports) >= 12
    low = {k: (figures[k], v) for k, v in FLOOR.items() if figures[k] < v}
    assert not low, "\n".join(["below the floor: " + repr(low)] + [m for r in reports for m in r.misses])
