"""``parse(path)``: one file in, one record out.

This is the single path data takes: a reader turns the file into one
:class:`Document` (:mod:`pipeline.readers`), then the stages of
:mod:`pipeline.stages` fill the record in data order: sections → meta → gate →
tables → paragraphs → figures → statements → checks → crosschecks → summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .document import Document
from .errors import InternalError, XxgkError
from .options import DEFAULT, Options
from .record import Meta, Record, SourceFile

# The stages and readers (models, numpy, pdfium ...) are imported by the first parse, not by
# ``import pipeline``: a corpus run with nothing new, or a query, never loads them.


def __getattr__(name: str) -> Any:
    if name == "DEFAULT_STAGES":  # the stage names, in data order (pipeline.stages.DEFAULT_STAGES)
        from .stages import DEFAULT_STAGES

        return DEFAULT_STAGES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def new_record(doc: Document) -> Record:
    source = SourceFile(
        path=doc.path,
        sha256=doc.sha256,
        format=doc.format,
        pages=doc.pages,
        chars=len(doc.text),
        encoding=doc.encoding,
    )
    return Record(source=source, meta=Meta(), text=doc.text, warnings=list(doc.warnings), ocr=list(doc.ocr))


def parse_document(doc: Document, stage_names: Sequence[str] | None = None) -> Record:
    """Run the named stages (default: all) over an already-read document (StageError if they cannot run)."""
    from . import stages

    return stages.run(doc, new_record(doc), stages.plan(stages.DEFAULT_STAGES if stage_names is None else stage_names))


def parse(path: str | Path, stage_names: Sequence[str] | None = None, options: Options = DEFAULT) -> Record:
    """Read ``path`` and return its record; raises an XxgkError if unreadable.

    ``stage_names`` (when given) wins over ``options.stages``; both default to
    :data:`DEFAULT_STAGES`.  The stage list is checked before the file is read.
    Any other failure inside is an :class:`InternalError` (exit code 4).
    """
    from . import stages
    from .readers import read

    names = stage_names if stage_names is not None else options.stages
    planned = stages.plan(stages.DEFAULT_STAGES if names is None else names)
    try:
        doc = read(path) if options.max_bytes is None else read(path, options.max_bytes)
        return stages.run(doc, new_record(doc), planned)
    except (XxgkError, MemoryError):  # MemoryError: a memory limit (pipeline.limits) decides what it is
        raise
    except Exception as exc:  # a bug of ours: typed, so a corpus run records it and a caller can tell
        raise InternalError(str(path), f"{type(exc).__name__}: {exc}") from exc
