"""Trained text classifiers for paragraphs and statements.

Three models ship in ``models/`` as plain JSON (:mod:`.linear`):
``paragraphs.json`` (ten SPEC labels, from the paragraph text and its section
number), ``kinds.json`` (problem / rectification / plan, from the statement
text) and ``categories.json`` (problem and plan categories).  Each loads once
per process, offline.  ``xxgk train`` rebuilds them; ``xxgk evaluate``
scores the candidates leave-one-agency-out.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from .linear import LinearModel


def models_dir() -> Path:
    """Where the shipped models are: ``models/`` of a source checkout (editable install, or run
    from the tree), else the installed package ``xxgk_models`` (``models/`` mapped into the wheel)."""
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "models").is_dir():
        return checkout / "models"
    try:
        return Path(str(resources.files("xxgk_models")))
    except ModuleNotFoundError:  # neither: ModelMissing names the checkout path
        return checkout / "models"


MODELS = models_dir()

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
    "content_review",
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


@lru_cache(maxsize=1)
def kind_text_model() -> LinearModel:
    """The text model behind statement kinds; the rules in :mod:`pipeline.statements.kinds` come first."""
    return _load("kinds")


@lru_cache(maxsize=1)
def category_model() -> LinearModel:
    return _load("categories")
