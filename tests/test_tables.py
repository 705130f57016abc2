"""The three standard tables from every form they arrive in.

Small tables are written here; real reports are read from ../shared and
only their numbers appear below (checked by hand against the files).
"""

from __future__ import annotations

import pytest

from pipeline import parse
from pipeline.document import Block, Cell, Document, Grid
from pipeline.parse import parse_document
from pipeline.tables.cells import parse_cell
from pipeline.tables.labels import APPEAL_KEYS, REQUEST_COLUMNS, REQUEST_ROWS
from pipeline.tables.split import Undecidable, appeals_rule, row_total_rule, solve, splits

STAGES = ["sections", "meta", "tables", "checks"]
HEAD = "云溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
TAIL = "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n"
ROW_LABELS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "(一)予以公开",
    "(二)部分公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "(七)总计",
    "四、结转下年度继续办理",
]
# a consistent requests table we made up: row -> (natural person, commercial)
OURS = {
    "new_received": (40, 2),
    "carried_over": (3, 0),
    "granted": (20, 1),
    "partially_granted": (5, 0),
    "denied_internal_affairs": (2, 0),
    "unavailable_not_held": (8, 1),
    "rejected_duplicate": (1, 0),
    "other_misc": (3, 0),
    "total_processed": (39, 2),
    "carried_forward": (4, 0),
}


def our_row(name: str) -> list[int]:
    a, b = OURS.get(name, (0, 0))
    return [a, b, 0, 0, 0, 0, a + b]


def doc_of(text: str, grids: list[Grid] | None = None) -> Document:
    blocks = [Block("text", 0, len(text))] + [Block("table", g.start, g.end, grid=g) for g in grids or []]
    return Document(path="mem.txt", format="txt", text=text, blocks=blocks)


def tsv_report(blank: tuple[str, int] | None = None) -> str:
    lines = ["三、收到和处理政府信息公开申请情况", "\t\t申请人情况\t\t\t\t\t\t总计\t"]
    for (name, _), label in zip(REQUEST_ROWS, ROW_LABELS):
        cells = [str(v) for v in our_row(name)]
        if blank and blank[0] == name:
            cells[blank[1]] = ""
        lines.append(f"{label}\t\t" + "\t".join(cells) + "\t")
    return (
        HEAD
        + "二、主动公开政府信息情况\n"
        + "\n".join(lines)
        + "\n四、政府信息公开行政复议、行政诉讼情况\n"
        + ("\t".join(["1", "0", "0", "1", "2"] + ["0"] * 4 + ["0", "0", "1", "0", "0", "1"]) + "\n" + TAIL)
    )


def test_requests_from_tab_separated_rows():
    record = parse_document(doc_of(tsv_report()), STAGES)
    requests = record.tables["requests"]
    assert list(requests) == [r for r, _ in REQUEST_ROWS]
    for name, _ in REQUEST_ROWS:
        assert [requests[name][c] for c in REQUEST_COLUMNS] == our_row(name), name
    assert record.tables["appeals"]["review_total"] == 2
    assert record.tables["appeals"]["suit_after_review_total"] == 1
    assert {c.status for c in record.checks if c.id.startswith(("requests", "appeals"))} == {"pass"}


def test_blank_cell_is_null_not_zero_and_makes_checks_unknown():
    record = parse_document(doc_of(tsv_report(blank=("granted", 1))), STAGES)
    assert record.tables["requests"]["granted"]["commercial"] is None
    assert record.tables["requests"]["granted"]["research"] == 0
    status = {c.id: c.status for c in record.checks}
    assert status["requests.outcomes.commercial"] == "unknown"
    assert status["requests.columns.granted"] == "unknown"
    assert status["requests.outcomes.natural_person"] == "pass"


def test_tables_are_found_when_their_section_headings_are_missing():
    text = (
        tsv_report()
        .replace("三、收到和处理政府信息公开申请情况\n", "")
        .replace("四、政府信息公开行政复议、行政诉讼情况\n", "")
    )
    record = parse_document(doc_of(text), STAGES)
    assert [s.number for s in record.sections] == [1, 2, 5, 6]
    requests = record.tables["requests"]
    assert [requests["carried_forward"][c] for c in REQUEST_COLUMNS] == our_row("carried_forward")
    assert record.tables["appeals"]["suit_after_review_total"] == 1
    assert any("section 3 not found" in w for w in record.warnings)


def test_table_spans_point_at_the_printed_digits():
    text = tsv_report()
    record = parse_document(doc_of(text), STAGES)
    span = record.table_spans["requests.new_received.natural_person"]
    assert text[span.start : span.end] == "40"
    span = record.table_spans["appeals.review_total"]
    assert text[span.start : span.end] == "2"


def test_inconsistent_table_fails_the_balance_check():
    text = tsv_report().replace("\t4\t0\t0\t0\t0\t0\t4\t", "\t5\t0\t0\t0\t0\t0\t5\t")  # carried forward 4 -> 5
    record = parse_document(doc_of(text), STAGES)
    check = next(c for c in record.checks if c.id == "requests.balance.natural_person")
    assert check.status == "fail"
    assert "43" in check.message and "44" in check.message


def test_flattened_html_one_cell_per_line_with_pipes():
    body = [
        "二、主动公开政府信息情况",
        "规章 |",
        "0 |",
        "0 |",
        "2 |",
        "行政规范性文件 |",
        "/ |",
        "1 |",
        "—",
        "|",
        "行政许可 |",
        "12 |",
        "||",
    ]
    text = (
        HEAD + "\n".join(body) + "\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n" + TAIL
    )
    record = parse_document(doc_of(text), STAGES)
    d = record.tables["disclosure"]
    assert (d["rules_issued"], d["rules_repealed"], d["rules_in_force"]) == (0, 0, 2)
    assert (d["normative_issued"], d["normative_repealed"], d["normative_in_force"]) == (None, 1, None)
    assert d["licensing_decisions"] == 12
    assert d["penalty_decisions"] is None


def test_tab_separated_null_markers_stay_null_and_zero_stays_zero():
    rows = [
        "二、主动公开政府信息情况",
        "\t信息内容\t本年制发件数\t本年废止件数\t现行有效件数\t",
        "\t规章\t/\t—\t0\t",
        "\t行政规范性文件\t-\t无\t\t",
        "\t行政许可\t\t\t0\t",
    ]
    text = HEAD + "\n".join(rows) + "\n" + TAIL
    d = parse_document(doc_of(text), STAGES).tables["disclosure"]
    assert (d["rules_issued"], d["rules_repealed"], d["rules_in_force"]) == (None, None, 0)
    assert (d["normative_issued"], d["normative_repealed"], d["normative_in_force"]) == (None, None, None)
    assert d["licensing_decisions"] == 0 and d["penalty_decisions"] is None


def test_single_line_pipe_rows_without_separator():
    text = HEAD + "二、主动公开政府信息情况\n| 规章 | 0 | / | 3 |\n| 行政处罚 | 17 |\n" + TAIL
    d = parse_document(doc_of(text), STAGES).tables["disclosure"]
    assert (d["rules_issued"], d["rules_repealed"], d["rules_in_force"], d["penalty_decisions"]) == (0, None, 3, 17)


def test_markdown_pipe_table():
    md = [
        "## 二、主动公开政府信息情况",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "|---|---|---|---|",
        "| 规章 | 1 | 0 | 5 |",
        "| 行政规范性文件 | 3 | 2 | 40 |",
        "| 行政事业性收费 | 12.5 | | |",
    ]
    text = HEAD + "\n".join(md) + "\n" + TAIL
    d = parse_document(doc_of(text), STAGES).tables["disclosure"]
    assert (d["rules_issued"], d["rules_in_force"], d["normative_in_force"]) == (1, 5, 40)
    assert d["admin_fees_10k_yuan"] == 12.5


def test_run_together_digits_are_split_by_the_arithmetic():
    flat = "".join(f"{label}{''.join(map(str, our_row(name)))}" for (name, _), label in zip(REQUEST_ROWS, ROW_LABELS))
    text = (
        HEAD + "二、主动公开政府信息情况第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数规章000"
        "三、收到和处理政府信息公开申请情况申请人情况自然人总计"
        + flat
        + "四、政府信息公开行政复议、行政诉讼情况行政复议总计"
        + "100120000000000"
        + TAIL
    )
    record = parse_document(doc_of(text), STAGES)
    requests = record.tables["requests"]
    for name, _ in REQUEST_ROWS:
        assert [requests[name][c] for c in REQUEST_COLUMNS] == our_row(name), name
    assert record.tables["disclosure"]["rules_in_force"] == 0
    assert record.tables["appeals"]["review_total"] == 2
    span = record.table_spans["requests.new_received.natural_person"]
    assert text[span.start : span.end] == "40"


def test_ambiguous_run_together_digits_stay_null_with_a_warning():
    text = HEAD + "二、主动公开政府信息情况信息内容本年制发件数规章000行政规范性文件5845546行政许可77三、收到" + TAIL
    record = parse_document(doc_of(text), STAGES)
    d = record.tables["disclosure"]
    assert d["normative_issued"] is None and d["normative_in_force"] is None
    assert d["licensing_decisions"] == 77
    assert any("5845546" in w and "ambiguous" in w for w in record.warnings)


def test_requests_row_left_null_when_the_whole_table_cannot_decide_its_digits():
    # "330000033" reads as 33+0+…=33 or 3+30+…=33; with every such row ambiguous in the same way,
    # balance and outcome sums fit both readings, so nothing is guessed.
    runs = {"new_received": "330000033", "granted": "330000033", "total_processed": "330000033"}
    flat = "".join(f"{label}{runs.get(name, '0000000')}" for (name, _), label in zip(REQUEST_ROWS, ROW_LABELS))
    text = HEAD + "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况" + flat + "\n" + TAIL
    record = parse_document(doc_of(text), STAGES)
    requests = record.tables["requests"]
    for name in runs:
        assert set(requests[name].values()) == {None}, name
        assert any(f"requests row {name}:" in w and "330000033" in w for w in record.warnings), name
    assert requests["carried_over"]["total"] == 0
    status = {c.id: c.status for c in record.checks}
    assert status["requests.columns.new_received"] == "unknown"
    assert status["requests.balance.total"] == "unknown"


def test_split_solver_uses_spaces_and_the_sum_rules():
    assert solve("15130000154", 7, row_total_rule) == [[151, 3, 0, 0, 0, 0, 154]]
    assert solve("20 0 00 0 121", 7, row_total_rule) == [[20, 0, 0, 0, 0, 1, 21]]
    assert len(solve("330000033", 7, row_total_rule)) == 2  # needs the column rules to decide
    assert solve("25380363300630003", 15, appeals_rule) == [[25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("171", 171),
        ("302.3932", 302.3932),
        ("1,234", 1234),
        ("/", None),
        ("—", None),
        ("", None),
        ("无", None),
        ("-15", -15),
    ],
)
def test_cell_values_keep_zero_and_null_apart(text, value):
    assert parse_cell(text) == value


def _pdf_like_grid(text: str, start: int) -> Grid:
    """A requests grid shaped like pdfplumber output: merged label cells, the
    table continued on a second page with a blank first column."""
    rows = [
        ["(本列数据的勾稽关系为…)", "", "", "申请人情况", "", "", "", "", "", ""],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
    ]
    for (name, _), label in zip(REQUEST_ROWS, ROW_LABELS):
        parent = "三、\n本\n年\n度" if name not in ("new_received", "carried_over", "carried_forward") else label
        rows.append([parent, label, label] + [str(v) for v in our_row(name)])
    cells = [[Cell(t, start, start + 1) for t in row] for row in rows]
    return Grid(rows=cells, page=4, start=start, end=start + 10)


def test_requests_from_a_real_grid_with_merged_cells():
    text = (
        HEAD
        + "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n[table]\n四、政府信息公开行政复议、行政诉讼情况\n"
        + TAIL
    )
    grid = _pdf_like_grid(text, text.index("[table]"))
    record = parse_document(doc_of(text, [grid]), STAGES)
    requests = record.tables["requests"]
    for name, _ in REQUEST_ROWS:
        assert [requests[name][c] for c in REQUEST_COLUMNS] == our_row(name), name


def test_legacy_reports_have_no_standard_tables():
    text = (
        "云溪县人民政府2012年政府信息公开工作年度报告\n一、概述\n正文。\n二、主动公开政府信息情况\n共公开信息100条。\n"
    )
    record = parse_document(doc_of(text), STAGES)
    assert record.tables == {"disclosure": None, "requests": None, "appeals": None}
    assert {c.status for c in record.checks if c.id in ("requests", "appeals", "structure")} == {"unknown"}


# --- real reports (numbers checked by hand against ../shared) -------------------------------

SEED_REQUESTS = {
    "000": {
        "new_received": 171,
        "carried_over": 1,
        "granted": 92,
        "partially_granted": 1,
        "denied_process_info": 1,
        "denied_admin_query": 1,
        "unavailable_not_held": 67,
        "other_no_correction": 1,
        "other_misc": 7,
        "total_processed": 170,
        "carried_forward": 2,
    },
    "001": {"new_received": 2, "granted": 1, "denied_internal_affairs": 1, "total_processed": 2},
    "002": {},
    "003": {
        "new_received": 21,
        "granted": 13,
        "partially_granted": 1,
        "denied_internal_affairs": 2,
        "unavailable_not_held": 1,
        "other_no_correction": 1,
        "other_misc": 3,
        "total_processed": 21,
    },
    "004": {},
}
SEED_APPEALS = {
    "000": {"review_upheld": 1, "review_other": 1, "review_total": 2},
    "001": {},
    "002": {},
    "004": {},
    "003": {
        "review_corrected": 3,
        "review_total": 3,
        "suit_direct_pending": 1,
        "suit_direct_total": 1,
        "suit_after_review_other": 1,
        "suit_after_review_total": 1,
    },
}
SEED_DISCLOSURE = {
    "000": {
        "normative_issued": 25,
        "normative_in_force": 69,
        "licensing_decisions": 25573,
        "penalty_decisions": 1728,
        "coercion_decisions": 57,
        "admin_fees_10k_yuan": 302.3932,
    },
    "001": {
        "normative_issued": 21,
        "normative_repealed": 9,
        "normative_in_force": 73,
        "licensing_decisions": 46850,
        "penalty_decisions": 1282,
        "coercion_decisions": 118,
        "admin_fees_10k_yuan": 3351.29,
    },
    "002": {},
    "004": {},
    "003": {"normative_issued": 3, "normative_in_force": 3},
}


def test_every_seed_table_cell_comes_out_exactly(seed_paths):
    for path in seed_paths:
        seed = path.name[:3]
        tables = parse(path, STAGES).tables
        for row, cols in tables["requests"].items():
            # in every seed only natural persons applied, so each row is (n, 0, 0, 0, 0, 0, n)
            n = SEED_REQUESTS[seed].get(row, 0)
            assert [cols[c] for c in REQUEST_COLUMNS] == [n, 0, 0, 0, 0, 0, n], (seed, row)
        assert len(tables["requests"]) == 25
        assert tables["appeals"] == {k: SEED_APPEALS[seed].get(k, 0) for k in APPEAL_KEYS}, seed
        assert set(tables["disclosure"]) == {
            "rules_issued",
            "rules_repealed",
            "rules_in_force",
            "normative_issued",
            "normative_repealed",
            "normative_in_force",
            "licensing_decisions",
            "penalty_decisions",
            "coercion_decisions",
            "admin_fees_10k_yuan",
        }
        for key, value in tables["disclosure"].items():
            expected = SEED_DISCLOSURE[seed].get(key, 0)
            assert value == expected and type(value) is type(expected), (seed, key, value)


def test_every_seed_check_passes_except_the_misstated_year(seed_paths):
    for path in seed_paths:
        record = parse(path, STAGES)
        failed = {c.id for c in record.checks if c.status != "pass"}
        # seed 004 states a 2023 figure as the 2024 reporting year's work
        assert failed == ({"year"} if path.name.startswith("004") else set()), (path.name, failed)


def test_pingtan_run_together_tables(pingtan_paths):
    by_year = {p.name.split("平潭综合实验区")[-1][:4]: p for p in pingtan_paths}
    r2025 = parse(by_year["2025"], STAGES)
    req = r2025.tables["requests"]
    assert [req["new_received"][c] for c in REQUEST_COLUMNS] == [151, 3, 0, 0, 0, 0, 154]
    assert [req["unavailable_not_held"][c] for c in REQUEST_COLUMNS] == [49, 1, 0, 0, 0, 0, 50]
    assert [req["carried_forward"][c] for c in REQUEST_COLUMNS] == [4, 2, 0, 0, 0, 0, 6]
    assert [r2025.tables["appeals"][k] for k in APPEAL_KEYS] == [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]
    assert r2025.tables["disclosure"]["licensing_decisions"] == 2418
    assert r2025.tables["disclosure"]["normative_issued"] is None  # "5845546" has many readings
    for year in ("2019", "2022", "2023", "2025"):
        record = r2025 if year == "2025" else parse(by_year[year], STAGES)
        assert {c.status for c in record.checks if c.id.startswith(("requests", "appeals"))} == {"pass"}, year
    r2022 = parse(by_year["2022"], STAGES)
    req = r2022.tables["requests"]
    assert {r: [req[r][c] for c in REQUEST_COLUMNS] for r in req if req[r]["total"]} == {
        "new_received": [71, 3, 0, 0, 0, 0, 74],
        "carried_over": [1, 0, 0, 0, 0, 0, 1],
        "granted": [21, 0, 0, 0, 0, 0, 21],
        "partially_granted": [8, 1, 0, 0, 0, 0, 9],
        "denied_internal_affairs": [1, 0, 0, 0, 0, 0, 1],
        "denied_process_info": [2, 0, 0, 0, 0, 0, 2],
        "denied_enforcement_file": [1, 0, 0, 0, 0, 0, 1],
        "unavailable_not_held": [37, 0, 0, 0, 0, 0, 37],
        "other_no_correction": [2, 0, 0, 0, 0, 0, 2],
        "other_misc": [0, 2, 0, 0, 0, 0, 2],
        "total_processed": [72, 3, 0, 0, 0, 0, 75],
    }
    assert all(v == 0 for r in req for v in req[r].values() if not req[r]["total"])
    assert [r2022.tables["appeals"][k] for k in APPEAL_KEYS] == [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    d = r2022.tables["disclosure"]
    assert (d["rules_issued"], d["licensing_decisions"], d["penalty_decisions"], d["coercion_decisions"]) == (
        0,
        10690,
        2113,
        0,
    )
    assert d["admin_fees_10k_yuan"] == 9116.36
    r2019 = parse(by_year["2019"], STAGES)
    req = r2019.tables["requests"]
    assert list(req) == [r for r, _ in REQUEST_ROWS[:20]] + ["other", "total_processed", "carried_forward"]
    assert {r: req[r]["natural_person"] for r in req if req[r]["total"]} == {
        "new_received": 23, "granted": 7, "partially_granted": 1, "unavailable_not_held": 7, "unavailable_unclear": 5,
        "rejected_duplicate": 3, "total_processed": 23,
    }  # fmt: skip
    assert all(req[r]["total"] == req[r]["natural_person"] for r in req)
    assert set(r2019.tables["appeals"].values()) == {0}
    # the 2019-format disclosure rows are digit runs with no sum rule: unreadable ones stay null, with a warning
    assert r2019.tables["disclosure"]["rules_total"] == 0 and r2019.tables["disclosure"]["normative_total"] is None
    assert any("normative_new" in w and "ambiguous" in w for w in r2019.warnings)
    r2020 = parse(by_year["2020"], STAGES)
    assert "other" in r2020.tables["requests"] and "other_misc" not in r2020.tables["requests"]  # 2019 format
    assert r2020.tables["disclosure"]["fees_items_prev"] == 35
    assert r2020.tables["disclosure"]["fees_items_change"] == -15
    # The 2020 report itself is inconsistent: its outcome rows add up to 27 (7+6+4+3+3+4) for 21 processed.
    failed = {c.id for c in r2020.checks if c.status == "fail"}
    assert failed == {"requests.outcomes.natural_person", "requests.outcomes.total"}


def test_a_run_with_too_many_cuts_is_undecidable_not_a_hang():
    """Found by fuzzing: 40 digits as 15 appeal cells have ~10^10 cuts; the search stops and gives no reading."""
    assert solve("1" * 40, 15, appeals_rule) == []
    with pytest.raises(Undecidable):
        list(splits("1" * 40, 15, max_steps=1000))
    assert len(list(splits("1" * 12, 3, max_steps=1000))) == 55  # a small run is searched in full


def test_a_negative_printed_cell_is_kept_and_warned():
    from pipeline.tables import negative_cells

    tables = {
        "requests": {"new_received": {"total": -3, "commercial": 0}},
        "appeals": {"review_total": 2},
        "disclosure": {"fees_items_change": -15},  # 本年增/减: a decrease is printed negative
    }
    assert negative_cells(tables) == [
        "table cell requests.new_received.total: negative value -3 printed; a count cannot be negative"
    ]
