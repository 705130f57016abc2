"""Figures in narrative text: what is a figure, what is not, and its metric."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.figures import extract
from pipeline.record import Paragraph, Section

ROOT = Path(__file__).resolve().parent.parent


def _figs(text: str) -> list[tuple]:
    return [(f.value, f.unit, f.metric, f.approx) for f in extract(text)]


def test_figure_span_text_and_ids() -> None:
    text = "全年发布各类信息 120 条。"
    (f,) = extract(text)
    assert (f.id, f.text, text[f.start : f.end]) == ("f1", "120 条", "120 条")


@pytest.mark.parametrize(
    "text",
    [
        "根据国办函〔2020〕109号文件和国务院令第711号。",
        "依据条例第二十条第(一)项。",
        "联系电话：0591-12345678，邮编：350000，邮箱abc@163.com。",
        "地址：某路7号楼14层101室。",
        "一是落实三审三校制度，二是推进五公开，开通12345热线，编制十四五规划。",
        "统计期限自2024年1月1日起至2024年12月31日止。",
        "本报告共分6个部分。存在以下三个方面的问题。",
        "主动公开政府信息的数量2016年全区。",
    ],
)
def test_non_figures_are_not_extracted(text: str) -> None:
    assert _figs(text) == []


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("全年共发布政府信息 300 条。", "posts_total"),
        ("信息公开目录信息发布 30 条。", "catalog_posts"),
        ("政务动态信息更新 40 条。", "news_posts"),
        ("制发规范性文件 5 件。", "normative_documents"),
        ("全年发布政策解读 12 篇。", "policy_interpretations"),
        ("微信公众号发布信息 88 条。", "new_media_posts"),
        ("全年在网站和政务新媒体主动公开信息 640 条。", "posts_total"),
        ("网站访问量达到 9000 次。", "website_visits"),
        ("全年收到政府信息公开申请 7 件。", "requests_received"),
        ("办结依申请公开 7 件。", "requests_answered"),
        ("市长热线受理来电 500 次。", "hotline_calls"),
        ("书记信箱收到来信 20 封。", "mailbox_letters"),
        ("群众满意率 98.5%。", "satisfaction_rate"),
        ("办结率 100%。", "completion_rate"),
        ("组织业务培训 3 次。", "trainings"),
        ("开设专题专栏 4 个。", "special_columns"),
        ("收取信息处理费 300 元。", "fees_collected"),
        ("拥有粉丝 1000 人。", "followers"),
        ("开展在线访谈 6 期。", "interviews"),
        ("整改问题 4 起。", "other"),
        ("其中予以公开 3 件。", "other"),
    ],
)
def test_metric_from_context(text: str, metric: str) -> None:
    assert [f[2] for f in _figs(text)] == [metric]


def test_table_rows_are_not_narrative() -> None:
    text = "一、总体情况\n发布信息 10 条。\n二、主动公开政府信息情况\n行政许可\t25 件\n信息内容 |\n12 件 |\n"
    sections = [Section(1, "总体情况", 0, 16), Section(2, "主动公开政府信息情况", 16, len(text))]
    assert [f.value for f in extract(text, sections)] == [10]


def test_run_together_table_stretch_in_section_three_is_skipped() -> None:
    text = "三、收到和处理政府信息公开申请情况申请人情况自然人一、本年新收政府信息公开申请数量55件00000055"
    assert extract(text, [Section(3, "收到和处理政府信息公开申请情况", 0, len(text))]) == []


def test_paragraph_id_points_at_the_containing_paragraph() -> None:
    text = "甲段。\n共发布信息 10 条。"
    paras = [Paragraph("p1", 1, "甲段。", 0, 3), Paragraph("p2", 1, text[4:], 4, len(text))]
    assert [f.paragraph_id for f in extract(text, paragraphs=paras)] == ["p2"]
    assert [f.paragraph_id for f in extract(text)] == [None]


@pytest.mark.shared
def test_seed_and_pingtan_figures_match_the_gold(shared_dir: Path) -> None:
    from benchmarks.eval_figures import evaluate

    result = evaluate(shared_dir)
    assert result["gold"] > 100
    assert result["precision"] >= 0.97, result["errors"]
    assert result["recall"] >= 0.95, result["errors"]
    assert result["metric_accuracy"] >= 0.90, result["errors"]


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        # received / answered, with the usual wording
        ("本机关今年共收到58件申请，依法依规办结57件。", ["requests_received", "requests_answered"]),
        ("全年受理信息公开申请33件，33件申请均在法定期限内答复。", ["requests_received", "requests_answered"]),
        ("今年共收到依申请公开9件，均已按期答复。", ["requests_received"]),
        # another part, a channel, a share: not the total received
        ("收到申请40件，另有6件申请按信访渠道转办。", ["requests_received", "other"]),
        ("收到申请40件，其中网上申请31件，信函申请9件。", ["requests_received", "other", "other"]),
        ("办结申请40件，予以公开25件，占62.5%。", ["requests_answered", "other", "other"]),
        # published totals, with and without spaces or a total word
        ("门户网站公开政府信息 842 条。", ["posts_total"]),
        ("2025年，主动公开政府信息517条。", ["posts_total"]),
        (
            "在主动公开的517条政府信息中，机构职能类信息30条，其他应主动公开的政府信息41条。",
            ["posts_total", "other", "other"],
        ),
        # what was made or obtained, items released on request: not published totals or requests
        (
            "制作、获取政府信息总数900条，其中主动公开政府信息600条，依申请公开信息数12条。",
            ["other", "posts_total", "other"],
        ),
        (
            "共制发政府信息300条，其中主动公开政府信息200条、依申请公开70条、不予公开30条。",
            ["other", "posts_total", "other", "other"],
        ),
        # a qualified or field-specific stretch of posts is a part
        ("累计公开政府采购项目信息66条。", ["other"]),
        ("在乡村振兴专栏公开信息25条。", ["other"]),
        # documents reviewed, cleaned or repealed are not issued
        ("全年清理行政规范性文件47件。", ["other"]),
        ("审核各部门印发的规范性文件9件。", ["other"]),
        ("废止规范性文件3件，制定规范性文件4件。", ["other", "normative_documents"]),
        ("清理并集中发布现行有效规范性文件210件。", ["other"]),  # documents in force, not issued this year
        # a list gives each count its own words
        (
            "其中政策、规范性文件类信息8条、规划计划类信息2条、重大项目类信息5条。",
            ["normative_documents", "other", "other"],
        ),
        # a count word before another measure is not the figure
        ("三条短视频播放量即达40万次。", ["reads"]),
        ("开通5条热线，全年接听电话6000通。", ["other", "hotline_calls"]),
        # new-media sentence, visits, money that is spent rather than charged
        ("某某微信公众号全年推送文章120篇，发布信息300条。", ["new_media_posts", "new_media_posts"]),
        ("栏目点击浏览数量9000余次。", ["website_visits"]),
        ("全年政府信息公开工作经费支出2万元，未收取信息处理费。", ["other"]),
        ("收取信息处理费 50 元。", ["fees_collected"]),
        ("组织培训3场，参训人员150人次。", ["trainings", "trainings"]),
        ("政务服务窗口共受理申请8000件。", ["other"]),
    ],
)
def test_metric_of_each_figure_in_real_wording(text: str, metrics: list[str]) -> None:
    assert [f[2] for f in _figs(text)] == metrics, [(f[0], f[2]) for f in _figs(text)]


def test_a_spelled_count_before_another_measure_is_not_a_figure() -> None:
    assert _figs("两条微信推文阅读量即达30万次。") == [(300000, "次", "reads", False)]
    assert [f[0] for f in _figs("开展两次培训，共培训80人。")] == [2, 80]


@pytest.mark.shared
def test_metric_accuracy_on_agencies_not_tuned_on(shared_dir: Path) -> None:
    from benchmarks.eval_figures import GOLD_SETS, evaluate

    result = evaluate(shared_dir, GOLD_SETS["heldout"])
    assert result["gold"] > 200
    assert result["metric_accuracy"] >= 0.95, result["errors"]


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        ("印发《关于促进消费的十二条措施》，全年发布信息80条。", ["posts_total"]),
        ("窗口群众好评率99%，事项处置率100%。", ["satisfaction_rate", "completion_rate"]),
        ("公众号累计阅读点击数达12万。", ["reads"]),
        ("解读政策性文件6条。", ["policy_interpretations"]),
        ("通过政务新媒体发布稿件300余篇。", ["new_media_posts"]),
        ("接收群众来信、来电、来访等事项700件。", ["other"]),
        ("共制作政府信息(文件)500份，其中主动公开120份。", ["other", "posts_total"]),
        ("本局公众号关注用户达900人，月平均发布量30余篇。", ["followers", "new_media_posts"]),
        ("微博、微信分别发布信息40条和55条。", ["new_media_posts", "new_media_posts"]),
        ("在门户网站发布应主动公开的政府信息，全年共发布88条。", ["posts_total"]),
        ("2024年共发布66条涉农补贴信息。", ["other"]),
        ("全年通过门户网站政府信息公开专栏公开政府信息38条。", ["posts_total"]),
        ("共受理12345市民服务热线工单120起。", ["hotline_calls"]),
        ("对历年文件进行清理，共清理出30条政府信息。", ["other"]),
    ],
)
def test_metric_of_figures_in_more_real_wording(text: str, metrics: list[str]) -> None:
    assert [f[2] for f in _figs(text)] == metrics, [(f[0], f[2]) for f in _figs(text)]


@pytest.mark.shared
def test_metric_accuracy_on_a_report_never_tuned_on(shared_dir: Path) -> None:
    from benchmarks.eval_figures import GOLD_SETS, evaluate

    result = evaluate(shared_dir, GOLD_SETS["fresh"])
    assert result["gold"] >= 25 and result["recall"] == 1.0
    assert result["metric_accuracy"] >= 0.95, result["errors"]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("（二）信息公开事务支出情况 全年用于制作公开栏等产生的政府信息公开费用2万元。", "other"),
        ("本年度共收取信息处理费用 120 元。", "fees_collected"),
        ("按规定向申请人收取信息公开信息处理费 80 元。", "fees_collected"),
    ],
)
def test_fees_charged_to_applicants_are_not_the_agencys_own_spending(text: str, metric: str) -> None:
    assert [f[2] for f in _figs(text)] == [metric]
