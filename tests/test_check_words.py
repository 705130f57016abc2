"""Checks in Chinese: what each compares and why one could not run."""

from __future__ import annotations

import pytest

from pipeline.record import Check, Meta, Record, SourceFile
from pipeline.review.check_words import cause, cause_counts, describe, unknown_detail


def _record(fmt: str, checks: list[Check]) -> Record:
    rec = Record(source=SourceFile("x.txt", "0", "txt", None, 0, None), meta=Meta(format_version=fmt))
    rec.checks = checks
    return rec


@pytest.mark.parametrize(
    ("check", "fmt", "expected"),
    [
        (Check("requests", "unknown", "requests table (section 3) not found"), "legacy", "legacy"),
        (Check("requests", "unknown", "requests table (section 3) not found"), "2021", "table_missing"),
        (Check("structure", "unknown", "legacy (pre-2019) report: the six-section structure does not apply"), "legacy", "legacy"),
        (Check("requests.balance.total", "unknown", "total: missing carried_over.total"), "2021", "cells_missing"),
        (Check("text_vs_table.requests_received", "unknown", "正文称本年新收申请3件，表格无对应数据"), "2021", "table_missing"),
        (Check("text_vs_table.review_total", "unknown", "正文行政复议为约数3件，表格为3件"), "2021", "not_comparable"),
        (Check("fees.processing", "unknown", "未找到第六部分，无法核对信息处理费"), "2021", "section_missing"),
        (Check("fees.processing", "unknown", "第六部分未说明信息处理费"), "2021", "not_stated"),
        (Check("year", "unknown", "reporting year unknown (meta.year is null)"), "2021", "year_unknown"),
        (Check("year", "pass", "ok"), "2021", None),
    ],
)  # fmt: skip
def test_an_unknown_check_gets_its_cause(check: Check, fmt: str, expected: str | None) -> None:
    assert cause(check, _record(fmt, [check])) == expected


def test_causes_are_counted_and_missing_cells_named_as_printed() -> None:
    checks = [
        Check("requests.outcomes.natural_person", "unknown", "natural_person: missing other_misc.natural_person"),
        Check("requests.balance.total", "unknown", "total: missing carried_over.total"),
        Check("year.figures", "unknown", "正文数字未标明年份"),
    ]
    rec = _record("2021", checks)
    assert dict(cause_counts(rec)) == {"cells_missing": 2, "not_stated": 1}
    assert unknown_detail(checks[0], rec) == "表格数字缺失或无法拆分：（六）其他处理 3.其他·自然人"


def test_every_check_is_described_in_chinese() -> None:
    ids = ["requests", "appeals", "structure", "year", "year.figures", "fees.processing", "requests.balance.total",
           "requests.outcomes.commercial", "requests.columns.granted", "appeals.totals.review",
           "text_vs_table.requests_received", "text_vs_table.requests_carried_forward"]  # fmt: skip
    for check_id in ids:
        text = describe(Check(check_id, "pass", ""))
        assert not any(ch.isascii() and ch.isalpha() for ch in text), (check_id, text)
