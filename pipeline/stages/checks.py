"""Arithmetic and structure checks over the tables and sections."""

from __future__ import annotations

from ..checks import run_checks
from ..document import Document
from ..facts import facts
from ..record import Record
from .base import Stage


def run(doc: Document, record: Record) -> None:
    record.checks.extend(run_checks(record, facts(doc).headings))


STAGE = Stage("checks", requires=("sections", "meta", "tables"), assigns=("checks",), run=run)
