"""Our ruling-line table finder: pure geometry, PDF paths read through pdfium,
and the same cell boxes as pdfplumber's table finder on real and fixture PDFs."""

from __future__ import annotations

import ctypes
import io
import logging
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from pipeline.readers import read
from pipeline.readers.pdf import read_bytes
from pipeline.readers.pdf_rules import (
    WHITE,
    RuledTable,
    Ruling,
    crossing_groups,
    find_tables,
    join,
    page_rulings,
    snap,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def h(y: float, x0: float, x1: float) -> Ruling:
    return Ruling(False, y, x0, x1)


def v(x: float, y0: float, y1: float) -> Ruling:
    return Ruling(True, x, y0, y1)


def grid(xs: list[float], ys: list[float]) -> list[Ruling]:
    """Full rulings of a plain grid."""
    return [h(y, xs[0], xs[-1]) for y in ys] + [v(x, ys[0], ys[-1]) for x in xs]


def boxes(table: RuledTable) -> list[tuple[float, float, float, float]]:
    return [table.box(c) for c in table.cells]


# --- geometry ------------------------------------------------------------------------


def test_plain_grid_gives_one_cell_per_square():
    (table,) = find_tables(grid([0, 10, 20, 30], [0, 10, 20]))
    assert table.xs == [0, 10, 20, 30] and table.ys == [0, 10, 20]
    assert table.cells == [(r, c, r + 1, c + 1) for r in range(2) for c in range(3)]
    assert table.bbox == (0, 0, 30, 20)


def test_missing_pieces_merge_cells_across_columns_and_rows():
    rulings = [h(y, 0, 30) for y in (0, 20)] + [h(10, 0, 20)]  # no line under the right column
    rulings += [v(0, 0, 20), v(30, 0, 20), v(20, 0, 20), v(10, 10, 20)]  # no line in the top-left
    (table,) = find_tables(rulings)
    assert sorted(table.cells) == [(0, 0, 1, 2), (0, 2, 2, 3), (1, 0, 2, 1), (1, 1, 2, 2)]


def test_pieces_drawn_cell_by_cell_are_snapped_and_joined():
    rulings = [h(0.4, 0, 10.5), h(-0.3, 11, 20), h(20, 0, 20), h(19.2, 0, 9)]  # gap of 0.5, offsets
    rulings += [v(0, 0, 20), v(10.6, 0, 21), v(20, 0, 12), v(20.5, 13, 20)]
    merged = join(snap(rulings))
    assert len([r for r in merged if not r.vertical]) == 2
    assert len([r for r in merged if r.vertical]) == 3
    (table,) = find_tables(rulings)
    assert len(table.cells) == 2 and len(table.xs) == 3


def test_double_border_counts_once():
    rulings = grid([0, 10, 20], [0, 10]) + [h(2, 0, 20), v(18, 0, 10)]  # 2 pt inside the frame
    (table,) = find_tables(rulings)
    assert table.cells == [(0, 0, 1, 1), (0, 1, 1, 2)]


def test_region_open_on_one_side_is_not_a_cell():
    rulings = grid([0, 10, 20], [0, 10]) + [h(20, 0, 10), v(0, 10, 20)]  # a box missing its right side
    (table,) = find_tables(rulings)
    assert table.cells == [(0, 0, 1, 1), (0, 1, 1, 2)]
    assert table.ys == [0, 10]


def test_unused_boundaries_are_dropped():
    rulings = grid([0, 10, 20], [0, 10, 20]) + [v(15, 20, 30), h(30, 10, 16)]  # a stub under the table
    (table,) = find_tables(rulings)
    assert table.xs == [0, 10, 20] and table.ys == [0, 10, 20]


def test_l_shaped_region_is_split_into_row_runs():
    rulings = [h(0, 0, 20), h(10, 10, 20), h(20, 0, 20), v(0, 0, 20), v(10, 0, 10), v(20, 0, 20)]
    rulings += [v(10, 10, 20), h(10, 0, 5)]  # the inner corner leaves one closed L-shape and one square
    (table,) = find_tables(rulings)
    assert (0, 1, 1, 2) in table.cells and len(table.cells) == 3


def test_lone_and_short_rulings_make_no_table():
    assert find_tables([h(5, 0, 100), v(50, 10, 90)]) == []
    assert find_tables(grid([0, 2, 4], [0, 2])) == []  # shorter than 3 pt: ticks, not rulings


def test_separate_tables_come_top_to_bottom():
    rulings = grid([0, 10, 20], [100, 110]) + grid([0, 10, 20], [0, 10])
    assert len(crossing_groups(join(snap(rulings)))) == 2
    tables = find_tables(rulings)
    assert [t.ys[0] for t in tables] == [0, 100]


# --- PDFs drawn with pdfium -----------------------------------------------------------


def _stroke(path, width: float = 0.5) -> None:
    pdfium_c.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
    pdfium_c.FPDFPageObj_SetStrokeWidth(path, width)
    pdfium_c.FPDFPath_SetDrawMode(path, 0, True)


def _grid_as_one_path(page: pdfium.PdfPage, xs: list[float], ys: list[float]) -> None:
    """A whole grid as sub-paths of one path object (PDF y grows upwards)."""
    path = pdfium_c.FPDFPageObj_CreateNewPath(xs[0], ys[0])
    pdfium_c.FPDFPath_LineTo(path, xs[-1], ys[0])
    for y in ys[1:]:
        pdfium_c.FPDFPath_MoveTo(path, xs[0], y)
        pdfium_c.FPDFPath_LineTo(path, xs[-1], y)
    for x in xs:
        pdfium_c.FPDFPath_MoveTo(path, x, ys[0])
        pdfium_c.FPDFPath_LineTo(path, x, ys[-1])
    _stroke(path)
    pdfium_c.FPDFPage_InsertObject(page.raw, path)


def _cell_outlines(page: pdfium.PdfPage, cells: list[tuple[float, float, float, float]]) -> None:
    """Each cell as a stroked rectangle (x, y, width, height)."""
    for x, y, w, hgt in cells:
        rect = pdfium_c.FPDFPageObj_CreateNewRect(x, y, w, hgt)
        _stroke(rect)
        pdfium_c.FPDFPage_InsertObject(page.raw, rect)


def _text(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, x: float, y: float, text: str) -> None:
    obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 10.0)
    encoded = (text + "\0").encode("utf-16-le")  # FPDF_WIDESTRING is UTF-16, not wchar_t
    buf = ctypes.create_string_buffer(encoded, len(encoded))
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(buf, pdfium_c.FPDF_WIDESTRING))
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)


def _save(pdf: pdfium.PdfDocument) -> bytes:
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def test_grid_drawn_as_one_path_is_read_from_its_segments():
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(600, 800)
    _grid_as_one_path(page, [100, 200, 300, 400], [500, 600, 700])
    page.gen_content()
    (table,) = find_tables(page_rulings(page, 800))
    assert table.xs == [100, 200, 300, 400] and table.ys == [100, 200, 300]
    assert len(table.cells) == 6


def test_cell_outlines_share_edges_and_give_the_cells_text():
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(600, 800)
    # A header spanning two columns over two body cells; y of the PDF grows upwards.
    _cell_outlines(page, [(100, 600, 200, 50), (100, 550, 100, 50), (200, 550, 100, 50)])
    _text(pdf, page, 110, 620, "Header")
    _text(pdf, page, 110, 570, "12")
    _text(pdf, page, 210, 570, "34")
    _text(pdf, page, 100, 400, "Body text under the table.")
    page.gen_content()
    doc = read_bytes(_save(pdf), "drawn.pdf")
    (table,) = doc.grids
    assert [[c.text for c in row] for row in table.rows] == [["Header", "Header"], ["12", "34"]]
    assert [[c.origin for c in row] for row in table.rows] == [[True, False], [True, True]]
    assert "Body text under the table." in doc.text


def test_rulings_inside_a_scaled_form_xobject_are_placed_on_the_page():
    src = pdfium.PdfDocument(FIXTURES / "yunxi_2023.pdf")
    dst = pdfium.PdfDocument.new()
    width, height = src[2].get_size()
    page = dst.new_page(width, height)
    form = src.page_as_xobject(2, dst).as_pageobject()
    form.transform(pdfium.PdfMatrix().scale(0.5, 0.5).translate(20, 30))
    page.insert_obj(form)
    page.gen_content()
    (plain,) = find_tables(page_rulings(src[2], height))
    (scaled,) = find_tables(page_rulings(page, height))
    assert scaled.cells == plain.cells
    expected = (plain.xs[0] * 0.5 + 20, height - ((height - plain.ys[0]) * 0.5 + 30))
    assert scaled.bbox[:2] == pytest.approx(expected, abs=0.01)


def test_pdf_reader_does_not_need_pdfplumber(monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # importing it would now fail
    doc = read(FIXTURES / "yunxi_2023.pdf")
    assert [(len(g.rows), g.width) for g in doc.grids] == [(14, 4), (28, 10), (4, 15)]


# --- same cells as pdfplumber ----------------------------------------------------------


def _shows_on_white(obj: dict) -> bool:
    """pdfplumber takes every painted path as ruling; we leave out white or unpainted ones."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True

    def visible(color: object) -> bool:
        values = list(color) if isinstance(color, (list, tuple)) else [color]
        if not values or not all(isinstance(v, (int, float)) for v in values):
            return True  # no colour or a pattern: drawn
        if len(values) == 4:  # CMYK
            c, m, y, k = values
            values = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
        return min(values) < WHITE / 255

    stroked = obj.get("stroke") and visible(obj.get("stroking_color"))
    filled = obj.get("fill") and visible(obj.get("non_stroking_color"))
    return bool(stroked or filled)


def _plumber_cells(path: Path) -> list[list[list[tuple[float, ...]]]]:
    """pdfplumber's table cells, with white-on-white paths left out as our finder does."""
    pdfplumber = pytest.importorskip("pdfplumber")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(path) as pdf:
        pages = [p.filter(_shows_on_white) for p in pdf.pages]
        return [sorted(sorted(tuple(b) for b in t.cells) for t in p.find_tables()) for p in pages]


def _our_cells(path: Path) -> list[list[list[tuple[float, ...]]]]:
    pdf = pdfium.PdfDocument(path)
    out = []
    for page in pdf:
        height = page.get_mediabox()[3]
        out.append(sorted(sorted(t.box(c) for c in t.cells) for t in find_tables(page_rulings(page, height))))
    return out


def _assert_same_cells(path: Path) -> None:
    theirs, ours = _plumber_cells(path), _our_cells(path)
    assert [[len(t) for t in p] for p in ours] == [[len(t) for t in p] for p in theirs]
    for page_ours, page_theirs in zip(ours, theirs, strict=True):
        for table_ours, table_theirs in zip(page_ours, page_theirs, strict=True):
            for a, b in zip(table_ours, table_theirs, strict=True):
                assert a == pytest.approx(b, abs=3.0)


def test_fixture_pdf_cells_match_pdfplumber():
    _assert_same_cells(FIXTURES / "yunxi_2023.pdf")


def test_huaian_pdf_cells_match_pdfplumber(huaian_pdf):
    _assert_same_cells(huaian_pdf)


def test_white_boxes_behind_text_are_not_rulings():
    """pdfplumber takes the white boxes behind the damaged fixture's sub-sections as a table; we do not."""
    pdfplumber = pytest.importorskip("pdfplumber")
    path = FIXTURES / "yunxi_2023_damaged.pdf"
    with pdfplumber.open(path) as pdf:
        assert pdf.pages[0].find_tables(), "the fixture lost its white boxes"
    assert _our_cells(path)[0] == []
    assert _assert_same_cells(path) is None
