"""``parse(path)``: one file in, one record out.

This is the single path data takes: a reader turns the file into one
:class:`Document` (:mod:`pipeline.readers`), then the stages of
:mod:`pipeline.stages` fill the record in data order: sections → meta → gate →
tables → paragraphs → figures → statements → checks → crosschecks → summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from . import stages
from .document import Document
from .readers import read
from .record import Meta, Record, Source

DEFAULT_STAGES = stages.DEFAULT_STAGES


def new_record(doc: Document) -> Record:
    source = Source(
        path=doc.path,
        sha256=doc.sha256,
        format=doc.format,
        pages=doc.pages,
        chars=len(doc.text),
        encoding=doc.encoding,
    )
    return Record(source=source, meta=Meta(), text=doc.text, warnings=list(doc.warnings))


def parse_document(doc: Document, stage_names: Sequence[str] = DEFAULT_STAGES) -> Record:
    """Run the named stages over an already-read document (StageError if they cannot run)."""
    return stages.run(doc, new_record(doc), stages.plan(stage_names))


def parse(path: str | Path, stage_names: Sequence[str] = DEFAULT_STAGES) -> Record:
    """Read ``path`` and return its record; raises an XxgkError if unreadable.

    The stage list is checked before the file is read.
    """
    planned = stages.plan(stage_names)
    doc = read(path)
    return stages.run(doc, new_record(doc), planned)
