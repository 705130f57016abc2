"""Statement kind from the text, with the heading or lead-in as context.

Reading order, as a reader does it:

1. the sentence's own tense: announced (将, 下一步, 计划, 20XX年将) → plan;
   done or under way (已, 完成, 开设了, 正在推进) → rectification;
2. a shortcoming predicate outside any "针对…问题" / "解决…不足" clause →
   problem, unless the sentence opens with a verb of action under a
   heading or lead-in about measures;
3. otherwise the context (heading "改进措施" → plan, "整改情况" → rectification,
   "存在问题" → problem);
4. with no signal and no context, the trained text model decides.

The score is the model's probability for the chosen kind, raised to at least
the rule's own confidence when a rule decided.
"""

from __future__ import annotations

from .signals import signals

KINDS = ("problem", "rectification", "plan")

# How sure each rule is (measured on the training reports, see models/README.md).
RULE_CONFIDENCE = {"tense": 0.9, "problem": 0.9, "context": 0.8, "model": 0.0}


def rule_kind(text: str, context: str) -> tuple[str | None, str]:
    """(kind, rule) decided by the text and its context, or (None, "model")."""
    sig = signals(text)
    measure_ctx = context in ("plan", "rectification")
    if sig["plan"] and not (sig["done"] and context == "rectification"):
        return "plan", "tense"
    as_problem = sig["concession"] or not (sig["imperative"] and measure_ctx)
    if sig["problem"] and as_problem and (not sig["done"] or sig["concession"]):
        return "problem", "problem"
    if sig["done"]:
        return "rectification", "tense"
    if context in KINDS:
        if context == "problem" and sig["imperative"] and not sig["problem"]:
            return "plan", "context"
        return context, "context"
    if sig["imperative"]:
        return "plan", "context"
    return None, "model"


def decide(text: str, context: str, model_scores: dict[str, float]) -> tuple[str, float]:
    """The kind of one statement and its score."""
    kind, rule = rule_kind(text, context)
    if kind is None:
        kind = max(model_scores, key=model_scores.get)
        return kind, round(float(model_scores[kind]), 4)
    return kind, round(max(float(model_scores.get(kind, 0.0)), RULE_CONFIDENCE[rule]), 4)
