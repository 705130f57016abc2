"""Statement category: the trained model, leaning towards the lead phrase's topic.

SPEC: "an item that stays whole but names several topics takes the topic of
its lead phrase or first clause".  When the lead phrase
(:func:`pipeline.classify.features.lead_clause`, the first clause that names
a topic) names exactly one topic of :data:`pipeline.classify.features.TOPICS`,
the category model's probabilities are mixed with that topic:
``(p + LEAD_PRIOR * [c == topic]) / (1 + LEAD_PRIOR)``, so the lead phrase
wins unless the model clearly reads another topic.  With no single lead
topic the model alone decides.
"""

from __future__ import annotations

from ..classify.features import lead_topic

# Weight of the lead phrase's topic against the model's probabilities, chosen
# leave-one-agency-out on the real gold statements (see models/README.md).
LEAD_PRIOR = 0.1


def decide_category(text: str, model_scores: dict[str, float]) -> tuple[str, float]:
    """(category, score) of one problem or plan statement; the score is the mixed probability."""
    topic = lead_topic(text)
    scores = {c: float(p) for c, p in model_scores.items()}
    if topic is not None and topic in scores:
        scores = {c: (p + LEAD_PRIOR * (c == topic)) / (1.0 + LEAD_PRIOR) for c, p in scores.items()}
    category = max(scores, key=scores.__getitem__)
    return category, round(scores[category], 4)
