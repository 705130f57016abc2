"""Build and score the shipped models: what ``xxgk train`` and ``xxgk evaluate`` run.

Every score is leave-one-agency-out: the real examples are grouped by agency
(:func:`.statement_eval.agency_of`), so all years of one agency form one fold
and a model never sees a near-copy of the report it is scored on.  Models are
picked by this score only.  Statements are also scored end to end (splitting,
kind, category) per agency, from Fujian to the other provinces, and on
self-written passages that never train.
"""

from __future__ import annotations

import datetime as _dt
import json
import tempfile
from dataclasses import replace
from pathlib import Path

from ..classify import MODELS
from .data import (
    Example,
    available,
    category_examples,
    data_hash,
    heldout_passages,
    kind_examples,
    paragraph_examples,
    shared_dir,
    statement_rows,
)
from .evaluation import per_label, report
from .fit import CANDIDATES, Candidate, cross_validate, fit, macro_f1, select
from .statement_eval import evaluate_statements, evaluate_written, with_agency_groups

SELECTION = "selection.json"
TASKS = ("paragraphs", "kinds", "categories")
# the kind text model decides only when no rule of pipeline.statements.kinds does; it reads the text alone
KIND_TEXT = Candidate("char", "svm", False)


def _examples() -> dict[str, list[Example]]:
    rows = statement_rows()
    kinds = [replace(e, context=None) for e in kind_examples(rows)]
    return {
        "paragraphs": with_agency_groups(paragraph_examples()),
        "kinds": with_agency_groups(kinds),
        "categories": with_agency_groups(category_examples(rows)),
    }


def _shipped_category(text: str, probabilities: dict[str, float]) -> str:
    """The category as :func:`pipeline.statements.label` decides it: the model with the lead phrase's topic mixed in."""
    from ..statements.categories import decide_category

    return decide_category(text, probabilities)[0]


def _post(task: str):
    """The rule applied after the model at run time, if any: paragraphs agree with statement kinds."""
    from ..paragraphs import agree_with_kinds

    return agree_with_kinds if task == "paragraphs" else None


def _parse(name: str) -> Candidate:
    for c in (*CANDIDATES, KIND_TEXT):
        if c.name == name:
            return c
    raise ValueError(f"unknown candidate {name!r}")


def choose(examples: dict[str, list[Example]], out: Path, log=print) -> dict[str, dict]:
    """Score every candidate leave-one-agency-out for paragraphs and categories; record the winners."""
    chosen: dict[str, dict] = {"kinds": {"candidate": KIND_TEXT.name, "scores": {}}}
    for task in ("paragraphs", "categories"):
        best, scores = select(examples[task])
        log(f"{task}: " + ", ".join(f"{k}={v:.3f}" for k, v in scores.items()) + f" -> {best.name}")
        chosen[task] = {"candidate": best.name, "scores": scores}
    (out / SELECTION).write_text(json.dumps(chosen, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return chosen


def spacy_result(data_sha256: str, out: Path = MODELS) -> dict:
    """The spaCy textcat scores measured by ``python -m pipeline.training.spacy_candidate``, if any."""
    path = out / "spacy_textcat.json"
    if not path.exists():
        return {"measured": False, "how": "python -m pipeline.training.spacy_candidate"}
    d = json.loads(path.read_text(encoding="utf-8"))
    return {
        "measured": True,
        "same_training_data": d["data_sha256"] == data_sha256 if "data_sha256" in d else None,
        "epochs": d.get("epochs"),
        "lodo_macro_f1": {arch: r["lodo_macro_f1"] for arch, r in d.get("results", {}).items()},
        "details": "models/spacy_textcat.json",
    }


def _selection(ex: dict[str, list[Example]], reselect: bool, log) -> dict:
    path = MODELS / SELECTION
    if reselect or not path.exists():
        return choose(ex, MODELS, log)
    return json.loads(path.read_text(encoding="utf-8"))


def _statement_trainer(categories: Candidate):
    def train(kinds: list[Example], cats: list[Example]):
        return fit(kinds, KIND_TEXT), fit(cats, categories)

    return train


def statement_scores(ex: dict[str, list[Example]], chosen: dict) -> dict:
    """End-to-end statement figures: per agency, Fujian → other provinces, and the held-out written passages."""
    rows = statement_rows()
    train = _statement_trainer(_parse(chosen["categories"]["candidate"]))
    out = {}
    for folds in ("agency", "new_province"):
        res = evaluate_statements(rows, ex["kinds"], ex["categories"], train, folds=folds)
        out[folds] = res
    passages = heldout_passages()
    if passages:
        kind_model, cat_model = train(ex["kinds"], ex["categories"])
        with tempfile.TemporaryDirectory() as tmp:
            out["written_heldout"] = evaluate_written(passages, kind_model, cat_model, Path(tmp))
    return out


def _pairs_report(title: str, pairs: list[tuple[str, str]]) -> str:
    return report(title, [g for g, _ in pairs], [p for _, p in pairs])


def _statement_report(scores: dict) -> str:
    names = {
        "agency": "leave-one-agency-out over the real reports",
        "new_province": "trained on Fujian only, tested on the reports of other provinces (Henan, Hunan, Jiangsu)",
        "written_heldout": "self-written passages in other provinces' styles, never trained on",
    }
    lines = ["== statements end to end (found: IoU >= 0.6 with one prediction; right: found + kind + category)"]
    for key, res in scores.items():
        o = res["overall"]
        lines.append(
            f"{names[key]}:\n  gold {o['gold']}, predicted {o['predicted']}, split recall {o['split_recall']:.3f}, "
            f"split precision {o['split_precision']:.3f}, kind accuracy (found) {o['kind_accuracy_of_found']:.3f}, "
            f"category accuracy (found) {o['category_accuracy_of_found']:.3f}, right {o['right']:.3f}"
        )
    parts = ["\n".join(lines) + "\n"]
    agency = scores["agency"]
    parts.append(_pairs_report("statement kinds of found statements (leave-one-agency-out)", agency["kind_pairs"]))
    parts.append(_pairs_report("categories of found statements (leave-one-agency-out)", agency["category_pairs"]))
    return "\n".join(parts)


def train(out: Path = MODELS, reselect: bool = False, log=print) -> dict:
    """Fit the three models on all training data, write them and the card to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    if not available():
        log(f"note: {shared_dir()} is absent; training on the self-written examples only (no evaluation possible)")
    ex = _examples()
    chosen = _selection(ex, reselect, log)
    card: dict = {
        "trained": _dt.date.today().isoformat(),
        "data_sha256": data_hash(),
        "shared_available": available(),
        "reproduce": "xxgk train   (add --reselect to re-run the candidate comparison; xxgk evaluate prints the full report)",
        "evaluation": "leave-one-agency-out over the real reports (all years of one agency are one fold); "
        "self-written examples only ever train",
        "models": {},
    }
    for task in TASKS:
        cand = _parse(chosen[task]["candidate"])
        examples = ex[task]
        model = fit(examples, cand, name=task, meta={"data_sha256": card["data_sha256"]})
        model.save(out / f"{task}.json")
        real = [e for e in examples if e.group != "written"]
        entry = {
            "candidate": cand.name,
            "candidates_loao_macro_f1": chosen[task].get("scores", {}),
            "examples": len(examples),
            "real_examples": len(real),
            "agencies": len({e.group for e in real}),
        }
        if real:
            gold, pred, seen = cross_validate(examples, cand, post=_post(task))
            entry["loao_macro_f1"] = round(macro_f1(gold, pred), 4)
            if _post(task):  # the model alone, before the rule
                entry["loao_macro_f1_model_alone"] = round(macro_f1(*cross_validate(examples, cand)[:2]), 4)
            entry["loao_per_label"] = per_label(gold, pred)
            if task == "categories":
                g3, p3, _ = cross_validate(examples, cand, decide=_shipped_category)
                entry["loao_macro_f1_with_lead_prior"] = round(macro_f1(g3, p3), 4)
                entry["loao_accuracy_with_lead_prior"] = round(sum(a == b for a, b in zip(g3, p3)) / len(g3), 4)
                entry["loao_per_label_with_lead_prior"] = per_label(g3, p3)
            if task == "kinds":
                entry["note"] = "text model alone; shipped kinds are rules first (see statements below)"
        if task == "paragraphs":
            entry["spacy_textcat"] = spacy_result(card["data_sha256"])
        card["models"][task] = entry
        log(
            f"{task}: {cand.name}, {len(examples)} examples"
            + (f", LOAO macro-F1 {entry['loao_macro_f1']:.3f}" if real else "")
        )
    if available():
        scores = statement_scores(ex, chosen)
        card["statements"] = {k: v["overall"] for k, v in scores.items()}
        for k, v in card["statements"].items():
            log(
                f"statements [{k}]: right {v['right']:.3f}, split recall {v['split_recall']:.3f}, kind {v['kind_accuracy_of_found']:.3f}"
            )
    (out / "card.json").write_text(
        json.dumps(card, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    return card


def evaluate(reselect: bool = False, log=print) -> str:
    """The full leave-one-agency-out report: paragraphs, categories, kinds, and statements end to end."""
    if not available():
        return (
            f"{shared_dir()} is absent: there are no real reports to evaluate on "
            "(only self-written examples, which never enter a test fold).\n"
        )
    ex = _examples()
    chosen = _selection(ex, reselect, log)
    parts = []
    for task in ("paragraphs", "categories"):
        cand = _parse(chosen[task]["candidate"])
        gold, pred, seen = cross_validate(ex[task], cand, post=_post(task))
        parts.append(
            report(f"{task} [{cand.name}{' + kind rule' if _post(task) else ''}] leave-one-agency-out", gold, pred)
        )
        if task == "categories":  # as shipped: the lead phrase's topic mixed in (pipeline.statements.categories)
            g3, p3, _ = cross_validate(ex[task], cand, decide=_shipped_category)
            parts.append(
                report(f"categories [{cand.name} + lead-phrase prior, as shipped] leave-one-agency-out", g3, p3)
            )
        if task == "paragraphs":  # the old figure, for comparison: folds by report let near-copies train
            lodo = macro_f1(*cross_validate(paragraph_examples(), cand, post=_post(task))[:2])
            parts.append(f"(paragraphs leave-one-document-out, as measured before: macro-F1 {lodo:.3f})\n")
    g2, p2, _ = cross_validate(ex["kinds"], KIND_TEXT)
    parts.append(report(f"statement kinds, text model alone [{KIND_TEXT.name}] (gold segments)", g2, p2))
    parts.append(_statement_report(statement_scores(ex, chosen)))
    return "\n".join(parts)
