"""Statements of two years side by side: the same problem stated again, a plan followed up.

Similarity is the Dice coefficient of character bigrams after list markers,
years, punctuation and spaces are taken out ("一是", "（二）", "2024年"): 1.0 for
the same wording, about 0.5 for one sentence rewritten around the same words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..record import Statement

NEAR = 0.75  # a repeated statement: this similar or more
FOLLOWED = 0.45  # a plan followed up: match score this high or more
_MARKERS = re.compile(
    r"^(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|[①-⑩]|第[一二三四五六七八九十]+)"
)
_YEAR = re.compile(r"\d{4}\s*年(?:度)?")
_NOISE = re.compile(r"[\s\W_]+")


def core(text: str) -> str:
    """The words that carry the meaning: no list marker, year, punctuation or space."""
    return _NOISE.sub("", _YEAR.sub("", _MARKERS.sub("", text.strip())))


def bigrams(text: str) -> Counter[str]:
    t = core(text)
    return Counter(t[i : i + 2] for i in range(len(t) - 1)) if len(t) > 1 else Counter(t)


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the two texts' character bigrams (0..1)."""
    x, y = bigrams(a), bigrams(b)
    total = sum(x.values()) + sum(y.values())
    return 2 * sum((x & y).values()) / total if total else 0.0


@dataclass
class Match:
    """A statement of last year and one of this year that match (one side None when nothing does)."""

    old: Statement | None
    new: Statement | None
    score: float
    how: str  # exact | near | none (repeats); followed | not_followed (plans)

    def to_dict(self) -> dict[str, object]:
        def side(s: Statement | None) -> dict[str, object] | None:
            if s is None:
                return None
            return {"id": s.id, "kind": s.kind, "category": s.category, "text": s.text, "start": s.start, "end": s.end}

        return {"match": self.how, "score": round(self.score, 3), "new": side(self.new), "old": side(self.old)}


def _best(target: Statement, pool: list[Statement], bonus_same_category: float = 0.0) -> tuple[Statement | None, float]:
    best, best_score = None, 0.0
    for s in pool:
        score = similarity(target.text, s.text)
        if bonus_same_category and s.category and s.category == target.category:
            score = min(1.0, score + bonus_same_category)
        if score > best_score:
            best, best_score = s, score
    return best, best_score


def repeated_statements(old: list[Statement], new: list[Statement]) -> list[Match]:
    """This year's problems and plans stated again from last year (same kind), best match first."""
    out = []
    for s in new:
        if s.kind == "rectification":
            continue
        match, score = _best(s, [o for o in old if o.kind == s.kind])
        if match is None or score < NEAR:
            continue
        how = "exact" if core(s.text) == core(match.text) else "near"
        out.append(Match(match, s, score, how))
    return sorted(out, key=lambda m: -m.score)


def plans_followed(old: list[Statement], new: list[Statement]) -> list[Match]:
    """Each of last year's plans (``old``) with this year's rectification that answers it best (``new``).

    The score is the text similarity plus 0.2 when both carry the same
    category; a plan whose best score is below :data:`FOLLOWED` is not followed.
    """
    done = [s for s in new if s.kind == "rectification"]
    out = []
    for plan in (s for s in old if s.kind == "plan"):
        match, score = _best(plan, done, bonus_same_category=0.2)
        followed = match is not None and score >= FOLLOWED
        out.append(Match(plan, match if followed else None, score, "followed" if followed else "not_followed"))
    return out
