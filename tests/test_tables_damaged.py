"""Tables from damaged layouts: rows placed by the form's order, evidence in warnings.

The reports are made up (:mod:`tests.damaged_reports`); each reproduces one
damage seen in real reports.
"""

from __future__ import annotations

import pytest

from pipeline.parse import parse_document
from pipeline.record import table_value
from pipeline.tables.extract import extract_requests
from pipeline.tables.layout import text_rows
from pipeline.tables.placement import similarity
from tests.damaged_reports import DAMAGED, LABELS, ROWS, markdown_apart, row_values
from tests.test_tables import STAGES, doc_of


def _parse(text: str):
    return parse_document(doc_of(text), STAGES)


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_every_cell_of_a_damaged_table_comes_out_exactly(name):
    text, truth = DAMAGED[name]()
    record = _parse(text)
    wrong = {k: (table_value(record.tables, k), v) for k, v in truth.items() if table_value(record.tables, k) != v}
    assert not wrong


@pytest.mark.parametrize("name", ["typo_tsv", "typo_flattened"])
def test_a_misprinted_label_takes_its_place_with_the_evidence_named(name):
    text, _ = DAMAGED[name]()
    record = _parse(text)
    placed = [w for w in record.warnings if w.startswith("requests row denied_prohibited_by_law: placed")]
    assert len(placed) == 1
    assert "between denied_state_secret and denied_security_stability" in placed[0]
    assert "2.其他法律行政止公开" in placed[0] and "similar" in placed[0] and "sums hold" in placed[0]
    status = {c.id: c.status for c in record.checks if c.id.startswith("requests.")}
    assert set(status.values()) == {"pass"}


def test_labels_printed_apart_from_their_values_are_paired_in_order():
    record = _parse(markdown_apart()[0])
    apart = [w for w in record.warnings if "printed apart" in w]
    assert len(apart) == len(ROWS) - 4  # every outcome row; the balance rows carry their labels
    assert all("sums hold" in w for w in apart)
    span = record.table_spans["requests.granted.commercial"]
    assert record.text[span.start : span.end] == str(row_values("granted")[1])


def test_labels_apart_with_a_value_row_missing_stay_null_with_a_warning():
    lines = markdown_apart()[0].split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.startswith("|  | 3 | 0 | 0"))  # partially_granted's values
    text = "\n".join(lines[:k] + lines[k + 1 :])
    record = _parse(text)
    assert record.tables["requests"]["granted"]["total"] is None
    assert any("without a unique place; left null" in w for w in record.warnings)


def test_placement_by_order_alone_is_undone_when_the_sums_contradict_it():
    text = markdown_apart()[0]
    lines = text.split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.startswith(f"| {LABELS['total_processed']}"))
    lines[k] = lines[k].replace("| 25 |", "| 26 |", 1)  # the printed total no longer adds up
    record = _parse("\n".join(lines))
    assert record.tables["requests"]["granted"]["natural_person"] is None
    assert any("placed by order alone" in w and "left null" in w for w in record.warnings)


def test_seven_digits_read_as_seven_cells_and_the_row_check_fails():
    text, _ = DAMAGED["seven_digits"]()
    record = _parse(text)
    row = record.tables["requests"]["rejected_publication"]
    assert [row[c] for c in row] == [5, 1, 0, 0, 0, 0, 0]
    assert any("'5100000' have one reading" in w for w in record.warnings)
    status = {c.id: c.status for c in record.checks}
    assert status["requests.columns.rejected_publication"] == "fail"


def test_a_fifteen_digit_appeals_run_is_read_one_digit_each():
    text = DAMAGED["typo_tsv"]()[0].replace("1\t0\t0\t0\t1\t2\t1\t0\t0\t3\t0\t0\t0\t0\t0", "100000000000000")
    record = _parse(text)
    assert record.tables["appeals"]["review_upheld"] == 1 and record.tables["appeals"]["review_total"] == 0
    assert {c.id: c.status for c in record.checks}["appeals.totals.review"] == "fail"


def test_a_page_number_between_value_rows_is_not_a_row():
    text = markdown_apart()[0]
    start = text.index("三、收到")
    table, cells = extract_requests(text_rows(text[start:], start))
    assert table is not None and table["rejected_petition"]["total"] == row_values("rejected_petition")[6]


def test_label_similarity_ignores_list_markers_and_prefers_the_right_row():
    assert similarity("（2）其他法律行政止公开", "denied_prohibited_by_law") > 0.8
    assert similarity("（2）其他法律行政止公开", "denied_state_secret") < 0.5


def test_a_row_printed_without_its_label_takes_the_one_free_place_when_the_sums_hold():
    text = DAMAGED["typo_tsv"]()[0].replace("2.其他法律行政止公开\t", "\t")
    record = _parse(text)
    assert record.tables["requests"]["denied_prohibited_by_law"]["natural_person"] == 2
    note = next(w for w in record.warnings if w.startswith("requests row denied_prohibited_by_law: placed"))
    assert "as many value rows as places" in note and "sums hold" in note and "similar" not in note


DISCLOSURE_ROWS = [
    "二、主动公开政府信息情况",
    "\t信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    "\t规章\t1\t0\t6",
    "\t行政规苑性文件\t4\t2\t38",
    "\t行政许叮\t\t\t120",
    "\t行政处罚\t\t\t45",
    "\t行政强制\t\t\t3",
    "\t行政事业性收费\t\t\t2.5",
]


def test_a_misprinted_disclosure_label_takes_its_row_when_it_is_clearly_closest():
    from tests.damaged_reports import HEAD, TAIL

    record = _parse(HEAD + "\n".join(DISCLOSURE_ROWS) + "\n" + TAIL)
    d = record.tables["disclosure"]
    assert (d["normative_issued"], d["normative_repealed"], d["normative_in_force"]) == (4, 2, 38)
    assert (d["licensing_decisions"], d["penalty_decisions"]) == (120, 45)
    notes = [w for w in record.warnings if w.startswith("disclosure row")]
    assert len(notes) == 2 and "'行政规苑性文件' is 0.86 similar to the printed '行政规范性文件'" in notes[0]


def test_a_two_character_label_too_garbled_to_tell_stays_null():
    from tests.damaged_reports import HEAD, TAIL

    rows = [r.replace("\t规章\t", "\t规草\t") for r in DISCLOSURE_ROWS]
    d = _parse(HEAD + "\n".join(rows) + "\n" + TAIL).tables["disclosure"]
    assert d["rules_issued"] is None and d["normative_in_force"] == 38


@pytest.mark.parametrize("name", ["typo_flattened", "markdown_apart", "markdown_split_row", "seven_digits"])
def test_rendered_damage_files_read_through_the_readers_come_out_exactly(name):
    from pathlib import Path

    from pipeline import parse

    path = Path(__file__).resolve().parent / "fixtures" / f"qinghe_2023_{name}.md"
    text, truth = DAMAGED[name]()
    assert path.read_text(encoding="utf-8") == text  # rendered by tests/fixtures/make_damaged.py
    record = parse(path)
    assert {k: table_value(record.tables, k) for k in truth} == truth


def test_values_on_the_line_after_each_label_stay_read_when_one_row_lost_a_cell():
    from tests.damaged_reports import _report

    lines = ["三、收到和处理政府信息公开申请情况"]
    for name in ROWS:
        values = row_values(name)
        lines.append(LABELS[name])
        lines.append("\t".join(map(str, values[:-1] if name == "denied_third_party" else values)))
    record = _parse(_report("\n".join(lines)))
    requests = record.tables["requests"]
    assert requests["denied_third_party"]["natural_person"] is None
    assert [requests["denied_internal_affairs"][c] for c in requests["granted"]] == row_values(
        "denied_internal_affairs"
    )
    assert [requests["granted"][c] for c in requests["granted"]] == row_values("granted")


def test_order_does_not_override_a_label_that_names_another_row():
    from tests.damaged_reports import _report

    lines = ["三、收到和处理政府信息公开申请情况"]
    for name in ROWS:
        printed = LABELS[name]
        if name == "denied_state_secret":
            printed = "1.属于国家秘"  # garbled, still closest to its own row
        if name == "denied_prohibited_by_law":
            continue  # this row is not printed at all: its place stays free
        lines.append(printed + "\t" + "\t".join(map(str, row_values(name))))
    record = _parse(_report("\n".join(lines)))
    requests = record.tables["requests"]
    assert requests["denied_state_secret"]["total"] == 0
    assert requests["denied_prohibited_by_law"]["total"] is None


def test_pairing_in_order_is_refused_when_a_row_label_names_the_other_place():
    from tests.damaged_reports import _report

    lines = ["三、收到和处理政府信息公开申请情况"]
    for name in ROWS:
        values = "\t".join(map(str, row_values(name)))
        if name == "denied_state_secret":
            lines.append("2.其他法律行政止公开\t" + "\t".join(map(str, row_values("denied_prohibited_by_law"))))
            lines.append("\t" + values)  # printed second, without a label
        elif name != "denied_prohibited_by_law":
            lines.append(LABELS[name] + "\t" + values)
    record = _parse(_report("\n".join(lines)))
    requests = record.tables["requests"]
    assert requests["denied_prohibited_by_law"]["natural_person"] == 2
    assert requests["denied_state_secret"]["total"] is None
    assert any("without a unique place; left null" in w for w in record.warnings)
