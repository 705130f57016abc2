"""Trained text classifiers for paragraphs and statements.

Three models ship in ``models/`` as plain JSON (:mod:`.linear`):
``paragraphs.json`` (ten SPEC labels, from the paragraph text and its section
number), ``kinds.json`` (problem / rectification / plan, from the statement
text) and ``categories.json`` (problem and plan categories).  Each loads once
per process, offline.  ``xxgk train`` rebuilds them; ``xxgk evaluate``
scores the candidates leave-one-document-out.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .features import Item
from .linear import LinearModel

MODELS = Path(__file__).resolve().parents[2] / "models"

PARAGRAPH_LABELS = (
    "overview",
    "proactive_disclosure",
    "request_handling",
    "information_management",
    "platform_building",
    "oversight",
    "problems",
    "rectification",
    "plans",
    "other_matters",
)
KINDS = ("problem", "rectification", "plan")
CATEGORIES = (
    "staffing_capacity",
    "awareness",
    "disclosure_scope",
    "policy_interpretation",
    "request_handling",
    "platform_management",
    "public_engagement",
    "standardization",
    "meetings_and_participation",
    "work_mechanism",
    "other",
)


class ModelMissing(FileNotFoundError):
    """A model file is absent: run ``xxgk train``."""


def _load(name: str) -> LinearModel:
    path = MODELS / f"{name}.json"
    if not path.exists():
        raise ModelMissing(f"{path} is missing; run `xxgk train` to build it from training_data/")
    return LinearModel.load(path)


@lru_cache(maxsize=1)
def paragraph_model() -> LinearModel:
    return _load("paragraphs")


class KindModel:
    """Statement kind: the lead-in context when there is one, else the text model.

    A lead-in such as "下一步…：" or "存在以下问题：" decides the kind of the
    list that follows; statements without one are classified from their words.
    """

    def __init__(self, text_model: LinearModel) -> None:
        self.text_model = text_model

    def predict(self, items: list[Item]) -> list[tuple[str, dict[str, float]]]:
        out = self.text_model.predict([(t, None) for t, _ in items])
        return [
            (cue, {k: float(k == cue) for k in KINDS}) if cue in KINDS else pred for (_, cue), pred in zip(items, out)
        ]


@lru_cache(maxsize=1)
def kind_model() -> KindModel:
    return KindModel(_load("kinds"))


@lru_cache(maxsize=1)
def category_model() -> LinearModel:
    return _load("categories")
