"""Property tests: the text-level parsers never crash and keep offsets honest.

Run briefly in CI; for a longer run: ``HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz*.py``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import EncodingError
from pipeline.meta import extract_meta
from pipeline.normalise import normalise
from pipeline.readers.text import decode, repair_mojibake
from pipeline.sections import segment

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=20000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PIECES = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "## ",
    "\n",
    "\t",
    "|",
    "。",
    "2023年",
    "政府信息公开工作年度报告",
    "云溪县人民政府",
    "（一）",
    "1.",
    "0",
    "123",
    "统计期限自2023年1月1日起",
    "　",
    "\r\n",
]
report_like = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)


@given(report_like)
def test_sections_are_ordered_disjoint_and_inside_the_text(text):
    text = normalise(text)
    sections, warnings = segment(text)
    numbers = [s.number for s in sections]
    assert numbers == sorted(set(numbers))
    for s in sections:
        assert 0 <= s.start < s.end <= len(text)
        assert s.title and s.title in text[s.start : s.end]
    for a, b in zip(sections, sections[1:]):
        assert a.end == b.start
    assert all(isinstance(w, str) for w in warnings)


@given(report_like)
def test_meta_never_crashes_and_year_is_plausible(text):
    meta, _ = extract_meta(normalise(text))
    assert meta.year is None or 1900 <= meta.year <= 2099
    assert meta.format_version in {"2021", "2019", "legacy", "unknown"}


@given(st.text())
def test_normalise_is_idempotent_and_drops_carriage_returns(text):
    once = normalise(text)
    assert normalise(once) == once
    assert "\r" not in once


@given(st.binary(max_size=400))
def test_decode_returns_text_or_a_typed_error(data):
    try:
        text, encoding = decode(data, "x.txt")
    except EncodingError as err:
        assert err.path == "x.txt"
    else:
        assert isinstance(text, str) and encoding


@given(st.text(max_size=200))
def test_mojibake_repair_leaves_clean_chinese_alone(text):
    clean = "政府信息公开工作年度报告。" + text
    fixed, what = repair_mojibake(clean)
    if what is None:
        assert fixed == clean
