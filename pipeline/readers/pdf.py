"""PDF files with a text layer: body text re-flowed, ruled tables as grids.

Everything comes from pypdfium2: characters with their boxes, and the vector
paths that may rule tables (lines, rectangles, any straight pieces).  Our own
ruling finder (:mod:`.pdf_rules`) turns those paths into cell boxes with the
merges (a cell spanning several column/row boundaries); each cell's text is
the pdfium characters whose centre lies in its box, so body text and cells
come from one text layer.  One-column "tables" (framed prose) stay text.

Then: lines broken by the page width are re-joined into paragraphs, page
numbers and running headers/footers are dropped, and a table that runs on
at the top of the next page with the same (or a coarser subset of the)
column boundaries is joined into one grid, minus a repeated header.
"""

from __future__ import annotations

import bisect
import ctypes
import re
from dataclasses import dataclass, field
from importlib.util import find_spec
from itertools import groupby, islice
from operator import attrgetter

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..document import Document, Grid
from ..errors import CorruptFile, EncryptedFile, NeedsOCR
from ..record import OcrRead
from . import pdf_layout as layout
from . import pdf_rules as rules
from .grid_text import Placed, TextBuilder, cell_text, drop_empty_rows, expand, join_pieces
from .pdf_layout import Line
from .pdfium_calls import CALLS, handle

SNAP = 2.5  # points: boundaries closer than this are the same line
_FPDF_ERR_PASSWORD = 4
# A space pdfium put between two digits or two CJK characters of a letter-spaced cell.
# Line breaks (a new line at "\n"), unknown glyphs and pdfium's soft hyphen marker: no character of the page.
_SKIPPED = frozenset("\n\r\x00\ufffe\uffff\x02")
_SPREAD = re.compile(r"(?<=[\d\u3400-\u9fff]) +(?=[\d\u3400-\u9fff])")


class Char:
    """One pdfium character: its text, pdfium line number, loose box (top-down) and centre."""

    __slots__ = ("text", "line", "x0", "top", "x1", "bottom", "cx", "cy")

    def __init__(self, text: str, line: int, x0: float, top: float, x1: float, bottom: float) -> None:
        self.text = text  # one assignment per attribute: no tuple built and unpacked per character
        self.line = line
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom
        self.cx = (x0 + x1) / 2
        self.cy = (top + bottom) / 2

    def __repr__(self) -> str:
        return f"Char({self.text!r}, line={self.line}, box=({self.x0:.1f}, {self.top:.1f}, {self.x1:.1f}, {self.bottom:.1f}))"


@dataclass
class Table:
    """A ruled table found on one page: its box, boundaries and placed cells."""

    page: int
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    xs: list[float]
    cells: list[Placed] = field(default_factory=list)
    rows: int = 0
    breaks: list[tuple[int, int]] = field(default_factory=list)  # (page, first row) of continuations


def open_pdf(data: bytes, path: str) -> pdfium.PdfDocument:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _FPDF_ERR_PASSWORD:
            raise EncryptedFile(path, "PDF needs a password") from None
        raise CorruptFile(path, f"unreadable PDF: {exc}") from None
    if len(pdf) == 0:
        raise CorruptFile(path, "PDF has no pages")
    return pdf


def page_chars(textpage: pdfium.PdfTextPage, height: float) -> list[Char]:
    """Characters with loose boxes (top-down coordinates) and pdfium line numbers."""
    chars: list[Char] = []
    line = 0
    n = textpage.count_chars()
    raw = textpage.raw
    text = _page_text(raw, n)
    box = pdfium_c.FS_RECTF()  # one out-parameter for every character: this loop is hot
    ref = ctypes.byref(box)
    get_box, page = CALLS["FPDFText_GetLooseCharBox"], handle(raw)
    if text is None:
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(n))
    append = chars.append
    for i, ch in enumerate(text):
        if ch in _SKIPPED:
            if ch == "\n":
                line += 1
            continue
        if not get_box(page, i, ref):
            raise pdfium.PdfiumError(f"no box for character {i}")
        append(Char(ch, line, box.left, height - box.top, box.right, height - box.bottom))
    return chars


def _page_text(raw: object, n: int) -> str | None:
    """The page's characters in one call (``FPDFText_GetText``), one per character index, or
    None when pdfium's text does not line up with its character list (characters without
    text, surrogate pairs): then each character is asked for on its own.  Lengths and a
    sample of characters are compared with ``FPDFText_GetUnicode`` to tell."""
    if n <= 0:
        return None
    buf = ctypes.create_string_buffer(2 * (n + 1))
    got = pdfium_c.FPDFText_GetText(raw, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    if got != n + 1:  # n code units and the terminator
        return None
    text = buf.raw[: 2 * n].decode("utf-16-le", "surrogatepass")  # a pair becomes one character
    if len(text) != n:
        return None
    try:
        text.encode("utf-8")  # fails on a lone surrogate
    except UnicodeEncodeError:
        return None
    for i in {*range(0, n, 97), n - 1}:
        if ord(text[i]) != pdfium_c.FPDFText_GetUnicode(raw, i):
            return None
    return text


def _inside_box(chars: list[Char], box: tuple[float, float, float, float], pad: float = 1.0) -> list[Char]:
    """The characters whose centre lies in ``box`` (grown by ``pad`` points)."""
    x0, top, x1, bottom = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    return [c for c in chars if x0 <= c.cx <= x1 and top <= c.cy <= bottom]  # _in, inlined: once per character


def _outside_boxes(chars: list[Char], boxes: list[tuple[float, float, float, float]], pad: float = 1.0) -> list[Char]:
    """The characters whose centre lies in none of ``boxes`` (each grown by ``pad`` points)."""
    for box in boxes:
        x0, top, x1, bottom = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
        chars = [c for c in chars if not (x0 <= c.cx <= x1 and top <= c.cy <= bottom)]
    return chars


def chars_text(chars: list[Char]) -> str:
    """Text of chars grouped by pdfium line, lines top to bottom, one per text line."""
    if not chars:
        return ""
    by_line: dict[int, list[Char]] = {}  # a cell holds a few characters: no run-by-run grouping (_by_line) here
    for c in chars:
        by_line.setdefault(c.line, []).append(c)
    rows = sorted(by_line.values(), key=_line_top) if len(by_line) > 1 else [chars]
    text = "\n".join("".join(map(_TEXT, sorted(cs, key=_X0))).strip() for cs in rows)
    return _SPREAD.sub("", text) if " " in text else text


def _line_top(chars: list[Char]) -> float:
    return min(map(_TOP, chars))


def _by_line(chars: list[Char]) -> list[list[Char]]:
    """The characters of each pdfium line, lines in order of first appearance, characters in their order.

    Taken run by run (a line's characters mostly come together), not character by character.
    """
    lines: dict[int, list[Char]] = {}
    for line, run in groupby(chars, key=_LINE):
        if line in lines:
            lines[line].extend(run)
        else:
            lines[line] = list(run)
    return list(lines.values())


def text_rows(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines, each left to right.

    pdfium's line numbers follow the order text is drawn in.  Where a producer
    draws part of a line later (quote marks painted after the words they
    enclose), that part gets a line number of its own; it is folded back into
    the line its ink interleaves with, and a gap space pdfium put where the
    late characters sit is dropped.
    """
    return _rows_and_boxes(chars)[0]


def _rows_and_boxes(chars: list[Char]) -> tuple[list[list[Char]], list[Box | None]]:
    """:func:`text_rows`, with the ink box of each row (None for a row of spaces)."""
    rows: list[list[Char]] = []
    boxes: list[Box | None] = []
    for group in _by_line(chars):
        box = _ink_box(group)
        at = None if box is None else next((i for i, other in enumerate(boxes) if _interleaved(other, box)), None)
        if at is None:
            rows.append(group)
            boxes.append(box)
            continue
        host = rows[at] + group
        ink = [c for c in host if not c.text.isspace()]
        rows[at] = sorted((c for c in host if not c.text.isspace() or not _under(c, ink)), key=lambda c: c.x0)
        boxes[at] = _ink_box(rows[at])
    return rows, boxes


Box = tuple[float, float, float, float]  # top, bottom, left, right of a line's ink
_TOP, _BOTTOM, _X0, _X1, _TEXT, _LINE = (attrgetter(n) for n in ("top", "bottom", "x0", "x1", "text", "line"))


def _ink_box(chars: list[Char]) -> Box | None:
    ink = [c for c in chars if not c.text.isspace()]
    if not ink:
        return None
    return min(map(_TOP, ink)), max(map(_BOTTOM, ink)), min(map(_X0, ink)), max(map(_X1, ink))


def _interleaved(a: Box | None, b: Box | None) -> bool:
    """Same visual line, and their ink overlaps left to right (not two pieces side by side)."""
    if a is None or b is None:
        return False
    # min and max written out (the same values): this runs for every pair of a page's line pieces
    a_top, a_bottom, a_left, a_right = a
    b_top, b_bottom, b_left, b_right = b
    overlap = (b_bottom if b_bottom < a_bottom else a_bottom) - (b_top if b_top > a_top else a_top)
    a_height, b_height = a_bottom - a_top, b_bottom - b_top
    if overlap <= 0.6 * (b_height if b_height < a_height else a_height):
        return False
    return (b_left if b_left > a_left else a_left) < (b_right if b_right < a_right else a_right) - 1


def _under(space: Char, ink: list[Char]) -> bool:
    """A gap space that sits inside the box of a visible character."""
    return any(c.x0 - 0.5 <= space.x0 <= c.x1 + 0.5 and c.top <= space.cy <= c.bottom + 1 for c in ink)


def body_lines(chars: list[Char], page: int) -> list[Line]:
    """The page's text lines (each boxed by its ink), pieces on one visual line merged."""
    lines = []
    for cs, box in zip(*_rows_and_boxes(chars)):
        if box is None:
            continue
        text = layout.clean_line("".join(map(_TEXT, cs)))
        if text:
            lines.append(Line(page, *box, text))
    return layout.merge_rows(lines)


def _index(bounds: list[float], v: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))


def find_tables(page: pdfium.PdfPage, height: float, number: int, chars: list[Char]) -> list[Table]:
    """Ruled tables of one page from its vector paths, cells filled with pdfium's characters."""
    tables = []
    for found in rules.find_tables(rules.page_rulings(page, height)):
        if len(found.xs) < 3:
            continue  # one column: a framed paragraph, not a table
        table = Table(number, found.bbox, found.xs, rows=len(found.ys) - 1)
        texts = _cell_texts(found, _inside_box(chars, found.bbox))
        for (r0, c0, r1, c1), text in zip(found.cells, texts, strict=True):
            table.cells.append(Placed(r0, c0, text, r1 - r0, c1 - c0))
        tables.append(table)
    return tables


def _cell_texts(found: rules.RuledTable, chars: list[Char]) -> list[str]:
    """Text of each cell of ``found`` from the characters whose centre lies in it."""
    owner = [[-1] * (len(found.xs) - 1) for _ in found.ys[1:]]
    for i, (r0, c0, r1, c1) in enumerate(found.cells):
        for r in range(r0, r1):
            owner[r][c0:c1] = [i] * (c1 - c0)
    inside: list[list[Char]] = [[] for _ in found.cells]
    # The gap between boundaries that holds a value (the nearest end gap if outside)
    # is the number of inner boundaries at or before it.
    ys, xs = found.ys[1:-1], found.xs[1:-1]
    for c in chars:
        cell = owner[bisect.bisect_right(ys, c.cy)][bisect.bisect_right(xs, c.cx)]
        if cell >= 0:
            inside[cell].append(c)
    return [chars_text(cs) for cs in inside]


def _column_map(first: list[float], nxt: list[float]) -> list[int] | None:
    """Indices in ``first`` of each boundary of ``nxt``, if all of them line up."""
    out = []
    for x in nxt:
        i = _index(first, x)
        if abs(first[i] - x) > 2 * SNAP:
            return None
        out.append(i)
    if out[0] != 0 or out[-1] != len(first) - 1 or len(set(out)) != len(out):
        return None
    return out


def join_tables(first: Table, nxt: Table) -> bool:
    """Append ``nxt`` (the continuation on the next page) to ``first`` if the columns line up."""
    cols = _column_map(first.xs, nxt.xs)
    if cols is None:
        return False
    moved = [
        Placed(c.row, cols[c.col], c.text, c.rowspan, cols[c.col + c.colspan] - cols[c.col], c.read) for c in nxt.cells
    ]
    head = _repeated_header(first, moved)
    first.breaks.append((nxt.page, first.rows))
    for c in moved:
        if c.row >= head:
            first.cells.append(Placed(c.row - head + first.rows, c.col, c.text, c.rowspan, c.colspan, c.read))
    first.rows += nxt.rows - head
    return True


def _repeated_header(first: Table, moved: list[Placed]) -> int:
    """How many leading rows of the continuation repeat the first table's header."""
    a = [[t for t, _ in row] for row in expand(first.cells, 7)]  # at most 6 rows compared, a 7th tells
    b = [[t for t, _ in row] for row in expand(moved, 7)]  # whether the continuation has more
    n = 0
    while n < min(len(a), len(b), 6) and a[n] == b[n] and any(b[n]):
        n += 1
    return n if n < len(b) else 0


@dataclass
class _Page:
    number: int
    height: float
    lines: list[Line]
    tables: list[Table]


SCAN_MAX_CHARS = 20  # a page image with at most this many characters on it (a stamped page number) is a scan
SCAN_COVER = 0.5  # ... when the image covers at least this share of the page


def is_scanned(page: pdfium.PdfPage, chars: list[Char]) -> bool:
    """A page without a usable text layer: images and no text, or a page-sized image and a stamp of text."""
    ink = sum(1 for _ in islice((c for c in chars if not c.text.isspace()), SCAN_MAX_CHARS + 1))  # enough to tell
    if ink > SCAN_MAX_CHARS:
        return False
    images = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)
    if ink == 0:
        return any(True for _ in images)
    width, height = page.get_size()
    for image in images:
        left, bottom, right, top = image.get_pos()
        if (right - left) * (top - bottom) >= SCAN_COVER * width * height:
            return True
    return False


def read_pages(pdf: pdfium.PdfDocument, path: str) -> tuple[list[_Page], list[int]]:
    """Lines and tables of every page; also the pages without a usable text layer (scans)."""
    pages: list[_Page] = []
    image_only: list[int] = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            height = page.get_mediabox()[3]
            chars = page_chars(page.get_textpage(), height)
            tables: list[Table] = []
            if is_scanned(page, chars):
                image_only.append(i + 1)
            elif any(not c.text.isspace() for c in chars):
                tables = find_tables(page, height, i + 1, chars)
                chars = _outside_boxes(chars, [t.bbox for t in tables])
            pages.append(_Page(i + 1, height, body_lines(chars, i + 1), tables))
    except pdfium.PdfiumError as exc:
        raise CorruptFile(path, f"damaged PDF page: {exc}") from None
    return pages, image_only


def reading_order(pages: list[_Page]) -> tuple[list[tuple[int, Line | Table]], dict[int, layout.Metrics | None]]:
    """Body lines and tables of all pages top to bottom (page, item), with each page's line metrics.

    Running heads and footers are dropped; a table that continues on the next
    page is joined to its first part.
    """
    running = layout.running_keys([p.lines for p in pages], [p.height for p in pages])
    items: list[tuple[int, Line | Table]] = []
    metrics: dict[int, layout.Metrics | None] = {}
    for p in pages:
        lines = layout.drop_furniture(p.lines, p.height, running)
        metrics[p.number] = layout.page_metrics(lines)
        ordered: list[tuple[float, Line | Table]] = [(ln.top, ln) for ln in lines]
        ordered += [(t.bbox[1], t) for t in p.tables]
        ordered.sort(key=lambda pair: pair[0])
        for _, item in ordered:
            prev = items[-1][1] if items else None
            runs_on = isinstance(item, Table) and isinstance(prev, Table) and prev.page < item.page
            if runs_on and item is p.tables[0] and join_tables(prev, item):
                continue
            items.append((p.number, item))
    return items, metrics


class _Assembly:
    """The text being built: paragraphs from runs of lines, tables as grids, where each page starts."""

    def __init__(self, n_pages: int, metrics: dict[int, layout.Metrics | None], reads: list[OcrRead]) -> None:
        self.out = TextBuilder()
        self.page_starts = [-1] * n_pages
        self.metrics = metrics
        self.run: list[Line] = []
        self.reads = reads  # OCR readings, given their offsets as they are written

    def mark(self, page: int, offset: int) -> None:
        if self.page_starts[page - 1] < 0:
            self.page_starts[page - 1] = offset

    def flush(self) -> None:
        """Write the pending lines as paragraphs."""
        for para in layout.paragraphs(self.run, self.metrics):
            joined = ""
            for line in para:
                joined = join_pieces([joined, line.text])
                self.mark(line.page, self.out.pos + len(joined) - len(line.text))
                self._place_line(line, self.out.pos + len(joined) - len(line.text))
            self.out.paragraph(joined, para[0].page)
        self.run.clear()

    def table(self, page: int, table: Table) -> None:
        self.flush()
        start = self.out.pos
        clean = {t: cell_text(t) for t in {"", *(c.text for c in table.cells)}}  # a merged cell's text once
        rows = [[(clean[t], o) for t, o in row] for row in expand(table.cells)]
        grid = self.out.rows(drop_empty_rows(rows), page)
        self.mark(page, start)
        if grid is not None:
            for next_page, row in table.breaks:
                cells = grid.rows[min(row, len(grid.rows) - 1)]
                self.mark(next_page, min(c.start for c in cells))
            self._place_cells(table, rows, grid)

    def _place_line(self, line: Line, offset: int) -> None:
        for read in line.reads:
            at = line.text.find(read.text)
            read.start, read.end = (
                (offset + at, offset + at + len(read.text)) if at >= 0 else (offset, offset + len(line.text))
            )
            self.reads.append(read)

    def _place_cells(self, table: Table, rows: list, grid: Grid) -> None:
        """Offsets of the OCR'd cells of ``table`` in the grid just written (empty rows were dropped)."""
        kept = {old: new for new, old in enumerate(i for i, row in enumerate(rows) if any(t for t, _ in row))}
        for placed in table.cells:
            if placed.read is None:
                continue
            if placed.row in kept and placed.col < len(grid.rows[kept[placed.row]]):
                cell = grid.rows[kept[placed.row]][placed.col]
                placed.read.start, placed.read.end = cell.start, cell.end
            self.reads.append(placed.read)

    def filled_page_starts(self) -> list[int]:
        """Page starts; a page without text of its own gets the start of the page before it."""
        starts, last = [], 0
        for start in self.page_starts:
            last = last if start < 0 else start
            starts.append(last)
        return starts


def assemble(pages: list[_Page], reads: list[OcrRead] | None = None) -> tuple[TextBuilder, list[int]]:
    """Paragraphs and tables of all pages into one text; returns it and page starts.

    The OCR readings of scanned pages' lines and cells get their offsets and are added to ``reads``.
    """
    items, metrics = reading_order(pages)
    built = _Assembly(len(pages), metrics, [] if reads is None else reads)
    for page, item in items:
        if isinstance(item, Line):
            built.run.append(item)
        else:
            built.table(page, item)
    built.flush()
    return built.out, built.filled_page_starts()


def ocr_installed() -> bool:
    """Whether the ``ocr`` extra is there, so the OCR reader can take the pages without a text layer."""
    try:
        return all(find_spec(name) is not None for name in ("rapidocr", "onnxruntime", "cv2"))
    except (ImportError, ValueError):  # a finder that refuses the module, a half-imported one
        return False


def read_bytes(data: bytes, path: str, fmt: str = "pdf") -> Document:
    pdf = open_pdf(data, path)
    try:
        pages, image_only = read_pages(pdf, path)
    finally:
        pdf.close()
    if image_only and len(image_only) == len(pages):
        raise NeedsOCR(path, f"all {len(pages)} pages are images without a text layer")
    if image_only and ocr_installed():
        raise NeedsOCR(path, f"pages {', '.join(map(str, image_only))} are images without a text layer")
    warnings = []
    if image_only:
        warnings.append(
            f"pages {', '.join(map(str, image_only))} have no text layer (images): they need OCR"
            ' (pip install "xxgk[ocr]")'
        )
    return document(path, pages, warnings)


def document(path: str, pages: list[_Page], warnings: list[str], reads: list[OcrRead] | None = None) -> Document:
    """The Document of read pages (text-layer or OCR'd): :func:`assemble` them; OCR readings get their offsets."""
    reads = [] if reads is None else reads
    out, page_starts = assemble(pages, reads)
    return Document(
        path=path,
        format="pdf",
        text=out.text(),
        blocks=out.blocks,
        pages=len(pages),
        page_starts=page_starts,
        warnings=warnings,
        ocr=reads,
    )
