"""Agreement between two coders (or a coder and the model): percent agreement and Cohen's kappa.

Items are matched by report and paragraph offsets.  Paragraph labels are
compared on every item both coded; statements are matched inside an item one
to one by overlap (IoU >= 0.6, as the statement evaluation does); a statement
only one coder marked counts as a disagreement on splitting.  Kind is compared
on matched statements; category on matched problems and plans.  Kappa is
given over all labels and, per label, one against the rest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..training.statement_eval import match
from .formats import Coded


@dataclass
class Agreement:
    """Agreement on one variable: pairs of labels (coder A, coder B)."""

    name: str
    pairs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.pairs)

    @property
    def percent(self) -> float | None:
        return sum(a == b for a, b in self.pairs) / self.n if self.n else None

    def kappa(self, label: str | None = None) -> float | None:
        """Cohen's kappa over all labels, or for ``label`` against the rest."""
        pairs = self.pairs if label is None else [(a == label, b == label) for a, b in self.pairs]
        return cohen_kappa(pairs)

    def labels(self) -> list[str]:
        return sorted({x for pair in self.pairs for x in pair})

    def confusion(self) -> dict[str, dict[str, int]]:
        counts = Counter(self.pairs)
        return {a: {b: counts[(a, b)] for b in self.labels()} for a in self.labels()}

    def to_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "percent": _round(self.percent),
            "kappa": _round(self.kappa()),
            "per_label": {x: {"kappa": _round(self.kappa(x)), "a": sum(a == x for a, _ in self.pairs),
                              "b": sum(b == x for _, b in self.pairs)} for x in self.labels()},
            "confusion": self.confusion(),
        }  # fmt: skip


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


def cohen_kappa(pairs: list[tuple[object, object]]) -> float | None:
    """(p_o - p_e) / (1 - p_e); None without pairs; 1.0 when both coders used one same label throughout."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    a_counts, b_counts = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(a_counts[x] * b_counts[x] for x in a_counts) / (n * n)
    if expected == 1:
        return 1.0 if observed == 1 else 0.0
    return (observed - expected) / (1 - expected)


@dataclass
class Report:
    items: int
    paragraph: Agreement
    split: Agreement  # "both" / "only_a" / "only_b" per statement
    kind: Agreement
    category: Agreement
    disagreements: list[dict[str, object]]

    def to_dict(self) -> dict[str, object]:
        return {
            "items": self.items,
            **{a.name: a.to_dict() for a in (self.paragraph, self.split, self.kind, self.category)},
            "disagreements": self.disagreements,
        }


def compare_coders(a: list[Coded], b: list[Coded]) -> Report:
    """Agreement of coder ``a`` with coder ``b`` on the items both coded."""
    by_id = {x.id: x for x in b}
    common = [(x, by_id[x.id]) for x in a if x.id in by_id]
    paragraph, split, kind, category = (Agreement(n) for n in ("paragraph", "split", "kind", "category"))
    disagreements: list[dict[str, object]] = []
    for x, y in common:
        if x.label and y.label:
            paragraph.pairs.append((x.label, y.label))
            if x.label != y.label:
                disagreements.append({"item": x.id, "variable": "paragraph", "a": x.label, "b": y.label})
        pairs = match([(s.start, s.end) for s in x.spans], [(s.start, s.end) for s in y.spans])
        for i, s in enumerate(x.spans):
            if i not in pairs:
                split.pairs.append(("statement", "none"))
                disagreements.append({"item": x.id, "variable": "split", "a": [s.start, s.end], "b": None})
                continue
            t = y.spans[pairs[i]]
            split.pairs.append(("statement", "statement"))
            kind.pairs.append((s.kind, t.kind))
            if s.kind != "rectification" and t.kind != "rectification" and s.category and t.category:
                category.pairs.append((s.category, t.category))
            if (s.kind, s.category) != (t.kind, t.category):
                disagreements.append({"item": x.id, "variable": "statement", "span": [s.start, s.end],
                                      "a": f"{s.kind}:{s.category}", "b": f"{t.kind}:{t.category}"})  # fmt: skip
        for j, t in enumerate(y.spans):
            if j not in pairs.values():
                split.pairs.append(("none", "statement"))
                disagreements.append({"item": x.id, "variable": "split", "a": None, "b": [t.start, t.end]})
    return Report(len(common), paragraph, split, kind, category, disagreements)
