"""The stage registry: declared requirements, data order, usage errors."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline import stages
from pipeline.cli import main
from pipeline.stages import StageError, plan

REPORT = (
    "某县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n本年主动公开政府信息120条。\n"
    "五、存在的主要问题及改进情况\n一是培训不足。二是栏目更新不及时。\n"
)


def test_every_requirement_is_assigned_by_an_earlier_stage() -> None:
    assigned: set[str] = set()
    for s in stages.ORDER:
        assert set(s.requires) <= assigned, s.name
        assigned.update(s.assigns)


def test_a_subset_runs_in_data_order_whatever_order_it_is_asked_in() -> None:
    assert [s.name for s in plan(["tables", "meta", "sections"])] == ["sections", "meta", "tables"]


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["summary", "tables"], "stage 'tables' needs sections, meta"),
        (["sections", "meta", "tables", "checks", "summary"], "stage 'summary' needs figures, statements"),
        (["sections", "figures"], "add the stage(s) paragraphs"),
        (["sections", "tabels"], "unknown stage 'tabels'"),
    ],
)
def test_unmet_or_unknown_stages_are_refused_before_anything_runs(names: list[str], message: str) -> None:
    with pytest.raises(StageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        plan(names)


def test_the_cli_calls_a_bad_stage_list_a_usage_error(tmp_path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(path), "--stages", "summary,tables"])
    assert result.exit_code == 2
    assert "needs sections, meta" in result.output
    ok = CliRunner().invoke(main, ["parse", str(path), "--stages", "sections,meta,tables,checks", "--no-text"])
    assert ok.exit_code in (0, 1), ok.output
    assert '"summary": ""' in ok.output  # the summary stage did not run, so it says nothing
