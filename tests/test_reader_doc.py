"""Legacy Word .doc files (tests/data/mini_table.doc: our own text, made by
python-docx and converted with ``soffice --headless --convert-to doc``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import CorruptFile
from pipeline.readers import read
from pipeline.readers.doc import clean_doc_text

DATA = Path(__file__).resolve().parent / "data"


def test_doc_text_and_table_cells_are_read():
    doc = read(DATA / "mini_table.doc")
    assert doc.format == "doc"
    assert doc.text.startswith("云溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n")
    lines = doc.text.splitlines()
    assert lines[lines.index("规章 |") + 1] == "0 |"
    assert "合并 |" in lines and "7 |" in lines


def test_field_codes_are_dropped_and_results_kept():
    raw = '见\x13 HYPERLINK "http://x" \x14网站\x15。\r下一段\x07\x07'
    assert clean_doc_text(raw) == "见网站。\n下一段 |\n |\n"


def test_ole_file_without_word_stream_is_corrupt(tmp_path):
    data = (DATA / "mini_table.doc").read_bytes()
    broken = tmp_path / "broken.doc"
    broken.write_bytes(data[:1536])
    with pytest.raises(CorruptFile) as err:
        read(broken)
    assert "broken.doc" in str(err.value)
