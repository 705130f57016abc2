"""``parse(path)``: one file in, one record out.

This is the single path data takes: read → sections → meta → gate → tables →
paragraphs → figures → statements → checks → crosschecks → summary.  Each step is a stage
module registered in :mod:`pipeline.stages`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from . import stages
from .document import Document
from .options import DEFAULT, Options
from .readers import read
from .record import Meta, Record, SourceFile

DEFAULT_STAGES: tuple[str, ...] = (
    "sections",
    "meta",
    "gate",
    "tables",
    "paragraphs",
    "figures",
    "statements",
    "checks",
    "crosschecks",
    "summary",
)


def _load_stage_modules() -> None:
    # Importing a module registers its stage; kept in one place on purpose.
    for optional in DEFAULT_STAGES:
        try:
            __import__(f"{__package__}.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{optional}":
                raise


def new_record(doc: Document) -> Record:
    source = SourceFile(
        path=doc.path,
        sha256=doc.sha256,
        format=doc.format,
        pages=doc.pages,
        chars=len(doc.text),
        encoding=doc.encoding,
    )
    return Record(source=source, meta=Meta(), text=doc.text, warnings=list(doc.warnings))


def parse_document(doc: Document, stage_names: Sequence[str] = DEFAULT_STAGES) -> Record:
    """Run the named stages over an already-read document."""
    _load_stage_modules()
    record = new_record(doc)
    for name in stage_names:
        if name in stages.REGISTRY:
            stages.get(name)(doc, record)
        elif name not in DEFAULT_STAGES:
            stages.get(name)  # raises a clear KeyError for a typo
    return record


def parse(path: str | Path, stage_names: Sequence[str] | None = None, options: Options = DEFAULT) -> Record:
    """Read ``path`` and return its record; raises an XxgkError if unreadable.

    ``stage_names`` (when given) wins over ``options.stages``; both default to :data:`DEFAULT_STAGES`.
    """
    doc = read(path) if options.max_bytes is None else read(path, options.max_bytes)
    names = stage_names if stage_names is not None else options.stages
    return parse_document(doc, DEFAULT_STAGES if names is None else names)
