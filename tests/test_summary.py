"""The reviewer summary: content, and every number traceable to the record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.figures import extract
from pipeline.record import Check, Evidence, Meta, Record, Source, Statement
from pipeline.summary import NUMBER, build_summary, resolve


def _record() -> Record:
    text = "全年共发布政府信息 300 条，政策解读 12 篇。"
    rec = Record(
        source=Source("x.txt", "0", "txt", None, len(text), "utf-8"), meta=Meta(agency="某县人民政府", year=2024)
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
    rec = Record(source=Source("x.txt", "0", "txt", None, 0, None), meta=Meta())
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
    from pipeline.summary import CATEGORY_NAMES

    assert list(CATEGORY_NAMES) == list(CATEGORIES)
    assert all(name != key for key, name in CATEGORY_NAMES.items())
