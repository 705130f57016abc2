"""The JSON linear model, training data integrity and determinism."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline.classify.features import analyze, clean
from pipeline.classify.linear import LinearModel
from pipeline.training import data
from pipeline.training.fit import Candidate, fit


def _written():
    return [e for e in data.paragraph_examples(shared=data.ROOT / "no-such-dir")]


def test_numbers_do_not_become_distinct_features():
    assert clean("公开 1234 条") == clean("公开 56 条")


def test_context_is_one_token_only_when_asked():
    assert "@ctx=5" in analyze(("问题", "5"), "char", True)
    assert not any(t.startswith("@ctx") for t in analyze(("问题", "5"), "char", False))


def test_json_model_matches_sklearn_and_round_trips():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    from pipeline.classify.features import analyzer

    ex = _written()
    items = [(e.text, e.context) for e in ex]
    vec = TfidfVectorizer(analyzer=analyzer("char", True), sublinear_tf=True)
    est = LinearSVC(class_weight="balanced", random_state=0).fit(vec.fit_transform(items), [e.label for e in ex])
    model = fit(ex, Candidate("char", "svm", True))
    expected = est.decision_function(vec.transform(items))
    assert np.allclose(model.decision(items), expected, atol=1e-6)
    again = LinearModel.from_json(json.loads(json.dumps(model.to_json())))
    assert [p for p, _ in again.predict(items)] == [p for p, _ in model.predict(items)]


def test_training_is_deterministic():
    ex = _written()
    a = fit(ex, Candidate("char", "svm", True)).to_json()
    b = fit(ex, Candidate("char", "svm", True)).to_json()
    assert a == b


def test_model_file_of_another_format_is_refused():
    with pytest.raises(ValueError):
        LinearModel.from_json({"format": "pickle"})


@pytest.mark.shared
def test_label_rows_point_at_the_reports_they_name(shared_dir):
    rows = data.statement_rows(shared_dir)
    assert rows and all(r["text"].strip() for r in rows)
    ex = data.paragraph_examples(shared_dir)
    assert len({e.group for e in ex}) >= 18


@pytest.mark.shared
def test_changed_report_is_detected(shared_dir, tmp_path):
    (tmp_path / "paragraphs.jsonl").write_text(
        json.dumps(
            {
                "doc": "seeds/" + sorted(p.name for p in (shared_dir / "seeds").glob("*.txt"))[0],
                "sha256": "0" * 64,
                "start": 0,
                "end": 5,
                "label": "overview",
                "section": None,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(data.DataError):
        data.paragraph_examples(shared_dir, data=tmp_path)


def test_paragraph_context_parts_become_tokens_joined_with_the_section():
    toks = analyze(("问题", "5|first|after=plan"), "word", True)
    assert {"@ctx=5", "@ctx=first", "@ctx=after=plan", "@ctx=5&first", "@ctx=5&after=plan"} <= set(toks)
    assert [t for t in analyze(("问题", "problem"), "char", True) if t.startswith("@ctx")] == ["@ctx=problem"]


def test_lead_in_kind_of_the_paragraph_head_is_a_feature():
    from pipeline.classify.features import lead_words

    assert "@lead=rectification" in lead_words("改进情况：针对上年度存在的问题，今年我们做了如下改进。")
    assert "@lead=plan" in lead_words("下一步，我们将加强培训。")
    assert "@lead=none" in lead_words("全年主动公开政府信息100条。")


def test_lead_phrase_is_the_first_clause_naming_a_topic():
    from pipeline.classify.features import analyze, lead_clause, topic_tokens

    # an opener naming no topic gives way to the next clause
    assert lead_clause("下一步，我单位将，优化门户网站栏目设置，同时加大解读力度") == "优化门户网站栏目设置"
    assert lead_clause("培训次数偏少，人员不足") == "培训次数偏少"
    assert lead_clause("做得还不够") == "做得还不够"
    toks = topic_tokens("拓宽公开载体和渠道，丰富图解等解读形式")
    assert "@lead_topic=platform_management" in toks and "@lead_topic=policy_interpretation" not in toks
    assert "@topic=policy_interpretation" in toks
    assert "L:栏目" in analyze(("今后，优化栏目设置，多做解读", "plan"), "char+leadc", True)
    # "lead" and "leadc" are separate feature sets
    assert not any(t.startswith("lead:") for t in analyze(("优化栏目设置", None), "char+leadc", False))


def test_topic_words_name_the_spec_categories():
    from pipeline.classify.features import TOPICS

    cases = {
        "公开信息查阅场所还没有": "platform_management",
        "公众号关注用户不多": "platform_management",
        "主动性和积极性不高": "awareness",
        "政务公开不够深入": "disclosure_scope",
        "公开属性界定不准": "standardization",
        "规范信息发布流程": "standardization",
        "定期开展网站内容抽查": "work_mechanism",
        "发布前审查不细，个别稿件有错别字": "content_review",
        "决策预公开做得少": "meetings_and_participation",
    }
    for text, cat in cases.items():
        assert TOPICS[cat].search(text), (text, cat)


def test_all_years_of_one_agency_form_one_fold():
    from pipeline.training.statement_eval import agency_of, is_fujian

    assert agency_of("corpus/pingtan-depts/czj_2018.txt") == agency_of("corpus/pingtan-depts/czj_2022.txt")
    assert agency_of("corpus/pingtan-depts/czj_2018.txt") != agency_of("corpus/pingtan-depts/gaj_2019.txt")
    assert agency_of("seeds/000_a.txt") != agency_of("seeds/001_b.txt")
    assert is_fujian(agency_of("corpus/pingtan/201204_x.txt")) and not is_fujian(agency_of("seeds/000_a.txt"))


def test_a_merged_or_halved_statement_is_not_found():
    from pipeline.training.statement_eval import match

    gold = [(0, 10), (10, 20)]
    assert match(gold, [(0, 20)]) == {}  # two statements merged into one
    assert match(gold, [(0, 5), (5, 10), (10, 20)]) == {1: 2}  # the first cut in half
    assert match(gold, [(1, 10), (10, 19)]) == {0: 0, 1: 1}


@pytest.mark.parametrize("name", ["written_sections.jsonl", "heldout_sections.jsonl"])
def test_written_passages_hold_their_statements_in_order(name):
    rows = [json.loads(x) for x in (data.TRAINING_DATA / name).read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) >= 40
    for r in rows:
        pos = 0
        for s in r["statements"]:
            i = r["text"].index(s["text"], pos)
            pos = i + len(s["text"])
            assert s["kind"] in ("problem", "rectification", "plan")
            assert (s["category"] is None) == (s["kind"] == "rectification")


@pytest.mark.shared
def test_written_examples_share_no_20_character_run_with_real_reports(shared_dir):
    import re

    def squeeze(t: str) -> str:
        return re.sub(r"[\W_]+", "", t)

    real = set()
    for p in shared_dir.rglob("*"):
        if p.suffix in (".txt", ".md", ".html") and p.is_file():
            t = squeeze(p.read_text(encoding="utf-8", errors="ignore"))
            real.update(t[i : i + 20] for i in range(len(t) - 19))
    texts = []
    for name in (
        "written_sections.jsonl",
        "heldout_sections.jsonl",
        "written_statements.jsonl",
        "written_paragraphs.jsonl",
    ):
        for x in (data.TRAINING_DATA / name).read_text(encoding="utf-8").splitlines():
            if x.strip():
                texts.append(json.loads(x)["text"])
    shared = [t for t in map(squeeze, texts) for i in range(len(t) - 19) if t[i : i + 20] in real]
    assert not shared, shared[:3]
