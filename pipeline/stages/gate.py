"""Stop here when the text is not an annual disclosure report."""

from __future__ import annotations

from ..document import Document
from ..errors import NotAReport
from ..gate import reason_not_report
from ..record import Record
from .base import Stage


def run(doc: Document, record: Record) -> None:
    why = reason_not_report(doc.text, len(record.sections), record.meta.title is not None)
    if why:
        raise NotAReport(doc.path, why)


STAGE = Stage("gate", requires=("sections", "meta"), assigns=(), run=run)
