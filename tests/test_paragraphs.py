"""Narrative paragraphs: splitting, exclusion of tables/headings, labels from text."""

from __future__ import annotations

import pytest

from pipeline.classify import PARAGRAPH_LABELS, paragraph_model
from pipeline.document import Block, Document
from pipeline.paragraphs import is_table_text, narrative_spans, split_paragraphs
from pipeline.parse import parse
from pipeline.sections import segment

REPORT = (
    "某县人民政府2024年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "2024年，本县坚持以公开为常态，扎实推进政务公开，各项工作取得新进展。\n"
    "(一)主动公开：全年在门户网站主动公开政府信息1200条，其中政策文件30件。\n"
    "二、主动公开政府信息情况\n"
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
    "规章\t0\t0\t0\n"
    "五、存在的主要问题及改进情况\n"
    "一是政策解读形式单一；二是工作人员业务能力不足。下一步，我们将丰富解读形式，加强业务培训。\n"
    "六、其他需要报告的事项\n"
    "本年度未收取信息处理费。\n"
)


def _doc(text: str) -> Document:
    return Document(path="x.txt", format="txt", text=text, blocks=[Block("text", 0, len(text))])


def label(text: str, section: int | None = None) -> str:
    return paragraph_model().predict([(text, None if section is None else str(section))])[0][0]


def test_paragraph_offsets_are_exact_and_tables_and_headings_are_left_out():
    doc = _doc(REPORT)
    sections, _ = segment(doc.text)
    paras = split_paragraphs(doc, sections)
    assert [p.id for p in paras] == [f"p{i}" for i in range(1, len(paras) + 1)]
    for p in paras:
        assert doc.text[p.start : p.end] == p.text
        assert "\t" not in p.text and not p.text.startswith(("一、", "二、", "五、"))
    assert len(paras) == 4
    assert [p.section for p in paras] == [1, 1, 5, 6]


def test_flattened_report_is_split_at_subheading_markers():
    flat = REPORT.replace("\n", " ") + " " + "补充说明。" * 300  # one line, as crawled pages are
    spans = narrative_spans(flat, segment(flat)[0])
    texts = [flat[s.start : s.end] for s in spans]
    assert any(t.startswith("一是政策解读") for t in texts)
    assert any(t.startswith("二是工作人员") for t in texts)
    assert not any("本年制发件数" in t for t in texts)
    assert all(len(t) <= 700 for t in texts)


def test_run_together_table_text_is_not_narrative():
    assert is_table_text("规章102行政规范性文件4231517第二十条第(五)项信息内容本年处理决定数量行政许可2846")
    assert is_table_text("行政许可 |")
    assert not is_table_text("全年主动公开政府信息1200条，其中政策文件30件。")


def test_document_table_blocks_are_excluded():
    text = "一、总体情况\n本局严格落实三审三校制度，信息发布前逐级审核。\n表格里的一句话，看起来像句子。\n"
    i = text.index("表格")
    doc = Document(path="x", format="html", text=text, blocks=[Block("text", 0, i), Block("table", i, len(text))])
    paras = split_paragraphs(doc, segment(text)[0])
    assert [p.text for p in paras] == ["本局严格落实三审三校制度，信息发布前逐级审核。"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "本单位规范办理公民提出的依申请公开事项，全年受理申请8件，均在法定期限内予以答复，答复文书统一格式。",
            "request_handling",
        ),
        ("落实信息发布三审三校制度，严格保密审查，先审后发，确保发布内容准确。", "information_management"),
        ("成立以局长为组长的政务公开工作领导小组，明确专人负责，并将政务公开纳入年度考核。", "oversight"),
        ("本年度未收取信息处理费。", "other_matters"),
    ],
)
def test_old_format_paragraph_without_heading_gets_label_from_text(text, expected):
    assert label(text) == expected


def test_every_label_has_a_probability_and_they_sum_to_one():
    _, scores = paragraph_model().predict([("加强政府网站和政务新媒体建设，新开设专题栏目3个。", "1")])[0]
    assert set(scores) == set(PARAGRAPH_LABELS)
    assert abs(sum(scores.values()) - 1) < 1e-3


@pytest.mark.shared
def test_every_real_paragraph_gets_a_label_and_exact_offsets(seed_paths, pingtan_paths):
    for path in [*seed_paths, *pingtan_paths]:
        record = parse(path, ["sections", "paragraphs"])
        assert record.paragraphs, path
        for p in record.paragraphs:
            assert p.label in PARAGRAPH_LABELS
            assert record.text[p.start : p.end] == p.text
            assert p.text.strip() == p.text and "\t" not in p.text


def test_context_marks_first_paragraph_and_the_lead_in_in_force():
    from pipeline.paragraphs import paragraph_contexts

    text = (
        "一、总体情况\n本县扎实推进政务公开。\n加强平台建设，存在的问题也写在这里不应影响第一部分。\n"
        "五、存在的主要问题及改进情况\n一是政策解读形式比较单一，图解和视频较少。\n二是工作人员不足，业务能力有待提高。\n"
        "下一步，我们将采取以下措施：\n一是丰富解读形式，多用图解和视频。\n二是加强培训，提高业务能力。\n"
    )
    doc = _doc(text)
    sections, _ = segment(text)
    paras = split_paragraphs(doc, sections)
    ctx = dict(
        zip((p.text for p in paras), paragraph_contexts(text, [(p.start, p.end, p.section) for p in paras], sections))
    )
    assert ctx["本县扎实推进政务公开。"] == "1|first"
    assert ctx["加强平台建设，存在的问题也写在这里不应影响第一部分。"] == "1"  # lead-ins only count in 五
    assert ctx["一是政策解读形式比较单一，图解和视频较少。"] == "5|first"
    assert ctx["二是工作人员不足，业务能力有待提高。"] == "5"
    assert ctx["一是丰富解读形式，多用图解和视频。"] == ctx["二是加强培训，提高业务能力。"] == "5|after=plan"


def test_plans_after_a_lead_in_are_plans_whatever_their_topic():
    text = (
        "五、存在的主要问题及改进情况\n一是依申请公开答复文书不够规范。\n"
        "下一步，我们将采取以下措施：\n一是加强依申请公开答复文书的合法性审查，统一答复格式。\n"
    )
    record_paras = split_paragraphs(_doc(text), segment(text)[0])
    from pipeline.paragraphs import paragraph_contexts

    ctx = paragraph_contexts(text, [(p.start, p.end, p.section) for p in record_paras], segment(text)[0])
    labels = [lab for lab, _ in paragraph_model().predict([(p.text, c) for p, c in zip(record_paras, ctx)])]
    assert labels[-1] == "plans"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("针对上述问题，我局将严格按规定做好公开工作。", "plan"),
        ("我单位针对上年存在的问题，认真研究，逐项整改。", "rectification"),
        ("（二）改进措施：针对工作中出现的问题，明年我局将着重在以下几方面改进：", "plan"),
        ("但也存在一些问题：", "problem"),
    ],
)
def test_last_cue_reads_the_tense_after_a_rectification_cue(text, expected):
    from pipeline.paragraphs import last_cue

    assert last_cue(text) == expected


@pytest.mark.parametrize(
    "text, context, label, expected",
    [
        # opens with a rectification lead-in, told as done
        ("针对上年度公开指南陈旧的问题，今年重新编写了指南并在网站发布。", "5|first", "problems", "rectification"),
        (
            "改进情况：针对上年存在问题，我们做了如下改进：（一）充实队伍。",
            "5|after=problem",
            "oversight",
            "rectification",
        ),
        # the same lead-in going on in the future tense stays a plan
        ("针对上述问题，我局将加强业务培训。", "5|after=problem", "plans", "plans"),
        # items under a rectification lead-in, every sentence a measure
        (
            "二是严把发文公开属性关口，拟文时即明确公开方式；",
            "5|after=rectification",
            "information_management",
            "rectification",
        ),
        # an item that goes on to a shortcoming and a plan keeps the model's label
        ("三是加强督查。但仍存在解读不够深入的问题。下一步我局将继续改进。", "5|after=rectification", "plans", "plans"),
        # outside section 五 the rule says nothing
        ("针对上年度公开指南陈旧的问题，今年重新编写了指南。", "3", "information_management", "information_management"),
    ],
)
def test_paragraph_label_agrees_with_statement_kinds(text, context, label, expected):
    from pipeline.paragraphs import agree_with_kinds

    assert agree_with_kinds(text, context, label) == expected


def test_a_model_rectification_without_a_done_sentence_is_not_kept():
    from pipeline.paragraphs import agree_with_kinds

    plan = "（二）改进措施：针对工作中出现的问题，明年我局将着重在以下几方面改进："
    assert agree_with_kinds(plan, "5|after=problem", "rectification") == "plans"
    general = "一是主动接受上级的监督指导，对发现的问题及时抓好整改；"
    scores = {"rectification": 0.5, "oversight": 0.4, "plans": 0.1}
    assert agree_with_kinds(general, "1", "rectification", scores) == "oversight"


def test_the_rectification_lead_in_clause_is_not_read_as_a_shortcoming():
    from pipeline.paragraphs import agree_with_kinds

    text = "针对上年报告中指出的问题与不足，本年度我局重新编写了公开指南。但仍有差距。"
    assert agree_with_kinds(text, "5|first", "problems") == "rectification"


def test_the_lead_in_clause_runs_to_the_problem_it_names_not_to_the_first_comma():
    from pipeline.paragraphs import agree_with_kinds

    text = "针对上年度“解读形式单一,解读质量不高”的问题,本年度我县新增了图解和视频解读。"
    assert agree_with_kinds(text, "5|first|after=problem", "problems") == "rectification"
