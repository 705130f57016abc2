"""Scanned reports: pages without a text layer read by OCR (the ``ocr`` extra).

The scans are made at test time from our own fixture (tests/scanned_pdfs.py):
every page of yunxi_2023.pdf rasterised and degraded like a scan (turned,
blurred, speckled, JPEG quality 50), and a copy with only page 3 scanned.
Their records are compared with the record of the text-layer PDF: every table
cell the same (or null with a warning), the narrative characters >= 99% right.
"""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

import pytest

from pipeline.errors import NeedsOCR
from pipeline.parse import parse
from pipeline.readers import read
from pipeline.record import Record, load, table_value
from tests.scanned_pdfs import partly_scanned, scanned

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "yunxi_2023.pdf"
NO_EXTRA = 'the ocr extra is not installed (pip install -e ".[ocr]")'


def _need_extra() -> None:
    for module in ("rapidocr", "onnxruntime", "cv2"):
        pytest.importorskip(module, reason=NO_EXTRA)


@pytest.fixture(scope="module")
def reference() -> Record:
    return parse(FIXTURE)


@pytest.fixture(scope="module")
def scan_like(tmp_path_factory: pytest.TempPathFactory) -> Record:
    _need_extra()
    path = tmp_path_factory.mktemp("ocr") / "yunxi_scan_like.pdf"
    path.write_bytes(scanned(FIXTURE, scan_like=True, seed=7))
    return parse(path)


@pytest.fixture(scope="module")
def partly(tmp_path_factory: pytest.TempPathFactory) -> Record:
    _need_extra()
    path = tmp_path_factory.mktemp("ocr") / "yunxi_page3_scanned.pdf"
    path.write_bytes(partly_scanned(FIXTURE, [3], scan_like=False))
    return parse(path)


def narrative(record: Record) -> str:
    return "\n".join(p.text for p in record.paragraphs)


def char_accuracy(expected: str, got: str) -> float:
    return difflib.SequenceMatcher(None, expected, got, autojunk=False).ratio()


def cells_differing(record: Record, reference: Record) -> list[str]:
    """Cells whose value differs from the text-layer record, except nulls a warning names."""
    wrong = []
    for key in reference.table_spans:
        got, want = table_value(record.tables, key), table_value(reference.tables, key)
        if got != want and not (got is None and any(key.split(".", 1)[1] in w for w in record.warnings)):
            wrong.append(f"{key}: {got!r} != {want!r}")
    return wrong


@pytest.mark.slow
def test_every_table_cell_of_a_scan_like_report_is_read_exactly(scan_like: Record, reference: Record) -> None:
    assert len(reference.table_spans) > 150
    assert cells_differing(scan_like, reference) == []
    assert scan_like.tables == reference.tables


@pytest.mark.slow
def test_narrative_of_a_scan_like_report_is_at_least_99_percent_right(scan_like: Record, reference: Record) -> None:
    assert len(scan_like.paragraphs) == len(reference.paragraphs)
    assert char_accuracy(narrative(reference), narrative(scan_like)) >= 0.99
    assert [s.number for s in scan_like.sections] == [1, 2, 3, 4, 5, 6]
    assert scan_like.meta.year == reference.meta.year == 2023


@pytest.mark.slow
def test_warnings_name_the_ocr_pages(scan_like: Record, partly: Record) -> None:
    assert scan_like.warnings[0].startswith("pages 1, 2, 3, 4 have no text layer (scanned images): read by OCR")
    assert partly.warnings[0].startswith("pages 3 have no text layer (scanned images): read by OCR")


@pytest.mark.slow
def test_every_ocr_line_and_cell_keeps_page_box_and_confidence(scan_like: Record) -> None:
    kinds = {r.kind for r in scan_like.ocr}
    assert kinds == {"line", "cell"}
    for r in scan_like.ocr:
        x0, top, x1, bottom = r.box
        assert 1 <= r.page <= 4 and 0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 842, r
        assert 0 < r.confidence <= 1
    placed = [r for r in scan_like.ocr if r.kind == "cell" and r.start >= 0 and r.text]
    assert len(placed) > 150
    assert all(scan_like.text[r.start : r.end] == r.text for r in placed)
    cells = {(r.start, r.page) for r in placed}
    assert all((s.start, s.page) in cells for s in scan_like.table_spans.values() if s.start >= 0)
    assert "ocr" in scan_like.to_dict(include_text=False)
    assert load(scan_like.to_bytes()).to_bytes() == scan_like.to_bytes()


def test_a_record_without_ocr_keeps_its_json_as_before(reference: Record) -> None:
    assert reference.ocr == [] and "ocr" not in reference.to_dict(include_text=False)


@pytest.mark.slow
def test_a_partly_scanned_report_gets_every_page(partly: Record, reference: Record) -> None:
    assert partly.source.pages == 4
    assert {r.page for r in partly.ocr} == {3}
    assert partly.tables == reference.tables  # the requests table runs on from the scanned page to a text page
    assert char_accuracy(narrative(reference), narrative(partly)) >= 0.99


@pytest.mark.slow
def test_a_misread_cell_that_breaks_a_sum_is_named_with_its_confidence(scan_like: Record) -> None:
    from pipeline.checks import run_checks

    record = dataclasses.replace(scan_like, tables={k: dict(v) for k, v in scan_like.tables.items()})
    record.tables["appeals"]["review_upheld"] += 10
    span = record.table_spans["appeals.review_upheld"]
    read = next(r for r in record.ocr if r.kind == "cell" and r.start == span.start)
    record.ocr = [dataclasses.replace(r, confidence=0.61) if r is read else r for r in record.ocr]
    check = next(c for c in run_checks(record) if c.id == "appeals.totals.review")
    assert check.status == "fail"
    assert "(OCR: appeals.review_upheld read with confidence 0.61)" in check.message
    named = {e.ref: e.value for e in check.evidence}
    assert named["ocr_confidence.appeals.review_upheld"] == 0.61


def test_without_the_extra_a_scan_stays_image_only_with_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from tests.test_packaging import Blocked

    for mod in list(sys.modules):
        if mod.split(".")[0] in ("rapidocr", "cv2") or mod == "pipeline.readers.ocr_grid":
            monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(sys, "meta_path", [Blocked(("rapidocr", "cv2")), *sys.meta_path])
    path = tmp_path / "scan.pdf"
    path.write_bytes(partly_scanned(FIXTURE, [1, 2, 3, 4], scan_like=False))
    with pytest.raises(NeedsOCR) as err:
        read(path)
    assert err.value.reason == "image_only" and 'pip install "xxgk[ocr]"' in err.value.detail
    path.write_bytes(partly_scanned(FIXTURE, [2], scan_like=False))
    doc = read(path)
    assert doc.pages == 4 and not doc.ocr
    assert any(w.startswith("pages 2 have no text layer") and "xxgk[ocr]" in w for w in doc.warnings)


class _Image:
    def __init__(self, box: tuple[float, float, float, float]) -> None:
        self.box = box

    def get_pos(self) -> tuple[float, float, float, float]:
        return self.box


class _Page:
    """What :func:`pipeline.readers.pdf.is_scanned` asks of a page: its size and image objects."""

    def __init__(self, *images: tuple[float, float, float, float]) -> None:
        self.images = [_Image(box) for box in images]

    def get_size(self) -> tuple[float, float]:
        return 595.0, 842.0

    def get_objects(self, filter: list[int], max_depth: int) -> object:
        return iter(self.images)


def test_a_page_image_with_a_stamped_page_number_is_a_scan_but_a_page_of_text_is_not() -> None:
    from pipeline.readers.pdf import Char, is_scanned

    stamp = [Char(t, 0, 290.0 + 6 * i, 800.0, 296.0 + 6 * i, 810.0) for i, t in enumerate("- 3 -")]
    text = [Char("字", i // 30, 60.0 + 15 * (i % 30), 100.0, 74.0 + 15 * (i % 30), 114.0) for i in range(60)]
    full, logo = (20.0, 20.0, 575.0, 822.0), (60.0, 760.0, 120.0, 800.0)
    assert is_scanned(_Page(full), []) and is_scanned(_Page(logo), [])  # no text at all: any image
    assert is_scanned(_Page(full), stamp)
    assert not is_scanned(_Page(logo), stamp) and not is_scanned(_Page(), stamp)
    assert not is_scanned(_Page(full), text)


def test_an_allocation_onnxruntime_fails_under_a_memory_limit_is_a_memory_error() -> None:
    from pipeline.readers.ocr import _run

    def inference() -> None:
        raise RuntimeError("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Status Message: std::bad_alloc")

    with pytest.raises(MemoryError, match="bad_alloc"):
        _run(inference)
    with pytest.raises(ValueError):
        _run(int, "not a number")


# -- the image geometry, on drawn images -------------------------------------------


def _drawn(angle: float = 0.0):
    cv2 = pytest.importorskip("cv2", reason=NO_EXTRA)
    import numpy as np

    page = np.full((900, 700), 255, np.uint8)
    for y in range(100, 801, 100):
        cv2.line(page, (100, y), (600, y), 0, 2)
    for x in (100, 300, 450, 600):
        cv2.line(page, (x, 100), (x, 800), 0, 2)
    cv2.putText(page, "12", (340, 165), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    turn = cv2.getRotationMatrix2D((350, 450), angle, 1.0)
    return cv2.warpAffine(page, turn, (700, 900), borderValue=255)


def test_a_turned_page_is_straightened_to_a_tenth_of_a_degree() -> None:
    from pipeline.readers import ocr_grid

    assert abs(ocr_grid.skew_angle(_drawn(1.2)) + 1.2) <= 0.1
    assert abs(ocr_grid.skew_angle(_drawn(-0.7)) - 0.7) <= 0.1


def test_the_rulings_of_a_drawn_grid_make_one_table_with_its_cells() -> None:
    from pipeline.readers import ocr_grid
    from pipeline.readers.pdf_rules import find_tables

    (table,) = find_tables(ocr_grid.rulings(_drawn(), 2.0))
    assert [round(x) for x in table.xs] == [50, 150, 225, 300]
    assert len(table.ys) == 8 and len(table.cells) == 21


def test_a_cell_s_ink_is_cut_into_lines_and_a_slash_is_told_from_a_one() -> None:
    cv2 = pytest.importorskip("cv2", reason=NO_EXTRA)
    import numpy as np

    from pipeline.readers import ocr_grid

    cell = np.full((120, 200), 255, np.uint8)
    cv2.putText(cell, "ab", (20, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    cv2.putText(cell, "cd", (20, 100), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    assert len(ocr_grid.ink_rows(cell, 30)) == 2
    assert ocr_grid.ink_rows(np.full((40, 40), 250, np.uint8), 30) == []
    slash = np.full((60, 40), 255, np.uint8)
    cv2.line(slash, (30, 8), (10, 52), 0, 3)
    one = np.full((60, 40), 255, np.uint8)
    cv2.line(one, (20, 8), (20, 52), 0, 3)
    assert ocr_grid.is_slash(slash) and not ocr_grid.is_slash(one)


# -- corpus runs -------------------------------------------------------------------


@pytest.fixture(scope="module")
def one_scanned_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need_extra()
    path = tmp_path_factory.mktemp("ocr") / "yunxi_page1_scan.pdf"
    path.write_bytes(scanned(FIXTURE, [1], scan_like=True))
    return path


@pytest.mark.slow
def test_a_corpus_worker_counts_the_pages_it_reads_by_ocr(one_scanned_page: Path) -> None:
    from pipeline.corpus.worker import Sandbox

    counted: list[tuple[int, int]] = []
    sandbox = Sandbox(None, 1024.0, on_pages=lambda read, announced: counted.append((read, announced)))
    try:
        result = sandbox.run("0" * 64, str(one_scanned_page), 120.0, 1024.0)
    finally:
        sandbox.stop()
    assert result["status"] == "ok", result
    assert counted == [(0, 1), (1, 0)]


@pytest.mark.slow
def test_ocr_in_a_corpus_worker_has_its_own_memory_limit(one_scanned_page: Path) -> None:
    from pipeline.corpus.worker import Sandbox
    from pipeline.options import Options

    sandbox = Sandbox(None, 1024.0, Options(ocr_memory_mb=200.0))
    try:
        result = sandbox.run("0" * 64, str(one_scanned_page), 120.0, 1024.0)
    finally:
        sandbox.stop()
    assert result["reason"] == "memory"
    assert "above 200 MB reading scanned pages by OCR" in result["error"]["detail"]
