"""Stated problems, rectifications and plans, one statement each, with kind and category."""

from __future__ import annotations

from ..document import Document
from ..record import Record
from ..statements import extract, label
from .base import Stage


def run(doc: Document, record: Record) -> None:
    from ..classify import category_model, kind_text_model

    units = extract(doc, record.sections, record.paragraphs)
    record.statements = label(doc, units, record.paragraphs, kind_text_model(), category_model())


STAGE = Stage("statements", requires=("sections", "paragraphs"), assigns=("statements",), run=run)
