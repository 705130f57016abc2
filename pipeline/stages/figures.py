"""Numbers stated in the narrative, each with its metric and span."""

from __future__ import annotations

from ..document import Document
from ..facts import facts
from ..figures import extract, out_of_range
from ..record import Record
from .base import Stage


def run(doc: Document, record: Record) -> None:
    record.figures = extract(doc.text, record.sections, record.paragraphs, facts(doc).table_blocks)
    record.warnings.extend(out_of_range(record.paragraphs))


STAGE = Stage("figures", requires=("sections", "paragraphs"), assigns=("figures",), run=run)
