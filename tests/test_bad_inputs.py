"""Broken and hostile inputs give a typed error or a record with warnings.

Each case is written here (no real report text).  PDF/DOCX-specific cases
live in the reader tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline import parse
from pipeline.errors import EmptyFile, EncodingError, NotAReport, TooLarge, XxgkError

REPORT = """云溪县人民政府2023年政府信息公开工作年度报告
一、总体情况
2023年，云溪县依法推进政务公开，全年主动公开政府信息1200条。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
政策解读形式较为单一。
六、其他需要报告的事项
无。
"""

NOTICE = """云溪县人民政府办公室关于印发云溪县2024年政务公开工作要点的通知
各乡镇人民政府，县直各单位：
现将《云溪县2024年政务公开工作要点》印发给你们，请认真贯彻落实。
云溪县人民政府办公室
2024年3月1日
"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_zero_byte_file_is_empty(tmp_path):
    with pytest.raises(EmptyFile) as err:
        parse(write(tmp_path, "a.txt", b""))
    assert "a.txt" in str(err.value) and err.value.reason == "empty"


def test_zero_byte_pdf_is_empty(tmp_path):
    with pytest.raises(EmptyFile):
        parse(write(tmp_path, "a.pdf", b""))


def test_whitespace_only_text_is_empty(tmp_path):
    with pytest.raises(EmptyFile):
        parse(write(tmp_path, "a.txt", "\n \u3000\n".encode()))


def test_gbk_text_without_declaration_is_decoded(tmp_path):
    record = parse(write(tmp_path, "gbk.txt", REPORT.encode("gbk")))
    assert record.source.encoding == "gb18030"
    assert record.meta.agency == "云溪县人民政府"
    assert [s.number for s in record.sections] == [1, 2, 3, 4, 5, 6]


def test_utf8_with_bom_is_decoded(tmp_path):
    record = parse(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + REPORT.encode()))
    assert record.meta.year == 2023


def test_gbk_shown_as_latin1_mojibake_is_repaired_with_a_warning(tmp_path):
    garbled = REPORT.encode("gbk").decode("latin-1")
    record = parse(write(tmp_path, "moji.txt", garbled.encode("utf-8")))
    assert record.meta.agency == "云溪县人民政府"
    assert any("mojibake" in w for w in record.warnings)


def test_binary_garbage_is_a_typed_error(tmp_path):
    data = bytes((i * 7919 + 13) % 256 for i in range(5000))
    with pytest.raises(XxgkError) as err:
        parse(write(tmp_path, "junk.txt", data))
    assert err.value.reason == "wrong_encoding"
    assert "junk.txt" in str(err.value)


def test_nul_bytes_in_utf8_text_are_an_encoding_error(tmp_path):
    with pytest.raises(EncodingError):
        parse(write(tmp_path, "nul.txt", REPORT.encode() + b"\x00\x00\x01"))


def test_policy_notice_is_not_a_report(tmp_path):
    with pytest.raises(NotAReport) as err:
        parse(write(tmp_path, "notice.txt", NOTICE.encode()))
    assert "notice.txt" in str(err.value)


def test_report_missing_sections_gives_record_with_warnings(tmp_path):
    text = REPORT.replace("四、政府信息公开行政复议、行政诉讼情况\n", "").replace("六、其他需要报告的事项\n无。\n", "")
    record = parse(write(tmp_path, "partial.txt", text.encode()))
    assert any("sections missing: 4, 6" in w for w in record.warnings)


def test_report_without_tables_gives_unknown_checks_never_pass(tmp_path):
    record = parse(write(tmp_path, "notables.txt", REPORT.encode()))
    table_checks = [c for c in record.checks if c.id.startswith(("requests", "appeals"))]
    assert table_checks
    assert {c.status for c in table_checks} == {"unknown"}
    assert record.tables.get("requests") is None


def test_duplicated_section_heading_gives_a_warning(tmp_path):
    text = REPORT.replace(
        "五、存在的主要问题及改进情况\n", "五、存在的主要问题及改进情况\n五、存在的主要问题及改进情况\n"
    )
    record = parse(write(tmp_path, "dup.txt", text.encode()))
    assert [s.number for s in record.sections] == [1, 2, 3, 4, 5, 6]
    assert any("section 5 heading appears 2 times" in w for w in record.warnings)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(101 * 1024 * 1024)  # sparse: no real disk use
    with pytest.raises(TooLarge) as err:
        parse(path)
    assert "huge.txt" in str(err.value)
    os.remove(path)


def test_text_report_with_a_pdf_extension_is_read_as_text(tmp_path):
    record = parse(write(tmp_path, "report.pdf", REPORT.encode()))
    assert record.source.format == "txt"
    assert record.meta.year == 2023


def _docx_with_document_xml(document_xml: str) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", document_xml)
    return buf.getvalue()


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _document_xml(dtd: str, run_text: str) -> str:
    """A word/document.xml with ``dtd`` as its internal subset and one run of text."""
    return (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{dtd}]>'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>{run_text}</w:t></w:r></w:p></w:body></w:document>"
    )


def test_docx_with_an_xml_entity_bomb_is_refused_without_expanding(tmp_path):
    levels = ['<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">'] + [
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    xml = _document_xml("".join(levels), "&a9;")
    with pytest.raises(XxgkError) as err:
        parse(write(tmp_path, "laughs.docx", _docx_with_document_xml(xml)))
    assert err.value.reason == "corrupt"
    assert "laughs.docx" in str(err.value)


def test_docx_with_an_external_entity_reads_no_local_file(tmp_path):
    secret = write(tmp_path, "secret.txt", "机密内容不可读出".encode())
    xml = _document_xml(f'<!ENTITY x SYSTEM "{secret.as_uri()}">', "&x;")
    with pytest.raises(XxgkError) as err:
        parse(write(tmp_path, "xxe.docx", _docx_with_document_xml(xml)))
    assert err.value.reason == "corrupt"
    assert "机密" not in str(err.value)


def test_html_page_with_no_report_in_it_is_not_a_report(tmp_path):
    page = (
        "<html><head><meta charset='utf-8'><title>云溪县人民政府门户网站</title></head><body>"
        "<nav>首页 | 政务公开 | 办事服务 | 互动交流</nav><ul><li>县政府召开常务会议</li>"
        "<li>全县春耕生产有序推进</li></ul><footer>版权所有：云溪县人民政府办公室</footer></body></html>"
    )
    with pytest.raises(NotAReport) as err:
        parse(write(tmp_path, "index.html", page.encode()))
    assert "index.html" in str(err.value)


def test_pdf_with_a_txt_extension_is_read_as_pdf(tmp_path):
    fixture = Path(__file__).resolve().parent / "fixtures" / "yunxi_2023.pdf"
    record = parse(write(tmp_path, "report.txt", fixture.read_bytes()), ["sections", "meta"])
    assert record.source.format == "pdf"
    assert record.meta.year == 2023


def test_pdf_with_a_space_between_every_cjk_character_reads_like_the_plain_one():
    """A CID-font PDF (Chromium embeds the CJK font as a CIDFontType2 subset) whose prose is spaced out."""
    fixtures = Path(__file__).resolve().parent / "fixtures"
    spaced = parse(fixtures / "yunxi_2023_spaced.pdf")
    plain = parse(fixtures / "yunxi_2023.pdf")
    assert b"/CIDFontType2" in (fixtures / "yunxi_2023_spaced.pdf").read_bytes()
    assert spaced.tables == plain.tables
    assert [s.number for s in spaced.sections] == [1, 2, 3, 4, 5, 6]
    assert (spaced.meta.agency, spaced.meta.year) == (plain.meta.agency, plain.meta.year)
    assert len(plain.figures) > 5
    assert {(f.value, f.unit) for f in plain.figures} == {(f.value, f.unit) for f in spaced.figures}
    assert not spaced.checks_failed


@pytest.mark.parametrize(
    ("name", "data"),
    [("odd.txt", b"\xfe\xff\x1a"), ("odd_le.txt", b"\xff\xfe\x00\xd8\x41"), ("bad8.txt", b"\xef\xbb\xbf\xc3\x28")],
)
def test_a_byte_order_mark_on_undecodable_bytes_is_an_encoding_error(tmp_path, name, data):
    """Found by the atheris fuzzer: a UTF-16 mark before an odd number of bytes."""
    with pytest.raises(EncodingError) as err:
        parse(write(tmp_path, name, data))
    assert name in str(err.value)


def test_a_file_gone_before_it_is_read_is_unreadable_with_its_name(tmp_path):
    from pipeline.corpus.worker import run_one
    from pipeline.errors import Unreadable

    gone = tmp_path / "gone.txt"  # listed when the run was planned, deleted since
    with pytest.raises(Unreadable, match="gone.txt: unreadable: FileNotFoundError"):
        parse(gone)
    summary, payload, error = run_one("0" * 64, str(gone))
    assert payload is None and error["reason"] == "unreadable" and error["error"] == "Unreadable"
