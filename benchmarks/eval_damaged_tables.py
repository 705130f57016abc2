"""Cell accuracy on the made-up damaged tables of :mod:`tests.damaged_reports_2`.

Each report is read through its reader (text or HTML) and parsed up to the
tables; a cell is right when it equals the truth (a None truth is right only
as None) and wrong when it is a number that differs from the truth (a wrong
number is worse than a missing one).

    python -m benchmarks.eval_damaged_tables

Scores (right / truth cells; wrong non-null cells when any), 2026-11-30.  The first
ten styles were scored before any fix; the second batch of six was written after
the first fixes and scored before its own:

=======================  ===================  ===================
style                    first (no fix)       after fixes
=======================  ===================  ===================
one_cell_per_line        0/175                175/175
thousands_spaced         154/175              175/175
header_split             175/175              175/175
mixed_blanks             175/175              175/175
appeals_row_major        0/15                 15/15
unnumbered_labels        175/175              175/175
total_first              116/175, 59 wrong    175/175
fullwidth_digits         190/190              190/190
page_break_repeat        175/175              175/175
html_spans               190/190              190/190
disclosure_one_per_line  10/10                10/10
pdf_layout_wrapped       175/175              175/175
appeals_header_blanks    15/15                15/15
html_label_rows_apart    175/175              175/175
transposed               0/175                0/175 (left null)
markdown_bold_totals     0/175                175/175
all (first ten)          1350/1620, 59 wrong  1620/1620
all (sixteen)            --                   2170/2345, 0 wrong
=======================  ===================  ===================
"""

from __future__ import annotations

from pipeline.parse import parse_document
from pipeline.readers import html as html_reader
from pipeline.readers import text as text_reader
from pipeline.record import Record, table_value
from tests.damaged_reports_2 import DAMAGED_2, FORMATS

STAGES = ["sections", "meta", "tables", "checks"]


def record_of(name: str) -> tuple[Record, dict[str, int | None]]:
    text, truth = DAMAGED_2[name]()
    fmt = FORMATS.get(name, "txt")
    reader = html_reader if fmt == "html" else text_reader
    doc = reader.read_bytes(text.encode("utf-8"), f"qinghe_{name}.{fmt}")
    return parse_document(doc, STAGES), truth


def score(name: str) -> tuple[int, int, int]:
    """(right, wrong non-null, truth cells) for one damage style."""
    record, truth = record_of(name)
    right = wrong = 0
    for key, want in truth.items():
        got = table_value(record.tables, key)
        if got == want:
            right += 1
        elif got is not None:
            wrong += 1
    return right, wrong, len(truth)


def main() -> None:
    total = [0, 0, 0]
    print(f"{'style':<20} {'right':>11} {'wrong':>6}")
    for name in DAMAGED_2:
        right, wrong, n = score(name)
        total = [total[0] + right, total[1] + wrong, total[2] + n]
        print(f"{name:<20} {right:>4}/{n:<4} {right / n:>4.0%} {wrong:>4}")
    print(f"{'all':<20} {total[0]:>4}/{total[2]:<4} {total[0] / total[2]:>4.0%} {total[1]:>4}")


if __name__ == "__main__":
    main()
