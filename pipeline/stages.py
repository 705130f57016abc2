"""The stage registry: a report flows through named stages in order.

Like spaCy's components, each stage is one function ``stage(doc, record)``
that reads the :class:`Document` and fills its part of the :class:`Record`.
Stages are registered by name; the list of names, not code, decides what
runs (``xxgk parse --stages sections,meta,tables,checks``).
"""

from __future__ import annotations

from collections.abc import Callable

from .document import Document
from .record import Record

Stage = Callable[[Document, Record], None]

REGISTRY: dict[str, Stage] = {}


def stage(name: str) -> Callable[[Stage], Stage]:
    """Register ``fn`` as the stage called ``name``."""

    def register(fn: Stage) -> Stage:
        REGISTRY[name] = fn
        return fn

    return register


def get(name: str) -> Stage:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown stage {name!r}; known: {', '.join(REGISTRY)}") from None
