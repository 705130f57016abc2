"""Fit candidates, score them leave-one-agency-out, keep the best.

Candidates are (feature set, estimator, use context) triples.  Every
candidate is scored by macro-F1 with one fold per group of the examples
(the callers group real examples by agency, so all years of one agency are
one fold): each agency is predicted by a model trained on all other agencies
plus the self-written examples, which never enter a test fold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.svm import LinearSVC

from ..classify.features import analyzer
from ..classify.linear import LinearModel, export
from .data import WRITTEN, Example


@dataclass(frozen=True)
class Candidate:
    features: str  # char | word | cue | lead | topic | leadc, joined by "+"
    estimator: str  # lr | svm
    use_context: bool
    c: float | None = None  # regularisation; None: the estimator's default (svm 1.0, lr 10.0)

    @property
    def name(self) -> str:
        return f"{self.features}-{self.estimator}{'+ctx' if self.use_context else ''}" + (
            "" if self.c is None else f"-C{self.c:g}"
        )


CANDIDATES: tuple[Candidate, ...] = (
    Candidate("char", "svm", False),
    Candidate("char", "svm", True),
    Candidate("char", "lr", True),
    Candidate("word", "svm", True),
    Candidate("char+word", "svm", True),
    # SPEC boundary cues, the lead clause and its lead-in kind (features.py), context from the text around
    Candidate("word+cue+lead", "svm", True),
    Candidate("word+cue+lead", "svm", True, 2.0),
    Candidate("word+cue+lead", "lr", True, 30.0),
    Candidate("char+word+cue+lead", "svm", True),
    # category topics (features.TOPICS): the words that name each problem category, in the lead clause and anywhere
    Candidate("char+topic", "svm", True),
    Candidate("char+word+topic", "svm", True),
    Candidate("char+word+topic", "lr", True, 30.0),
    # the lead phrase (features.lead_clause: the first clause naming a topic) as its own char n-grams (SPEC: it decides)
    Candidate("char+topic+leadc", "svm", True),
    Candidate("char+word+topic+leadc", "svm", True),
)


def _estimator(name: str, c: float | None = None):
    if name == "lr":
        return LogisticRegression(C=c or 10.0, tol=1e-3, max_iter=300, class_weight="balanced", random_state=0)
    if name == "svm":
        return LinearSVC(C=c or 1.0, class_weight="balanced", random_state=0)
    raise ValueError(name)


def fit(examples: Sequence[Example], cand: Candidate, name: str = "model", meta: dict | None = None) -> LinearModel:
    vec = TfidfVectorizer(analyzer=analyzer(cand.features, cand.use_context), sublinear_tf=True, min_df=1)
    x = vec.fit_transform([(e.text, e.context) for e in examples])
    est = _estimator(cand.estimator, cand.c).fit(x, [e.label for e in examples])
    return export(name, vec, est, cand.features, cand.use_context, {"candidate": cand.name, **(meta or {})})


def cross_validate(
    examples: Sequence[Example],
    cand: Candidate,
    decide: Callable[[str, dict[str, float]], str] | None = None,
    post: Callable[[str, str | None, str, dict[str, float]], str] | None = None,
) -> tuple[list[str], list[str], list[Example]]:
    """One fold per group (an agency: see :func:`pipeline.training.statement_eval.agency_of`):
    (gold, predicted, test example) over every real example.  Written examples only ever train.
    ``decide(text, probabilities)``, if given, turns the model's output into the label (as shipped);
    ``post(text, context, label, probabilities)``, if given, is a rule applied after it (as shipped)."""
    groups = sorted({e.group for e in examples if e.group != WRITTEN})
    gold: list[str] = []
    pred: list[str] = []
    seen: list[Example] = []
    for g in groups:
        train = [e for e in examples if e.group != g]
        test = [e for e in examples if e.group == g]
        if len({e.label for e in train}) < 2:
            continue
        model = fit(train, cand)
        out = model.predict([(e.text, e.context) for e in test])
        gold += [e.label for e in test]
        labels = [p if decide is None else decide(e.text, sc) for e, (p, sc) in zip(test, out)]
        if post is not None:
            labels = [post(e.text, e.context, p, sc) for e, p, (_, sc) in zip(test, labels, out)]
        pred += labels
        seen += test
    return gold, pred, seen


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    labels = sorted(set(gold))
    return float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)) if gold else float("nan")


def select(
    examples: Sequence[Example], candidates: Sequence[Candidate] = CANDIDATES
) -> tuple[Candidate, dict[str, float]]:
    """The candidate with the best LODO macro-F1 (ties: earlier in the list) and every score."""
    scores: dict[str, float] = {}
    best: Candidate | None = None
    for c in candidates:
        s = macro_f1(*cross_validate(examples, c)[:2])
        scores[c.name] = round(s, 4) if not np.isnan(s) else s
        if best is None or (not np.isnan(s) and s > scores[best.name] + 1e-9):
            best = c
    assert best is not None
    return best, scores
