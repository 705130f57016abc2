"""HTML, DOCX and PDF readers on the made-up 云溪县 report and on broken inputs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from pipeline.document import Document, Grid
from pipeline.errors import CorruptFile, EncryptedFile, NeedsOCR, UnsupportedFormat
from pipeline.readers import read
from pipeline.readers.grid_text import Placed, TextBuilder, cell_text
from pipeline.readers.pdf_layout import Line, drop_furniture, page_metrics, paragraphs, running_keys
from pipeline.sections import segment

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
SHAPES = [(14, 4), (28, 10), (4, 15)]  # disclosure, requests, appeals


@pytest.fixture(scope="module", params=["html", "docx", "pdf"])
def doc(request) -> Document:
    return read(FIXTURES / f"yunxi_2023.{request.param}")


def assert_offsets(doc: Document, grid: Grid) -> None:
    for row in grid.rows:
        for cell in row:
            assert doc.text[cell.start : cell.end] == cell.text


def test_headings_are_lines_of_the_text(doc):
    lines = doc.text.split("\n")
    for heading in HEADINGS:
        assert heading.replace("（", "(").replace("）", ")") in lines


def test_tables_become_grids_of_the_printed_shape(doc):
    assert [(len(g.rows), g.width) for g in doc.grids] == SHAPES
    for grid in doc.grids:
        assert_offsets(doc, grid)
        assert doc.text[grid.start : grid.end].count("\n") == len(grid.rows)


def test_merged_cells_are_expanded_with_one_origin(doc):
    requests = doc.grids[1]
    outcome = [row[0] for row in requests.rows[5:27]]  # 三、本年度办理结果 spans 22 rows
    assert {c.text for c in outcome} == {"三、本年度办理结果"}
    assert [c.origin for c in outcome] == [True] + [False] * 21
    assert len({(c.start, c.end) for c in outcome}) == 1
    header = requests.rows[0]
    assert [c.text for c in header[3:]] == ["申请人情况"] * 7
    assert [c.origin for c in header[3:]] == [True] + [False] * 6


def test_grid_rows_are_rendered_in_place_tab_separated(doc):
    appeals = doc.grids[2]
    last = doc.text[appeals.rows[3][0].start : appeals.end].rstrip("\n")
    assert last == "\t".join(["3", "1", "0", "1", "5", "2", "0", "1", "0", "3", "1", "0", "0", "0", "1"])
    assert doc.text.index("四、政府信息公开行政复议") < appeals.start < doc.text.index("五、存在的主要问题")


def test_six_sections_found(doc):
    assert [s.number for s in segment(doc.text)[0]] == [1, 2, 3, 4, 5, 6]


def test_html_skips_script_and_nav():
    doc = read(FIXTURES / "yunxi_2023.html")
    assert "visits" not in doc.text and "首页" not in doc.text
    assert doc.encoding == "utf-8"


def test_html_declared_gbk_page_is_decoded(tmp_path):
    page = (FIXTURES / "yunxi_2023.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gbk"')
    path = tmp_path / "gbk.html"
    path.write_bytes(page.encode("gbk"))
    doc = read(path)
    assert doc.encoding == "gb18030"
    assert "三、收到和处理政府信息公开申请情况" in doc.text


def test_html_layout_table_yields_its_inner_data_table(tmp_path):
    page = (
        "<html><body><table><tr><td>栏目</td><td><p>正文一段。</p>"
        "<table><tr><td rowspan='2'>规章</td><td colspan='2'>数量</td></tr><tr><td>1</td><td>/</td></tr></table>"
        "</td></tr></table></body></html>"
    )
    path = tmp_path / "nested.html"
    path.write_text(page, encoding="utf-8")
    doc = read(path)
    assert [g.texts() for g in doc.grids] == [[["规章", "数量", "数量"], ["规章", "1", "/"]]]
    assert "正文一段。" in doc.text.split("\n")


def test_gbk_text_copy_is_decoded():
    doc = read(FIXTURES / "yunxi_2023_gbk.txt")
    assert doc.encoding == "gb18030"
    assert doc.text == read(FIXTURES / "yunxi_2023.txt").text


# --- PDF ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf() -> Document:
    return read(FIXTURES / "yunxi_2023.pdf")


def test_pdf_pages_and_page_of_each_table(pdf):
    assert pdf.pages == 4
    assert len(pdf.page_starts) == 4 and pdf.page_starts == sorted(pdf.page_starts)
    assert [g.page for g in pdf.grids] == [2, 3, 4]
    assert pdf.page_at(pdf.text.index("三、收到和处理")) == 3
    assert pdf.page_at(pdf.text.index("六、其他需要报告的事项")) == 4


def test_pdf_requests_table_split_over_two_pages_is_one_grid(pdf):
    requests = pdf.grids[1]
    assert (len(requests.rows), requests.width) == (28, 10)
    assert requests.rows[-1][0].text == "四、结转下年度继续办理"  # the row printed on page 4
    assert [c.text for c in requests.rows[-1][3:]] == ["4", "2", "0", "0", "1", "1", "8"]
    assert pdf.text.count("申请人情况") == 1  # the header repeated on page 4 was dropped
    assert pdf.page_at(requests.rows[-1][3].start) == 4


def test_pdf_body_lines_wrapped_by_the_page_are_rejoined(pdf):
    lines = pdf.text.split("\n")
    para = next(ln for ln in lines if ln.startswith("(二)依申请公开"))
    assert para.endswith("全部在法定期限内作出答复。")
    # a paragraph broken by a page end continues on the next page
    assert any(ln.startswith("上一年度报告") and ln.endswith("还不够规范。") for ln in lines)


def test_pdf_running_header_and_page_numbers_are_dropped(pdf):
    assert "云溪县人民政府信息公开" not in pdf.text
    assert not any(ln.strip("- ").isdigit() for ln in pdf.text.split("\n"))


def test_huaian_pdf(huaian_pdf):
    doc = read(huaian_pdf)
    assert doc.pages == 6
    assert [s.number for s in segment(doc.text)[0]] == [1, 2, 3, 4, 5, 6]
    widths = [(len(g.rows), g.width) for g in doc.grids]
    assert (28, 10) in widths  # the requests table of pages 4 and 5 is one grid
    requests = next(g for g in doc.grids if g.width == 10)
    assert {doc.page_at(requests.start), doc.page_at(requests.rows[-1][-1].start)} == {4, 5}
    appeals = next(g for g in doc.grids if g.width == 15)
    assert [c.text for c in appeals.rows[-1]] == [
        "72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20",
    ]  # fmt: skip
    for grid in doc.grids:
        assert_offsets(doc, grid)


# --- error cases ------------------------------------------------------------------------


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes = b"secret") -> bytes:
    """A one-page PDF protected by the standard security handler (RC4, revision 2)."""
    import hashlib

    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    padded = (user_password + pad)[:32]
    owner = _rc4(hashlib.md5(padded).digest()[:5], padded)
    file_id = b"0123456789abcdef"
    perms = -4
    key = hashlib.md5(padded + owner + perms.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    user = _rc4(key, pad)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + owner.hex().encode() + b"> /U <" + user.hex().encode()
        + b"> /P " + str(perms).encode() + b" >>",
    ]  # fmt: skip
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % o for o in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1, file_id.hex().encode(), file_id.hex().encode()))  # fmt: skip
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def image_only_pdf(pages: int = 2) -> bytes:
    from PIL import Image, ImageDraw

    images = []
    for _ in range(pages):
        image = Image.new("RGB", (300, 400), "white")
        ImageDraw.Draw(image).rectangle((40, 40, 260, 120), fill="black")
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_encrypted_pdf_is_refused_with_its_path(tmp_path):
    with pytest.raises(EncryptedFile) as err:
        read(write(tmp_path, "locked.pdf", encrypted_pdf()))
    assert "locked.pdf" in str(err.value)


def test_truncated_pdf_is_corrupt(tmp_path):
    data = (FIXTURES / "yunxi_2023.pdf").read_bytes()
    with pytest.raises(CorruptFile) as err:
        read(write(tmp_path, "cut.pdf", data[:1500]))
    assert "cut.pdf" in str(err.value)


def test_garbage_after_pdf_header_is_corrupt(tmp_path):
    with pytest.raises(CorruptFile):
        read(write(tmp_path, "junk.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8))


def test_image_only_pdf_needs_ocr(tmp_path):
    with pytest.raises(NeedsOCR) as err:
        read(write(tmp_path, "scan.pdf", image_only_pdf()))
    assert err.value.reason == "image_only"


def test_some_image_pages_give_a_warning_naming_them(tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    merged = pdfium.PdfDocument((FIXTURES / "yunxi_2023.pdf").read_bytes())
    merged.import_pages(pdfium.PdfDocument(image_only_pdf(1)))
    out = io.BytesIO()
    merged.save(out)
    doc = read(write(tmp_path, "mixed.pdf", out.getvalue()))
    assert doc.pages == 5
    assert any("pages 5 " in w and "OCR" in w for w in doc.warnings)


def test_docx_zip_bomb_is_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (30 * 1024 * 1024) + b"</w:document>")
    with pytest.raises(CorruptFile) as err:
        read(write(tmp_path, "bomb.docx", buf.getvalue()))
    assert "zip bomb" in str(err.value)


def test_truncated_docx_is_corrupt(tmp_path):
    data = (FIXTURES / "yunxi_2023.docx").read_bytes()
    with pytest.raises(CorruptFile):
        read(write(tmp_path, "cut.docx", data[: len(data) // 2]))


# --- pure helpers -------------------------------------------------------------------------


def test_cell_lines_join_without_space_between_cjk():
    assert cell_text("结果\n维持") == "结果维持"
    assert cell_text("Total\nvalue") == "Total value"
    assert cell_text("（二）部分\n公开") == "(二)部分公开"


def test_builder_gives_covered_cells_the_origin_offsets():
    out = TextBuilder()
    out.paragraph("标题")
    grid = out.table(
        [Placed(0, 0, "甲", rowspan=2), Placed(0, 1, "乙", colspan=2), Placed(1, 1, "1"), Placed(1, 2, "")]
    )
    text = out.text()
    assert text == "标题\n甲\t乙\t\n\t1\t\n"
    assert grid is not None and grid.texts() == [["甲", "乙", "乙"], ["甲", "1", ""]]
    assert (grid.rows[1][0].start, grid.rows[1][0].origin) == (grid.rows[0][0].start, False)
    assert text[grid.rows[0][2].start : grid.rows[0][2].end] == "乙"


def test_one_column_table_is_prose():
    out = TextBuilder()
    assert out.table([Placed(0, 0, "一段文字"), Placed(1, 0, "另一段")]) is None
    assert out.text() == "一段文字\n另一段\n" and not [b for b in out.blocks if b.kind == "table"]


def _line(page: int, top: float, x0: float, x1: float, text: str) -> Line:
    return Line(page, top, top + 12, x0, x1, text)


def test_wrapped_lines_join_but_headings_and_indented_starts_do_not():
    lines = [
        _line(1, 100, 100, 300, "一、总体情况"),
        _line(1, 120, 124, 500, "第一段开头缩进，写满一行"),
        _line(1, 140, 100, 500, "第二行写满仍未结束的句子"),
        _line(1, 160, 100, 260, "结束。"),
        _line(1, 180, 124, 500, "(一)小标题开头的一段话写满"),
        _line(1, 200, 100, 300, "收尾。"),
    ]
    paras = paragraphs(lines, {1: page_metrics(lines)})
    assert ["".join(ln.text for ln in p) for p in paras] == [
        "一、总体情况",
        "第一段开头缩进，写满一行第二行写满仍未结束的句子结束。",
        "(一)小标题开头的一段话写满收尾。",
    ]


def test_page_numbers_and_running_heads_are_furniture():
    pages = [
        [
            _line(n, 20, 200, 300, "云溪县政务公开"),
            _line(n, 400, 100, 500, f"正文{n}"),
            _line(n, 800, 280, 300, f"- {n} -"),
        ]
        for n in (1, 2, 3)
    ]
    running = running_keys(pages, [842.0] * 3)
    kept = [[ln.text for ln in drop_furniture(p, 842.0, running)] for p in pages]
    assert kept == [["正文1"], ["正文2"], ["正文3"]]
    assert [ln.text for ln in drop_furniture([_line(1, 400, 100, 200, "第3页")], 842.0, set())] == []


def test_a_registered_reader_takes_over_where_the_one_before_needs_ocr(tmp_path, monkeypatch) -> None:
    import sys
    import types

    from pipeline import readers
    from pipeline.document import Block

    def refuse(data: bytes, path: str, fmt: str) -> Document:
        raise NeedsOCR(path, "no text layer")

    def recognise(data: bytes, path: str, fmt: str) -> Document:
        text = "识别出的文字"
        return Document(path, fmt, text, [Block("text", 0, len(text))])

    monkeypatch.setitem(sys.modules, "fake_scan", types.SimpleNamespace(read_bytes=refuse))
    monkeypatch.setitem(sys.modules, "fake_ocr", types.SimpleNamespace(read_bytes=recognise))
    monkeypatch.setitem(readers.READERS, "txt", ["fake_scan"])
    path = tmp_path / "scan.txt"
    path.write_bytes("任意内容".encode())
    with pytest.raises(NeedsOCR):
        readers.read(path)
    readers.register("txt", "fake_ocr")
    assert readers.read(path).text == "识别出的文字"
    monkeypatch.setitem(readers.READERS, "txt", [])
    with pytest.raises(UnsupportedFormat):
        readers.read(path)


def test_one_line_sticking_out_does_not_move_the_right_edge() -> None:
    from pipeline.readers.pdf_layout import text_right

    lines = [Line(1, 20.0 * i, 20.0 * i + 14, 63, 534, "正文" * 10) for i in range(8)]
    lines[3] = Line(1, 60, 74, 63, 560, "正文" * 10 + "。")  # a full stop hung in the margin
    assert text_right(lines, 14) == 534
    m = page_metrics(lines)
    wrapped = [Line(1, 200, 214, 91, 534, "第一行写到版心右边"), Line(1, 222, 236, 63, 300, "第二行接着写完。")]
    assert len(paragraphs(wrapped, {1: m})) == 1


def test_characters_drawn_late_are_folded_back_into_their_line_in_x_order() -> None:
    from pipeline.readers.pdf import Char, text_rows

    def chars(text: str, line: int, x: float, step: float = 14) -> list[Char]:
        return [
            Char(t, line, x + i * step, 100, x + i * step + (0 if t == " " else 14), 114) for i, t in enumerate(text)
        ]

    words = chars("落实", 0, 60) + [Char(" ", 0, 94, 112, 94, 112)] + chars("三审", 0, 102) + chars("制度", 0, 144)
    quotes = [Char("“", 1, 88, 100, 102, 114), Char("”", 1, 130, 100, 144, 114)]
    below = chars("下一行", 2, 60)
    for c in below:
        c.top, c.bottom, c.cy = 130, 144, 137
    rows = text_rows(words + quotes + below)
    assert ["".join(c.text for c in row) for row in rows] == ["落实“三审”制度", "下一行"]


def test_white_boxes_and_late_quotes_leave_the_pdf_reading_like_the_docx() -> None:
    """A PDF with white-filled boxes behind text and quotes drawn out of order reads as its DOCX does."""
    from pipeline import parse

    fixtures = Path(__file__).resolve().parent / "fixtures"
    pdf, docx = parse(fixtures / "yunxi_2023_damaged.pdf"), parse(fixtures / "yunxi_2023.docx")
    assert [p.text for p in pdf.paragraphs] == [p.text for p in docx.paragraphs]
    assert [(s.kind, s.text) for s in pdf.statements] == [(s.kind, s.text) for s in docx.statements]
    assert pdf.tables == docx.tables
    assert [(f.metric, f.value) for f in pdf.figures] == [(f.metric, f.value) for f in docx.figures]
    assert any("“三审三校”" in p.text for p in pdf.paragraphs)
