"""One agency, two years: what chained, what was reused, what was said again, what was followed up.

``compare(old, new)`` takes the records of last year's and this year's report
and returns a :class:`Comparison`; its ``to_dict()`` has the top-level keys
``pair``, ``carry_over``, ``reuse``, ``repeated_statements`` and
``plans_followed``.  Every number comes with the spans it was read from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..record import Check, Record
from .carry import carry_over
from .reuse import SectionReuse, reuse
from .similar import Match, plans_followed, repeated_statements


@dataclass
class Comparison:
    old: Record
    new: Record
    carry_over: list[Check]
    reuse: list[SectionReuse]
    repeated_statements: list[Match]
    plans_followed: list[Match]

    def pair(self) -> dict[str, object]:
        def side(r: Record) -> dict[str, object]:
            return {"path": r.source.path, "sha256": r.source.sha256, "agency": r.meta.agency, "year": r.meta.year}

        warnings = []
        if self.old.meta.year and self.new.meta.year and self.new.meta.year - self.old.meta.year != 1:
            warnings.append(f"years {self.old.meta.year} and {self.new.meta.year} are not consecutive")
        if self.old.meta.agency and self.new.meta.agency and self.old.meta.agency != self.new.meta.agency:
            warnings.append(f"agencies differ as printed: {self.old.meta.agency} / {self.new.meta.agency}")
        return {"old": side(self.old), "new": side(self.new), "warnings": warnings}

    def to_dict(self) -> dict[str, object]:
        return {
            "pair": self.pair(),
            "carry_over": [asdict(c) for c in self.carry_over],
            "reuse": [r.to_dict() for r in self.reuse],
            "repeated_statements": [m.to_dict() for m in self.repeated_statements],
            "plans_followed": [m.to_dict() for m in self.plans_followed],
        }


def compare(old: Record, new: Record) -> Comparison:
    """Compare last year's record ``old`` with this year's ``new`` of the same agency."""
    return Comparison(
        old,
        new,
        carry_over(old, new),
        reuse(old, new),
        repeated_statements(old.statements, new.statements),
        plans_followed(old.statements, new.statements),
    )


__all__ = ["Comparison", "compare"]
