"""Checks in Chinese: what each compares and why one could not run."""

from __future__ import annotations

import pytest

from pipeline.checks import appeal_checks, request_checks, structure_check, year_check
from pipeline.record import Check, Evidence, Meta, Record, SourceFile
from pipeline.review.check_words import cause, cause_counts, describe, unknown_detail


def _record(fmt: str, checks: list[Check]) -> Record:
    rec = Record(source=SourceFile("x.txt", "0", "txt", None, 0, None), meta=Meta(format_version=fmt))
    rec.checks = checks
    return rec


@pytest.mark.parametrize(
    ("check", "fmt", "expected"),
    [
        (request_checks(_record("2021", []))[0], "legacy", "legacy"),
        (request_checks(_record("2021", []))[0], "2021", "table_missing"),
        (appeal_checks(_record("2021", []))[0], "2021", "table_missing"),
        (structure_check(_record("legacy", [])), "legacy", "legacy"),
        (Check("requests.balance.total", "unknown", "总计：缺少 二、上年结转政府信息公开申请数量·总计"), "2021", "cells_missing"),
        (Check("text_vs_table.requests_received", "unknown", "正文称本年新收申请3件，表格无对应数据"), "2021", "table_missing"),
        (Check("text_vs_table.review_total", "unknown", "正文行政复议为约数3件，表格为3件"), "2021", "not_comparable"),
        (Check("fees.processing", "unknown", "未找到第六部分，无法核对信息处理费"), "2021", "section_missing"),
        (Check("fees.processing", "unknown", "第六部分未说明信息处理费"), "2021", "not_stated"),
        (year_check(_record("2021", [])), "2021", "year_unknown"),
        (Check("year", "pass", "ok"), "2021", None),
    ],
)  # fmt: skip
def test_an_unknown_check_gets_its_cause(check: Check, fmt: str, expected: str | None) -> None:
    assert cause(check, _record(fmt, [check])) == expected


def test_causes_are_counted_and_missing_cells_named_as_printed() -> None:
    checks = [
        Check(
            "requests.outcomes.natural_person",
            "unknown",
            "自然人：缺少 （六）其他处理 3.其他·自然人",
            [Evidence("requests.other_misc.natural_person", None, None, None)],
        ),
        Check("requests.balance.total", "unknown", "总计：缺少 二、上年结转政府信息公开申请数量·总计"),
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
