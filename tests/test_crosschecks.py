"""Cross-checks between narrative figures, tables, years and fees."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.crosschecks import fees_check, text_vs_table, year_figures
from pipeline.figures import extract
from pipeline.record import Section

TABLES = {
    "requests": {"new_received": {"total": 12}, "carried_over": {"total": 1}, "total_processed": {"total": 13}},
    "appeals": {"review_total": 2, "suit_direct_total": 1, "suit_after_review_total": 0},
}


def _status(text: str, tables: dict) -> dict[str, str]:
    return {c.id: c.status for c in text_vs_table(text, extract(text), tables)}


def test_matching_received_count_passes_with_offsets_and_table_key() -> None:
    text = "全年共收到政府信息公开申请12件。"
    (check,) = text_vs_table(text, extract(text), TABLES)
    assert check.status == "pass"
    assert text[check.evidence[0].start : check.evidence[0].end] == "12件"
    assert check.evidence[1].ref == "requests.new_received.total"


def test_differing_counts_fail() -> None:
    text = "全年共收到政府信息公开申请15件，上年结转政府信息公开申请1件。发生行政复议3件，行政诉讼1件。"
    assert _status(text, TABLES) == {
        "text_vs_table.requests_received": "fail",
        "text_vs_table.requests_carried_over": "pass",
        "text_vs_table.review_total": "fail",
        "text_vs_table.suit_total": "pass",
    }


def test_a_count_including_last_years_carried_over_is_compared_with_new_plus_carried() -> None:
    # batch z (2026-11-30): "受理…申请N件（含上年结转M件）" counts this year's new and the carried over together
    text = "全年受理政府信息公开申请13件（含上年结转1件），均已办结。"
    assert _status(text, TABLES) == {
        "text_vs_table.requests_received": "pass",
        "text_vs_table.requests_carried_over": "pass",
    }
    (check,) = [c for c in text_vs_table(text, extract(text), TABLES) if c.id.endswith("received")]
    assert [e.ref for e in check.evidence] == ["text", "requests.new_received.total+requests.carried_over.total"]
    assert (
        _status("全年受理政府信息公开申请14件（含上年结转1件）。", TABLES)["text_vs_table.requests_received"] == "fail"
    )


def test_missing_table_gives_unknown_and_no_statement_gives_no_check() -> None:
    assert _status("全年共收到政府信息公开申请12件。", {}) == {"text_vs_table.requests_received": "unknown"}
    assert _status("全年发布信息 10 条。", TABLES) == {}


def test_stated_absence_of_requests_is_zero() -> None:
    text = "本年度未收到政府信息公开申请。"
    tables = {"requests": {"new_received": {"total": 3}}}
    assert _status(text, tables) == {"text_vs_table.requests_received": "fail"}


def test_figure_attributed_to_another_year_fails() -> None:
    text = "于 2023 年共公开了 23 条政府信息。"
    check = year_figures(text, extract(text), 2024, [])
    assert check.status == "fail"
    assert {e.value for e in check.evidence} == {2023, 23}


def test_comparison_with_last_year_and_same_year_pass() -> None:
    text = "2024年，共发布信息 30 条，较2023年增长 5 条。"
    assert year_figures(text, extract(text), 2024, []).status == "pass"


def test_year_check_is_unknown_without_year() -> None:
    text = "2024年，共发布信息 30 条。"
    assert year_figures(text, extract(text), None, []).status == "unknown"


def _six(text: str) -> list[Section]:
    i = text.index("六、")
    return [Section(1, "总体情况", 0, i), Section(6, "其他需要报告的事项", i, len(text))]


def test_fee_statement_vs_narrative() -> None:
    ok = "一、总体情况收取信息处理费 300 元。六、其他需要报告的事项本年度收取信息处理费 300 元。"
    bad = "一、总体情况收取信息处理费 300 元。六、其他需要报告的事项本年度没有产生信息处理费。"
    none = "一、总体情况发布信息 3 条。六、其他需要报告的事项本年度没有产生信息处理费。"
    assert fees_check(ok, extract(ok), _six(ok)).status == "pass"
    assert fees_check(bad, extract(bad), _six(bad)).status == "fail"
    assert fees_check(none, extract(none), _six(none)).status == "unknown"


@pytest.mark.shared
def test_seed_004_year_attribution_fails(seed_paths: list[Path]) -> None:
    from pipeline.parse import parse

    path = next(p for p in seed_paths if p.name.startswith("004"))
    record = parse(path, ["sections", "meta", "tables", "paragraphs", "figures", "checks", "crosschecks"])
    check = next(c for c in record.checks if c.id == "year.figures")
    assert check.status == "fail"
    assert {e.value for e in check.evidence} >= {2023, 23}


def test_common_wording_of_received_answered_and_carried_forward_is_checked() -> None:
    tables = {
        "requests": {
            "new_received": {"total": 12}, "carried_over": {"total": 1}, "total_processed": {"total": 11},
            "carried_forward": {"total": 2},
        }
    }  # fmt: skip
    text = "本局今年共收到12件申请，依法依规办结11件，另有2件申请顺延到下年度办理。"
    assert _status(text, tables) == {
        "text_vs_table.requests_received": "pass",
        "text_vs_table.requests_answered": "pass",
        "text_vs_table.requests_carried_forward": "pass",
    }


def test_another_part_is_never_taken_as_the_applications_received() -> None:
    text = "全年受理政府信息公开申请 12 件，另有 3 件申请按信访渠道转办，结转至2026年办理 1 件。"
    tables = {"requests": {"new_received": {"total": 12}, "carried_forward": {"total": 1}}}
    assert _status(text, tables) == {
        "text_vs_table.requests_received": "pass",
        "text_vs_table.requests_carried_forward": "pass",
    }
