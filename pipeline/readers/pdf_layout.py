"""Pure layout rules for PDF pages: lines, paragraphs, running heads, page numbers.

Works on :class:`Line` objects (text plus a box in top-down page points), so
every rule can be tested without a PDF.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..normalise import collapse_cjk_spacing, normalise_line
from ..record import OcrRead
from .grid_text import join_pieces

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—－_·•\s]*\d{1,4}[-–—－_·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.I,
)
_DASHED_NUMBER = re.compile(r"^[-–—－]\s*\d{1,4}\s*[-–—－]$|^第\s*\d{1,4}\s*页")
_HEADING = re.compile(
    r"^(?:#+\s*)?(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d)"
    r"|第[一二三四五六七八九十\d]{1,3}[章节部分]|[一二三四五六七八九十]是)"
)
_SENTENCE_END = tuple("。！？!?；;")
MARGIN_ZONE = 0.1  # top and bottom share of the page where running heads live


@dataclass
class Line:
    """One visual line of body text; coordinates in points, y growing downwards."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    reads: tuple[OcrRead, ...] = ()  # the OCR readings of a scanned line (none for a text layer)

    @property
    def height(self) -> float:
        return self.bottom - self.top


def clean_line(text: str) -> str:
    """Normalise one PDF line: full-width forms, spaced-out CJK, outer blanks."""
    return collapse_cjk_spacing(normalise_line(text)).strip()


def merge_rows(lines: list[Line]) -> list[Line]:
    """Merge pieces that sit on the same visual line, left to right."""
    out: list[Line] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        prev = out[-1] if out else None
        if prev is not None and _same_row(prev, line):
            pieces = sorted([prev, line], key=lambda ln: ln.x0)
            out[-1] = Line(
                prev.page,
                min(prev.top, line.top),
                max(prev.bottom, line.bottom),
                min(prev.x0, line.x0),
                max(prev.x1, line.x1),
                join_pieces([p.text for p in pieces]),
                pieces[0].reads + pieces[1].reads,
            )
        else:
            out.append(line)
    return out


def _same_row(a: Line, b: Line) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.6 * min(a.height, b.height) and (b.x0 >= a.x1 - 1 or a.x0 >= b.x1 - 1)


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def running_keys(pages: list[list[Line]], heights: list[float]) -> set[str]:
    """Texts (digits masked) found in the top or bottom margin zone of several pages."""
    counts: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        seen = {_key(ln) for ln in lines if _in_margin(ln, height)}
        counts.update(seen)
    need = max(2, (len(pages) + 1) // 2)
    return {k for k, n in counts.items() if n >= need and k}


def _key(line: Line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def _in_margin(line: Line, height: float) -> bool:
    return line.bottom < height * MARGIN_ZONE or line.top > height * (1 - MARGIN_ZONE)


def drop_furniture(lines: list[Line], height: float, running: set[str]) -> list[Line]:
    """Remove page numbers and running headers/footers from one page."""
    out = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if _DASHED_NUMBER.match(text) and is_page_number(text):
            continue
        if _in_margin(line, height) and (is_page_number(text) or _key(line) in running):
            continue
        out.append(line)
    return out


@dataclass
class Metrics:
    """Where body text starts and ends on a page, and its character size."""

    left: float
    right: float
    char: float
    indents: bool  # paragraphs start with an indented first line


def page_metrics(lines: list[Line]) -> Metrics | None:
    body = [ln for ln in lines if len(ln.text) >= 8]
    if not body:
        return None
    heights = sorted(ln.height for ln in body)
    char = max(heights[len(heights) // 2], 1.0)
    left = min(ln.x0 for ln in body)
    right = text_right(body, char)
    indented = sum(1 for ln in body if ln.x0 > left + 1.2 * char)
    return Metrics(left, right, char, indents=0 < indented < len(body))


def text_right(body: list[Line], char: float) -> float:
    """The right edge of the text block: the furthest right edge that several lines reach.

    One line that sticks out (punctuation hung in the margin, an overfull
    line, a wide table row left as text) does not move the edge, so the
    lines wrapped at the real edge still read as wrapped.
    """
    edges = sorted((ln.x1 for ln in body), reverse=True)
    enough = max(2, len(edges) // 6)
    for edge in edges:
        if sum(1 for x in edges if abs(x - edge) <= 0.5 * char) >= enough:
            return edge
    return edges[0]


def starts_block(line: Line, m: Metrics) -> bool:
    """A heading, list item, or (in indented layouts) an indented first line."""
    if _HEADING.match(line.text):
        return True
    return m.indents and line.x0 > m.left + 1.2 * m.char


def continues(prev: Line, prev_m: Metrics | None, nxt: Line, next_m: Metrics | None) -> bool:
    """True when ``nxt`` carries on the paragraph ``prev`` was wrapped out of."""
    if prev_m is None or next_m is None:
        return False
    wrapped = prev.x1 >= prev_m.right - 1.5 * prev_m.char and prev.x0 <= prev_m.left + 3 * prev_m.char
    if not wrapped or starts_block(nxt, next_m):
        return False
    if next_m.indents:
        return True
    return not prev.text.endswith(_SENTENCE_END)


def paragraphs(lines: list[Line], metrics: dict[int, Metrics | None]) -> list[list[Line]]:
    """Group body lines (in reading order, across pages) into paragraphs."""
    out: list[list[Line]] = []
    for line in lines:
        if out and continues(out[-1][-1], metrics.get(out[-1][-1].page), line, metrics.get(line.page)):
            out[-1].append(line)
        else:
            out.append([line])
    return out
