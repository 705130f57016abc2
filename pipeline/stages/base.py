"""What a stage is: a name, the record fields it reads and fills, and a function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..document import Document
from ..record import Record


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline; ``run(doc, record)`` fills ``assigns`` from ``requires``."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Document, Record], None]
