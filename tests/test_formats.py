"""The same report as txt, md, html, docx and pdf gives the same tables.

The numbers are the ones written into ``fixtures/make_fixtures.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline import parse

FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(FIXTURES))
import make_fixtures as content  # noqa: E402

FORMATS = ["txt", "md", "html", "docx", "pdf"]
STAGES = ["sections", "meta", "tables", "checks"]


@pytest.fixture(scope="module")
def records() -> dict:
    return {fmt: parse(FIXTURES / f"{content.STEM}.{fmt}", STAGES) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_tables_equal_the_numbers_written_into_the_fixture(records, fmt):
    tables = records[fmt].tables
    assert tables["disclosure"] == content.DISCLOSURE
    assert tables["requests"] == content.REQUESTS
    assert tables["appeals"] == content.APPEALS_FLAT


def test_every_format_gives_identical_tables(records):
    first = records["txt"].tables
    assert all(records[fmt].tables == first for fmt in FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_finds_the_six_sections_and_passes_the_table_checks(records, fmt):
    record = records[fmt]
    assert [s.number for s in record.sections] == [1, 2, 3, 4, 5, 6]
    assert (record.meta.agency, record.meta.year) == ("云溪县人民政府", 2023)
    table_checks = [c for c in record.checks if c.id.startswith(("requests.", "appeals."))]
    assert table_checks and all(c.status == "pass" for c in table_checks), [c.id for c in table_checks]


def test_gbk_copy_gives_the_same_record_tables(records):
    assert parse(FIXTURES / f"{content.STEM}_gbk.txt", STAGES).tables == records["txt"].tables
