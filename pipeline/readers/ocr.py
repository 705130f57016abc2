"""Scanned PDFs: pages without a text layer rendered with pdfium and read by OCR.

The second reader of PDF files (the ``ocr`` extra: ``pip install "xxgk[ocr]"``,
rapidocr 3.10 with its PP-OCR models inside the wheel, run by onnxruntime, and
opencv).  The text-layer reader hands a file over when some pages are images
only; here the pages with text are read as before and each scanned page:

* is rendered at :data:`DPI` and straightened (:mod:`.ocr_grid`);
* has its ruled tables found from the long strokes of the image by the same
  grid builder as vector PDFs (:func:`.pdf_rules.find_tables`), and each cell's
  ink recognised line by line on its own (full-page detection drops isolated
  digits in sparse rows); a cell read less surely than :data:`MIN_CONFIDENCE`
  is left blank (null) with a warning;
* has its other text detected and recognised on the page with the tables
  whited out, line by line, and the lines join into paragraphs like those of
  text-layer pages.

Every line and cell keeps its page, box and confidence (:class:`OcrRead`).
Without the extra a scan stays the typed error ``image_only``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
import pypdfium2 as pdfium

from ..document import Document
from ..errors import CorruptFile, NeedsOCR
from ..record import OcrRead
from . import pdf
from . import pdf_layout as layout
from . import pdf_rules as rules
from .grid_text import Placed, join_pieces
from .pdf_layout import Line

DPI = 200
SCALE = DPI / 72  # pixels per point
MIN_CONFIDENCE = 0.5  # a cell read less surely than this is left blank, with a warning
_DET_GROWTH = 1.5  # a detected line box is about this much higher than its characters
_SLASH_READINGS = {"1", "/", "l", "I", "|", "丨"}  # what a recogniser makes of a cell's "/"
_PAD = 3  # pixels kept clear of a cell's rulings
_MARGIN = 8  # pixels of white around a line given to the recogniser

# No angle classifier (pages are upright once straightened); detection on at most 1600 pixels a side
# (200 dpi A4 is 1654 x 2339; rapidocr's default is 2000): the peak memory falls by ~0.2 GB, same readings.
ENGINE_PARAMS = {"Global.use_cls": False, "Global.log_level": "error", "Global.max_side_len": 1600}
# Called with (0, pages to read) before a file's OCR starts and (n, pages) after its n-th page: corpus
# workers report progress and give OCR its memory budget through it.
on_page: Callable[[int, int], None] | None = None
_engine: Any = None
_engine_lock = threading.Lock()


def engine() -> Any:
    """The process's OCR engine (rapidocr), made on first use: loading the models takes a while."""
    global _engine
    with _engine_lock:
        if _engine is None:
            from rapidocr import RapidOCR

            _engine = RapidOCR(params=ENGINE_PARAMS)
    return _engine


TRIM_THRESHOLD = 64 << 20  # bytes: glibc returns free memory above this at the top of the heap to the system
MMAP_THRESHOLD = 128 << 10  # bytes: larger blocks (page images, tensors) are mapped apart and unmapped when freed


def _give_back_freed_memory() -> None:
    """Have glibc's malloc return freed memory to the system, and keep one heap for all threads.

    Each page's images and tensors are freed when the page is done; with the default dynamic
    thresholds glibc keeps much of that, and a worker's peak after a few pages varied from
    ~720 to ~1,050 MB on the same file; with them fixed it is ~520-580 MB, at ~1-3 more CPU-s
    per page.  One arena (M_ARENA_MAX) instead of one per onnxruntime thread keeps the address
    space ~1.0 GB instead of ~1.5 GB.  Nothing happens where the C library is not glibc.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-1, TRIM_THRESHOLD)  # M_TRIM_THRESHOLD
        libc.mallopt(-3, MMAP_THRESHOLD)  # M_MMAP_THRESHOLD: back to its default, whatever frees raised it to
        libc.mallopt(-8, 1)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass


def _run(call: Callable[..., Any], *args: Any) -> Any:
    """An onnxruntime inference; its failed allocation (under a memory limit) is a MemoryError, not a crash."""
    try:
        return call(*args)
    except Exception as exc:
        if "bad_alloc" in str(exc):
            raise MemoryError(f"OCR: {exc}") from None
        raise


def _grid() -> Any:
    """:mod:`.ocr_grid` (opencv) once rapidocr and onnxruntime import; ImportError naming what is missing."""
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401

        from . import ocr_grid
    except ImportError as exc:
        raise ImportError(f"{exc.name or 'rapidocr'} is missing") from exc
    return ocr_grid


class _Scan:
    """One rendered, straightened page image."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        grid = _grid()
        rgb = page.render(scale=SCALE, rev_byteorder=True).to_numpy()[:, :, :3]
        grey = grid.gray(rgb)
        self.angle = grid.skew_angle(grey)
        self.rgb = np.ascontiguousarray(grid.straighten(rgb, self.angle))
        self.grey = grid.gray(self.rgb)
        self.text = grid.erase_rulings(self.grey, SCALE)  # for the cells: no ruling read as a "1"
        self.width, self.height = page.get_size()


def _box(points: np.ndarray) -> list[float]:
    """x0, top, x1, bottom in points of a pixel quadrilateral."""
    xs, ys = points[:, 0], points[:, 1]
    return [round(float(v) / SCALE, 1) for v in (xs.min(), ys.min(), xs.max(), ys.max())]


def _lines(scan: _Scan, number: int, tables: list[rules.RuledTable]) -> list[Line]:
    """Text lines of the page outside its tables, by full-page detection and recognition."""
    image = scan.rgb.copy()
    for t in tables:
        x0, top, x1, bottom = (int(v * SCALE) for v in t.bbox)
        image[max(top - _PAD, 0) : bottom + _PAD, max(x0 - _PAD, 0) : x1 + _PAD] = 255
    found = _run(engine(), image)
    if found.boxes is None:
        return []
    pieces = []
    for quad, text, score in zip(found.boxes, found.txts, found.scores):
        text = layout.clean_line(text)
        if text:
            x0, top, x1, bottom = box = _box(np.asarray(quad))
            read = OcrRead("line", text, number, box, round(float(score), 3))
            pieces.append(Line(number, top, bottom, x0, x1, text, (read,)))
    return same_rows(pieces)


def same_rows(pieces: list[Line]) -> list[Line]:
    """Pieces the detector found apart on one visual line ("三、" and its heading) joined left to right."""
    rows: list[list[Line]] = []
    for piece in sorted(pieces, key=lambda p: (p.top + p.bottom) / 2):
        mid = (piece.top + piece.bottom) / 2
        row = rows[-1] if rows else None
        if row is not None and abs(mid - sum(p.top + p.bottom for p in row) / (2 * len(row))) < 0.4 * max(
            piece.height, min(p.height for p in row)
        ):
            row.append(piece)
        else:
            rows.append([piece])
    out = []
    for row in rows:
        row.sort(key=lambda p: p.x0)
        text = join_pieces([p.text for p in row])
        top, bottom = min(p.top for p in row), max(p.bottom for p in row)
        reads = tuple(r for p in row for r in p.reads)
        out.append(Line(row[0].page, top, bottom, row[0].x0, max(p.x1 for p in row), text, reads))
    return out


def _char_height(lines: list[Line]) -> float:
    """The height of the page's characters in points (10.5 pt print when the page has no text lines).

    A detected line's box is the ink grown by about half its height (rapidocr's unclip ratio).
    """
    heights = sorted(ln.height for ln in lines if len(ln.text) >= 4 and len(ln.reads) == 1)
    return heights[len(heights) // 2] / _DET_GROWTH if heights else 10.5


def _cell_crops(scan: _Scan, box: tuple[float, float, float, float], char: float) -> list[np.ndarray]:
    """Images of the text lines inside one cell (top to bottom), each with a white margin."""
    x0, top, x1, bottom = (int(round(v * SCALE)) for v in box)
    inner = scan.text[top + _PAD : bottom - _PAD, x0 + _PAD : x1 - _PAD]
    crops = []
    for lx0, ly0, lx1, ly1 in _grid().ink_rows(inner, int(char * SCALE)):
        line = inner[ly0:ly1, lx0:lx1]
        padded = np.pad(line, _MARGIN, constant_values=255)
        crops.append(np.ascontiguousarray(np.repeat(padded[:, :, None], 3, axis=2)))
    return crops


def _tables(
    scan: _Scan, number: int, found: list[rules.RuledTable], char: float, warnings: list[str]
) -> list[pdf.Table]:
    """The ruled tables of the page with each cell recognised on its own (the page's cell lines in one batch)."""
    cells: list[tuple[pdf.Table, tuple[float, float, float, float], tuple[int, int, int, int], int, int]] = []
    crops: list[np.ndarray] = []
    tables: list[pdf.Table] = []
    for ruled in found:
        tables.append(pdf.Table(number, ruled.bbox, ruled.xs, rows=len(ruled.ys) - 1))
        for r0, c0, r1, c1 in ruled.cells:
            box = (ruled.xs[c0], ruled.ys[r0], ruled.xs[c1], ruled.ys[r1])
            lines = _cell_crops(scan, box, char)
            cells.append((tables[-1], box, (r0, c0, r1 - r0, c1 - c0), len(crops), len(crops) + len(lines)))
            crops += lines
    texts, scores = _recognise(crops)
    for table, box, place, first, end in cells:
        readings = [(texts[i], scores[i], crops[i]) for i in range(first, end)]
        table.cells.append(_cell(number, box, place, readings, (tables.index(table) + 1, warnings)))
    return tables


def _recognise(crops: list[np.ndarray], batch: int = 24) -> tuple[list[str], list[float]]:
    """Text and confidence of each line image, recognised a batch at a time (bounded memory)."""
    texts: list[str] = []
    scores: list[float] = []
    for at in range(0, len(crops), batch):
        found = _run(engine().recognize_txt, crops[at : at + batch])
        texts += found.txts
        scores += [float(s) for s in found.scores]
    return texts, scores


def _cell(
    number: int,
    box: tuple[float, float, float, float],
    place: tuple[int, int, int, int],
    readings: list[tuple[str, float, np.ndarray]],
    report: tuple[int, list[str]],
) -> Placed:
    """One cell from the readings of its lines; blank when it has no ink or the reading is unsure."""
    row, col, rowspan, colspan = place
    if not readings:
        return Placed(row, col, "", rowspan, colspan)
    texts = [layout.clean_line(t) for t, _, _ in readings]
    if len(texts) == 1 and texts[0] in _SLASH_READINGS and _grid().is_slash(readings[0][2]):
        texts = ["/"]
    text = "\n".join(t for t in texts if t)
    confidence = round(min(score for _, score, _ in readings), 3)
    read = OcrRead("cell", text.replace("\n", ""), number, [round(v, 1) for v in box], confidence)
    if confidence < MIN_CONFIDENCE:
        table, warnings = report
        warnings.append(
            f"page {number}, table {table}, row {row + 1}, column {col + 1}: OCR read {read.text!r} "
            f"with confidence {confidence} < {MIN_CONFIDENCE}: left blank"
        )
        read.text, text = "", ""
    return Placed(row, col, text, rowspan, colspan, read)


def ocr_page(page: pdfium.PdfPage, number: int, warnings: list[str]) -> pdf._Page:
    """Lines and tables of one scanned page, as the text-layer reader gives them for a page with text."""
    scan = _Scan(page)
    found = [t for t in rules.find_tables(_grid().rulings(scan.grey, SCALE)) if len(t.xs) >= 3]  # else framed text
    lines = _lines(scan, number, found)
    tables = _tables(scan, number, found, _char_height(lines), warnings)
    return pdf._Page(number, scan.height, lines, tables)


def read_bytes(data: bytes, path: str, fmt: str = "pdf") -> Document:
    try:
        _grid()
    except ImportError as exc:
        raise NeedsOCR(path, f'scanned pages without a text layer need OCR ({exc}): pip install "xxgk[ocr]"') from None
    _give_back_freed_memory()
    doc = pdf.open_pdf(data, path)
    warnings: list[str] = []
    try:
        pages, image_only = pdf.read_pages(doc, path)
        for done, number in enumerate([0, *image_only]):
            if done:
                pages[number - 1] = ocr_page(doc[number - 1], number, warnings)
            if on_page is not None:
                on_page(done, len(image_only))
    except pdfium.PdfiumError as exc:
        raise CorruptFile(path, f"damaged PDF page: {exc}") from None
    finally:
        doc.close()
    result = pdf.document(path, pages, warnings)
    if not result.ocr and len(image_only) == len(pages):
        raise NeedsOCR(path, f"OCR found no text on the {len(pages)} scanned pages")
    listed = ", ".join(map(str, image_only))
    warnings.insert(
        0, f"pages {listed} have no text layer (scanned images): read by OCR, {len(result.ocr)} lines and cells"
    )
    return result
