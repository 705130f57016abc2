"""The coding workflow: export pre-annotations, correct, import as pointers, measure agreement."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.annotate.agreement import cohen_kappa, compare_coders
from pipeline.annotate.formats import from_doccano, from_labelstudio, labelstudio_config
from pipeline.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "yunxi_2023.docx"


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path]:
    report = tmp_path / "yunxi.docx"
    shutil.copy(EXAMPLE, report)
    out = tmp_path / "coding"
    result = CliRunner().invoke(main, ["annotate", "export", str(out), str(report), "--to", "labelstudio"])
    assert result.exit_code == 0, result.output
    return report, out / "tasks.json"


def test_label_studio_tasks_follow_its_import_format_least_confident_first(exported) -> None:
    _, tasks_file = exported
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    assert tasks and all(set(t) == {"data", "predictions"} and "text" in t["data"] for t in tasks)
    scores = [t["predictions"][0]["score"] for t in tasks]
    assert scores == sorted(scores)
    regions = [r for t in tasks for r in t["predictions"][0]["result"] if r["type"] == "labels"]
    assert regions
    for task in tasks:
        for r in task["predictions"][0]["result"]:
            assert r["from_name"] in ("paragraph", "kind", "category") and r["to_name"] == "text"
            if r["type"] == "labels":
                v = r["value"]
                assert task["data"]["text"][v["start"] : v["end"]] == v["text"]
    config = labelstudio_config()
    assert '<Text name="text" value="$text"/>' in config and 'perRegion="true"' in config


def _correct(tasks: list[dict]) -> list[dict]:
    """A coder's corrections, in Label Studio's export form: one category changed, one statement removed."""
    changed = removed = False
    for task in tasks:
        result = json.loads(json.dumps(task["predictions"][0]["result"]))
        for r in result:
            if r["from_name"] == "category" and not changed:
                r["value"]["choices"] = ["awareness"]
                changed = True
        ids = [r["id"] for r in result if r["type"] == "labels"]
        if len(ids) > 2 and not removed:
            result = [r for r in result if r["id"] != ids[-1]]
            removed = True
        task["annotations"] = [{"result": result, "was_cancelled": False}]
    assert changed and removed
    return tasks


def test_corrections_come_back_as_pointers_and_agreement_is_measured(exported, tmp_path: Path) -> None:
    report, tasks_file = exported
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    model = from_labelstudio(json.loads(tasks_file.read_text(encoding="utf-8")))
    corrected = tmp_path / "corrected.json"
    corrected.write_text(json.dumps(_correct(tasks), ensure_ascii=False), encoding="utf-8")
    coder = from_labelstudio(json.loads(corrected.read_text(encoding="utf-8")))

    agreement = compare_coders(coder, model)
    assert agreement.items == len(model)
    assert agreement.paragraph.percent == 1.0
    assert 0 < agreement.category.percent < 1 and agreement.category.kappa() < 1
    assert ("none", "statement") in agreement.split.pairs
    assert any(d["variable"] == "split" for d in agreement.disagreements)

    printed = CliRunner().invoke(main, ["evaluate", "--agreement", str(tasks_file), str(corrected), "--json"])
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.output)["category"]["kappa"] == pytest.approx(agreement.category.kappa(), abs=1e-4)
    text = CliRunner().invoke(main, ["evaluate", "--agreement", str(tasks_file), str(corrected)]).output
    assert "kappa" in text and "disagreements:" in text

    data = tmp_path / "training"
    data.mkdir()
    result = CliRunner().invoke(main, ["annotate", "import", str(corrected), "--coder", "t", "--into", str(data)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in (data / "annotated_statements.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and all("text" not in r and r["coder"] == "t" for r in rows)
    assert "awareness" in {r["category"] for r in rows}
    paragraphs = (data / "annotated_paragraphs.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(paragraphs) == len(model)

    report.write_bytes(report.read_bytes() + b"\0")  # the report changed since the export
    again = CliRunner().invoke(main, ["annotate", "import", str(corrected), "--into", str(data)])
    assert "0 paragraph labels and 0 statements imported" in again.output
    assert "report changed since the export" in again.output


def test_doccano_export_reads_back_the_same_items(tmp_path: Path) -> None:
    out = tmp_path / "coding"
    result = CliRunner().invoke(main, ["annotate", "export", str(out), str(EXAMPLE), "--to", "doccano"])
    assert result.exit_code == 0, result.output
    lines = (out / "items.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(x) for x in lines]
    assert all({"text", "entities", "cats", "sha256", "start", "end"} <= set(r) for r in rows)
    for r in rows:
        for start, end, tag in r["entities"]:
            assert 0 <= start < end <= len(r["text"]) and tag.split(":")[0] in ("problem", "plan", "rectification")
    coded = from_doccano("\n".join(lines))
    assert len(coded) == len(rows) and compare_coders(coded, coded).kind.percent == 1.0


def test_spacy_docbin_loads_in_spacy(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out = tmp_path / "coding"
    result = CliRunner().invoke(main, ["annotate", "export", str(out), str(EXAMPLE), "--to", "spacy"])
    assert result.exit_code == 0, result.output
    docs = list(DocBin().from_disk(out / "items.spacy").get_docs(spacy.blank("zh").vocab))
    assert docs and all(abs(sum(d.cats.values()) - 1) < 1e-9 for d in docs)
    assert any(len(d.spans["statements"]) for d in docs)


def test_kappa_matches_the_textbook_example() -> None:
    # 50 items, two raters, yes/no: 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no -> kappa 0.4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([]) is None


def test_export_edit_import_train_moves_the_model_towards_the_coder(exported, tmp_path: Path) -> None:
    """Round trip: a coder relabels one paragraph; trained with the import, the model leans to the new label."""
    pytest.importorskip("sklearn")
    from pipeline.training.data import TRAINING_DATA, paragraph_examples
    from pipeline.training.fit import Candidate, fit

    report, tasks_file = exported
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    target = next(t for t in tasks if any(r["from_name"] == "paragraph" for r in t["predictions"][0]["result"]))
    result = json.loads(json.dumps(target["predictions"][0]["result"]))
    old = next(r for r in result if r["from_name"] == "paragraph")["value"]["choices"][0]
    new = "other_matters" if old != "other_matters" else "oversight"
    for r in result:
        if r["from_name"] == "paragraph":
            r["value"]["choices"] = [new]
    target["annotations"] = [{"result": result}]
    corrected = tmp_path / "one.json"
    corrected.write_text(json.dumps([target], ensure_ascii=False), encoding="utf-8")

    data = tmp_path / "training"
    data.mkdir()
    shutil.copy(TRAINING_DATA / "written_paragraphs.jsonl", data / "written_paragraphs.jsonl")
    no_shared = tmp_path / "no_shared"
    before = paragraph_examples(no_shared, data)
    assert CliRunner().invoke(main, ["annotate", "import", str(corrected), "--into", str(data)]).exit_code == 0
    after = paragraph_examples(no_shared, data)
    added = [e for e in after if e.label == new and e.text == target["data"]["text"]]
    assert len(after) == len(before) + 1 and added

    cand = Candidate("char", "lr", False)
    score = [fit(examples, cand).predict([(target["data"]["text"], None)])[0][1][new] for examples in (before, after)]
    assert score[1] > score[0]
