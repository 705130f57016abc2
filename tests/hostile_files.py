"""Builders of hostile input files (issue 16): each a few lines, each small on disk.

Used by ``tests/test_hostile_inputs.py`` and as seeds by ``tests/fuzz/fuzz_readers.py``.
All text is our own; no sentence comes from a real report.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
DATA = Path(__file__).resolve().parent / "data"

REPORT_LINES = [
    "云溪县人民政府2023年政府信息公开工作年度报告",
    "一、总体情况",
    "2023年，云溪县依法推进政务公开，全年主动公开政府信息1200条。",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "政策解读形式较为单一。",
    "六、其他需要报告的事项",
    "无。",
]
REPORT = "\n".join(REPORT_LINES) + "\n"


def paras_xml(lines: list[str] = REPORT_LINES) -> str:
    """Word paragraphs, one per line."""
    return "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)


def docx(body: str, ns: str = W_NS, level: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal .docx whose ``w:body`` holds ``body``."""
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", level) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def docx_grid_before(n: int = 50_000_000) -> bytes:
    """One row that skips ``n`` grid columns before its only cell."""
    row = f'<w:tr><w:trPr><w:gridBefore w:val="{n}"/></w:trPr>{_cell("1")}{_cell("2")}</w:tr>'
    return docx(paras_xml() + f"<w:tbl>{row}</w:tbl>")


def docx_grid_span(n: int = 2_000_000, value: str | None = None) -> bytes:
    """A cell spanning ``n`` columns (or a gridSpan of any string ``value``)."""
    val = value if value is not None else str(n)
    span = f'<w:gridSpan w:val="{val}"/>'
    row = f"<w:tr>{_cell('a', span)}{_cell('b')}</w:tr>"
    return docx(paras_xml() + f"<w:tbl>{row}{row}</w:tbl>")


def docx_vmerge(n: int = 3000) -> bytes:
    """An n x n table of one cell merged across all columns and down all rows."""
    span = f'<w:gridSpan w:val="{n}"/>'
    restart = span + '<w:vMerge w:val="restart"/>'
    first = f"<w:tr>{_cell('合并', restart)}</w:tr>"
    rest = f"<w:tr>{_cell('', span + '<w:vMerge/>')}</w:tr>" * (n - 1)
    return docx(paras_xml() + f"<w:tbl>{first}{rest}</w:tbl>")


def docx_big_document(chars: int = 190_000_000) -> bytes:
    """A document.xml of ``chars`` bytes that deflates ~100x: under the per-member ratio limit."""
    para = "<w:p><w:r><w:t>政务公开信息申请办理答复第{}项</w:t></w:r></w:p>"
    n = chars // len(para.format(10**6).encode()) + 1
    return docx(paras_xml() + "".join(para.format(i * 7919 % 1000003) for i in range(n)))


def docx_nested_runs(depth: int = 100_000) -> bytes:
    """A paragraph of ``depth`` nested inline elements (smartTag inside smartTag …)."""
    inner = "<w:r><w:t>深</w:t></w:r>"
    import random

    rng = random.Random(16)  # distinct attributes keep deflate under the 200x zip-bomb ratio
    opens = "".join(f'<w:smartTag w:element="{rng.getrandbits(32):x}">' for _ in range(depth))
    nested = opens + inner + "</w:smartTag>" * depth
    return docx(paras_xml() + f"<w:p>{nested}</w:p>")


def docx_many_paragraphs(n: int = 100_000) -> bytes:
    """A report followed by ``n`` short paragraphs."""
    return docx(paras_xml() + "".join(f"<w:p><w:r><w:t>第{i}段。</w:t></w:r></w:p>" for i in range(n)))


def docx_strict() -> bytes:
    """A report in Strict OOXML (a different namespace)."""
    rows = f"<w:tr>{_cell('项目')}{_cell('数量')}</w:tr><w:tr>{_cell('新收')}{_cell('5')}</w:tr>"
    return docx(paras_xml() + f"<w:tbl>{rows}</w:tbl>", ns=STRICT_NS)


def html_page(body: str, head: str = "<meta charset='utf-8'>") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def html_report_body() -> str:
    return "".join(f"<p>{line}</p>" for line in REPORT_LINES)


def html_spans(n: int = 300, span: int = 200) -> bytes:
    """``n`` cells each spanning ``span`` rows and ``span`` columns."""
    cells = f"<td rowspan='{span}' colspan='{span}'>1</td>" * n
    return html_page(html_report_body() + f"<table><tr>{cells}</tr></table>")


def html_charset(name: str, body: bytes | None = None) -> bytes:
    """A UTF-8 report page declaring ``<meta charset=name>``."""
    page = html_page(html_report_body(), head=f'<meta http-equiv="Content-Type" content="text/html; charset={name}">')
    return page if body is None else body


def html_deep(depth: int = 5000) -> bytes:
    """A report whose last paragraph sits ``depth`` elements deep."""
    nested = "<div>" * depth + "<p>深层段落的内容。</p>" + "</div>" * depth
    return html_page(html_report_body() + nested)


def html_huge_text(chars: int = 11 * 1024 * 1024) -> bytes:
    """A report with one text node of over 10 MB."""
    return html_page(html_report_body() + "<p>" + "长" * (chars // 3 + 1) + "</p>")


def text_with_pdf_marker() -> bytes:
    """A plain-text report that quotes a PDF header in its first KB."""
    text = REPORT_LINES[0] + "\n附件格式说明：%PDF-1.7 文件可用阅读器打开。\n" + "\n".join(REPORT_LINES[1:]) + "\n"
    return text.encode()


def rtf() -> bytes:
    return rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 SimSun;}}\f0 \u20113?\u28330? report\par}"


def mhtml() -> bytes:
    return (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n'
        b'------=_NextPart_01\r\nContent-Type: text/html; charset="utf-8"\r\n\r\n'
        + html_page(html_report_body())
        + b"\r\n------=_NextPart_01--\r\n"
    )


def text_with_controls() -> bytes:
    """A report whose title line hides zero-width, bidi and terminal control characters."""
    title = "云溪县\u202e人民\u2066政府\u200b\u2069\x1b[31m2023年\x1b]0;x\x07政府信息公开\u200f工作年度报告\u2028"
    return (title + "\n" + "\n".join(REPORT_LINES[1:]) + "\n").encode()


def text_many_headings(n: int = 100_000) -> bytes:
    """A report followed by ``n`` numbered section headings."""
    heads = "".join(f"{'一二三四五六'[i % 6]}、{REPORT_LINES[[1, 3, 4, 5, 6, 8][i % 6]][2:]}\n" for i in range(n))
    return (REPORT + heads).encode()


def doc_inflated_pieces(base: Path = DATA / "mini_table.doc") -> bytes:
    """A .doc whose piece table is rewritten into many pieces, each claiming 2 GB of text."""
    import olefile

    data = bytearray(base.read_bytes())
    with olefile.OleFileIO(bytes(data)) as ole:
        wd = ole.openstream("WordDocument").read()
        table_name = "1Table" if struct.unpack_from("<H", wd, 0x0A)[0] & 0x0200 else "0Table"
        size = ole.get_size(table_name)
    n = (size - 5 - 4) // 12
    cps = struct.pack(f"<{n + 1}I", *[k * 0x200000 for k in range(n + 1)])  # 2M characters each
    pcds = b"".join(struct.pack("<HIH", 0, 0x40000000 | 0x400, 0) for _ in range(n))
    plc = cps + pcds
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    table = clx + b"\x00" * (size - len(clx))
    new_wd = bytearray(wd)
    struct.pack_into("<i", new_wd, 0x004C, 0x7FFFFFFF)  # ccpText: all of it
    struct.pack_into("<II", new_wd, 0x01A2, 0, len(clx))
    buf = io.BytesIO(bytes(data))
    with olefile.OleFileIO(buf, write_mode=True) as ole:
        ole.write_stream(table_name, table)
        ole.write_stream("WordDocument", bytes(new_wd))
    return buf.getvalue()


ATTACKS = {
    "grid_before.docx": docx_grid_before,
    "grid_span.docx": docx_grid_span,
    "grid_span_word.docx": lambda: docx_grid_span(value="two"),
    "vmerge.docx": docx_vmerge,
    "nested_runs.docx": docx_nested_runs,
    "many_paragraphs.docx": docx_many_paragraphs,
    "strict.docx": docx_strict,
    "spans.html": html_spans,
    "charset_undefined.html": lambda: html_charset("undefined"),
    "charset_idna.html": lambda: html_charset("idna"),
    "charset_punycode.html": lambda: html_charset("punycode"),
    "charset_utf16_lie.html": lambda: html_charset("utf-16"),
    "deep.html": html_deep,
    "huge_text.html": html_huge_text,
    "pdf_marker.txt": text_with_pdf_marker,
    "rtf.doc": rtf,
    "mhtml.doc": mhtml,
    "controls.txt": text_with_controls,
    "headings.txt": text_many_headings,
    "inflated.doc": doc_inflated_pieces,
}


def html_many_tables(n: int = 30, span: int = 200) -> bytes:
    """``n`` tables each under the per-table limit, together over the per-document one."""
    table = f"<table><tr><td rowspan='{span}' colspan='{span}'>1</td><td>2</td></tr></table>"
    return html_page(html_report_body() + table * n)


ATTACKS["many_tables.html"] = html_many_tables


def text_blank_without_title(n: int = 8000) -> bytes:
    """A report whose first lines are ``n`` spaces and tabs and that has no title line at all."""
    return (" \t" * (n // 2) + "\n" + "\n".join(REPORT_LINES[1:]) + "\n").encode()


def text_huge_numeral(n: int = 600) -> bytes:
    """A report stating a figure of 一 followed by ``n`` 亿 (a number of thousands of digits)."""
    return (REPORT.replace("1200条", "一" + "亿" * n + "条")).encode()


def text_long_digit_run(n: int = 5000) -> bytes:
    """A requests row whose values are ``n`` run-together digits."""
    row = "本年新收政府信息公开申请数量" + "1" * n
    return REPORT.replace(
        "三、收到和处理政府信息公开申请情况\n", f"三、收到和处理政府信息公开申请情况\n{row}\n"
    ).encode()


def text_many_figure_paragraphs(n: int = 20_000) -> bytes:
    """A report followed by ``n`` paragraphs that each state a figure."""
    return (REPORT + "".join(f"第{i}批主动公开信息{i % 97 + 1}条。\n" for i in range(n))).encode()


ATTACKS.update(
    {
        "blank_no_title.txt": text_blank_without_title,
        "huge_numeral.txt": text_huge_numeral,
        "long_digit_run.txt": text_long_digit_run,
        "figure_paragraphs.txt": text_many_figure_paragraphs,
    }
)
