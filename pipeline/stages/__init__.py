"""The stages a report flows through, in data order.

Each stage is one module here holding a :class:`Stage`: a function
``run(doc, record)`` that reads the :class:`~pipeline.document.Document` and
the record fields named in ``requires``, and fills the fields named in
``assigns``.  :data:`ORDER` is the whole pipeline; :func:`plan` checks a
requested subset (``xxgk parse --stages sections,meta,tables,checks``) before
anything runs: an unknown name, or a stage whose requirement no earlier stage
assigns, is a :class:`StageError` (a usage error, exit 2).

=============  ==========================================  =====================
stage          requires                                    assigns
=============  ==========================================  =====================
sections       (text)                                      sections
meta           (text)                                      meta
gate           sections, meta                              (raises NotAReport)
tables         sections, meta                              tables, table_spans
paragraphs     sections                                    paragraphs
figures        sections, paragraphs                        figures
statements     sections, paragraphs                        statements
checks         sections, meta, tables                      checks
crosschecks    sections, meta, tables, figures, checks     checks
summary        meta, tables, figures, statements, checks   summary
=============  ==========================================  =====================
"""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Document
from ..record import Record
from . import checks, crosschecks, figures, gate, meta, paragraphs, sections, statements, summary, tables
from .base import Stage

ORDER: tuple[Stage, ...] = (
    sections.STAGE,
    meta.STAGE,
    gate.STAGE,
    tables.STAGE,
    paragraphs.STAGE,
    figures.STAGE,
    statements.STAGE,
    checks.STAGE,
    crosschecks.STAGE,
    summary.STAGE,
)
BY_NAME: dict[str, Stage] = {s.name: s for s in ORDER}
DEFAULT_STAGES: tuple[str, ...] = tuple(BY_NAME)


class StageError(ValueError):
    """A requested stage list that cannot run: an unknown name or an unmet requirement."""


def plan(names: Iterable[str]) -> tuple[Stage, ...]:
    """The requested stages in data order, or a StageError saying what is wrong."""
    wanted = list(dict.fromkeys(names))
    unknown = [n for n in wanted if n not in BY_NAME]
    if unknown:
        raise StageError(f"unknown stage {', '.join(map(repr, unknown))}; known: {', '.join(BY_NAME)}")
    chosen = tuple(s for s in ORDER if s.name in wanted)
    assigned: set[str] = set()
    for s in chosen:
        missing = [field for field in s.requires if field not in assigned]
        if missing:
            givers = sorted({g.name for g in ORDER for field in missing if field in g.assigns})
            raise StageError(
                f"stage {s.name!r} needs {', '.join(missing)}; add the stage(s) {', '.join(givers)} before it"
            )
        assigned.update(s.assigns)
    return chosen


def run(doc: Document, record: Record, stages: Iterable[Stage]) -> Record:
    """Run ``stages`` (from :func:`plan`) over ``doc``, filling ``record``."""
    for s in stages:
        s.run(doc, record)
    return record


__all__ = ["BY_NAME", "DEFAULT_STAGES", "ORDER", "Stage", "StageError", "plan", "run"]
