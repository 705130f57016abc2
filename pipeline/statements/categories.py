"""Statement category: the trained model, leaning towards the lead phrase's topic.

SPEC: "an item that stays whole but names several topics takes the topic of
its lead phrase or first clause".  When the lead phrase
(:func:`pipeline.classify.features.lead_clause`, the first clause that names
a topic) names exactly one topic of :data:`pipeline.classify.features.TOPICS`,
the category model's probabilities are mixed with that topic:
``(p + LEAD_PRIOR * [c == topic]) / (1 + LEAD_PRIOR)``, so the lead phrase
wins unless the model clearly reads another topic.  With no single lead
topic the model alone decides.

SPEC hard case: "信息更新不及时" is platform_management only when a website,
column or account is named, else disclosure_scope (:func:`_unnamed_channel`).
A lead phrase about how regularly something is disclosed ("执法信息公开不够规范",
"征地信息公开的规范性有待加强") is standardization (标准化规范化), not
disclosure_scope, unless it names requests or interpretation, whose own topic
decides (:func:`_irregular_disclosure`).
"""

from __future__ import annotations

import re

from ..classify.features import TOPICS, lead_clause, lead_topic

# Weight of the lead phrase's topic against the model's probabilities, chosen
# leave-one-agency-out on the real gold statements (see models/README.md).
LEAD_PRIOR = 0.1

_TIMELINESS = re.compile(r"更新|发布|上传|公开")
# Channels beyond the platform topic words: notice boards, screens, loudspeakers, accounts.
_OTHER_CHANNEL = re.compile(r"(?:公开|公示|公告|宣传|信息)栏|显示屏|电子屏|大喇叭|广播|网页|账号|APP|app")


def _unnamed_channel(text: str) -> bool:
    """An update or release that is late or thin, with no website, column, account or other channel named."""
    named = TOPICS["platform_management"].search(text) or _OTHER_CHANNEL.search(text)
    return bool(_TIMELINESS.search(text)) and not named


_IRREGULAR = re.compile(r"公开[^，。；]{0,6}?(?:不够规范|不规范|规范性(?:不强|不够|不高|有待|还需|仍需|较差))")
_OWN_TOPIC = re.compile(r"依申请|申请|答复|解读")


def _irregular_disclosure(text: str) -> bool:
    """The lead phrase says disclosure is irregular, and names no requests or interpretation."""
    lead = lead_clause(text)
    return bool(_IRREGULAR.search(lead)) and not _OWN_TOPIC.search(lead)


def decide_category(text: str, model_scores: dict[str, float], before: str = "") -> tuple[str, float]:
    """(category, score) of one problem or plan statement; the score is the mixed probability.

    ``before``: the words of the statement's sentence before it ("专栏内容不多，" before
    "更新不及时"), where the channel an update is about may be named.
    """
    topic = lead_topic(text)
    scores = {c: float(p) for c, p in model_scores.items()}
    if topic is not None and topic in scores:
        scores = {c: (p + LEAD_PRIOR * (c == topic)) / (1.0 + LEAD_PRIOR) for c, p in scores.items()}
    category = max(scores, key=scores.__getitem__)
    if category == "platform_management" and "disclosure_scope" in scores and _unnamed_channel(before + text):
        category = "disclosure_scope"
    elif category == "disclosure_scope" and "standardization" in scores and _irregular_disclosure(text):
        category = "standardization"
    return category, round(scores[category], 4)
