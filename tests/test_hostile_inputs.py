"""Hostile inputs II (issue 16): bounded parse, a typed error for every input, clean text.

Each case is built here from a few lines (``tests/hostile_files.py``); none is committed.
The in-process tests check what each case gives; ``test_cli_*`` (slow) runs every case
through ``python -m pipeline.cli parse`` and checks 10 s, 1 GB and no traceback.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from pipeline import parse
from pipeline.errors import CorruptFile, TooLarge, UnsupportedFormat, XxgkError
from pipeline.readers import docx as docx_reader
from pipeline.readers import html as html_reader
from pipeline.readers import read, sniff
from pipeline.readers.doc import clean_doc_text, extract_text
from pipeline.sections import Heading, choose, find_headings, segment
from tests import hostile_files as H
from tests.test_record_invariants import assert_invariants

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_report(record) -> None:
    assert record.meta.agency == "云溪县人民政府" and record.meta.year == 2023
    assert [s.number for s in record.sections] == [1, 2, 3, 4, 5, 6]
    assert_invariants(record)


# 1. Memory amplification: every limit is a typed error naming the limit.


@pytest.mark.parametrize(
    ("name", "build"),
    [("before.docx", H.docx_grid_before), ("span.docx", H.docx_grid_span), ("vmerge.docx", H.docx_vmerge)],
)
def test_docx_grids_past_the_cell_limit_are_too_large(tmp_path, name, build):
    with pytest.raises(TooLarge, match="MAX_TABLE_CELLS") as err:
        parse(write(tmp_path, name, build()))
    assert name in str(err.value)


def test_docx_whose_xml_passes_the_ratio_check_but_is_too_big_is_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_XML_BYTES", 2_000_000)
    data = H.docx_big_document(3_000_000)
    assert len(data) * 200 > 3_000_000  # the per-member ratio check lets it through
    with pytest.raises(TooLarge, match="MAX_XML_BYTES"):
        parse(write(tmp_path, "big.docx", data))


def test_html_spans_whose_product_is_too_big_are_too_large(tmp_path):
    start = time.monotonic()
    with pytest.raises(TooLarge, match="MAX_TABLE_CELLS"):
        parse(write(tmp_path, "spans.html", H.html_spans()))
    assert time.monotonic() - start < 5


def test_many_tables_each_under_the_limit_are_too_large_together(tmp_path):
    with pytest.raises(TooLarge, match="MAX_DOCUMENT_CELLS"):
        parse(write(tmp_path, "tables.html", H.html_many_tables()))


def test_doc_with_an_inflated_piece_table_reads_no_more_text_than_its_stream_holds(tmp_path):
    data = H.doc_inflated_pieces()
    start = time.monotonic()
    text = extract_text(data, "inflated.doc")
    assert len(text) <= len(data)
    with pytest.raises(XxgkError):
        parse(write(tmp_path, "inflated.doc", data))
    assert time.monotonic() - start < 5


def _clean_by_character(raw: str) -> str:
    """The former character loop of ``clean`` (the reference for the run-at-a-time one)."""
    out: list[str] = []
    depth = 0
    stack: list[bool] = []
    for ch in raw:
        if ch == "\x13":
            stack.append(True)
            depth += 1
        elif ch == "\x14":
            if stack and stack[-1]:
                stack[-1] = False
                depth -= 1
        elif ch == "\x15":
            if stack and stack.pop():
                depth -= 1
        elif depth:
            continue
        elif ch in "\r\x0b\x0c":
            out.append("\n")
        elif ch == "\x07":
            out.append(" |\n")
        elif ch == "\x1e":
            out.append("-")
        elif ord(ch) >= 32 or ch in "\t\n":
            out.append(ch)
    return "".join(out)


def test_doc_clean_matches_the_character_loop():
    rng = random.Random(16)
    alphabet = "ab \x13\x14\x15\r\x0b\x0c\x07\x1e\x01\x08\x1f\t\n\x00中"
    for _ in range(3000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        assert clean_doc_text(raw) == _clean_by_character(raw), repr(raw)


# 2. Untyped crashes in readers.


@pytest.mark.parametrize("charset", ["undefined", "idna", "punycode", "rot13", "base64", "utf-7", "no-such"])
def test_html_charset_that_is_no_web_encoding_is_ignored(tmp_path, charset):
    record = parse(write(tmp_path, f"{charset}.html", H.html_charset(charset)))
    assert record.source.encoding == "utf-8"
    assert_report(record)


def test_docx_grid_span_that_is_not_a_number_reads(tmp_path):
    record = parse(write(tmp_path, "two.docx", H.docx_grid_span(value="two")))
    assert_report(record)


def test_docx_with_100k_nested_inline_elements_reads(tmp_path):
    record = parse(write(tmp_path, "nested.docx", H.docx_nested_runs()))
    assert_report(record)
    assert "深" in record.text


# 3. HTML nesting and huge text nodes: parsed fully or refused, never cut silently.


def test_html_nested_deeper_than_256_is_parsed_fully():
    doc = html_reader.read_bytes(H.html_deep(1500), "deep.html")
    assert "深层段落的内容。" in doc.text and not doc.warnings


def test_html_nested_past_the_parser_limit_is_too_large(tmp_path):
    with pytest.raises(TooLarge, match="MAX_DEPTH"):
        parse(write(tmp_path, "deep.html", H.html_deep(5000)))


def test_html_text_node_over_10_mb_is_kept():
    page = H.html_huge_text()
    page = page.replace(b"</body>", "<p>最后一段。</p></body>".encode())
    doc = html_reader.read_bytes(page, "huge.html")
    assert doc.text.rstrip().endswith("最后一段。") and len(doc.text) > 3_500_000


def test_html_content_the_parser_gives_up_on_is_warned():
    class Entry:
        level, line, column, message = 50, 7, 3, "Resource limit exceeded"

    class Parser:
        error_log = [Entry()]

    assert html_reader._dropped(Parser(), "x.html") == [  # type: ignore[arg-type]
        "HTML parser stopped at line 7, column 3: Resource limit exceeded; content after it is missing"
    ]


# 4. Format detection by structure.


def test_text_report_quoting_a_pdf_header_is_read_as_text(tmp_path):
    record = parse(write(tmp_path, "report.txt", H.text_with_pdf_marker()))
    assert record.source.format == "txt"
    assert_report(record)


def test_pdf_after_a_small_junk_prefix_is_still_a_pdf(tmp_path):
    pdf = (ROOT / "tests" / "fixtures" / "yunxi_2023.pdf").read_bytes()
    data = b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n" + pdf
    assert sniff(data) == "pdf"
    assert read(write(tmp_path, "prefixed.pdf", data)).format == "pdf"


@pytest.mark.parametrize(("fmt", "build"), [("rtf", H.rtf), ("mhtml", H.mhtml)])
def test_rtf_and_mhtml_named_doc_are_unsupported_formats(tmp_path, fmt, build):
    with pytest.raises(UnsupportedFormat, match=f"{fmt} files are not supported"):
        parse(write(tmp_path, f"{fmt}.doc", build()))


def test_strict_ooxml_docx_is_read_with_its_table(tmp_path):
    record = parse(write(tmp_path, "strict.docx", H.docx_strict()))
    assert_report(record)
    doc = read(tmp_path / "strict.docx")
    assert [g.texts() for g in doc.grids] == [[["项目", "数量"], ["新收", "5"]]]


def test_html_declaring_utf16_on_utf8_bytes_is_read_as_utf8(tmp_path):
    record = parse(write(tmp_path, "lie.html", H.html_charset("utf-16")))
    assert record.source.encoding == "utf-8"
    assert_report(record)


def test_html_declaring_a_charset_its_utf8_bytes_are_not_in_is_read_as_utf8(tmp_path):
    record = parse(write(tmp_path, "ascii.html", H.html_charset("us-ascii")))
    assert record.source.encoding == "utf-8"
    assert_report(record)


def test_html_declaring_gbk_on_utf8_bytes_is_read_as_utf8(tmp_path):
    record = parse(write(tmp_path, "gbk_lie.html", H.html_charset("gbk")))
    assert record.source.encoding == "utf-8"
    assert_report(record)


def test_gbk_html_declaring_gbk_is_still_gb18030():
    page = H.html_page(H.html_report_body(), head="<meta charset='gbk'>").decode().encode("gbk")
    assert html_reader.decode_html(page, "gbk.html")[1] == "gb18030"


# 5. Text hygiene: no invisible or terminal characters in the text fields or the text.


def _invisible(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) in {"Cf", "Cc", "Zl", "Zp"} and c not in "\t\n"]


def test_zero_width_bidi_and_escapes_are_stripped_and_offsets_stay_valid(tmp_path):
    from pipeline.review.markdown import to_markdown

    record = parse(write(tmp_path, "controls.txt", H.text_with_controls()))
    assert record.meta.title == "云溪县人民政府2023年政府信息公开工作年度报告"
    assert_report(record)
    assert not _invisible(record.text) and "[31m" not in record.text
    assert not _invisible(to_markdown(record))


def test_every_format_character_is_stripped():
    from pipeline.normalise import normalise

    every = "".join(chr(i) for i in range(0x110000) if unicodedata.category(chr(i)) == "Cf")
    controls = "".join(chr(i) for i in [*range(32), *range(0x7F, 0xA0)])
    assert not _invisible(normalise("甲" + every + controls + "\u2028\u2029乙"))


# 6. Slow paths.


def _choose_quadratic(headings: list[Heading]) -> list[Heading]:
    """The former all-pairs ``choose`` (the reference for the linear one)."""
    best: list[list[Heading]] = []
    for h in headings:
        chain = [h]
        for prev in best:
            if prev[-1].number < h.number and len(prev) + 1 >= len(chain):
                chain = prev + [h]
        best.append(chain)
    if not best:
        return []
    longest = max(len(c) for c in best)
    return [c for c in best if len(c) == longest][-1]


def test_choose_matches_the_all_pairs_search():
    rng = random.Random(6)
    for _ in range(2000):
        heads = [Heading(rng.randint(1, 6), None, "", i, i + 1) for i in range(rng.randrange(12))]
        assert choose(heads) == _choose_quadratic(heads)


def test_100k_headings_segment_in_linear_time():
    text = H.text_many_headings().decode()
    start = time.monotonic()
    assert len(find_headings(text)) > 100_000
    sections, _ = segment(text)
    assert [s.number for s in sections] == [1, 2, 3, 4, 5, 6]
    assert time.monotonic() - start < 10


def test_docx_with_100k_paragraphs_reads_in_linear_time():
    data = H.docx_many_paragraphs()
    start = time.monotonic()
    doc = docx_reader.read_bytes(data, "many.docx")
    assert doc.text.count("\n") > 100_000
    assert time.monotonic() - start < 5


# Every case through the command line: a typed error or a record, in 10 s and 1 GB.

_MEASURE = """
import resource, runpy, sys
sys.argv = ["xxgk", "parse", sys.argv[1], "--no-text"]
try:
    runpy.run_module("pipeline.cli", run_name="__main__")
finally:
    print("MAXRSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""

CLI_CASES = {**H.ATTACKS, "big_document.docx": lambda: H.docx_big_document(40_000_000)}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CLI_CASES))
def test_cli_gives_a_typed_error_or_a_record_in_10_s_and_1_gb(tmp_path, name):
    """The 10 s are CPU seconds of the command (user + system): on this shared 2-core VM wall time
    depends on what else runs; a command stuck waiting would still hit the 60 s wall timeout."""
    path = write(tmp_path, name, CLI_CASES[name]())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode in (0, 1) or run.stderr.startswith("error: "), run.stderr[-500:]
    rss_kb = int(run.stderr.rsplit("MAXRSS", 1)[1])
    assert cpu_seconds < 10 and rss_kb < 1024 * 1024, (cpu_seconds, rss_kb)


# Found by tests/fuzz/fuzz_readers.py: zipfile raises more than BadZipFile on a damaged archive.


def _patched(data: bytes, where: str, value: int) -> bytes:
    """``data`` (a .docx) with one field of its document.xml entry or end record changed."""
    buf = bytearray(data)
    eocd = buf.rindex(b"PK\x05\x06")
    central = buf.index(b"word/document.xml", int.from_bytes(buf[eocd + 16 : eocd + 20], "little")) - 46
    if where == "deflate":
        local = int.from_bytes(buf[central + 42 : central + 46], "little")
        start = local + 30 + 17 + int.from_bytes(buf[local + 28 : local + 30], "little")
        buf[start : start + 8] = bytes([value]) * 8
    elif where == "version":
        buf[central + 6 : central + 8] = value.to_bytes(2, "little")
    elif where == "flags":
        buf[central + 8 : central + 10] = value.to_bytes(2, "little")
    elif where == "cd_offset":
        old = int.from_bytes(buf[eocd + 16 : eocd + 20], "little")
        buf[eocd + 16 : eocd + 20] = (old + value).to_bytes(4, "little")
    return bytes(buf)


@pytest.mark.parametrize(
    ("where", "value", "reason"),
    [
        ("deflate", 0xFF, "corrupt"),  # zlib.error
        ("version", 107, "corrupt"),  # NotImplementedError: zip file version 10.7
        ("cd_offset", 100, "corrupt"),  # ValueError: negative seek value
        ("flags", 1, "encrypted"),
    ],
)
def test_damaged_zip_structures_are_typed_errors(tmp_path, where, value, reason):
    data = _patched(H.docx(H.paras_xml() * 20), where, value)
    with pytest.raises(XxgkError) as err:
        parse(write(tmp_path, f"{where}.docx", data))
    assert err.value.reason == reason, err.value


@pytest.mark.parametrize(("exc", "reason"), [(RecursionError, "corrupt"), (MemoryError, "too_large")])
def test_a_reader_exhausting_stack_or_memory_is_a_typed_error(tmp_path, monkeypatch, exc, reason):
    from pipeline.readers import text

    def exhausted(data: bytes, path: str, fmt: str = "txt") -> None:
        raise exc()

    monkeypatch.setattr(text, "read_bytes", exhausted)
    with pytest.raises(XxgkError) as err:
        parse(write(tmp_path, "report.txt", H.REPORT.encode()))
    assert err.value.reason == reason


def test_headless_section_5_search_is_linear_on_blank_lines_and_matches_the_plain_search():
    """Found by the fuzzer: an empty merged table (lines of tabs) took the search 400 s."""
    import re

    from pipeline import sections

    blank = "一、总体情况\n" + ("\t" * 300 + "\n") * 3000 + "四、政府信息公开行政复议、行政诉讼情况\n"
    start = time.monotonic()
    sections._headless_five(blank, find_headings(blank))
    assert time.monotonic() - start < 2
    plain = re.compile(sections._HEADLESS_5.pattern.replace("*+", "*"), re.M)
    rng = random.Random(7)
    pieces = ["\n", "\t", " ", "  \n", "。", "：", "存在的主要问题", "\n存在问题整改情况\n", "（一）", "(一)", "一、"]
    pieces += ["1.", "# ", "#", "2023年", "今年", "我", "问题", "主要问题：", "上年度整改情况。", "x", "\n\n", "(1)"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(25)))
        lo = rng.randrange(len(text) + 1)
        hi = rng.randrange(lo, len(text) + 1)
        want, got = plain.search(text, lo, hi), sections._search_headless_5(text, lo, hi)
        assert (want and want.span()) == (got and got.span()), (text, lo, hi)


def test_a_bug_inside_a_stage_is_a_typed_internal_error_with_exit_code_4(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import pipeline.stages.figures as figures_stage
    from pipeline import parse
    from pipeline.cli import main
    from pipeline.errors import InternalError

    path = write(tmp_path, "report.txt", H.REPORT.encode())

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(figures_stage, "extract", broken)
    with pytest.raises(InternalError, match="ZeroDivisionError: a bug") as caught:
        parse(path)
    assert caught.value.reason == "internal_error" and caught.value.path == str(path)
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 4 and "internal_error" in result.output


def test_summary_page_to_a_missing_folder_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    path = write(tmp_path, "report.txt", H.REPORT.encode())
    result = CliRunner().invoke(main, ["summarize", str(path), "--html", str(tmp_path / "no" / "such" / "p.html")])
    assert result.exit_code == 2 and "cannot write" in result.output


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("fuzz_doc_table_is_storage.doc", "damaged OLE2 stream"),  # an entry named 1Table that is a storage
        ("fuzz_doc_zero_difat.doc", "not a readable OLE2 file"),  # olefile divides by zero on the header
    ],
)
def test_doc_files_the_coverage_guided_fuzzer_found_are_corrupt(tmp_path, name, message):
    data = (Path(__file__).resolve().parent / "data" / name).read_bytes()
    with pytest.raises(CorruptFile, match=message):
        read(write(tmp_path, "report.doc", data))
