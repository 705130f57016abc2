"""What a coder checks: one item per paragraph, with the model's labels as pre-annotations.

An item is a paragraph of one report (its sha256 and character offsets in the
record text), the paragraph label the model gave it, and the statements inside
it (offsets relative to the paragraph) with kind and category.  Items are
ordered lowest confidence first, so coders correct the model where it is
least sure (an active-learning queue).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..record import Record


@dataclass
class StatementSpan:
    """A statement inside an item: offsets relative to the paragraph text."""

    start: int
    end: int
    kind: str
    category: str | None
    score: float | None = None


@dataclass
class Item:
    """One paragraph to code."""

    sha256: str  # the report file
    path: str
    start: int  # offsets of the paragraph in the record text
    end: int
    text: str
    label: str | None
    label_score: float | None
    spans: list[StatementSpan] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.sha256[:16]}:{self.start}-{self.end}"

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def confidence(self) -> float:
        """The lowest of the model's scores on this item (1.0 when it gave none)."""
        scores = [self.label_score] + [s.score for s in self.spans]
        known = [s for s in scores if s is not None]
        return min(known) if known else 1.0


def items_of(record: Record) -> list[Item]:
    """The paragraphs of ``record`` as items, statements attached to the paragraph holding them."""
    out = []
    for p in record.paragraphs:
        spans = []
        for s in record.statements:
            if p.start <= s.start and s.end <= p.end:
                scores = [x for x in (s.kind_score, s.category_score) if x is not None]
                spans.append(
                    StatementSpan(
                        s.start - p.start, s.end - p.start, s.kind, s.category, min(scores) if scores else None
                    )
                )
        label_score = p.scores.get(p.label) if p.label and p.scores else None
        out.append(Item(record.source.sha256, record.source.path, p.start, p.end, p.text, p.label, label_score, spans))
    return out


def queue(items: list[Item]) -> list[Item]:
    """Lowest confidence first; ties in report and position order."""
    return sorted(items, key=lambda it: (it.confidence, it.sha256, it.start))
