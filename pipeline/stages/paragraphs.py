"""Narrative paragraphs, each labelled by the paragraph model."""

from __future__ import annotations

from ..document import Document
from ..paragraphs import label_paragraphs
from ..record import Record
from .base import Stage


def run(doc: Document, record: Record) -> None:
    from ..classify import paragraph_model

    record.paragraphs = label_paragraphs(doc, record.sections, paragraph_model())


STAGE = Stage("paragraphs", requires=("sections",), assigns=("paragraphs",), run=run)
