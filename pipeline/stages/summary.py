"""The short Chinese summary; every number in it comes from the record."""

from __future__ import annotations

from ..document import Document
from ..record import Record
from ..review.summary import build_summary
from .base import Stage


def run(doc: Document, record: Record) -> None:
    record.summary, _ = build_summary(record)


STAGE = Stage("summary", requires=("meta", "tables", "figures", "statements", "checks"), assigns=("summary",), run=run)
