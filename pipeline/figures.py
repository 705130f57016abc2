"""Key figures in narrative text: every number with its unit, and its metric.

``extract(text, sections, table_spans)`` is pure: it masks tables (tab and
pipe rows, run-together table stretches in sections 二/三/四), finds
quantities with :mod:`pipeline.numbers`, drops non-figures (ordinals,
numbers inside names, vague 数百/几个) and names each figure's metric from
its context with :func:`metric_for`.  Unknown context gives ``"other"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .numbers import Quantity, find_quantities
from .record import Figure, Paragraph, Section
from .tables.forms import TABLE_HEADER_WORDS

METRICS = (
    "posts_total", "catalog_posts", "news_posts", "policy_documents", "normative_documents",
    "policy_interpretations", "new_media_posts", "website_visits", "requests_received", "requests_answered",
    "hotline_calls", "mailbox_letters", "satisfaction_rate", "completion_rate", "trainings", "special_columns",
    "fees_collected", "rules", "followers", "reads", "interviews", "other",
)  # fmt: skip

# --- what is not narrative --------------------------------------------------

_PIECE = re.compile(r"[^。\n]+")


def table_ranges(text: str, sections: Sequence[Section] = ()) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that are tables, not narrative."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if "\t" in line or "|" in line:
            ranges.append((pos, end))
        pos = end + 1
    for s in sections:
        if s.number not in (2, 3, 4):
            continue
        # run-together stretches: pieces between sentence ends that hold a table header word
        for m in _PIECE.finditer(text[s.start : s.end]):
            if TABLE_HEADER_WORDS.search(m.group()):
                ranges.append((s.start + m.start(), s.start + m.end()))
    return ranges


# --- non-figures --------------------------------------------------------------

# Names and set phrases that contain a numeral and a unit-like character.
_NAMES = re.compile(
    r"三审三校|五公开|十[一二三四五]五|三安全一稳定|两个维护|两个确立|四个意识|四个自信|四个全面|五位一体"
    r"|一件事|一次办|跑一次|一次性|一站式|一把手|一线|一网|一门|一窗|一号|一张|一体|一批次|[三四]类(?:内部|过程)"
    r"|(?:[一二三四五六七八九十几两]|\d)\s*个(?:方面|部分)|[一二三四五六七八九十两]项(?:制度|机制|工作)|12345|二十大|两化|一类|[一二三]级"
)
_VAGUE_ONE = {"项", "个", "条", "栏", "名", "批", "张", "类", "轮", "本", "部", "套", "家", "处"}
_BEFORE_CN = set("第统唯之同逐单某每其初数几若专万进新")


def is_figure(text: str, q: Quantity) -> bool:
    """False for ordinals, numbers inside names and vague or glued numerals."""
    chinese = not any(ch.isdigit() for ch in q.text)
    if _is_ordinal(text, q.numeral_start) or _glued_before(text, q, chinese) or _glued_after(text, q, chinese):
        return False
    if _inside_name(text, q):
        return False
    return q.value != 0 or q.unit is not None or not chinese


def _is_ordinal(text: str, i: int) -> bool:
    """第 before the numeral (spaces between allowed)."""
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    return j >= 0 and text[j] == "第"


def _glued_before(text: str, q: Quantity, chinese: bool) -> bool:
    """The character before the numeral makes it part of a word or a code (唯一, H5, 0591-…)."""
    before = text[q.numeral_start - 1] if q.numeral_start > 0 else ""
    if chinese and before in _BEFORE_CN:
        return True
    return before.isascii() and (before.isalnum() or before in "-_/.@")  # H5, 0591-…, 1.2 lists, codes


def _glued_after(text: str, q: Quantity, chinese: bool) -> bool:
    """The character after the quantity makes it a code, a date, a set phrase or a vague 一."""
    after = text[q.end : q.end + 1]
    if q.unit is None and ((after.isascii() and after.isalnum()) or after in "年月日号"):
        return True  # 数量2016年: a year, not a count
    if q.unit == "次" and after == "性":
        return True
    # 五个一律; 一项重要工作, 一个窗口
    return chinese and (after in "一二三四五六七八九十" or (q.value == 1 and q.unit in _VAGUE_ONE))


def _inside_name(text: str, q: Quantity) -> bool:
    """The quantity overlaps a name or set phrase such as 三审三校 or 12345."""
    return any(m.start() < q.end and q.start < m.end() for m in _NAMES.finditer(text, max(0, q.start - 6), q.end + 6))


# --- metric --------------------------------------------------------------------

_COUNT_UNITS = {"条", "篇", "件", "个", "期", "份", "则", "幅", "张", None}
_POST_UNITS = {"条", "篇", "件", "期", "份", "幅", "张", None}

# metric -> (keywords, units the metric is counted in); order breaks ties.
_RULES: tuple[tuple[str, str, set[str | None]], ...] = (
    ("website_visits", r"访问量|访问人次|浏览量|点击量|访问", {"次", "人次", "万人次", None}),
    ("reads", r"阅读量|阅读|播放量", {"次", "人次", "万人次", None}),
    ("followers", r"粉丝|关注用户|关注人数|订阅", {"人", "个", "名", "户", None}),
    ("hotline_calls", r"热线|来电|工单|话务", {"次", "个", "件", "通", "人次", "条", "宗", None}),
    ("mailbox_letters", r"信箱|来信|留言", {"封", "件", "条", "个", "次", None}),
    ("interviews", r"访谈", {"期", "次", "场", "个", None}),
    ("trainings", r"培训", {"次", "期", "场", "人次", "人", "名", "轮", "批", None}),
    ("policy_interpretations", r"解读|图解", _POST_UNITS),
    ("normative_documents", r"规范性文件", _POST_UNITS),
    ("rules", r"规章", _POST_UNITS),
    ("catalog_posts", r"目录", _POST_UNITS),
    ("news_posts", r"政务动态|动态信息|工作动态|新闻|稿件|要闻", _POST_UNITS),
    ("new_media_posts", r"微信|微博|公众号|新媒体|抖音|视频号|头条号|客户端", _POST_UNITS),
    ("policy_documents", r"政策文件|政府文件|文件", _POST_UNITS),
    ("special_columns", r"专题|专栏|栏目", {"个", "类", "项", None}),
    ("requests", r"公开申请|依申请|申请公开|信息公开的申请|申请人", {"件", "宗", "个", "条", "份", "次", None}),
)
_RULE_RX = [(name, re.compile(kw), units) for name, kw, units in _RULES]
_GENERIC_POSTS = re.compile(r"(?:发布|公开|更新|发送|推送|转载)[^，,；;。]*信息|信息[^，,；;。]*(?:总数|共计)")
# Words that make a count something else: outcomes, carry-overs, breakdowns, appeals.
_TOTAL_CUE = re.compile(r"共|全年|累计|总|各类|\d{4}\s*年")
_NOT_HEADLINE = re.compile(
    r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|结转|上年|去年|复议|诉讼|涉及|回访|同比|较"
)
_WEBSITE = re.compile(r"网站|门户")
_BREAKDOWN = re.compile(r"自然人|法人|商业企业|科研机构|公益组织|法律服务机构")
_ANSWERED = re.compile(r"答复|办结|办理完毕|已办理")
_SATISFACTION = re.compile(r"满意")
_COMPLETION = re.compile(r"办结率|完成率|答复率|按时办结|办结量|按期|办结")
_FEE = re.compile(r"处理费|信息公开.*费")
_NON_HAN = re.compile(r"[^\u4e00-\u9fff]")
_CLAUSE_END = "，,；;。：:\n！？!?"
_SENTENCE_END = "；;。\n！？!?"


def _left(text: str, i: int, stops: str, limit: int = 80) -> str:
    j = i
    while j > 0 and i - j < limit and text[j - 1] not in stops:
        j -= 1
    return text[j:i]


def _right(text: str, i: int, stops: str, limit: int = 6) -> str:
    j = i
    while j < len(text) and j - i < limit and text[j] not in stops:
        j += 1
    return text[i:j]


def _nearest(window: str, unit: str | None, from_right: bool) -> str | None:
    best: tuple[int, int, str] | None = None
    for order, (name, rx, units) in enumerate(_RULE_RX):
        if unit not in units:
            continue
        for m in rx.finditer(window):
            dist = m.start() if from_right else len(window) - m.end()
            if best is None or (dist, order) < best[:2]:
                best = (dist, order, name)
    return best[2] if best else None


def metric_for(text: str, q: Quantity) -> str:
    """The metric a quantity counts, from the words around it; "other" if unclear."""
    left = _left(text, q.start, _CLAUSE_END)
    right = _right(text, q.end, _CLAUSE_END)
    sentence_left = _left(text, q.start, _SENTENCE_END, 160)
    if q.unit == "%":
        near = left[-12:] + right[:4]
        if _SATISFACTION.search(near):
            return "satisfaction_rate"
        if _COMPLETION.search(near):
            return "completion_rate"
        return "other"
    if q.unit in {"元", "万元", "亿元"}:
        return "fees_collected" if _FEE.search(sentence_left + right) else "other"
    if _NOT_HEADLINE.search(left) or _BREAKDOWN.search(left[-6:]):
        return "other"
    windows = [(left, False), (right, True)]
    if 0 < len(_NON_HAN.sub("", left)) <= 4:  # "其中", "办结量": the topic is further left
        windows.append((sentence_left, False))
    for window, from_right in windows:
        name = _nearest(window, q.unit, from_right)
        if name == "requests":
            return "requests_answered" if _ANSWERED.search(left + right) else "requests_received"
        if name == "new_media_posts" and _WEBSITE.search(left) and _GENERIC_POSTS.search(left + right):
            return "posts_total"  # 在网站和新媒体公开信息N条: all channels together
        if name:
            return name
        if q.unit in _POST_UNITS and _GENERIC_POSTS.search(left + right) and _TOTAL_CUE.search(left):
            return "posts_total"
    return "other"


# --- the stage -------------------------------------------------------------------


def _inside(ranges: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def paragraph_at(paragraphs: Sequence[Paragraph], start: int, end: int) -> str | None:
    for p in paragraphs:
        if p.start <= start and end <= p.end:
            return p.id
    return None


def extract(
    text: str,
    sections: Sequence[Section] = (),
    paragraphs: Sequence[Paragraph] = (),
    tables: Iterable[tuple[int, int]] = (),
) -> list[Figure]:
    """All figures in the narrative of ``text``, numbered f1, f2, … in text order."""
    masked = table_ranges(text, sections) + list(tables)
    figures: list[Figure] = []
    for q in find_quantities(text):
        if _inside(masked, q.start, q.end) or not is_figure(text, q):
            continue
        figures.append(
            Figure(
                id=f"f{len(figures) + 1}",
                value=q.value,
                unit=q.unit,
                metric=metric_for(text, q),
                approx=q.approx,
                text=q.text,
                start=q.start,
                end=q.end,
                paragraph_id=paragraph_at(paragraphs, q.start, q.end),
            )
        )
    return figures
