"""Statements: splitting lists, lead-ins, kinds and categories."""

from __future__ import annotations

import pytest

from pipeline.classify import CATEGORIES, category_model
from pipeline.document import Block, Document
from pipeline.parse import parse_document
from pipeline.record import Paragraph
from pipeline.statements import extract, split_units


def _statements(text: str, label: str = "problems"):
    doc = Document(path="x", format="txt", text=text, blocks=[Block("text", 0, len(text))])
    return extract(text, [Paragraph(id="p1", section=5, text=text, start=0, end=len(text), label=label)]), doc


def test_problem_and_plan_paragraph_is_split_into_both_kinds():
    text = "一是信息更新不够及时；二是政策解读形式单一。下一步，我们将完善栏目更新机制，丰富解读形式。"
    doc = Document(path="x", format="txt", text="五、存在的主要问题及改进情况\n" + text + "\n", blocks=[])
    record = parse_document(doc, ["sections", "paragraphs", "statements"])
    kinds = [s.kind for s in record.statements]
    assert "problem" in kinds and "plan" in kinds
    assert kinds.index("problem") < kinds.index("plan")
    for s in record.statements:
        assert record.text[s.start : s.end] == s.text
        assert s.paragraph_id is not None


def test_numbered_items_become_one_statement_each_without_markers():
    pairs, doc = _statements("1. 加强业务培训，提升队伍能力。2. 优化网站栏目设置。3. 丰富政策解读形式。", "plans")
    texts = [doc.text[u.start : u.end] for _, u in pairs]
    assert texts == ["加强业务培训，提升队伍能力。", "优化网站栏目设置。", "丰富政策解读形式。"]


def test_example_list_after_ru_is_split_at_semicolons_and_lead_in_dropped():
    units = split_units("工作中仍存在一些不足，如：栏目更新不及时；解读形式单一；互动回应不够等问题。", 0, 38)
    stated = [u for u in units if not u.intro]
    assert len(stated) == 3
    assert all(u.cue == "problem" for u in stated)


def test_lead_in_sets_the_kind_of_the_list_that_follows():
    text = "针对上年度存在的问题，我们做了如下改进：一是完善审核机制；二是加强培训。"
    units = [u for u in split_units(text, 0, len(text)) if not u.intro]
    assert [u.cue for u in units] == ["rectification", "rectification"]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("政策解读形式单一，解读质量不高", "problem", "policy_interpretation"),
        ("工作人员多为兼职，业务能力有待提升", "problem", "staffing_capacity"),
        ("依申请公开答复文书不够规范", "problem", "request_handling"),
    ],
)
def test_problem_categories_come_from_the_words(text, kind, expected):
    assert category_model().predict([(text, kind)])[0][0] == expected
    assert expected in CATEGORIES


@pytest.mark.shared
def test_real_reports_yield_statements_with_exact_offsets(seed_paths):
    from pipeline.parse import parse

    for path in seed_paths:
        record = parse(path, ["sections", "paragraphs", "statements"])
        assert record.statements, path
        for s in record.statements:
            assert record.text[s.start : s.end] == s.text
            assert s.kind in ("problem", "rectification", "plan")
            assert (s.category is None) == (s.kind == "rectification")
