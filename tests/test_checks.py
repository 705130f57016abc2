"""Checks give pass, fail and unknown — never pass on missing data."""

from __future__ import annotations

from pipeline.checks import appeal_checks, request_checks, structure_check, year_check
from pipeline.document import Block, Document
from pipeline.parse import parse_document
from pipeline.record import Meta, Record, SourceFile
from pipeline.tables.labels import REQUEST_COLUMNS, REQUEST_ROWS

ROW_NAMES = [r for r, _ in REQUEST_ROWS]

STAGES = ["sections", "meta", "tables", "checks"]
SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def run(text: str) -> Record:
    return parse_document(Document("mem.txt", "txt", text, [Block("text", 0, len(text))]), STAGES)


def report(body: dict[int, str] | None = None, year: int = 2023) -> str:
    body = body or {}
    parts = [f"云溪县人民政府{year}年政府信息公开工作年度报告"]
    for i, heading in enumerate(SECTIONS, 1):
        parts += [heading, body.get(i, "正文。")]
    return "\n".join(parts) + "\n"


def status(record: Record, check_id: str) -> str:
    return next(c.status for c in record.checks if c.id == check_id)


def test_structure_passes_with_six_sections_in_order():
    assert status(run(report()), "structure") == "pass"


def test_structure_fails_when_a_section_is_missing():
    text = report().replace(SECTIONS[3] + "\n", "")
    check = next(c for c in run(text).checks if c.id == "structure")
    assert check.status == "fail" and check.message == "缺少第四部分"


def test_structure_fails_when_a_section_is_duplicated_with_content():
    text = report(
        {
            5: "队伍建设有待加强，政策解读形式单一，平台互动功能不足，信息更新不及时，培训不足，考核机制不健全，需要改进。\n"
            + SECTIONS[4]
            + "\n另一段内容：公开目录需要完善，解读材料数量偏少，回应关切不够及时，基层公开专区建设滞后。"
        }
    )
    assert status(run(text), "structure") == "fail"


def test_repeated_title_and_empty_repeated_heading_do_not_fail_structure():
    text = report()
    title, rest = text.split("\n", 1)
    text = title + "\n一、总体情况\n" + title + "\n" + rest
    assert status(run(text), "structure") == "pass"


def test_structure_is_unknown_for_legacy_reports():
    record = Record(SourceFile("x", "", "txt", None, 0, None), Meta(format_version="legacy"))
    assert structure_check(record).status == "unknown"


def test_year_passes_when_statements_agree():
    record = run(report({1: "2023年，云溪县扎实推进政务公开。统计期限自2023年1月1日起至2023年12月31日止。"}))
    assert status(record, "year") == "pass"


def test_year_fails_on_a_figure_attributed_to_another_year():
    record = run(report({1: "2023年，云溪县推进政务公开。", 2: "全县于2022年共公开政府信息300条。"}))
    check = next(c for c in record.checks if c.id == "year")
    assert check.status == "fail"
    wrong = check.evidence[0]
    assert wrong.value == 2022 and record.text[wrong.start : wrong.end] == "2022"


def test_year_ignores_last_year_comparisons_document_names_and_carry_over():
    body = {
        1: "2023年，云溪县推进政务公开。针对2022年存在问题进行整改。印发《2022年政务公开工作要点》。结转到2024年办理0件。"
    }
    assert status(run(report(body)), "year") == "pass"


def test_year_is_unknown_without_a_reporting_year():
    record = Record(SourceFile("x", "", "txt", None, 0, None), Meta())
    assert year_check(record).status == "unknown"


def test_year_is_unknown_when_nothing_states_the_year():
    record = Record(SourceFile("x", "", "txt", None, 0, None), Meta(year=2023), text="一、总体情况\n正文。\n")
    check = year_check(record)
    assert check.status == "unknown" and "2023" in check.message


def test_year_uses_the_title_line():
    record = run(report())
    check = next(c for c in record.checks if c.id == "year")
    assert check.status == "pass" and [e.ref for e in check.evidence] == ["text.title"]


def test_year_fails_on_a_repeated_title_with_another_year():
    text = report().replace("一、总体情况\n", "一、总体情况\n云溪县人民政府2022年政府信息公开工作年度报告\n", 1)
    check = next(c for c in run(text).checks if c.id == "year")
    assert check.status == "fail" and check.evidence[0].value == 2022 and check.evidence[0].ref == "text.title"


def test_year_fails_on_a_statistics_period_of_another_year():
    record = run(report({1: "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。"}))
    check = next(c for c in record.checks if c.id == "year")
    assert check.status == "fail"
    assert {e.ref for e in check.evidence if e.value == 2022} == {"text.statistics_period"}


def test_year_ignores_plans_for_next_year():
    assert status(run(report({1: "2023年，云溪县推进政务公开。\n2024年，我县将继续公开更多信息。"})), "year") == "pass"


def test_appeals_totals_pass_fail_and_unknown():
    record = Record(SourceFile("x", "", "txt", None, 0, None), Meta())
    keys = [
        f"{g}_{o}"
        for g in ("review", "suit_direct", "suit_after_review")
        for o in ("upheld", "corrected", "other", "pending", "total")
    ]
    record.tables = {"appeals": dict(zip(keys, [1, 1, 0, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, None]))}
    got = {c.id: c.status for c in appeal_checks(record)}
    assert got == {
        "appeals.totals.review": "pass",
        "appeals.totals.suit_direct": "fail",
        "appeals.totals.suit_after_review": "unknown",
    }


def _requests_record(**overrides: dict[str, int | None]) -> Record:
    """A consistent requests table (natural persons only) with some cells replaced."""
    counts = {"new_received": 10, "carried_over": 2, "granted": 7, "unavailable_not_held": 3, "total_processed": 10,
              "carried_forward": 2}  # fmt: skip
    table = {}
    for row in ROW_NAMES:
        n = counts.get(row, 0)
        table[row] = {c: (n if c in ("natural_person", "total") else 0) for c in REQUEST_COLUMNS}
        table[row].update(overrides.get(row, {}))
    record = Record(SourceFile("x", "", "txt", None, 0, None), Meta())
    record.tables = {"requests": table}
    return record


def test_request_checks_pass_on_a_consistent_table():
    checks = request_checks(_requests_record())
    assert len(checks) == 2 * 7 + 25 and {c.status for c in checks} == {"pass"}
    balance = next(c for c in checks if c.id == "requests.balance.natural_person")
    assert balance.message == "自然人：10 + 2 = 12 = 10 + 2 = 12"
    assert [e.ref for e in balance.evidence][0] == "requests.new_received.natural_person"


def test_request_checks_fail_with_the_arithmetic_in_the_message():
    checks = request_checks(_requests_record(carried_forward={"natural_person": 3}))
    got = {c.id: c for c in checks if c.status != "pass"}
    assert set(got) == {"requests.balance.natural_person", "requests.columns.carried_forward"}
    assert got["requests.balance.natural_person"].message == "自然人：10 + 2 = 12 ≠ 10 + 3 = 13"


def test_outcome_check_fails_when_outcome_rows_do_not_add_up():
    checks = request_checks(_requests_record(granted={"natural_person": 8, "total": 8}))
    got = {c.id: c.status for c in checks if c.status != "pass"}
    assert got == {"requests.outcomes.natural_person": "fail", "requests.outcomes.total": "fail"}
    message = next(c.message for c in checks if c.id == "requests.outcomes.natural_person")
    assert message == "自然人：各项办理结果之和 11 ≠ 总计 10"


def test_null_cell_makes_its_checks_unknown_never_pass():
    checks = request_checks(_requests_record(carried_over={"commercial": None}))
    got = {c.id: c for c in checks if c.status != "pass"}
    assert set(got) == {"requests.balance.commercial", "requests.columns.carried_over"}
    assert all(c.status == "unknown" for c in got.values())
    assert "二、上年结转政府信息公开申请数量·商业企业" in got["requests.balance.commercial"].message


def test_missing_tables_give_unknown_checks():
    record = run(report())
    assert status(record, "requests") == "unknown"
    assert status(record, "appeals") == "unknown"
