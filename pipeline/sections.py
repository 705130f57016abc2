"""Section segmentation: find the six standard sections in the text.

Headings are found anywhere (reports flattened to one line keep them inline),
with Chinese, Arabic or bracketed ("（五）") numbering, ``#`` Markdown marks, or
bare on a line of their own.  Repeated titles and headings are tolerated: for each section the
occurrence nearest before the next section wins.  Old free-form reports
(概述 / 主要问题和改进措施 …) are mapped onto the same six numbers by topic.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from .record import Section

CN_NUM = "一二三四五六七八九十"

# Section number -> (standard title, legacy alternatives).  Standard titles
# are the 2019/2021 format headings; legacy ones come from free-form reports
# and are accepted only with Chinese numbering, because the same words appear
# as "1. 依申请公开情况" sub-headings inside section 一.
STANDARD: dict[int, str] = {
    1: r"总体情况",
    2: r"主动公开政府信息(?:的)?情况",
    3: r"收到和处理政府信息公开申请(?:的)?情况",
    4: r"(?:政府信息公开|因政府信息公开(?:工作被)?申请(?:提起)?)?行政(?:法)?复议[、和及]*(?:提起)?行政诉讼(?:的)?情况",
    5: (
        r"(?:政府信息公开|政务公开)?(?:工作)?(?:中)?(?:存在的?(?:主要|突出)?(?:问题|不足)|主要问题)(?:和不足|及不足|与不足)?"
        r"(?:(?:及|和|与|、)(?:(?:下一步|明年|今后|下一年度?|20\d\d年度?)(?:的)?(?:工作)?(?:计划|打算|安排|思路|举措|措施|方向)"
        r"|(?:下一步|今后)(?:的)?工作|改进(?:情况|措施|计划|举措|方向)|整改(?:情况|措施)?))?"
        r"(?:\((?:含|包括|附)[^()\n]{0,24}\))?"  # "…及改进情况（含上年度问题整改情况）"
    ),
    6: r"(?:其[他它]需要(?:报告|说明)的事项|需要说明的其[他它]事项)",
}
LEGACY: dict[int, str] = {
    1: r"(?:概述|概况|基本情况)",
    2: r"(?:主动公开政府信息(?:的)?工作情况|重点领域政府信息公开情况)",
    3: r"(?:(?:政府信息)?依申请公开(?:政府信息)?(?:工作)?(?:的)?情况|依申请公开、不予公开及咨询政府信息情况)",
    4: r"(?:申请行政复议、提起行政诉讼(?:和申诉)?的情况)",
    5: r"(?:主要问题(?:和|及)改进(?:措施|情况))",
    6: r"(?:其他事项)",
}

_CN_PREFIX = r"(?P<hash>#{1,6}\s*)?(?P<num>[一二三四五六七八九十]{1,2})\s*[、.．]\s*"
_AR_PREFIX = r"(?P<hash>#{1,6}\s*)?(?P<num>[1-9])\s*[、.．]\s*"
# "（五）存在的主要问题及改进情况": some reports number the six sections in brackets.  Only the
# standard titles, and only when the printed number is the section's (sub-headings of 一 such
# as "（一）主动公开政府信息情况" carry another number).
_PAREN_PREFIX = r"(?P<hash>#{1,6}\s*)?\((?P<num>[一二三四五六])\)\s*"
_HEADING: dict[int, list[re.Pattern[str]]] = {
    n: [
        re.compile(_CN_PREFIX + r"(?P<title>" + STANDARD[n] + "|" + LEGACY[n] + r")"),
        re.compile(_AR_PREFIX + r"(?P<title>" + STANDARD[n] + r")"),
        re.compile(_PAREN_PREFIX + r"(?P<title>" + STANDARD[n] + r")"),
    ]
    for n in STANDARD
}
# Section 五 under a title of its own wording ("五、问题与不足", "五、工作中的不足及改进措施",
# "五、下一步工作计划"): accepted only when printed as 五 (or 5) on a line of its own.
_LOOSE_5 = (
    r"(?P<title>[^\n。；：:，,]{0,14}?(?:问题|不足|薄弱环节|困难|差距|短板|改进|整改|(?:工作)?(?:计划|打算|安排|思路))"
    r"[^\n。；：:，,]{0,16}?)[ \t]*(?=[：:]?[ \t]*(?:\n|$))"
)
_HEADING[5] += [re.compile(_CN_PREFIX + _LOOSE_5), re.compile(_AR_PREFIX + _LOOSE_5)]
_BARE = {n: re.compile(r"(?m)^[ \t]*(?P<hash>#{1,6}\s*)?(?P<title>" + STANDARD[n] + r")[ \t]*$") for n in STANDARD}


@dataclass
class Heading:
    number: int
    printed: int | None  # the number as printed, if any
    title: str
    start: int  # start of the heading line (where the section begins)
    body: int  # first character after the heading


def _cn_to_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if len(s) == 2 and s[0] == "十":
        return 10 + CN_NUM.index(s[1]) + 1
    if len(s) == 1 and s in CN_NUM:
        return CN_NUM.index(s) + 1
    return None


def _boundary_ok(text: str, i: int) -> bool:
    """A numbered heading must start a line, or follow a sentence end or the title."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in "\n。：:；;!！?？)）】」>|" or text[j].isdigit() or text[j - 1 : j + 1] == "报告"


# Every position where a numbered heading pattern of _HEADING can start: a "#" or a
# numeral followed by its separator (a zero-width search finds them all, overlapping).
_HEADING_START = re.compile(r"(?=#|[一二三四五六七八九十]{1,2}\s*[、.．]|[1-9]\s*[、.．]|\([一二三四五六]\))")


def _finditer_at(rx: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern that can only match at ``starts`` (sorted): the same
    non-overlapping matches, found by trying those positions instead of scanning every one."""
    out = []
    end = 0
    for i in starts:
        if i >= end and (m := rx.match(text, i)):
            out.append(m)
            end = m.end() if m.end() > i else i + 1
    return out


def find_headings(text: str) -> list[Heading]:
    """All plausible section headings, sorted by position."""
    found: dict[int, Heading] = {}
    starts = [m.start() for m in _HEADING_START.finditer(text)]
    for n, patterns in _HEADING.items():
        for style, rx in enumerate(patterns):  # 0: 一、 1: 1.  2: (一)  3, 4: 五、/5. with a loose title
            for m in _finditer_at(rx, text, starts):
                printed = _cn_to_int(m.group("num"))
                if style and printed != n:
                    continue
                short = len(m.group("title")) < 6
                if (short or style) and not _boundary_ok(text, m.start()):
                    continue
                found[m.start()] = Heading(n, printed, m.group("title"), m.start(), m.end())
    for n, rx in _BARE.items():
        inside = _Spans(found.values())  # the headings found so far (a bare match never holds another of its n)
        for m in rx.finditer(text):
            start = m.start("hash") if m.group("hash") else m.start("title")
            if not inside.covers(start):
                found.setdefault(start, Heading(n, None, m.group("title"), start, m.end()))
    return sorted(found.values(), key=lambda h: h.start)


class _Spans:
    """Which offsets lie inside some heading: ``any(h.start <= i < h.body for h in headings)`` in log time."""

    def __init__(self, headings: Iterable[Heading]) -> None:
        spans = sorted((h.start, h.body) for h in headings)
        self.starts = [a for a, _ in spans]
        self.reach = list(accumulate((b for _, b in spans), max))  # furthest body end up to each start

    def covers(self, i: int) -> bool:
        k = bisect_right(self.starts, i) - 1
        return k >= 0 and self.reach[k] > i


def choose(headings: list[Heading]) -> list[Heading]:
    """Pick at most one heading per section, in increasing order.

    Finds the longest chain of headings with strictly increasing section
    numbers; among equally long chains, later occurrences win (a repeated
    title or heading is usually a page header before the real one).  Section
    numbers are few, so the best chain ending in each number is all there is to
    keep: linear in the number of headings.
    """
    best: dict[int, tuple[int, int, list[Heading]]] = {}  # number -> (length, index of last, chain)
    for i, h in enumerate(headings):
        prev = max((v for n, v in best.items() if n < h.number), default=None, key=lambda v: (v[0], v[1]))
        chain = [*prev[2], h] if prev else [h]
        mine = best.get(h.number)
        if mine is None or len(chain) >= mine[0]:
            best[h.number] = (len(chain), i, chain)
    if not best:
        return []
    return max(best.values(), key=lambda v: (v[0], v[1]))[2]


# Section 五 without its heading starts at a sub-heading about problems or last year's rectification.
# The whitespace runs are possessive (what follows each never starts with a space): a line of
# tabs before many more lines of tabs (an empty table) would otherwise backtrack quadratically.
_HEADLESS_5 = re.compile(
    r"(?:^|(?<=[\n。；：:]))[ \t]*+(?:#{1,6}\s*+)?(?:\([一二三1-3]\)|[一二三]、|[1-3][.、])?\s*+"
    r"(?:20\d\d年度?|上一?年度?|去年|本年度?|今年)?(?:政府信息公开|政务公开)?(?:工作)?(?:中)?(?:的)?"
    r"(?:存在的?(?:主要|突出)?(?:问题|不足)(?:的?(?:整改|改进)(?:情况|落实情况))?|主要问题"
    r"|(?:上一?年度?|去年)(?:存在)?(?:的)?(?:问题)?(?:的)?(?:整改|改进)(?:情况|落实情况)|(?:存在)?问题(?:的)?整改情况)"
    r"(?=[ \t]*(?:[\n：:。]|[一1][是、.]|\(1\)|20\d\d|今年|我|本|针对|对照|虽|在))",
    re.M,
)


_ANCHOR_5 = re.compile(r"(?:^|(?<=[\n。；：:]))", re.M)  # where _HEADLESS_5 can start
_NOT_BLANK = re.compile(r"\S")
_NOT_SPACE_TAB = re.compile(r"[^ \t]")


def _search_headless_5(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """``_HEADLESS_5.search(text, lo, hi)`` in linear time.

    From a line start inside a run of blank lines the pattern can only skip the blanks
    to the run's first non-blank character, exactly as it did from the run's first line
    start: such starts are not tried again (only the one on the non-blank's own line is).
    """
    run_end = -1  # first non-blank character after the last start tried
    for anchor in _ANCHOR_5.finditer(text, lo, hi):
        start = anchor.start()
        if start < run_end:
            line = _NOT_SPACE_TAB.search(text, start, hi)
            if line is not None and line.start() < run_end:
                continue
        if m := _HEADLESS_5.match(text, start, hi):
            return m
        blank = _NOT_BLANK.search(text, start, hi)
        run_end = blank.start() if blank else hi
    return None


def _headless_five(text: str, chosen: list[Heading]) -> Heading | None:
    """Where section 五 starts when its heading is missing: the first sub-heading about problems after section 四."""
    before = [h for h in chosen if h.number < 5]
    after = [h for h in chosen if h.number > 5]
    lo = before[-1].body if before else 0
    hi = after[0].start if after else len(text)
    m = _search_headless_5(text, lo, hi)
    if not m:
        return None
    start = m.start() + len(m.group()) - len(m.group().lstrip(" \t"))
    return Heading(5, None, m.group().strip(), start, start)


def segment(text: str, headings: list[Heading] | None = None) -> tuple[list[Section], list[str]]:
    """Sections (with offsets into ``text``) and warnings; ``headings``: :func:`find_headings` already run."""
    headings = find_headings(text) if headings is None else headings
    chosen = choose(headings)
    warnings: list[str] = []
    if chosen and not any(h.number == 5 for h in chosen) and (five := _headless_five(text, chosen)):
        chosen = sorted([*chosen, five], key=lambda h: h.start)
        warnings.append(f"section 5 heading absent; section 5 starts at the sub-heading {five.title!r}")
    for n in range(1, 7):
        count = sum(1 for h in headings if h.number == n)
        if count > 1:
            warnings.append(f"section {n} heading appears {count} times; using the last before section {n + 1}")
    sections: list[Section] = []
    for i, h in enumerate(chosen):
        end = chosen[i + 1].start if i + 1 < len(chosen) else len(text)
        title = text[h.start : h.body].strip().lstrip("#").strip() if h.body > h.start else h.title
        sections.append(Section(number=h.number, title=title, start=h.start, end=end))
    missing = [n for n in range(1, 7) if n not in {s.number for s in sections}]
    if missing:
        warnings.append("sections missing: " + ", ".join(str(n) for n in missing))
    return sections, warnings


def section_at(sections: list[Section], offset: int) -> int | None:
    """Number of the section holding ``offset``; None in the preamble."""
    for s in sections:
        if s.start <= offset < s.end:
            return s.number
    return None


def body_start(text: str, section: Section) -> int:
    """First offset after the section's heading."""
    for rx in (*_HEADING[section.number], _BARE[section.number]):
        m = rx.match(text, section.start)
        if m:
            return m.end()
    return section.start
