"""Cells and tokens: the smallest pieces of a table, with their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..record import Number

_NULLS = {"", "/", "／", "—", "——", "-", "--", "–", "无", "空", "\\", "×", "*"}
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")


@dataclass
class Token:
    """A cell's text and where it sits in the document text.

    ``glued`` marks a run of digits printed without separators (flattened
    tables); ``digit_pos`` then holds the text offset of each digit.
    """

    text: str
    start: int
    end: int
    glued: bool = False
    digit_pos: list[int] = field(default_factory=list)

    @cached_property
    def key(self) -> str:
        """Text with all whitespace removed, for label matching."""
        return _SPACE.sub("", self.text)


def parse_cell(text: str) -> Number:
    """Parse a printed cell: a number, or None for blank/"/"/"—"/"无".

    Raises ValueError for text that is neither.
    """
    ok, value = _parse(text)
    if not ok:
        raise ValueError(text)
    return value


@lru_cache(maxsize=8192)
def _parse(text: str) -> tuple[bool, Number]:
    """(is a value, its number): the same cell texts come back for every label and column tried."""
    t = _SPACE.sub("", text).rstrip("元件条个项")
    if t in _NULLS:
        return True, None
    if not _NUMBER.match(t):
        return False, None
    t = t.replace(",", "")
    return True, float(t) if "." in t else int(t)


def is_value(text: str) -> bool:
    """True for a printed number or a printed null marker (not for blank)."""
    return bool(text.strip()) and _parse(text)[0]


def is_blank(text: str) -> bool:
    return not text.strip()
