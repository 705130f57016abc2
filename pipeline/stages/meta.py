"""Title, agency (and its key across years), year, region and table form from the report's opening."""

from __future__ import annotations

from ..document import Document
from ..meta import extract_meta
from ..record import Record
from ..region import agency_key
from .base import Stage


def run(doc: Document, record: Record) -> None:
    record.meta, warnings = extract_meta(doc.text, doc.title)
    record.meta.agency_key = agency_key(record.meta.agency)
    record.warnings.extend(warnings)


STAGE = Stage("meta", requires=(), assigns=("meta",), run=run)
