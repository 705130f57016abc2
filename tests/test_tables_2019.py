"""The 2019 form complete: its tables under their 2019 titles, merged cells read once, meta from the title line.

The report is made up (tests/fixtures/make_damaged.py writes qinghe_2019.html).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline import parse
from pipeline.document import Cell, Grid
from pipeline.tables.layout import grid_rows

FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(FIXTURES))
from make_damaged import APPEALS, DISCLOSURE_2019, REQUESTS_2019, TITLE, request_row  # noqa: E402

APPEAL_KEYS = [f"{g}_{o}" for g in ("review", "suit_direct", "suit_after_review") for o in
               ("upheld", "corrected", "other", "pending", "total")]  # fmt: skip


@pytest.fixture(scope="module")
def record():
    return parse(FIXTURES / "qinghe_2019.html")


def test_the_rendering_is_up_to_date():
    from make_damaged import render_html

    assert (FIXTURES / "qinghe_2019.html").read_text(encoding="utf-8") == render_html()


def test_2019_disclosure_cells_merged_across_columns_are_read_once(record):
    assert record.meta.format_version == "2019"
    assert record.tables["disclosure"] == DISCLOSURE_2019


def test_2019_requests_table_with_its_single_other_row(record):
    requests = record.tables["requests"]
    assert list(requests) == list(REQUESTS_2019)
    assert {k: list(v.values()) for k, v in requests.items()} == {k: request_row(k) for k in REQUESTS_2019}


def test_2019_appeals_found_under_their_2019_title(record):
    assert record.tables["appeals"] == dict(zip(APPEAL_KEYS, APPEALS))
    assert not any("table appeals" in w for w in record.warnings)
    assert {c.status for c in record.checks if c.id.startswith(("requests.", "appeals."))} == {"pass"}


def test_2019_meta_from_a_title_printed_year_first(record):
    assert record.meta.title == TITLE
    assert record.meta.agency == "青禾县农业农村局"
    assert record.meta.year == 2019


def test_a_merged_label_below_its_origin_still_heads_its_row():
    top, below = Cell("（三）不予公开", 0, 7), Cell("（三）不予公开", 0, 7, origin=False)
    grid = Grid([[top, Cell("1", 8, 9), Cell("1", 8, 9, origin=False)], [below, Cell("2", 10, 11)]])
    assert [[t.text for t in row] for row in grid_rows(grid)] == [["（三）不予公开", "1"], ["（三）不予公开", "2"]]
