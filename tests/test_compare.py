"""Year over year: carry-over chains, reuse per section, repeated statements, plans followed up.

The report pairs here are written for these tests (a made-up 青禾县 agency).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import parse
from pipeline.cli import main
from pipeline.compare import compare
from pipeline.compare.carry import carry_over
from pipeline.compare.similar import similarity
from pipeline.document import Document
from pipeline.parse import new_record
from pipeline.record import Record

HEAD = "青禾县交通运输局{year}年政府信息公开工作年度报告\n"
OVERVIEW_2023 = (
    "一、总体情况\n"
    "2023年，我局围绕农村公路建设和客运服务，通过局网站公开工程招标、养护计划等信息共计415条，"
    "组织开展政务公开业务培训两次，编印办事指南三种并放置于服务窗口。\n"
)
OVERVIEW_2024 = (
    "一、总体情况\n"
    "2024年，我局以城乡公交一体化为重点，新开设“出行服务”专栏，公开公交线路调整、站点设置等信息共计530条，"
    "全年召开新闻通气会三场，邀请群众代表参与线路听证。\n"
)
FIVE_2023 = (
    "五、存在的主要问题及改进情况\n"
    "我局政务公开工作还存在一些不足：一是专栏信息更新不够及时，个别栏目长期未更新；"
    "二是政策解读形式较为单一，图解和视频解读偏少。\n"
    "下一步，我局将重点做好以下工作：一是建立专栏信息定期更新和巡查制度；二是丰富政策解读形式，推出图解和短视频解读。\n"
)
FIVE_2024_NEW = (
    "五、存在的主要问题及改进情况\n"
    "针对上年度提出的问题，我局已建立专栏信息定期更新和巡查制度，每月通报栏目更新情况；"
    "已推出图解和短视频解读十二期。\n"
    "当前仍存在的不足是：基层站所工作人员对公开属性认定把握不准，依申请答复文书格式不够统一。\n"
)


def report(tmp_path: Path, name: str, year: int, *parts: str) -> Path:
    path = tmp_path / name
    path.write_text(HEAD.format(year=year) + "".join(parts), encoding="utf-8")
    return path


@pytest.fixture
def pair_copied(tmp_path):
    return (
        parse(report(tmp_path, "a.txt", 2023, OVERVIEW_2023, FIVE_2023)),
        parse(report(tmp_path, "b.txt", 2024, OVERVIEW_2024, FIVE_2023)),
    )


def test_a_copied_section_five_is_all_reuse_and_its_statements_repeat(pair_copied) -> None:
    old, new = pair_copied
    c = compare(old, new)
    share = {r.section: r.share for r in c.reuse}
    assert share[5] == 1.0
    assert share[1] < 0.2
    assert c.repeated_statements and all(m.how == "exact" for m in c.repeated_statements)
    assert {m.new.kind for m in c.repeated_statements} >= {"problem", "plan"}
    five = next(r for r in c.reuse if r.section == 5)
    for a, b, x, y in five.spans:  # every reused stretch reads the same in both reports
        assert "".join(new.text[a:b].split()) == "".join(old.text[x:y].split())


def test_a_rewritten_section_five_follows_up_last_years_plans(tmp_path) -> None:
    old = parse(report(tmp_path, "a.txt", 2023, OVERVIEW_2023, FIVE_2023))
    new = parse(report(tmp_path, "b.txt", 2024, OVERVIEW_2024, FIVE_2024_NEW))
    c = compare(old, new)
    assert next(r for r in c.reuse if r.section == 5).share < 0.5
    assert not [m for m in c.repeated_statements if m.how == "exact"]
    assert len(c.plans_followed) == 2
    assert [m.how for m in c.plans_followed] == ["followed", "followed"]
    assert all(m.new is not None and m.new.kind == "rectification" for m in c.plans_followed)


def test_plans_not_followed_are_listed_as_such(pair_copied) -> None:
    c = compare(*pair_copied)
    assert c.plans_followed and {m.how for m in c.plans_followed} == {"not_followed"}


def _record(tables: dict) -> Record:
    record = new_record(Document("x.txt", "txt", "x"))
    record.tables = tables
    return record


def test_carry_over_chains_pass_fail_and_are_unknown_without_numbers() -> None:
    old = _record(
        {"requests": {"carried_forward": {"total": 4}}, "disclosure": {"rules_in_force": 10, "normative_in_force": 30}}
    )
    new = _record(
        {
            "requests": {"carried_over": {"total": 4}},
            "disclosure": {"rules_in_force": 11, "rules_issued": 2, "rules_repealed": 1, "normative_issued": 5},
        }
    )
    status = {c.id: c.status for c in carry_over(old, new)}
    assert status == {"carry.requests": "pass", "carry.rules": "pass", "carry.normative": "unknown"}
    new.tables["requests"]["carried_over"]["total"] = 3
    new.tables["disclosure"]["rules_repealed"] = None  # printed "/": none repealed
    status = {c.id: c.status for c in carry_over(old, new)}
    assert status["carry.requests"] == "fail" and status["carry.rules"] == "fail"


def test_similarity_ignores_markers_years_and_punctuation() -> None:
    assert similarity("一是2023年专栏更新不及时。", "（二）2024年专栏更新不及时；") == 1.0
    assert similarity("专栏更新不及时", "依申请答复文书不规范") < 0.2


def test_the_command_writes_json_with_the_fixed_keys_md_and_html(tmp_path) -> None:
    a = report(tmp_path, "a.txt", 2023, OVERVIEW_2023, FIVE_2023)
    b = report(tmp_path, "b.txt", 2024, OVERVIEW_2024, FIVE_2024_NEW)
    runner = CliRunner()
    out = runner.invoke(main, ["compare", str(a), str(b), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert list(data) == ["pair", "carry_over", "reuse", "repeated_statements", "plans_followed"]
    assert data["pair"]["new"]["year"] == 2024 and data["pair"]["warnings"] == []
    md = runner.invoke(main, ["compare", str(a), str(b)]).output
    assert "上年计划的跟进" in md and "已跟进" in md
    page = tmp_path / "pair.html"
    assert runner.invoke(main, ["compare", str(a), str(b), "--format", "html", "--out", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "数字衔接" in html and "五、问题及改进" in html and "已跟进" in html and html.endswith("</html>\n")


def test_a_corpus_run_pairs_consecutive_years_once_per_report(tmp_path) -> None:
    from pipeline.corpus.runner import run_corpus

    inputs = tmp_path / "in"
    inputs.mkdir()
    report(inputs, "a_2023.txt", 2023, OVERVIEW_2023, FIVE_2023)
    report(inputs, "b_2024.txt", 2024, OVERVIEW_2024, FIVE_2024_NEW)
    lines = (inputs / "a_2023.txt").read_text(encoding="utf-8").splitlines()
    page = "<html><head><meta charset='utf-8'></head><body>" + "".join(f"<p>{x}</p>" for x in lines) + "</body></html>"
    (inputs / "a_2023_copy.html").write_text(page, encoding="utf-8")  # the same report in another format
    other = report(inputs, "c_2022.txt", 2022, OVERVIEW_2023.replace("2023年", "2022年"), FIVE_2023)
    other.write_text(other.read_text(encoding="utf-8").replace("交通运输局", "教育局"), encoding="utf-8")  # not paired
    out = tmp_path / "out"
    run_corpus([str(inputs)], out, workers=1, progress=False)
    runner = CliRunner()
    result = runner.invoke(main, ["pairs", str(out), "--csv", str(tmp_path / "panel.csv")])
    assert result.exit_code == 0, result.output
    assert "duplicates: 1, pairs: 1" in result.output
    query = runner.invoke(main, ["query", str(out), "SELECT old_year, new_year, plans, plans_followed FROM pairs"])
    assert "2023" in query.output and "2024" in query.output
    panel = (tmp_path / "panel.csv").read_text(encoding="utf-8-sig").splitlines()
    assert panel[0].startswith("key,agency_key,agency,year") and len(panel) == 4  # header + 3 distinct reports
