"""Headline numbers of the summary: the table's cell when there is a table, else the stated total.

The written cases pin how the stated total is chosen; the real-report test runs
every report of ``../shared`` (seeds, corpus/pingtan, corpus/pingtan-depts, the
PDF) through the pipeline and the summary, and checks each headline against
the record's tables and, where figures were labelled by hand
(``training_data/figures_gold*.jsonl``), against the gold metric of the figure
it was taken from.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.figures import extract
from pipeline.record import Meta, Record, SourceFile, table_value
from pipeline.review.headlines import TABLE_CELLS, headline, whole_of
from pipeline.review.summary import KEY_METRICS, build_summary
from pipeline.tables.forms import table_key

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILES = sorted(p for p in (ROOT / "training_data").glob("figures_gold*.jsonl") if "headlines" not in p.name)
GENRE_HEADLINES = ROOT / "training_data" / "figures_gold_genre_headlines.jsonl"
SHARED_GLOBS = ("seeds/*.txt", "corpus/*/*.txt", "corpus/pdf/*.pdf")
HEADLINE_METRICS = (*KEY_METRICS, "requests_received", "requests_answered")
NEW_RECEIVED = table_key("requests", "new_received", "total")


def _record(text: str, tables: dict | None = None) -> Record:
    rec = Record(source=SourceFile("x.txt", "0", "txt", None, len(text), "utf-8"), meta=Meta(agency="某县", year=2023))
    rec.text = text
    rec.figures = extract(text)
    rec.tables = tables or {}
    return rec


def _headline_value(text: str, metric: str = "posts_total") -> float | None:
    h = headline(_record(text), metric)
    return None if h is None else h.value


# --- written cases --------------------------------------------------------------------


def test_a_count_that_goes_on_from_the_years_first_count_shares_its_year() -> None:
    text = (
        "2022年制作、获取政府信息总数1,650条，其中主动公开政府信息1,210条。"
        "在互联网上，2022年县政务公开办主动公开信息数为58条，其余由各乡镇发布。"
    )
    assert _headline_value(text) == 1210


def test_a_bare_time_lead_marks_the_clause_after_it_as_this_years() -> None:
    text = "2023年，区政府主动公开政府信息2,400条。全年在门户网站公开政府信息300条，其余在新媒体发布。"
    assert _headline_value(text) == 2400


def test_a_time_lead_after_a_glued_heading_still_marks_the_year() -> None:
    text = "(一)基本情况今年，县政府共公布政府信息1,865条。县民政局及时公开救助信息，全年共公开政府信息90条。"
    assert _headline_value(text) == 1865


def test_a_year_elsewhere_in_the_sentence_does_not_make_a_part_a_headline() -> None:
    text = (
        "区人社局受理各类群众诉求86件。全年公开就业信息45条，同时通过电话和网络解答群众问题，"
        "其中热线电话12通，网络诉求5件。"
    )
    assert _headline_value(text, "hotline_calls") == 86


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("累计发布政策解读稿件37篇，其中图解12篇。", "policy_interpretations", 37),
        ("全年共受理政府信息公开申请156件（含上年结转8件）。", "requests_received", 156),
        ("全年新收政府信息公开申请209件，上年结转11件，共计220件。", "requests_received", 209),
        ("县长热线受理来电1.2万件，其中咨询类4,300件。", "hotline_calls", 12000),
        ("截至年底，网站累计公开政府信息2.1万条，其中本年度新增3,450条。", "posts_total", 3450),
    ],
)
def test_the_headline_is_never_a_sub_item_a_carry_over_or_a_stock(text: str, metric: str, value: float) -> None:
    assert _headline_value(text, metric) == value


# Written 2026-11-30 after the genre-report labelling, as probes in other provinces' styles: the first
# run got these three wrong (a sibling channel's count, a stock before this year's, a sum after parts).
@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("政务微信公众号全年发布信息1,120条，政务微博发布信息860条。", "new_media_posts", None),
        ("“某某发布”微信公众号共发布信息1,120条，微博共发布信息860条。", "new_media_posts", None),
        ("政务微信公众号全年发布信息1,120条，政务微博发布信息860条，共计1,980条。", "new_media_posts", 1980),
        ("网站访问量累计达5,200万人次，本年度访问量460万人次。", "website_visits", 4600000),
        ("县政府规范性文件14件，部门规范性文件11件。", "normative_documents", 14),
        ("“某某发布”微信公众号全年发布信息2,150条，其中原创信息900条。", "new_media_posts", 2150),
        ("县政府门户网站日均访问量1.2万人次。", "website_visits", None),
        ("其中，县政府办公室主动公开政府信息1,200条，各部门主动公开政府信息3,400条。", "posts_total", None),
        ("全年主动公开政府信息4,600条。其中，县政府办公室主动公开1,200条。", "posts_total", 4600),
        ("截至年底累计主动公开政府信息2,400条。其中本年度主动公开政府信息310条。", "posts_total", 310),
        ("网站全年访问量438万人次，日均访问量1.2万人次。", "website_visits", 4380000),
        ("“某某发布”公众号全年运行良好，月均发布量40篇。", "new_media_posts", None),
    ],
)
def test_sibling_channels_stocks_and_sums_are_told_apart_from_a_whole_and_its_part(
    text: str, metric: str, value: float | None
) -> None:
    assert _headline_value(text, metric) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("全年组织培训2次。下一步，力争每季度组织培训1次，全年不少于4次。", 2),
        ("本年度未组织专题培训，明年计划举办培训班3期。", None),
        ("2024年计划开展政务公开培训5次。", None),
        ("制定年度政务公开工作计划，组织培训3次。", 3),
        ("将政务公开纳入绩效考核，拟定培训方案，全年组织培训6次。", 6),
    ],
)
def test_a_number_a_sentence_announces_for_the_future_is_never_a_headline(text: str, value: float | None) -> None:
    assert _headline_value(text, "trainings") == value


def test_the_table_wins_over_any_stated_number() -> None:
    rec = _record("全年共收到政府信息公开申请40件。", {"requests": {"new_received": {"total": 41}}})
    summary, sources = build_summary(rec)
    assert "本年新收政府信息公开申请41件" in summary and "40" not in summary
    assert any(s.ref == NEW_RECEIVED and s.value == 41 for s in sources)


# --- real reports ---------------------------------------------------------------------


def _gold_by_sha() -> dict[str, list[dict]]:
    by_sha: dict[str, list[dict]] = {}
    for path in GOLD_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                by_sha.setdefault(row["sha256"], []).append(row)
    return by_sha


def _table_problems(record: Record, sources: list) -> list[str]:
    """Headlines that have a table cell but do not say the table's number."""
    problems = []
    for metric, keys in TABLE_CELLS.items():
        cell = next((k for k in keys if table_value(record.tables, k) is not None), None)
        h = headline(record, metric)
        if cell is not None and (h is None or h.ref != cell or h.value != table_value(record.tables, cell)):
            problems.append(f"{metric}: headline {h} is not the table's {cell}")
    received = table_value(record.tables or {}, NEW_RECEIVED)
    if received is not None and not any(s.ref == NEW_RECEIVED and s.value == received for s in sources):
        problems.append(f"requests received: the summary does not say the table's {received}")
    return problems


def _gold_problems(record: Record, rows: list[dict]) -> list[str]:
    """Headlines taken from a figure that the gold does not call a stated whole of that metric."""
    gold_figures = []
    for f in record.figures:
        row = next((r for r in rows if r["start"] < f.end and f.start < r["end"] and r["value"] == f.value), None)
        gold_figures.append(replace(f, metric=row["metric"] if row else "unlabelled"))
    problems = []
    for metric in HEADLINE_METRICS:
        h = headline(record, metric)
        if h is None or h.from_table:
            continue
        i = next(i for i, f in enumerate(record.figures) if f"figures.{f.id}" == h.ref)
        if gold_figures[i].metric != metric:
            problems.append(f"{metric}: {h.value} at {h.start} is {gold_figures[i].metric} in the gold")
        elif whole_of(record.text, gold_figures, i) is not None:
            problems.append(f"{metric}: {h.value} at {h.start} is a part in the gold")
    return problems


def test_every_headline_of_the_real_reports_is_the_table_cell_or_the_stated_total(shared_dir: Path) -> None:
    from pipeline import parse

    paths = [p for pattern in SHARED_GLOBS for p in sorted(shared_dir.glob(pattern))]
    if not paths:
        pytest.skip(f"no real reports under {shared_dir}")
    gold = _gold_by_sha()
    problems: list[str] = []
    labelled = 0
    for path in paths:
        record = parse(path)
        _, sources = build_summary(record)
        found = _table_problems(record, sources)
        rows = gold.get(hashlib.sha256(path.read_bytes()).hexdigest())
        if rows:
            labelled += 1
            found += _gold_problems(record, rows)
        problems += [f"{path.relative_to(shared_dir)}: {p}" for p in found]
    assert labelled >= 40, f"only {labelled} reports matched the figure gold: has ../shared changed?"
    assert not problems, "\n".join(problems)


def test_a_number_inside_a_plan_is_never_a_headline(tmp_path):
    from pipeline.parse import parse

    text = (
        "某县文旅局2024年政府信息公开工作年度报告\n一、总体情况\n本局依法做好政务公开。\n"
        "二、主动公开政府信息情况\n见统计表。\n三、收到和处理政府信息公开申请情况\n见统计表。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n未发生复议诉讼。\n"
        "五、存在的主要问题及改进情况\n一是业务人员对条例掌握不够。\n下一步，我局将组织4次业务培训。\n"
        "六、其他需要报告的事项\n无。\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    record = parse(path)
    assert any(s.kind == "plan" and "4次" in s.text for s in record.statements)
    assert any(f.value == 4 and f.metric == "trainings" for f in record.figures)
    assert headline(record, "trainings") is None and "培训" not in build_summary(record)[0].split("\n")[1]


def test_the_genre_reports_headlines_match_their_gold() -> None:
    """Each key metric's headline of the 51 written genre reports against the blind headline gold."""
    from benchmarks.eval_figures import evaluate_headlines

    scored = evaluate_headlines(ROOT.parent / "shared", GENRE_HEADLINES)
    assert scored["due"] >= 130, "the headline gold of the genre reports shrank"
    # one known error, a judgement call explained in training_data/README.md (r15 "公告和政策解读48篇")
    assert scored["wrong"] + scored["missed"] <= 1, "\n".join(scored["errors"])
