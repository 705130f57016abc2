"""The codebook documents every variable, column, label and category."""

from __future__ import annotations

from click.testing import CliRunner

from pipeline.classify import CATEGORIES, PARAGRAPH_LABELS
from pipeline.cli import main
from pipeline.codebook import codebook


def test_every_record_variable_and_table_column_has_a_meaning() -> None:
    book = codebook()
    assert [name for name, _type, meaning in book["record"] if not meaning] == []
    assert [f"{t}.{c}" for t, c, _k, meaning in book["tables"] if not meaning] == []
    assert any(key == "requests.new_received.<column>" for key, _ in book["cells"])


def test_labels_and_categories_are_defined_with_our_examples() -> None:
    book = codebook()
    assert list(book["paragraph_labels"]) == list(PARAGRAPH_LABELS)
    assert list(book["categories"]) == list(CATEGORIES)
    assert all(meaning and example for meaning, example in book["categories"].values())


def test_the_command_prints_markdown_and_html() -> None:
    md = CliRunner().invoke(main, ["codebook"]).output
    assert "## Problem categories" in md and "`Statement.kind`" in md and "content_review" in md
    page = CliRunner().invoke(main, ["codebook", "--format", "html"]).output
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>") and "<script" not in page
