"""The normalised document every reader produces.

A reader turns a file into one :class:`Document`: a single normalised text
plus blocks that say where each piece came from (page, table).  Real tables
(HTML, Word, PDF) travel as :class:`Grid` objects *and* are rendered into the
text as tab-separated rows, so every later stage works on one string and every
offset points into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .record import OcrRead


@dataclass
class Cell:
    """One grid cell.  ``text`` is ``""`` for an empty cell.

    Merged cells are expanded: every position the merge covers holds a Cell
    with the same text, and ``origin`` is False except at the top-left.
    """

    text: str
    start: int = -1
    end: int = -1
    origin: bool = True


@dataclass
class Grid:
    """A table as rows of cells, with merges expanded to a rectangle."""

    rows: list[list[Cell]]
    page: int | None = None
    start: int = -1
    end: int = -1
    source: str = "table"  # table | tsv | markdown | pipes

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


@dataclass
class Block:
    """A stretch of the text: a paragraph-ish run of lines or one table."""

    kind: str  # "text" | "table"
    start: int
    end: int
    page: int | None = None
    grid: Grid | None = None


@dataclass
class Document:
    path: str
    format: str  # pdf | html | docx | doc | txt | md
    text: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    page_starts: list[int] = field(default_factory=list)
    encoding: str | None = None
    sha256: str = ""
    size: int = 0
    warnings: list[str] = field(default_factory=list)
    title: str | None = None  # a title the file carries outside its text (HTML <title>)
    ocr: list[OcrRead] = field(default_factory=list)  # the lines and cells of scanned pages, as OCR read them

    @property
    def grids(self) -> list[Grid]:
        return [b.grid for b in self.blocks if b.grid is not None]

    def page_at(self, offset: int) -> int | None:
        """1-based page holding ``offset``, or None for page-less formats."""
        if not self.page_starts:
            return None
        page = 1
        for i, start in enumerate(self.page_starts, 1):
            if start <= offset:
                page = i
            else:
                break
        return page
