"""A linear text classifier stored as plain JSON (no pickle).

Training fits scikit-learn's ``TfidfVectorizer`` (with the analyzer from
:mod:`pipeline.classify.features`) and a linear model; :func:`export` keeps
the vocabulary, idf weights, coefficients and intercepts.  :class:`LinearModel`
recomputes the same tf-idf (sublinear tf, l2 norm) in plain Python and numpy,
so inference needs neither sklearn objects nor untrusted deserialisation.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from .features import Item, analyze


@dataclass
class LinearModel:
    name: str
    classes: list[str]
    features: str  # char | word | char+word
    use_context: bool
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (n_classes, n_features) ; one row for binary problems
    intercept: np.ndarray
    meta: dict[str, Any]

    def _tfidf(self, items: list[Item]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All items' tf-idf (sublinear tf, l2 rows) as (row, feature index, weight) arrays."""
        get = self.vocabulary.get
        idx: list[int] = []  # feature index of each distinct token of each item, -1 if not in the vocabulary
        counts: list[int] = []
        sizes: list[int] = []
        for item in items:
            tokens = Counter(analyze(item, self.features, self.use_context))
            idx.extend(map(get, tokens, repeat(-1)))
            counts.extend(tokens.values())
            sizes.append(len(tokens))
        row = np.repeat(np.arange(len(items), dtype=np.intp), sizes)
        col = np.asarray(idx, dtype=np.intp)
        known = col >= 0
        row, col = row[known], col[known]
        w = (1.0 + np.log(np.asarray(counts, dtype=float)[known])) * self.idf[col]
        norm = np.sqrt(np.bincount(row, weights=w * w, minlength=len(items)))
        return row, col, w / np.where(norm > 0, norm, 1.0)[row]

    def decision(self, items: list[Item]) -> np.ndarray:
        row, col, w = self._tfidf(items)
        contributions = self.coef[:, col] * w  # (classes, nonzero features of all items)
        sums = [np.bincount(row, weights=c, minlength=len(items)) for c in contributions]
        raw = np.column_stack(sums) + self.intercept
        return raw if len(self.classes) > 2 else np.hstack([-raw, raw])

    def predict(self, items: list[Item]) -> list[tuple[str, dict[str, float]]]:
        """Label and per-class probabilities (softmax of the decision values) for each item."""
        d = self.decision(items)
        d = d - d.max(axis=1, keepdims=True)
        p = np.exp(d)
        p /= p.sum(axis=1, keepdims=True)
        labels = [self.classes[i] for i in p.argmax(axis=1).tolist()]
        return [(label, dict(zip(self.classes, row))) for label, row in zip(labels, _round4(p))]

    def to_json(self) -> dict[str, Any]:
        vocab = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "format": "xxgk-linear-text/1",
            "name": self.name,
            "classes": self.classes,
            "features": self.features,
            "use_context": self.use_context,
            "vocabulary": vocab,
            "idf": [round(float(x), 6) for x in self.idf],
            "coef": [[round(float(x), 6) for x in row] for row in self.coef],
            "intercept": [round(float(x), 6) for x in self.intercept],
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> LinearModel:
        if d.get("format") != "xxgk-linear-text/1":
            raise ValueError(f"not an xxgk linear model: format={d.get('format')!r}")
        return cls(
            name=d["name"],
            classes=list(d["classes"]),
            features=d["features"],
            use_context=bool(d["use_context"]),
            vocabulary={t: i for i, t in enumerate(d["vocabulary"])},
            idf=np.asarray(d["idf"], dtype=float),
            coef=np.asarray(d["coef"], dtype=float),
            intercept=np.asarray(d["intercept"], dtype=float),
            meta=d.get("meta", {}),
        )

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        return cls.from_json(orjson.loads(path.read_bytes()))


def export(
    name: str, vectorizer: Any, estimator: Any, features: str, use_context: bool, meta: dict[str, Any]
) -> LinearModel:
    """Turn a fitted (TfidfVectorizer, linear estimator) pair into a :class:`LinearModel`."""
    return LinearModel(
        name=name,
        classes=[str(c) for c in estimator.classes_],
        features=features,
        use_context=use_context,
        vocabulary={str(t): int(i) for t, i in vectorizer.vocabulary_.items()},
        idf=np.asarray(vectorizer.idf_, dtype=float),
        coef=np.asarray(estimator.coef_, dtype=float),
        intercept=np.asarray(estimator.intercept_, dtype=float),
        meta=meta,
    )


def _round4(p: np.ndarray) -> list[list[float]]:
    """``round(x, 4)`` of every probability, for the whole array at once.

    numpy's rounding (scale, round half to even, divide) gives the same float as
    Python's correctly rounded ``round`` except next to a tie, where the scaled
    value is inexact; those few are settled by Python.
    """
    rounded = np.round(p, 4)
    scaled = p * 1e4
    near_tie = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for i, j in zip(*np.nonzero(near_tie)):
        rounded[i, j] = round(float(p[i, j]), 4)
    return rounded.tolist()
