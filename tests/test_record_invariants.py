"""Invariants every record must keep, over every real report and every fixture.

Offsets point into ``record.text``; each number keeps a span whose text
shows that number; the JSON form round-trips.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline import parse
from pipeline.record import Record

FIXTURES = Path(__file__).resolve().parent / "fixtures"
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def fixture_reports() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*") if p.suffix in {".txt", ".md", ".html", ".docx", ".pdf"})


def assert_invariants(record: Record) -> None:
    text = record.text
    assert record.source.chars == len(text)
    for s in record.sections:
        assert 0 <= s.start < s.end <= len(text)
    for p in record.paragraphs:
        assert text[p.start : p.end] == p.text, p.id
        assert p.label is not None, p.id
    ids = {p.id for p in record.paragraphs}
    for f in record.figures:
        assert text[f.start : f.end] == f.text, f.id
        assert f.paragraph_id is None or f.paragraph_id in ids
    for st in record.statements:
        assert text[st.start : st.end] == st.text, st.id
        assert st.kind in {"problem", "rectification", "plan"}
    for key, span in record.table_spans.items():
        shown = text[span.start : span.end]
        value = _lookup(record.tables, key)
        if value is not None:
            digits = _DIGITS.findall(shown.replace(",", ""))
            assert digits, (key, shown)
    for check in record.checks:
        assert check.status in {"pass", "fail", "unknown"}
        if check.status == "pass":
            assert all(e.value is not None for e in check.evidence), check.id
    json.loads(record.to_json())


def _lookup(tables: dict, key: str):
    node = tables
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def test_invariants_hold_on_real_reports(seed_paths, pingtan_paths):
    for path in [*seed_paths, *pingtan_paths]:
        assert_invariants(parse(path))


def test_invariants_hold_on_the_real_pdf(huaian_pdf):
    assert_invariants(parse(huaian_pdf))


@pytest.mark.parametrize("path", fixture_reports(), ids=lambda p: p.name)
def test_invariants_hold_on_fixture_reports(path):
    assert_invariants(parse(path))
