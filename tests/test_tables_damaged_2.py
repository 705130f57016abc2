"""Tables from the second set of damaged layouts (:mod:`tests.damaged_reports_2`).

Every style reads exactly through its reader; the fixes each pin a general
rule (numbers one a line, thousands separators, a header in another column
order) and the tests below pin where each rule stops: a number is left null
rather than guessed.
"""

from __future__ import annotations

import pytest

from benchmarks.eval_damaged_tables import record_of
from pipeline.parse import parse_document
from pipeline.readers import text as text_reader
from pipeline.record import table_value
from pipeline.tables.split import solve
from tests.damaged_reports_2 import APPEALS, DAMAGED_2, LABELS, row_values

STAGES = ["sections", "meta", "tables", "checks"]


def _parse(text: str):
    return parse_document(text_reader.read_bytes(text.encode("utf-8"), "qinghe.txt"), STAGES)


UNREAD = {"transposed"}  # left null: see test_a_transposed_table_gives_no_wrong_number


@pytest.mark.parametrize("name", sorted(set(DAMAGED_2) - UNREAD))
def test_every_cell_of_a_damaged_table_comes_out_exactly(name):
    record, truth = record_of(name)
    wrong = {k: (table_value(record.tables, k), v) for k, v in truth.items() if table_value(record.tables, k) != v}
    assert not wrong


def test_numbers_one_a_line_are_one_cell_each_and_keep_their_spans():
    record, _ = record_of("one_cell_per_line")
    span = record.table_spans["requests.new_received.total"]
    assert record.text[span.start : span.end] == str(row_values("new_received")[6])
    assert {c.status for c in record.checks if c.id.startswith("requests.")} == {"pass"}


def test_an_eighth_number_line_in_a_row_leaves_the_row_null_not_shifted():
    text, _ = DAMAGED_2["one_cell_per_line"]()
    label = LABELS["granted"] + "\n"
    k = text.index(label) + len(label)
    text = text[:k] + "\n".join(map(str, row_values("granted")[:3])) + "\n12\n" + text[k:]  # a page number inside
    requests = _parse(text).tables["requests"]
    assert requests["granted"]["natural_person"] is None and requests["granted"]["total"] is None
    assert requests["new_received"]["total"] == row_values("new_received")[6]


def test_a_sixteenth_appeals_number_line_leaves_the_appeals_null():
    text, _ = DAMAGED_2["appeals_row_major"]()
    last = "\n".join(map(str, APPEALS)) + "\n"
    assert text.count(last) == 1
    appeals = _parse(text.replace(last, last + "7\n")).tables["appeals"]
    assert appeals is not None and set(appeals.values()) == {None}


def test_a_fifteen_digit_line_is_still_one_run_of_fifteen_cells():
    text, _ = DAMAGED_2["appeals_row_major"]()
    record = _parse(text.replace("\n".join(map(str, APPEALS)), "".join(map(str, APPEALS))))
    assert [record.tables["appeals"][k] for k in record.tables["appeals"]] == APPEALS


def test_thousands_separators_make_one_number_and_are_never_cut():
    assert solve("3,075 615 246 123 369 0 4,428", 7, lambda v: sum(v[:6]) == v[6]) == [
        [3075, 615, 246, 123, 369, 0, 4428]
    ]
    assert solve("1,107 4", 7, lambda v: True) == []  # no cut inside "1,107", none across its space


def test_a_comma_not_followed_by_three_digits_still_separates_runs():
    from pipeline.tables.layout import glued_tokens

    assert [t.text for t in glued_tokens("合计 25,5 2,100", 0) if t.glued] == ["25", "5 2,100"]


def test_columns_printed_total_first_follow_the_header_with_a_warning():
    record, _ = record_of("total_first")
    assert record.tables["requests"]["granted"]["total"] == row_values("granted")[6]
    assert any("columns read in the header's order (总计 自然人" in w for w in record.warnings)


def test_total_first_rows_that_do_not_add_up_are_left_null():
    text, _ = DAMAGED_2["total_first"]()
    values = row_values("granted")
    printed = LABELS["granted"] + "\t" + "\t".join(map(str, [values[-1], *values[:-1]]))
    assert printed in text
    broken = printed.replace(f"\t{values[-1]}\t", f"\t{values[-1] + 1}\t", 1)
    record = _parse(text.replace(printed, broken))
    requests = record.tables["requests"]
    assert all(v is None for row in requests.values() for v in row.values())
    assert any("rows do not add up; left null" in w for w in record.warnings)


def test_total_first_with_run_together_digits_is_left_null():
    text, _ = DAMAGED_2["total_first"]()
    values = row_values("granted")
    printed = LABELS["granted"] + "\t" + "\t".join(map(str, [values[-1], *values[:-1]]))
    glued = LABELS["granted"] + "".join(map(str, [values[-1], *values[:-1]]))
    record = _parse(text.replace(printed, glued))
    assert record.tables["requests"]["granted"]["total"] is None
    assert record.tables["requests"]["partially_granted"]["total"] == row_values("partially_granted")[6]


def test_a_page_number_line_before_the_appeals_row_is_not_its_first_cell():
    text, _ = DAMAGED_2["thousands_spaced"]()
    row = "\t".join(map(str, APPEALS))
    appeals = "四、政府信息公开行政复议、行政诉讼情况\n"
    assert appeals + row in text
    record = _parse(text.replace(appeals + row, appeals + "5\n" + row))
    assert [record.tables["appeals"][k] for k in record.tables["appeals"]] == APPEALS


def test_bold_markdown_cells_read_with_the_span_on_the_digits():
    record, _ = record_of("markdown_bold_totals")
    span = record.table_spans["requests.total_processed.total"]
    assert record.text[span.start : span.end] == str(row_values("total_processed")[6])


def test_a_transposed_table_gives_no_wrong_number():
    record, truth = record_of("transposed")
    assert not [k for k, v in truth.items() if table_value(record.tables, k) not in (None, v)]
