"""Find the six standard sections (一 … 六) and their headings."""

from __future__ import annotations

from ..document import Document
from ..facts import facts
from ..record import Record
from ..sections import segment
from .base import Stage


def run(doc: Document, record: Record) -> None:
    record.sections, warnings = segment(doc.text, facts(doc).headings)
    record.warnings.extend(warnings)


STAGE = Stage("sections", requires=(), assigns=("sections",), run=run)
