"""Build one normalised text from paragraphs and tables, with blocks and grids.

HTML, Word and PDF readers all hand their content, in reading order, to a
:class:`TextBuilder`: paragraphs become one line each, tables become
tab-separated rows written in place (a merged cell's text once, at its origin;
the positions it covers empty) and a :class:`Grid` whose cells carry the
offsets of their text in the final string.  Every piece is normalised as it is
appended, so the offsets never shift afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Block, Cell, Grid
from ..errors import TooLarge
from ..normalise import normalise, normalise_line
from ..record import OcrRead

# Merges are expanded to a rectangle, a few hundred bytes and ~7 us per position: a table may
# hold 50,000 positions (500 rows x 100 columns; the statistics tables of a report have a few
# hundred) and a document 250,000 in all (~2 s), so a span of 2e6 columns or 300 cells of
# 200x200 spans is refused before anything is allocated.
MAX_TABLE_CELLS = 50_000
MAX_DOCUMENT_CELLS = 250_000

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\uffef]")
_SPACES = re.compile(r"[ \t\f\v]+")


@dataclass
class Placed:
    """A table cell as a file describes it: top-left position and spans."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    read: OcrRead | None = None  # how OCR read the cell on a scanned page


def join_pieces(pieces: list[str]) -> str:
    """Join the lines of one cell: nothing between CJK characters, else a space."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(piece[0])):
            out += " "
        out += piece
    return out


def cell_text(raw: str) -> str:
    """Normalise a cell's text to one line (tabs and line breaks removed)."""
    raw = normalise_line(raw).replace("\r", "\n")
    return _SPACES.sub(" ", join_pieces(raw.split("\n"))).strip()


Origin = tuple[int, int] | None  # None: the cell is an origin; else (row, col) of its origin


def grid_shape(cells: list[Placed]) -> tuple[int, int]:
    """(rows, columns) of the rectangle ``cells`` cover once merges are expanded."""
    if not cells:
        return 0, 0
    return max(c.row + max(c.rowspan, 1) for c in cells), max(c.col + max(c.colspan, 1) for c in cells)


def check_table_size(rows: int, cols: int, path: str) -> None:
    """Refuse a table whose expanded grid would exceed :data:`MAX_TABLE_CELLS`."""
    if rows * cols > MAX_TABLE_CELLS:
        raise TooLarge(path, f"table of {rows} x {cols} grid cells > limit MAX_TABLE_CELLS={MAX_TABLE_CELLS}")


def expand(cells: list[Placed], max_rows: int | None = None) -> list[list[tuple[str, Origin]]]:
    """A rectangle of (text, origin) with every merge expanded (only its first ``max_rows`` rows, if given).

    Positions no cell covers become empty origin cells; overlapping spans
    (broken files) keep the first cell placed.
    """
    if not cells:
        return []
    spans = [(c, c.rowspan if c.rowspan > 1 else 1, c.colspan if c.colspan > 1 else 1) for c in cells]  # at least 1
    n_rows = max(c.row + rows for c, rows, _ in spans)
    n_rows = n_rows if max_rows is None else min(n_rows, max_rows)
    n_cols = max(c.col + cols for c, _, cols in spans)
    grid: list[list[tuple[str, Origin] | None]] = [[None] * n_cols for _ in range(n_rows)]
    for c, rows, cols in spans:
        if rows == cols == 1:  # most cells: one position, the origin
            if c.row < n_rows and grid[c.row][c.col] is None:
                grid[c.row][c.col] = (c.text, None)
            continue
        origin = (c.row, c.col)
        for r in range(c.row, min(c.row + rows, n_rows)):
            for k in range(c.col, c.col + cols):
                if grid[r][k] is None:
                    grid[r][k] = (c.text, None if (r, k) == origin else origin)
    return [[pos if pos is not None else ("", None) for pos in row] for row in grid]


def drop_empty_rows(rows: list[list[tuple[str, Origin]]]) -> list[list[tuple[str, Origin]]]:
    """Remove rows with no text, re-pointing covered cells at the kept rows."""
    keep = [i for i, row in enumerate(rows) if any(t for t, _ in row)]
    new_index = {old: new for new, old in enumerate(keep)}
    out = []
    for i in keep:
        out.append([(t, None if o is None or o[0] not in new_index else (new_index[o[0]], o[1])) for t, o in rows[i]])
    return out


class TextBuilder:
    """Accumulates the document text and its blocks in reading order."""

    def __init__(self, path: str = "") -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.blocks: list[Block] = []
        self.path = path
        self.grid_cells = 0  # expanded table positions so far (bounded by MAX_DOCUMENT_CELLS)

    @property
    def pos(self) -> int:
        return self._pos

    def _append(self, text: str) -> None:
        self._parts.append(text)
        self._pos += len(text)

    def paragraph(self, raw: str, page: int | None = None) -> None:
        """Append one paragraph (its own line breaks kept); blank text is skipped."""
        lines = [ln.strip() for ln in normalise(raw).split("\n")]
        text = "\n".join(ln for ln in lines if ln)
        if not text:
            return
        start = self._pos
        self._append(text + "\n")
        last = self.blocks[-1] if self.blocks else None
        if last is not None and last.kind == "text" and last.page == page and last.end + 1 == start:
            last.end = start + len(text)
        else:
            self.blocks.append(Block("text", start, start + len(text), page))

    def table(self, cells: list[Placed], page: int | None = None) -> Grid | None:
        """Append a table; one-column "tables" (framed prose) become paragraphs.

        Raises TooLarge when the expanded table, or all tables so far, exceed the grid limits.
        """
        n_rows, n_cols = grid_shape(cells)
        check_table_size(n_rows, n_cols, self.path)
        self.grid_cells += n_rows * n_cols
        if self.grid_cells > MAX_DOCUMENT_CELLS:
            raise TooLarge(
                self.path,
                f"tables of {self.grid_cells} grid cells in all > limit MAX_DOCUMENT_CELLS={MAX_DOCUMENT_CELLS}",
            )
        rows = [[(cell_text(t), o) for t, o in row] for row in expand(cells)]
        return self.rows(drop_empty_rows(rows), page)

    def rows(self, rows: list[list[tuple[str, Origin]]], page: int | None = None) -> Grid | None:
        """Append an expanded table of normalised (text, origin) rows."""
        if not rows:
            return None
        width = max(len(r) for r in rows)
        if width < 2:
            for row in rows:
                for text, origin in row:
                    if origin is None:
                        self.paragraph(text, page)
            return None
        start = self._pos
        grid_rows: list[list[Cell]] = []
        for r, row in enumerate(rows):
            row = row + [("", None)] * (width - len(row))
            out: list[Cell] = []
            for k, (text, origin) in enumerate(row):
                if origin is None or origin[0] > r or (origin[0] == r and origin[1] >= k):
                    cell = Cell(text, self._pos, self._pos + len(text), True)
                    self._append(text)
                else:
                    src = out[origin[1]] if origin[0] == r else grid_rows[origin[0]][origin[1]]
                    cell = Cell(text, src.start, src.end, False)
                out.append(cell)
                self._append("\t" if k < width - 1 else "\n")
            grid_rows.append(out)
        grid = Grid(rows=grid_rows, page=page, start=start, end=self._pos)
        self.blocks.append(Block("table", start, self._pos, page, grid=grid))
        return grid

    def text(self) -> str:
        return "".join(self._parts)
