"""Legacy (pre-2019) reports: counts stated in the text or the statistics table, into tables.legacy.

The reports are made up (青禾县 is fictional; the numbers were invented here).
"""

from __future__ import annotations

from pipeline.parse import parse_document
from pipeline.tables.forms import LEGACY_KEYS
from pipeline.tables.legacy import extract_legacy
from tests.test_tables import STAGES, doc_of

SENTENCES = (
    "青禾县农业农村局2012年政府信息公开工作年度报告\n一、概述\n本局认真贯彻条例。\n"
    "二、依申请公开政府信息情况\n全年共收到政府信息公开申请14件，其中同意公开9件，部分公开2件，"
    "不予公开1件，信息不存在2件。申请人于15个工作日内均获答复。\n"
    "三、因政府信息公开申请行政复议、提起行政诉讼的情况\n本年度未发生因政府信息公开引起的行政复议、行政诉讼。\n"
)
STATS_TABLE = (
    "青禾县交通运输局2010年政府信息公开工作年度报告\n一、概述\n正文。\n"
    "政府信息公开情况统计表 指标名称 单位 数量 受理政府信息公开申请总数 条 6 6 "
    "对申请的答复总数 条 6 6 其中：1.同意公开答复数 条 5 5 2.同意部分公开答复数 条 0 0 "
    "3.不予公开答复数 条 1 1 行政复议数 件 0 0 行政诉讼数 件 0 0\n"
)


def _legacy(text: str):
    return parse_document(doc_of(text), STAGES)


def test_counts_stated_in_sentences_with_their_spans():
    record = _legacy(SENTENCES)
    assert record.meta.format_version == "legacy"
    assert record.tables["legacy"] == {
        "requests_received": 14,
        "requests_answered": None,
        "granted": 9,
        "partially_granted": 2,
        "denied": 1,
        "unavailable": 2,
        "review_total": 0,
        "suit_total": 0,
    }
    span = record.table_spans["legacy.requests_received"]
    assert record.text[span.start : span.end] == "14"
    assert "legacy.review_total" not in record.table_spans  # stated in words: offsets in a warning
    note = next(w for w in record.warnings if w.startswith("legacy review_total: 0 stated in words"))
    start, end = map(int, note.rsplit(" at ", 1)[1].split("-"))
    assert record.text[start:end].startswith("未发生")
    assert record.tables["requests"] is None and record.tables["disclosure"] is None


def test_counts_from_a_statistics_table_run_into_the_text():
    record = _legacy(STATS_TABLE)
    table = record.tables["legacy"]
    assert (table["requests_received"], table["requests_answered"]) == (6, 6)
    assert (table["granted"], table["partially_granted"], table["denied"]) == (5, 0, 1)
    assert (table["review_total"], table["suit_total"]) == (0, 0)


def test_a_count_stated_twice_with_different_numbers_stays_null():
    text = SENTENCES.replace(
        "本年度未发生因政府信息公开引起的行政复议、行政诉讼。", "收到行政复议申请1件。行政复议数 件 0 0"
    )
    record = _legacy(text)
    assert record.tables["legacy"]["review_total"] is None
    assert any(w.startswith("legacy review_total: stated as") for w in record.warnings)


def test_run_together_statistics_digits_stay_null():
    table, cells = extract_legacy("其中：1.同意公开答复数条012.同意部分公开答复数条003.不予公开答复数条00")
    assert table is not None
    assert table["granted"] is None and table["partially_granted"] == 0 and table["denied"] == 0
    assert any("run-together digits '01'" in w for w in cells.warnings)


def test_numbers_about_something_else_are_not_request_counts():
    table, _ = extract_legacy(
        "审批中心共受理申请3250件，在接到申请15个工作日内答复。第2条政府信息公开申请内容不属于本局。"
    )
    assert table is None


def test_legacy_keys_are_documented_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert all(f"`{key}`" in readme for key in LEGACY_KEYS)
