"""Build and score the shipped models: what ``xxgk train`` and ``xxgk evaluate`` run."""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import replace
from pathlib import Path

from . import KINDS, MODELS
from .data import (
    Example,
    available,
    category_examples,
    data_hash,
    kind_examples,
    paragraph_examples,
    shared_dir,
    statement_rows,
)
from .evaluation import per_label, report
from .training import CANDIDATES, Candidate, fit, lodo, macro_f1, select

SELECTION = "selection.json"
TASKS = ("paragraphs", "kinds", "categories")
# the kind text model never sees the lead-in cue: the cue is applied as a rule (see KindModel)
KIND_TEXT = Candidate("char", "svm", False)


def _examples() -> dict[str, list[Example]]:
    rows = statement_rows()
    kinds = [replace(e, context=None) for e in kind_examples(rows)]
    return {"paragraphs": paragraph_examples(), "kinds": kinds, "categories": category_examples(rows)}


def _parse(name: str) -> Candidate:
    for c in (*CANDIDATES, KIND_TEXT):
        if c.name == name:
            return c
    raise ValueError(f"unknown candidate {name!r}")


def choose(examples: dict[str, list[Example]], out: Path, log=print) -> dict[str, dict]:
    """Score every candidate LODO for paragraphs and categories; record the winners."""
    chosen: dict[str, dict] = {"kinds": {"candidate": KIND_TEXT.name, "scores": {}}}
    for task in ("paragraphs", "categories"):
        best, scores = select(examples[task])
        log(f"{task}: " + ", ".join(f"{k}={v:.3f}" for k, v in scores.items()) + f" -> {best.name}")
        chosen[task] = {"candidate": best.name, "scores": scores}
    (out / SELECTION).write_text(json.dumps(chosen, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return chosen


def spacy_result(data_sha256: str, out: Path = MODELS) -> dict:
    """The spaCy textcat LODO scores measured by ``python -m pipeline.classify.spacy_candidate``, if any."""
    path = out / "spacy_textcat.json"
    if not path.exists():
        return {"measured": False, "how": "python -m pipeline.classify.spacy_candidate"}
    d = json.loads(path.read_text(encoding="utf-8"))
    return {
        "measured": True,
        "same_training_data": d["data_sha256"] == data_sha256 if "data_sha256" in d else None,
        "epochs": d.get("epochs"),
        "lodo_macro_f1": {arch: r["lodo_macro_f1"] for arch, r in d.get("results", {}).items()},
        "details": "models/spacy_textcat.json",
    }


def _kind_lodo(examples: list[Example], rows: list[dict]) -> tuple[list[str], list[str]]:
    """LODO for the shipped kind rule+model: cue when present, else the text model."""
    gold, pred, _ = lodo(examples, KIND_TEXT)
    order = sorted({r["group"] for r in rows if r["group"] != "written"})
    by_group = {g: [r["cue"] for r in rows if r["group"] == g] for g in order}
    cues = [c for g in order for c in by_group[g]]
    return gold, [c if c in KINDS else p for c, p in zip(cues, pred)]


def train(out: Path = MODELS, reselect: bool = False, log=print) -> dict:
    """Fit the three models on all training data, write them and the card to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    if not available():
        log(f"note: {shared_dir()} is absent; training on the self-written examples only (no evaluation possible)")
    ex = _examples()
    sel_path = out / SELECTION
    if reselect or not sel_path.exists():
        chosen = choose(ex, out, log)
    else:
        chosen = json.loads(sel_path.read_text(encoding="utf-8"))
    card: dict = {
        "trained": _dt.date.today().isoformat(),
        "data_sha256": data_hash(),
        "shared_available": available(),
        "reproduce": "xxgk train   (add --reselect to re-run the candidate comparison; xxgk evaluate prints the full report)",
        "evaluation": "leave-one-document-out over the real reports; self-written examples only ever train",
        "models": {},
    }
    rows = statement_rows()
    for task in TASKS:
        cand = _parse(chosen[task]["candidate"])
        examples = ex[task]
        model = fit(examples, cand, name=task, meta={"data_sha256": card["data_sha256"]})
        model.save(out / f"{task}.json")
        real = [e for e in examples if e.group != "written"]
        entry = {
            "candidate": cand.name,
            "candidates_lodo_macro_f1": chosen[task].get("scores", {}),
            "examples": len(examples),
            "real_examples": len(real),
            "documents": len({e.group for e in real}),
        }
        if real:
            if task == "kinds":
                gold, pred = _kind_lodo(examples, rows)
                entry["text_only_lodo_macro_f1"] = round(macro_f1(*lodo(examples, KIND_TEXT)[:2]), 4)
            else:
                gold, pred, seen = lodo(examples, cand)
            entry["lodo_macro_f1"] = round(macro_f1(gold, pred), 4)
            entry["lodo_per_label"] = per_label(gold, pred)
            if task == "categories":
                prob = [i for i, e in enumerate(seen) if e.context == "problem"]
                entry["lodo_macro_f1_problems_only"] = round(
                    macro_f1([gold[i] for i in prob], [pred[i] for i in prob]), 4
                )
        if task == "paragraphs":
            entry["spacy_textcat"] = spacy_result(card["data_sha256"])
        card["models"][task] = entry
        log(
            f"{task}: {cand.name}, {len(examples)} examples"
            + (f", LODO macro-F1 {entry['lodo_macro_f1']:.3f}" if real else "")
        )
    (out / "card.json").write_text(
        json.dumps(card, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    return card


def evaluate(reselect: bool = False, log=print) -> str:
    """The full LODO report for paragraphs, statement kinds and categories."""
    if not available():
        return (
            f"{shared_dir()} is absent: there are no real reports to evaluate on "
            "(only self-written examples, which never enter a test fold).\n"
        )
    ex = _examples()
    rows = statement_rows()
    chosen = (
        choose(ex, MODELS, log)
        if reselect or not (MODELS / SELECTION).exists()
        else json.loads((MODELS / SELECTION).read_text(encoding="utf-8"))
    )
    parts = []
    for task in ("paragraphs", "categories"):
        cand = _parse(chosen[task]["candidate"])
        gold, pred, seen = lodo(ex[task], cand)
        parts.append(report(f"{task} [{cand.name}]", gold, pred))
        if task == "categories":
            idx = [i for i, e in enumerate(seen) if e.context == "problem"]
            parts.append(report("categories of problems only", [gold[i] for i in idx], [pred[i] for i in idx]))
    gold, pred = _kind_lodo(ex["kinds"], rows)
    parts.append(report("statement kinds [lead-in cue, else text model]", gold, pred))
    g2, p2, _ = lodo(ex["kinds"], KIND_TEXT)
    parts.append(report(f"statement kinds, text only [{KIND_TEXT.name}]", g2, p2))
    return "\n".join(parts)
