"""Checks of the narrative against the tables: stated figures, the year, fees."""

from __future__ import annotations

from ..crosschecks import fees_check, text_vs_table, year_figures
from ..document import Document
from ..record import Record
from .base import Stage


def run(doc: Document, record: Record) -> None:
    text = doc.text
    record.checks.extend(text_vs_table(text, record.figures, record.tables))
    record.checks.append(year_figures(text, record.figures, record.meta.year, record.sections))
    record.checks.append(fees_check(text, record.figures, record.sections))


STAGE = Stage("crosschecks", requires=("sections", "meta", "tables", "figures", "checks"), assigns=("checks",), run=run)
