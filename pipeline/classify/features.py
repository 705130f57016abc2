"""Text features shared by training and inference (one definition, no drift).

An item is ``(text, context)``: the text of a paragraph or statement and
an optional context string (a section number, the kind cue of a statement,
a statement's kind).  Features are character n-grams of the text, optionally
jieba words and word bigrams, optionally ``@cue=`` tokens (the SPEC boundary
rules as word groups, see :data:`CUES`), plus one ``@ctx=`` token for the
context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Item = tuple[str, str | None]

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def clean(text: str) -> str:
    """Collapse whitespace and map every number to one digit, so counts do not become features."""
    return _DIGITS.sub("0", _SPACE.sub("", text))


def char_ngrams(text: str, lo: int = 1, hi: int = 3) -> list[str]:
    t = clean(text)
    return [t[i : i + n] for n in range(lo, hi + 1) for i in range(len(t) - n + 1)]


def word_ngrams(text: str, words: list[str] | None = None) -> list[str]:
    """``w:`` tokens for the words of ``text`` and their bigrams (``words``: its words, if already cut)."""
    from ..nlp import cut

    if words is None:
        words = cut(clean(text))
    return ["w:" + w for w in words] + ["w:" + a + "_" + b for a, b in zip(words, words[1:])]


# The SPEC boundary rules as word groups: each group that matches adds one token
# (once per match), so the model can weigh "a channel being built" apart from
# "counts published through a channel".  Rules are features, never decisions.
_CHANNEL = r"(?:网站|门户|网页|栏目|专栏|专区|专题|微博|微信|公众号|新媒体|政务号|头条号|抖音|客户端|小程序|APP|两微一端|热线|信箱|公开栏|查阅点|服务大厅|服务中心|窗口|平台)"
_BUILD = r"(?:建设|建成|开通|开设|新建|上线|改版|升级|运维|维护|巡查|读网|整合|关停|注销|迁移|集约化|等保|IPv6|安全|漏洞|防护|检索|功能|设立|设置|配备|入驻)"
CUES: dict[str, re.Pattern[str]] = {
    "channel_build": re.compile(f"{_CHANNEL}.{{0,12}}{_BUILD}|{_BUILD}.{{0,12}}{_CHANNEL}"),
    "channel": re.compile(_CHANNEL),
    "review": re.compile(r"三审三校|保密审查|审查|审核|把关|错敏|错别字|敏感词|校对|先审后发|先审查"),
    "catalogue": re.compile(r"目录|指南|标准化|规范化|清理|废止|有效性|公开属性|归档|档案|文件库"),
    "oversight": re.compile(
        r"领导小组|分管领导|组长|专职|兼职|工作人员|培训|考核|考评|督查|督导|通报|问责|责任追究|社会评议|约谈"
    ),
    "rectify": re.compile(r"针对.{0,24}(?:问题|不足)|整改|改进情况|上年|去年|上一年|往年"),
    "plan": re.compile(r"下一步|将(?:进一步|继续|持续|加强|加大|采取|着力|不断)|明年|来年"),
    "problem": re.compile(r"不够|不足|有待|欠缺|缺乏|较少|单一|不高|不强|滞后|差距"),
    "concern": re.compile(r"12345|信箱|留言|回应|关切|建议|提案|咨询投诉"),
    "published": re.compile(r"\d+(?:\.\d+)?\s*(?:条|件|篇|期|次)|公开.{0,6}信息|发布.{0,6}信息"),
    "request": re.compile(r"依申请|申请人|答复|受理.{0,6}申请"),
    "fee": re.compile(r"收费|费用|处理费"),
}


_LEAD_END = re.compile(r"[。；;：:！？]")


def lead_words(text: str, limit: int = 40, words: list[str] | None = None) -> list[str]:
    """Words of the lead clause (up to the first full stop, at most ``limit`` chars), prefixed ``lead:``.

    Report paragraphs state their topic first ("一是加强网站建设管理。"),
    so the lead's words get features of their own.
    """
    from ..nlp import cut

    t = clean(text)
    m = _LEAD_END.search(t)
    lead = t[: m.start() if m else limit][:limit]
    reuse = words is not None and (lead == t or (m is not None and m.start() <= limit))
    lead_cut = _prefix_words(words, len(lead)) if reuse else None
    if lead_cut is None:
        lead_cut = cut(lead)
    return ["lead:" + w for w in lead_cut] + [f"@lead={k}" for k in lead_kinds(_SPACE.sub("", text)[:60])]


def _prefix_words(words: list[str], n: int) -> list[str] | None:
    """The first words of a text that make up exactly its first ``n`` characters, or None.

    A lead clause that ends at a full stop or colon ends a jieba block (those
    characters are words of their own), and blocks are segmented
    independently, so its words are the paragraph's first words.
    """
    total = 0
    for i, w in enumerate(words):
        if total == n:
            return words[:i]
        total += len(w)
        if total > n:
            return None
    return words if total == n else None


def lead_kinds(head: str) -> list[str]:
    """The lead-in kind in ``head``, in :func:`pipeline.statements._cue_of` order (rectification, plan, problem), or none."""
    from ..cues import CUE_PLAN, CUE_PROBLEM, CUE_RECTIFY

    kinds = (("rectification", CUE_RECTIFY), ("plan", CUE_PLAN), ("problem", CUE_PROBLEM))
    return [next((k for k, rx in kinds if rx.search(head)), "none")]


# Problem-category topics (SPEC "Statements and problem categories"): the words that name each topic.
TOPICS: dict[str, re.Pattern[str]] = {
    "staffing_capacity": re.compile(
        r"队伍|人员|人手|兼职|专职|业务能力|业务水平|业务素质|业务知识|培训|业务学习|学习培训|加强学习|专业|力量|素质|干部|配备|不熟悉|流动|变动|把握|掌握"
    ),
    "awareness": re.compile(r"重视|认识|意识|观念|思想|理念|主动性|自觉性|积极性"),
    "disclosure_scope": re.compile(
        r"公开(?:的)?(?:内容|范围|广度|深度|力度|质量|时效|不够|不全|不及时|不深入|水平|方式|形式|数量)|重点领域|主动公开|应公开尽公开|"
        r"信息量|全面|便民|深度|广度|(?:公开|工作).{0,4}(?:不够|不)深入|深化|质量水平|覆盖面|偏少|时效"
    ),
    "policy_interpretation": re.compile(r"解读|图解"),
    "request_handling": re.compile(r"依申请|申请|答复|办理|受理"),
    "platform_management": re.compile(
        r"网站|门户|栏目|专栏|新媒体|微信|微博|公众号|平台|政务号|客户端|专区|功能|数字化|信息化|智能|检索|版面|渠道|载体|"
        r"查阅|场所|(?<!基础)设施|软硬件|用户|阅读量|粉丝|两微一端|抖音"
    ),
    "public_engagement": re.compile(
        r"回应|互动|关切|留言|咨询|舆情|宣传|参与度|知晓|沟通|热线|信箱|反馈|意见建议|交流"
    ),
    "standardization": re.compile(r"标准化|规范化|目录|清单|公开属性|指南|格式|统一|属性|界定|规范.{0,8}(?:行为|流程)"),
    "meetings_and_participation": re.compile(
        r"会议|列席|开放日|意见征集|征求意见|征集意见|参与决策|决策公开|预公开|听证|座谈|民意"
    ),
    "work_mechanism": re.compile(
        r"制度|机制|领导|监督|考核|责任(?!担当)|督查|考评|统筹|协调|联动|体系|问责|保障|监管|督促|配套措施|纪律|巡查|巡检|抽查|检查"
    ),
    "content_review": re.compile(r"错别字|错误|差错|表述|脱敏|个人信息|隐私|校对|把关|敏感|准确性|审核|审查|纠错"),
}


_CLAUSE_END = re.compile(r"[，,；;。：:！？]")


def lead_clause(text: str) -> str:
    """The statement's lead phrase: its first clause that names a topic (SPEC: the lead phrase decides).

    Clauses are cut at "，；。：".  A first clause that names no topic (a year,
    "下一步，我局将", "按照…要求") gives way to the next one; with none naming a
    topic, the first clause.
    """
    t = _SPACE.sub("", text)
    clauses = [c for c in _CLAUSE_END.split(t) if c]
    if not clauses:
        return t
    for c in clauses[:4]:
        if any(rx.search(c) for rx in TOPICS.values()):
            return c
    return clauses[0]


def lead_topic(text: str) -> str | None:
    """The one category topic its lead phrase (:func:`lead_clause`) names, or None (none or several)."""
    lead = lead_clause(text)
    named = [name for name, rx in TOPICS.items() if rx.search(lead)]
    return named[0] if len(named) == 1 else None


def topic_tokens(text: str) -> list[str]:
    """``@topic=`` for each category topic named in the text, ``@lead_topic=`` for those in its lead phrase."""
    t = _SPACE.sub("", text)
    lead = lead_clause(t)
    out = [f"@topic={name}" for name, rx in TOPICS.items() if rx.search(t)]
    out += [f"@lead_topic={name}" for name, rx in TOPICS.items() if rx.search(lead)]
    return out


def lead_chars(text: str) -> list[str]:
    """Character 1–3-grams of the lead phrase (:func:`lead_clause`), prefixed ``L:``, so it weighs apart from the rest."""
    return ["L:" + g for g in char_ngrams(lead_clause(text))]


def cue_tokens(text: str) -> list[str]:
    """One ``@cue=<group>`` token per match of each SPEC word group in ``text``."""
    t = _SPACE.sub("", text)
    return [f"@cue={name}" for name, rx in CUES.items() for _ in rx.finditer(t)]


def analyze(item: Item, kind: str = "char", use_context: bool = True) -> list[str]:
    """The feature tokens of one item for feature set ``kind`` (``char``, ``word``, ``cue``, ``lead``, ``topic``, ``leadc`` joined by ``+``)."""
    text, context = item
    parts = set(kind.split("+"))
    feats: list[str] = []
    if "char" in parts:
        feats += char_ngrams(text)
    words = None
    if "word" in parts:
        from ..nlp import cut

        words = cut(clean(text))
        feats += word_ngrams(text, words)
    if "cue" in parts:
        feats += cue_tokens(text)
    if "topic" in parts:
        feats += topic_tokens(text)
    if "leadc" in parts:
        feats += lead_chars(text)
    if "lead" in parts:
        feats += lead_words(text, words=words)
    if use_context and context not in (None, ""):
        feats += context_tokens(context)
    return feats


def context_tokens(context: str) -> list[str]:
    """``@ctx=`` tokens: one per ``|``-separated part, plus the section joined with each other part.

    A statement's cue or kind is one part; a paragraph's context is
    ``"<section>|first|after=<kind>"`` (see :func:`pipeline.paragraphs.paragraph_contexts`).
    """
    parts = context.split("|")
    return [f"@ctx={p}" for p in parts] + [f"@ctx={parts[0]}&{p}" for p in parts[1:]]


def analyzer(kind: str, use_context: bool):
    """A picklable-free callable for sklearn's ``TfidfVectorizer(analyzer=...)``."""

    def run(item: Item) -> list[str]:
        return analyze(item, kind, use_context)

    return run


def as_items(texts: Iterable[str], contexts: Iterable[str | None]) -> list[Item]:
    return list(zip(texts, contexts))
