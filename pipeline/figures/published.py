"""Totals of published information: 主动公开政府信息N条 and its kin, never a column's or a channel's part."""

from __future__ import annotations

import re

from .context import (
    CATEGORY_ITEM,
    POST_UNITS,
    REVIEW_VERB,
    SENTENCE_MEDIA,
    SHARE_AFTER,
    WEBSITE,
    Context,
    previous_clause,
)

# Parts listed right after a count make it a whole: 发布信息N条，其中…
_PARTS_FOLLOW = re.compile(r"^\s*[，,：:]?\s*(?:其中|包括|涵盖)")
# ...unless one of the parts is the proactive total (其中主动公开380份): then the whole is everything made.
_PROACTIVE_PART = re.compile(r"主动公开(?:的)?(?:政府|政务)?(?:信息)?\s*\d")
# 主动公开政府信息N条, 公开政府信息 N 条, 共发布各类信息N条: publishing verb, then the information itself.
_VERB = re.compile(r"主动公开|公开|公布|发布|更新|推送|转载|发送")
_VERB_AT_END = re.compile(r"(?P<verb>主动公开|公开|发布|新增)(?:了|的)?\s*$")
# What was published, between the verb and 信息, when it is all information: 政府信息, 各类信息, 公安政府信息 …
# A vertical system names its own information after its work: 警务信息 (police), 税务信息 (tax), 检务信息.
GENERIC_NOUN = re.compile(r"^(?:各类|各项|全部|相关)?(?:[\u4e00-\u9fff]{0,4}?(?:政府|政务|警务|税务|检务))?$")
# The volume of what was published, the information named before the verb: 信息发布总量达N条.
_VOLUME = re.compile(
    r"(?P<kind>政府|政务|各类)?信息(?P<verb>发布|公开)(?:总量|数量|量|总数|条数)(?:达到?|为|共计?|合计|约)?\s*$"
)
# A list of the kinds published, closed by 等: 发布警情通报、交通安全提示、户籍办理指南等信息.
_KINDS_LISTED = re.compile(r"(?:发布|公开|公布)(?P<kinds>[^，,；;。：:]{4,60})等(?:各类)?信息\s*$")
_TOTAL_CUE = re.compile(r"共|全年|累计|总|各类|\d{4}\s*年")
_PART_PLACE = re.compile(r"专题|专栏|栏目|领域|公开栏|公示栏|宣传栏")
_MEDIA_VERB = re.compile(r"发布|推送|发送|推文|更新|发布量")
# A main disclosure column is where everything is published; a themed one (执法公示专栏) holds a part.
# So is a township's, street's or department's own column on the parent government's website (乡镇专栏).
_MAIN_COLUMN = re.compile(r"(?:信息公开|政务公开|政府信息|乡镇|街道|部门|[乡镇])[”\"」』]?(?:专栏|栏目|专题)")
_STRONG_TOTAL = re.compile(r"全年|总计|总数|各类|全部|全[区市县省]|\d{4}\s*年")
# A clause that is only a time lead ("2022年，我镇在…发布信息N条"): its year marks the count as the year's.
_TIME_LEAD = re.compile(r"^\s*(?:\d{4}\s*年度?|今年|本年度?|全年)\s*$")


def published(ctx: Context) -> str:
    """Totals of published information; new-media posts when the sentence is about an account."""
    if ctx.unit not in POST_UNITS or CATEGORY_ITEM.search(ctx.left) or REVIEW_VERB.search(ctx.left):
        return "other"
    phrase = published_phrase(ctx.left + ctx.right) or _bare_verb(ctx) or _volume(ctx.left)
    if phrase is None and SENTENCE_MEDIA.search(ctx.sentence) and _MEDIA_VERB.search(ctx.left):
        # 公众号……，月平均发布量N篇; not a kind of information named in a clause of its own after the account's
        # (…微博发布信息N条，发布交通管制等提示信息M条)
        return "other" if _kind_named_elsewhere(ctx) else "new_media_posts"
    if phrase is None and _kinds_listed(ctx.left) and not _themed_place(ctx.sentence):
        phrase = ("发布", "")  # 全年发布警情通报、交通提示、办事指南等信息N条: every kind, listed
    if phrase is None or not GENERIC_NOUN.match(phrase[1]):
        return "other"
    verb = phrase[0]
    if SHARE_AFTER.search(ctx.after) or "分别" in ctx.left or _in_part_place(ctx, phrase[1]):
        return "other"  # 各单位公开N条，占x%; 分别公开N条、M条; a column's or a field's posts: a part
    if SENTENCE_MEDIA.search(ctx.sentence) and not WEBSITE.search(ctx.left) and _MEDIA_VERB.search(verb):
        return "new_media_posts"
    if (
        "公开" in verb
        or _TOTAL_CUE.search(ctx.left)
        or "政府" in phrase[1]
        or _whole_of_parts(ctx)
        or _after_time_lead(ctx)
    ):
        return "posts_total"  # 主动公开…; 全年共发布…; 上网发布的N条政府信息; 发布信息N条，其中…
    return "other"


def _kind_named_elsewhere(ctx: Context) -> bool:
    """The clause names information of a kind but no account: the sentence's account is another clause's."""
    return "信息" in ctx.left and not SENTENCE_MEDIA.search(ctx.left)


def _kinds_listed(left: str) -> bool:
    """全年发布A、B、C等信息: three or more kinds listed with 等 under a year's total cue."""
    m = _KINDS_LISTED.search(left)
    return bool(m) and m.group("kinds").count("、") >= 2 and bool(_STRONG_TOTAL.search(left[: m.start()]))


def _after_time_lead(ctx: Context) -> bool:
    """The clause before is only the year: 2022年，我镇在县政府网站乡镇专栏发布信息N条 (not …N条，其中主动公开M条)."""
    listed = ctx.following.split("。", 1)[0]
    proactive_part = bool(_PARTS_FOLLOW.match(listed)) and bool(_PROACTIVE_PART.search(listed))
    return bool(_TIME_LEAD.match(previous_clause(ctx)[1])) and not proactive_part


def _whole_of_parts(ctx: Context) -> bool:
    """发布信息N条，其中…: parts listed after it, none of them the proactive total (其中主动公开M条)."""
    listed = ctx.following.split("。", 1)[0]
    return bool(_PARTS_FOLLOW.match(listed)) and not _PROACTIVE_PART.search(listed)


def published_phrase(words: str) -> tuple[str, str] | None:
    """(verb, what) for the last "publishing verb … 信息" in ``words``: 主动公开政府信息 → ("主动公开", "政府")."""
    i = words.rfind("信息")
    if i < 0:
        return None
    verbs = list(_VERB.finditer(words, max(0, i - 10), i))
    if not verbs:
        return None
    return verbs[-1].group(), words[verbs[-1].end() : i].lstrip("了的 ")


def _volume(left: str) -> tuple[str, str] | None:
    """信息发布总量达N条, 政务信息公开数量为N条: the information named first, then its volume: (verb, kind)."""
    m = _VOLUME.search(left)
    return (m.group("verb"), m.group("kind") or "") if m else None


def _bare_verb(ctx: Context) -> tuple[str, str] | None:
    """其中主动公开N条 / 全年共发布N条 with the information named earlier in the sentence: (verb, "")."""
    m = _VERB_AT_END.search(ctx.left)
    if m is None:
        return None
    if m.group("verb") == "主动公开":
        return m.group("verb"), ""
    named = published_phrase(ctx.sentence[: len(ctx.sentence) - len(ctx.left)])
    return (m.group("verb"), named[1]) if named else None


def _in_part_place(ctx: Context, noun: str) -> bool:
    """Posts of one themed column or field (执法公示专栏, 重点领域), not of the main disclosure column.

    Named in this clause, unless it marks a whole (全年, 总计, 各类, a year); in the clause before, unless
    this one has any total cue (共, 累计 …); earlier in the sentence, when what was published is bare 信息.
    """
    before, previous = previous_clause(ctx)
    if _themed_place(ctx.left):
        return not _STRONG_TOTAL.search(ctx.left)
    if _themed_place(previous):
        return not _TOTAL_CUE.search(ctx.left)
    return not noun and _themed_place(before) and not _STRONG_TOTAL.search(ctx.left)


def _themed_place(words: str) -> bool:
    return bool(_PART_PLACE.search(_MAIN_COLUMN.sub("", words)))
