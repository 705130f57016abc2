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

The topic is what the statement is about, not the words around it (SPEC: "a
statement's topic decides over its deficiency type"), so after the model:

- a channel named only as where or through what something is published
  ("在门户网站公开", "分散在多个网页", "通过公开栏宣传") is not the topic: what is
  published (disclosure_scope) or done through it (宣传 → public_engagement)
  is (:func:`_channel_as_means`);
- "督促X公开Y" and "公开…检查情况" are about disclosure, not the oversight
  mechanism (:func:`_disclosure_as_object`), and inspecting a channel
  ("对公开栏进行检查") is keeping it up (platform_management);
- appraisal of the work by the public (群众评议) is public_engagement, not
  decision meetings nor the assessment system (:func:`_public_appraisal`);
- staff as the subject of a capacity shortcoming ("…人员对X把握不准"), training
  or a person put in charge as the lead measure is staffing_capacity, whatever
  X is (:func:`_staff_lead`);
- the work as a whole with a generic predicate ("工作基础薄弱", "发展不平衡") and
  no topic is disclosure_scope, the SPEC's generic case (:func:`_generic_work`);
- updating a named channel in the opening phrase ("人员变动后及时更新公开栏…")
  is platform_management, and late disclosure with no channel named
  ("公开时间晚于规定时限") is disclosure_scope: the SPEC timeliness hard case
  (:func:`_channel_update_lead`, :func:`_late_disclosure`);
- stale content ("过期信息") is update timeliness, not an error in what was
  published (:func:`_stale_not_error`).
"""

from __future__ import annotations

import re

from ..classify.features import TOPICS, lead_clause, lead_topic

# Weight of the lead phrase's topic against the model's probabilities, chosen
# leave-one-agency-out on the real gold statements (see models/README.md).
LEAD_PRIOR = 0.1

_TIMELINESS = re.compile(r"更新|发布|上传|公开")
# Channels beyond websites and accounts: notice boards, screens, loudspeakers.
_BOARDS = r"(?:公开|公示|公告|宣传|信息)栏|显示屏|电子屏|大喇叭|广播"
# Channels beyond the platform topic words: the boards, web pages, accounts, apps.
_OTHER_CHANNEL = re.compile(rf"{_BOARDS}|网页|账号|APP|app")


def _names_channel(text: str) -> bool:
    """A website, column, account or other channel is named."""
    return bool(TOPICS["platform_management"].search(text) or _OTHER_CHANNEL.search(text))


def _unnamed_channel(text: str) -> bool:
    """An update or release that is late or thin, with no website, column, account or other channel named."""
    return bool(_TIMELINESS.search(text)) and not _names_channel(text)


_IRREGULAR = re.compile(r"公开[^，。；]{0,6}?(?:不够规范|不规范|规范性(?:不强|不够|不高|有待|还需|仍需|较差))")
_OWN_TOPIC = re.compile(r"依申请|申请|答复|解读")


def _irregular_disclosure(text: str) -> bool:
    """The lead phrase says disclosure is irregular, and names no requests or interpretation."""
    lead = lead_clause(text)
    return bool(_IRREGULAR.search(lead)) and not _OWN_TOPIC.search(lead)


_CHANNEL = rf"网站|网页|门户|专栏|栏目|公众号|微信群?|微博|新媒体|客户端|政务号|抖音|APP|app|平台|专区|{_BOARDS}|短信"
# "在局网站公开", "通过公开栏、广播等渠道宣传", "分散在多个部门网页": the channel as place or means.
_CHANNEL_MEANS = re.compile(
    rf"(?:在|于|通过|利用|依托|借助)[^，。；]{{0,16}}?(?:{_CHANNEL})[”\"]?(?:等)?(?:渠道|方式|形式|载体)?(?:上|中|内)?"
    rf"[^，。；]{{0,6}}?(?P<verb>公开|公示|发布|推送|宣传|告知|普及|扩大|解读)"
    rf"|分散(?:在|于)[^，。；]{{0,10}}?(?:{_CHANNEL})"
)
# Words about the channel itself (from the channel on): then it is the topic after all.
_CHANNEL_ITSELF = re.compile(
    r"更新|调整|更换|撤换|维护|栏目设置|功能|改版|建设|空白|开设|开通|账号|同步|检索|查询|便捷|整合|迁移"
)
_TO_PUBLIC = re.compile(r"宣传|推送|告知|普及")
_THROUGH_CHANNEL = ("platform_management", "disclosure_scope", "public_engagement", "policy_interpretation")


def _other_lead_topic(text: str) -> bool:
    """The lead phrase names a topic beyond the channel and what is published or done through it."""
    lead = lead_clause(text)
    return any(rx.search(lead) for c, rx in TOPICS.items() if c not in _THROUGH_CHANNEL)


def _channel_as_means(text: str) -> str | None:
    """The category when a channel is named only as where or through what something is published."""
    m = _CHANNEL_MEANS.search(text)
    if m is None or _CHANNEL_ITSELF.search(text, m.start()) or _ERROR.search(text) or _other_lead_topic(text):
        return None
    # the verb and its next words ("发布回应", "公开并解读"): what is done through the channel
    rest = text[m.start("verb") : m.start("verb") + 6] if m.group("verb") else ""
    if "解读" in rest:
        return "policy_interpretation"
    to_public = _TO_PUBLIC.match(rest) or TOPICS["public_engagement"].search(rest)
    return "public_engagement" if to_public else "disclosure_scope"


# "对各连队公开栏进行检查", "网站专项检查": inspecting a channel is keeping it up.
_CHANNEL_INSPECTED = re.compile(
    rf"对[^，。；]{{0,12}}?(?:{_CHANNEL})[^，。；]{{0,8}}?(?:检查|巡查|巡检|抽查)|(?:{_CHANNEL})(?:专项)?(?:检查|巡查|巡检|抽查)"
)


def _channel_inspected(text: str) -> bool:
    """The lead phrase inspects a channel, not the replies given through it."""
    lead = lead_clause(text)
    return bool(_CHANNEL_INSPECTED.search(lead)) and not TOPICS["public_engagement"].search(lead)


_MECHANISM_ITSELF = re.compile(r"考核|机制|制度|责任|问责|通报|体系")
_PUBLISH_NOT_LIST = r"(?:公开|公示|发布)(?!栏|[^，。；]{0,4}(?:目录|指南|属性|清单))"
_DISCLOSURE_OBJECT = re.compile(
    rf"督促[^，。；]{{0,20}}?{_PUBLISH_NOT_LIST}|公开[^，。；]{{0,20}}(?:检查|监督|督查|执法|巡查)[^，。；]{{0,4}}(?:情况|结果)"
)


def _disclosure_as_object(text: str) -> bool:
    """The lead phrase has someone urged to publish, or publishes the results of inspections."""
    lead = lead_clause(text)
    return bool(_DISCLOSURE_OBJECT.search(lead)) and not (
        _MECHANISM_ITSELF.search(lead) or _CHANNEL_ITSELF.search(lead)
    )


def _first_clause(text: str) -> str:
    return re.split(r"[，,；;。：:]", text, maxsplit=1)[0]


_APPRAISAL = re.compile(r"评议")
_DECISION = re.compile(r"会议|列席|决策|听证|征求意见|意见征集|制度|机制|纳入[^，。；]{0,8}考核")


def _public_appraisal(text: str) -> bool:
    """The first or lead phrase is about appraisal by the public (群众评议), not decision meetings or assessment."""
    return any(_APPRAISAL.search(c) and not _DECISION.search(c) for c in (_first_clause(text), lead_clause(text)))


_STAFF_LEAD = re.compile(
    r"(?:人员|干部|专人|队伍|工作者)[^，。；]{0,12}?(?:素养|素质|能力|水平|(?:把握|掌握)不(?:准|够|到位)|不熟悉|不够熟悉|不了解|不掌握)"
    r"|^[^，。；]{0,12}?(?:开展|组织|举办)[^，。；]{0,24}?培训$"
    r"|^(?:安排|明确|指定|配备|落实)专人(?:负责)?$"
)
# SPEC hard case: 公开属性认定, 清单 and 目录 are standardization, even as what staff misjudge.
_LIST_TOPIC = re.compile(r"公开属性|属性认定|目录|清单|指南")


def _staff_lead(text: str) -> bool:
    """Staff is the subject of the shortcoming, or training or a person in charge is the lead measure."""
    clauses = (_first_clause(text), lead_clause(text))
    return any(_STAFF_LEAD.search(c) and not (_LIST_TOPIC.search(c) and "培训" not in c) for c in clauses)


_UPDATE = re.compile(r"更新|维护")


def _channel_update_lead(text: str) -> bool:
    """The opening phrase updates or keeps up a named channel (SPEC: late updates of a named channel).

    The opening phrase is the first clause, or the second after a short opener ("下一步，").
    """
    clauses = [c for c in re.split(r"[，,；;。：:]", text) if c]
    head = clauses[1] if len(clauses) > 1 and len(clauses[0]) <= 6 else (clauses[0] if clauses else "")
    return bool(_UPDATE.search(head) and _names_channel(head))


# "公开时间晚于规定时限", "公示超过法定期限": disclosure that comes late.
_LATE_DISCLOSURE = re.compile(
    r"(?:公开|公示|发布)[^，。；]{0,8}?(?:晚于|滞后于?|超过[^，。；]{0,6}(?:时限|期限)|超期|不及时)"
)


def _late_disclosure(text: str) -> bool:
    """The lead phrase says disclosure comes late, with no channel named: disclosure_scope (SPEC: 公开不及时)."""
    lead = lead_clause(text)
    return bool(_LATE_DISCLOSURE.search(lead)) and not (_names_channel(text) or _LIST_TOPIC.search(lead))


_GENERIC_WORK = re.compile(
    r"(?:政务公开|信息公开|公开)工作(?:的)?(?:基础|发展|整体|总体|水平)?[^，。；]{0,4}?(?:薄弱|不平衡|不均衡|参差不齐|不高)"
)


def _generic_work(text: str) -> bool:
    """The work as a whole with a generic shortcoming, and no topic of its own."""
    return bool(_GENERIC_WORK.search(text)) and not any(rx.search(text) for rx in TOPICS.values())


_STALE = re.compile(r"过期|过时|陈旧|长期未更新")
_ERROR = re.compile(r"错|不准|脱敏|隐私|个人信息|身份证|手机号|联系方式|审核|把关|校对")
_POSTED = re.compile(r"张贴")


def _stale_not_error(text: str) -> bool:
    """Stale content with no error in it: late updates, not content_review."""
    return bool(_STALE.search(text)) and not _ERROR.search(text)


def _after_model(category: str, text: str, before: str, scores: dict[str, float]) -> str:
    """The category after the SPEC topic rules that read the whole statement (see the module doc)."""
    if category == "platform_management":
        means = _channel_as_means(text)
        if means is not None and means in scores:
            return means
    if category == "work_mechanism" and _disclosure_as_object(text):
        return "disclosure_scope"
    if category == "work_mechanism" and _channel_inspected(text):
        return "platform_management"
    if category in ("meetings_and_participation", "work_mechanism") and _public_appraisal(text):
        return "public_engagement"
    if category != "staffing_capacity" and _staff_lead(text):
        return "staffing_capacity"
    if category in ("staffing_capacity", "work_mechanism", "disclosure_scope") and _channel_update_lead(text):
        return "platform_management"
    if category in ("standardization", "work_mechanism", "other") and _late_disclosure(text):
        return "disclosure_scope"
    if category in ("staffing_capacity", "work_mechanism", "other") and _generic_work(text):
        return "disclosure_scope"
    if category == "content_review" and _stale_not_error(text):
        named = _POSTED.search(before + text) or _names_channel(before + text)
        return "platform_management" if named else "disclosure_scope"
    return category


def decide_category(text: str, model_scores: dict[str, float], before: str = "") -> tuple[str, float]:
    """(category, score) of one problem or plan statement; the score is the mixed probability.

    ``before``: the words of the statement's sentence before it ("专栏内容不多，" before
    "更新不及时"), where the channel an update is about may be named.
    """
    topic = lead_topic(text)
    scores = {c: float(p) for c, p in model_scores.items()}
    if topic is not None and topic in scores:
        scores = {c: (p + LEAD_PRIOR * (c == topic)) / (1.0 + LEAD_PRIOR) for c, p in scores.items()}
    category = _after_model(max(scores, key=scores.__getitem__), text, before, scores)
    if category == "platform_management" and "disclosure_scope" in scores and _unnamed_channel(before + text):
        category = "disclosure_scope"
    elif category == "disclosure_scope" and "standardization" in scores and _irregular_disclosure(text):
        category = "standardization"
    return category, round(scores.get(category, 0.0), 4)
