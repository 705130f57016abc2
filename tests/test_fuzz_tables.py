"""Property tests for table layouts, value parsing, digit splitting and numbers.

Brief in CI; longer: ``HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz_tables.py``.
Coverage-guided fuzzing with atheris: ``python tests/fuzz/fuzz_parse.py -max_total_time=600``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.document import Block, Document
from pipeline.numbers import NumberFormatError, find_quantities, parse_numeral
from pipeline.parse import parse_document
from pipeline.tables.cells import is_value, parse_cell
from pipeline.tables.layout import text_rows
from pipeline.tables.split import row_total_rule, solve

settings.register_profile("ci", max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=20000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TABLE_PIECES = [
    "\t",
    "\n",
    "|",
    " |\n",
    "||",
    "0",
    "12",
    "/",
    "—",
    "3.5",
    "一、本年新收政府信息公开申请数量",
    "(七)总计",
    "四、结转下年度继续办理",
    "规章",
    "行政许可",
    "1.属于国家秘密",
    "3.其他",
    "结果维持",
    "总计",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "二、主动公开政府信息情况",
]
table_like = st.lists(st.one_of(st.sampled_from(TABLE_PIECES), st.text(max_size=5)), max_size=80).map("".join)


@given(table_like)
def test_text_rows_tokens_point_into_the_text(text):
    for row in text_rows(text, 0):
        for tok in row:
            assert 0 <= tok.start <= tok.end <= len(text)
            if not tok.glued:
                assert text[tok.start : tok.end] == tok.text


@given(table_like)
def test_tables_stage_never_crashes_and_spans_show_digits(text):
    text = "云溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n" + text
    doc = Document("fuzz.txt", "txt", text, [Block("text", 0, len(text))])
    record = parse_document(doc, ["sections", "meta", "tables", "checks"])
    for key, span in record.table_spans.items():
        assert 0 <= span.start < span.end <= len(text), key
    for check in record.checks:
        assert check.status in {"pass", "fail", "unknown"}
        if check.status == "pass":
            assert all(e.value is not None for e in check.evidence)


@given(st.text(max_size=12))
def test_parse_cell_returns_a_number_none_or_raises_value_error(text):
    try:
        value = parse_cell(text)
    except ValueError:
        assert not is_value(text)
    else:
        assert value is None or isinstance(value, (int, float))


@pytest.mark.slow
@given(st.lists(st.integers(0, 300), min_size=6, max_size=6))
def test_solver_recovers_every_row_it_is_given(parts):
    values = [*parts, sum(parts)]
    run = "".join(map(str, values))
    assert values in solve(run, 7, row_total_rule)


@given(st.text(alphabet="零一二三四五六七八九十百千万亿两点0123456789.余多近约", max_size=10))
def test_numeral_parser_gives_a_number_or_its_own_error(text):
    try:
        value = parse_numeral(text)
    except NumberFormatError:
        return
    assert isinstance(value, (int, float))


@given(st.text(max_size=60))
def test_quantities_keep_their_spans(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
