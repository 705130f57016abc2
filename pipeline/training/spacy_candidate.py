"""spaCy ``textcat`` as a paragraph-classifier candidate, scored like the others.

A ``blank("zh")`` pipeline with the jieba segmenter (as :func:`pipeline.nlp.blank_zh`)
and an exclusive ``textcat`` component, trained from scratch on CPU for a few
epochs.  It is scored leave-one-document-out on the same examples as the
linear candidates (:func:`pipeline.training.fit.lodo`): each report is
predicted by a model trained on the other reports plus the self-written
examples.  The context (section, position, lead-in in force) is given to
spaCy as a leading pseudo-word, since ``textcat`` only sees text.

Too slow for ``xxgk train --reselect`` (a model per report and architecture);
run ``python -m pipeline.training.spacy_candidate`` and the result is written
to ``models/spacy_textcat.json`` for the card and ``models/README.md``.  No
spaCy model is shipped.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence

from ..classify import MODELS
from .data import WRITTEN, Example, data_hash
from .evaluation import per_label
from .fit import macro_f1

ARCHITECTURES = {
    # bag of words and word bigrams, linear: the spaCy counterpart of the linear candidates
    "bow": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
    },
    # spaCy's default: BOW ensembled with a CNN over hashed-embedding token vectors
    "ensemble": None,
}


def _text(e: Example, use_context: bool) -> str:
    if use_context and e.context:
        return f"〔{e.context}〕 {e.text}"
    return e.text


def _train(examples: Sequence[Example], labels: Sequence[str], arch: str, epochs: int, use_context: bool, seed: int):
    import spacy
    from spacy.training import Example as SpacyExample
    from spacy.util import fix_random_seed, minibatch

    from ..nlp import segmenter

    fix_random_seed(seed)
    segmenter()  # as pipeline.nlp.blank_zh (which is cached: one pipeline per process), but fresh per fold
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    model = ARCHITECTURES[arch]
    textcat = nlp.add_pipe("textcat", config={"model": model} if model else {})
    for lab in labels:
        textcat.add_label(lab)
    train = [
        SpacyExample.from_dict(
            nlp.make_doc(_text(e, use_context)), {"cats": {lab: float(lab == e.label) for lab in labels}}
        )
        for e in examples
    ]
    optimizer = nlp.initialize(lambda: train)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(train)
        losses: dict[str, float] = {}
        for batch in minibatch(train, size=spacy.util.compounding(4.0, 32.0, 1.001)):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.2)
    return nlp


def lodo_textcat(
    examples: Sequence[Example], arch: str = "bow", epochs: int = 10, use_context: bool = True, seed: int = 0
) -> tuple[list[str], list[str]]:
    """Leave-one-document-out (gold, predicted) for spaCy textcat over the real examples."""
    labels = sorted({e.label for e in examples})
    groups = sorted({e.group for e in examples if e.group != WRITTEN})
    gold: list[str] = []
    pred: list[str] = []
    for g in groups:
        nlp = _train([e for e in examples if e.group != g], labels, arch, epochs, use_context, seed)
        test = [e for e in examples if e.group == g]
        for e, doc in zip(test, nlp.pipe(_text(e, use_context) for e in test)):
            gold.append(e.label)
            pred.append(max(doc.cats, key=doc.cats.__getitem__))
    return gold, pred


def measure(archs: Sequence[str] = ("bow", "ensemble"), epochs: int = 10, log=print) -> dict:
    """Score each architecture on the paragraph examples; write ``models/spacy_textcat.json``."""
    from .build import _examples

    ex = _examples()["paragraphs"]
    path = MODELS / "spacy_textcat.json"
    out: dict = {
        "task": "paragraphs",
        "epochs": epochs,
        "evaluation": "leave-one-document-out",
        "data_sha256": data_hash(),
        "results": {},
    }
    if path.exists():  # keep results of other architectures measured on the same data
        old = json.loads(path.read_text(encoding="utf-8"))
        if old.get("data_sha256") == out["data_sha256"] and old.get("epochs") == epochs:
            out["results"] = old.get("results", {})
    for arch in archs:
        t0 = time.perf_counter()
        gold, pred = lodo_textcat(ex, arch, epochs)
        res = {
            "lodo_macro_f1": round(macro_f1(gold, pred), 4),
            "seconds": round(time.perf_counter() - t0, 1),
            "lodo_per_label": per_label(gold, pred),
        }
        out["results"][arch] = res
        log(f"spaCy textcat {arch}: LODO macro-F1 {res['lodo_macro_f1']:.3f} ({res['seconds']:.0f} s)")
        path.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    import sys

    measure(tuple(sys.argv[1:]) or ("bow", "ensemble"))
