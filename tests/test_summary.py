"""The reviewer summary: content, and every number traceable to the record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.checks import appeal_checks, request_checks, structure_check
from pipeline.figures import extract
from pipeline.record import Check, Evidence, Meta, Record, SourceFile, Statement
from pipeline.review.summary import NUMBER, build_summary, resolve


def _record() -> Record:
    text = "全年共发布政府信息 300 条，政策解读 12 篇。"
    rec = Record(
        source=SourceFile("x.txt", "0", "txt", None, len(text), "utf-8"), meta=Meta(agency="某县人民政府", year=2024)
    )
    rec.text = text
    rec.figures = extract(text)
    rec.tables = {
        "requests": {
            "new_received": {"total": 20}, "carried_over": {"total": 0}, "granted": {"total": 12},
            "partially_granted": {"total": 3}, "denied_state_secret": {"total": 1}, "unavailable_not_held": {"total": 4},
            "total_processed": {"total": 20},
        },
        "appeals": {"review_total": 2, "suit_direct_total": 1, "suit_after_review_total": 0},
    }  # fmt: skip
    rec.statements = [
        Statement("s1", "problem", "x", "staffing_capacity", None, 0, 1),
        Statement("s2", "problem", "x", "policy_interpretation", None, 0, 1),
        Statement("s3", "plan", "x", "staffing_capacity", None, 0, 1),
    ]
    rec.checks = [
        Check(
            "requests.balance.total",
            "fail",
            "新收20件与结转0件之和不等于办理21件",
            [Evidence("x", 20), Evidence("y", 0), Evidence("z", 21)],
        )
    ]
    return rec


def assert_traceable(record: Record) -> None:
    text, sources = build_summary(record)
    numbers = NUMBER.findall(text)
    assert len(numbers) == len(sources), (numbers, [s.ref for s in sources])
    for n, s in zip(numbers, sources):
        assert float(n) == float(s.value), (n, s)
        assert resolve(record, s) is not None and float(resolve(record, s)) == float(s.value), s


def test_summary_tells_agency_figures_outcomes_shares_appeals_statements_and_failures() -> None:
    text, _ = build_summary(_record())
    assert text.startswith("某县人民政府2024年度")
    for part in ("主动公开信息300条", "政策解读12篇", "予以公开12件（占60%）", "无法提供4件（占20%）", "行政复议2件", "行政诉讼1件",
                 "自述问题2条", "队伍与能力1条", "改进计划1条", "未通过的核对1项"):  # fmt: skip
        assert part in text, part


def test_every_number_in_the_summary_is_traceable_to_the_record() -> None:
    assert_traceable(_record())


def test_a_changed_table_cell_breaks_traceability() -> None:
    rec = _record()
    _, sources = build_summary(rec)
    rec.tables["requests"]["granted"]["total"] = 13
    assert any(resolve(rec, s) != s.value for s in sources)


def test_empty_record_summary_says_what_is_missing() -> None:
    rec = Record(source=SourceFile("x.txt", "0", "txt", None, 0, None), meta=Meta())
    text, sources = build_summary(rec)
    assert "机关未识别" in text and "申请办理表格未识别" in text and "未识别出自述问题" in text
    assert sources == [] and not re.search(r"\d", text)


@pytest.mark.shared
def test_seed_summaries_are_traceable(seed_paths: list[Path]) -> None:
    from pipeline.parse import parse

    for path in seed_paths:
        record = parse(path, ["sections", "meta", "tables", "paragraphs", "figures", "checks", "crosschecks"])
        assert_traceable(record)


def test_every_category_has_a_chinese_name():
    from pipeline.classify import CATEGORIES
    from pipeline.review.summary import CATEGORY_NAMES

    assert list(CATEGORY_NAMES) == list(CATEGORIES)
    assert all(name != key for key, name in CATEGORY_NAMES.items())


def _text_record(text: str, tables: dict | None = None, checks: list[Check] | None = None, fmt: str = "2021") -> Record:
    rec = Record(
        source=SourceFile("x.txt", "0", "txt", None, len(text), "utf-8"),
        meta=Meta(agency="某区某局", year=2025, format_version=fmt),
    )
    rec.text = text
    rec.figures = extract(text)
    rec.tables = tables or {}
    rec.checks = checks or []
    return rec


def test_headline_takes_the_table_over_documents_cleaned_in_the_text() -> None:
    rec = _text_record(
        "全年清理规范性文件47件，审核部门文件15件。", {"disclosure": {"normative_issued": 4, "normative_in_force": 30}}
    )
    text, _ = build_summary(rec)
    assert "规范性文件（统计表本年制发）4件" in text and "47" not in text
    assert_traceable(rec)


def test_headline_is_the_stated_whole_never_a_part() -> None:
    rec = _text_record(
        "在政府采购网公开采购项目信息61条。2025年主动公开政府信息1480条，其中政策、规范性文件类信息9条，"
        "工作动态类信息300条。"
    )
    text, _ = build_summary(rec)
    assert "主动公开信息1480条" in text and "61" not in text
    assert_traceable(rec)


def test_without_a_requests_table_the_stated_applications_are_told() -> None:
    rec = _text_record("本局今年共收到19件申请，依法依规办结18件，另有2件申请转交信访部门。", fmt="legacy")
    text, _ = build_summary(rec)
    assert "申请办理表格未识别；正文称收到19件、办结18件政府信息公开申请" in text
    assert_traceable(rec)


def test_checks_that_could_not_run_are_counted_by_cause_never_called_clean() -> None:
    checks = [
        *request_checks(_text_record("正文。", fmt="legacy")),
        *appeal_checks(_text_record("正文。", fmt="legacy")),
        structure_check(_text_record("正文。", fmt="legacy")),
        Check("fees.processing", "unknown", "第六部分未说明信息处理费", []),
        Check("year", "pass", "ok", []),
    ]
    rec = _text_record("正文。", checks=checks, fmt="legacy")
    text, _ = build_summary(rec)
    assert "没有未通过" not in text and "全部" not in text
    assert "未发现不一致，但有4项核对无法进行（旧格式报告无标准统计表3项，正文未说明1项），这些内容未经核对。" in text
    assert "通过的核对1项" in text
    assert_traceable(rec)


def test_all_checks_passing_is_said_only_when_every_check_ran() -> None:
    rec = _text_record("正文。", checks=[Check("year", "pass", "ok", []), Check("structure", "pass", "ok", [])])
    text, _ = build_summary(rec)
    assert "全部2项核对均通过" in text
    assert_traceable(rec)
