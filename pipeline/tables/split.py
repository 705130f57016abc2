"""Split runs of digits printed without separators into numbers.

Flattened pages print a table row such as ``151 3 0 0 0 0 154`` as
``15130000154``.  The split is recovered from arithmetic the table must
obey (applicant columns sum to the total; appeal outcomes sum to their
total).  Spaces that survive in a run are treated as separators; a number
printed with thousands separators ("1,107") is one number.  When more
than one split obeys the rules, the caller decides with more rules or gives
up; nothing here guesses.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

MAX_CANDIDATES = 5000
MAX_STEPS = 300_000  # cuts tried per run: bounds the time a hostile run can take
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


class Undecidable(Exception):
    """The run has too many possible cuts to try them all; its reading is left open."""


class _Budget:
    def __init__(self, steps: int) -> None:
        self.left = steps

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise Undecidable


def _pieces(segment: str, k: int, budget: _Budget) -> Iterator[list[str]]:
    """All ways to cut ``segment`` into ``k`` numbers without leading zeros."""
    budget.spend()
    if k == 0:
        if not segment:
            yield []
        return
    if len(segment) < k:
        return
    if k == 1:
        if segment == "0" or not segment.startswith("0"):
            yield [segment]
        return
    limit = 1 if segment[0] == "0" else len(segment) - k + 1
    for i in range(1, limit + 1):
        for rest in _pieces(segment[i:], k - 1, budget):
            yield [segment[:i], *rest]


def splits(run: str, k: int, max_steps: int = MAX_STEPS) -> Iterator[list[str]]:
    """Ways to read ``run`` (digits, maybe with spaces) as ``k`` numbers.

    Raises :class:`Undecidable` once ``max_steps`` cuts have been tried.
    """
    segments = run.split()
    yield from _spread(segments, k, _Budget(max_steps))


def _spread(segments: list[str], k: int, budget: _Budget) -> Iterator[list[str]]:
    budget.spend()
    if not segments:
        if k == 0:
            yield []
        return
    first, rest = segments[0], segments[1:]
    if "," in first:  # "3,075": one number, never cut
        if k >= 1 and _THOUSANDS.fullmatch(first):
            for tail in _spread(rest, k - 1, budget):
                yield [first.replace(",", ""), *tail]
        return
    room = sum(len(s.replace(",", "")) for s in rest)  # the rest holds at least one, at most this many numbers
    for n in range(max(1, k - room), min(len(first), k - len(rest)) + 1):
        for head in _pieces(first, n, budget):
            for tail in _spread(rest, k - n, budget):
                yield head + tail


MAX_CELL_DIGITS = 12  # no cell of these tables holds a longer number


def _too_long(run: str, k: int) -> bool:
    """More digits than ``k`` cells can hold: no reading (and no int() of a huge digit string)."""
    return len(run.replace(" ", "")) > k * MAX_CELL_DIGITS


def _attempts(run: str) -> list[str]:
    """The run as printed, then with its spaces ignored (not when a thousands separator shows the spaces are real)."""
    if " " not in run or "," in run:
        return [run]
    return [run, run.replace(" ", "")]


def solve(run: str, k: int, rule: Callable[[list[int]], bool]) -> list[list[int]]:
    """All readings of ``run`` as ``k`` integers that satisfy ``rule``.

    Tries spaces as separators first; if nothing fits, ignores them.  A run
    with too many cuts to try (:data:`MAX_STEPS`) gives no reading: the
    caller leaves it null rather than trust a partial search.
    """
    if _too_long(run, k):
        return []
    for attempt in _attempts(run):
        found: list[list[int]] = []
        try:
            for parts in splits(attempt, k):
                values = [int(p) for p in parts]
                if rule(values):
                    found.append(values)
                    if len(found) > MAX_CANDIDATES:
                        break
        except Undecidable:
            return []
        if found:
            return found
    return []


def only_reading(run: str, k: int) -> list[int] | None:
    """The reading of ``run`` as ``k`` numbers when there is exactly one (k digits: one digit each), else None.

    Spaces are ignored only when the run has no other reading with them.
    """
    if _too_long(run, k):
        return None
    for attempt in _attempts(run):
        try:
            found = list(itertools.islice(splits(attempt, k), 2))
        except Undecidable:
            return None
        if len(found) == 1:
            return [int(p) for p in found[0]]
        if found:
            return None
    return None


def row_total_rule(values: list[int]) -> bool:
    """The first six applicant columns add up to the seventh (total)."""
    return sum(values[:6]) == values[6]


def appeals_rule(values: list[int]) -> bool:
    """Three groups of five: upheld + corrected + other + pending = total."""
    return all(sum(values[g : g + 4]) == values[g + 4] for g in (0, 5, 10))


def digit_offsets(run: str, parts: list[int], positions: list[int]) -> list[tuple[int, int]]:
    """Text offsets (start, end) of each number read from ``run``."""
    digits = [p for p, ch in zip(positions, [c for c in run if c.isdigit() or c in ".-"]) if ch.isdigit()]
    spans: list[tuple[int, int]] = []
    i = 0
    for value in parts:
        width = len(str(value))
        spans.append((digits[i], digits[i + width - 1] + 1))
        i += width
    return spans
