"""Key figures in narrative text: every number with its unit, and its metric.

``extract(text, sections, table_spans)`` is pure: it masks tables (tab and
pipe rows, run-together table stretches in sections 二/三/四), finds
quantities with :mod:`pipeline.numbers`, drops non-figures (ordinals,
numbers inside names, vague 数百/几个) and names each figure's metric from
its context with :func:`pipeline.metrics.metric_for`.  Unknown context gives ``"other"``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from ..numbers import MAX_DIGITS, Quantity, find_quantities
from ..record import Figure, Paragraph, Section
from ..tables.forms import TABLE_HEADER_WORDS
from .metrics import metric_for

METRICS = (
    "posts_total", "catalog_posts", "news_posts", "policy_documents", "normative_documents",
    "policy_interpretations", "new_media_posts", "website_visits", "requests_received", "requests_answered",
    "hotline_calls", "mailbox_letters", "satisfaction_rate", "completion_rate", "trainings", "special_columns",
    "fees_collected", "rules", "followers", "reads", "interviews", "other",
)  # fmt: skip

# --- what is not narrative --------------------------------------------------

_PIECE = re.compile(r"[^。\n]+")
# A sub-heading such as "(二)主动公开政府信息的主要类别" where a run-together table gives way to narrative;
# not the "(一)项" of a 第二十条第(一)项 table label.
_HEADING = re.compile(r"[(（][一二三四五六七八九十]{1,2}[)）](?![项款目])")
_CLAUSE_STOPS = "，,；;。：:\n！？!?、"


# A table row pasted with spaces: a label, then three or more numbers and nothing else
# ("二、上年结转政府信息公开申请数量 4 1 0 0 0 0 5").
_SPACED_ROW = re.compile(r"^\s*[^\d\s].*?(?:[ \u3000]+-?\d+(?:\.\d+)?){3,}\s*$")


def table_ranges(text: str, sections: Sequence[Section] = ()) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that are tables, not narrative."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if "\t" in line or "|" in line or _SPACED_ROW.search(line):
            ranges.append((pos, end))
        pos = end + 1
    for s in sections:
        if s.number not in (2, 3, 4):
            continue
        # run-together stretches: pieces between sentence ends that hold a table header word, up to a
        # sub-heading after the last of them
        for m in _PIECE.finditer(text[s.start : s.end]):
            words = list(TABLE_HEADER_WORDS.finditer(m.group()))
            if words:
                heading = _HEADING.search(m.group(), words[-1].end())
                end = heading.start() if heading else len(m.group())
                ranges.append((s.start + m.start(), s.start + m.start() + end))
    return ranges


# --- non-figures --------------------------------------------------------------

# Names and set phrases that contain a numeral and a unit-like character.
_NAMES = re.compile(
    r"三审三校|五个?公开|十[一二三四五]五|三安全一稳定|两个维护|两个确立|四个意识|四个自信|四个全面|五位一体"
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
    if _inside_name(text, q) or _inside_title(text, q):
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


def _inside_title(text: str, q: Quantity) -> bool:
    """The quantity is inside a 《title》 of its sentence (《支持企业的十条措施》)."""
    before = text[max(0, q.start - 80) : q.start]
    cut = max(before.rfind(ch) for ch in "。；;\n")
    before = before[cut + 1 :]
    return before.count("《") > before.count("》")


def _inside_name(text: str, q: Quantity) -> bool:
    """The quantity overlaps a name or set phrase such as 三审三校 or 12345."""
    return any(m.start() < q.end and q.start < m.end() for m in _NAMES.finditer(text, max(0, q.start - 6), q.end + 6))


def _count_word_before_measure(text: str, q: Quantity, following: Sequence[Quantity]) -> bool:
    """两条微信阅读量即达30万次: a small spelled count naming things, then the clause's own measure."""
    if any(ch.isdigit() for ch in q.text) or q.value > 10 or not following:
        return False
    between = text[q.end : following[0].start]
    return len(between) <= 16 and not any(ch in _CLAUSE_STOPS for ch in between) and following[0].unit is not None


# --- the stage -------------------------------------------------------------------


def _inside(ranges: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


class ParagraphIndex:
    """Which paragraph holds a span, by binary search over paragraph starts (paragraphs do not overlap)."""

    def __init__(self, paragraphs: Sequence[Paragraph]) -> None:
        self.paragraphs = sorted(paragraphs, key=lambda p: p.start)
        self.starts = [p.start for p in self.paragraphs]

    def at(self, start: int, end: int) -> str | None:
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and end <= self.paragraphs[i].end:
            return self.paragraphs[i].id
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
    prev_end = 0
    quantities = find_quantities(text)
    holder = ParagraphIndex(paragraphs)
    for i, q in enumerate(quantities):
        if _inside(masked, q.start, q.end) or not is_figure(text, q):
            continue
        if _count_word_before_measure(text, q, quantities[i + 1 : i + 2]):
            continue
        metric, prev_end = metric_for(text, q, prev_end), q.end
        figures.append(
            Figure(
                id=f"f{len(figures) + 1}",
                value=q.value,
                unit=q.unit,
                metric=metric,
                approx=q.approx,
                text=q.text,
                start=q.start,
                end=q.end,
                paragraph_id=holder.at(q.start, q.end),
            )
        )
    return figures


_TOO_LONG = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")


def out_of_range(paragraphs: list[Paragraph]) -> list[str]:
    """Warnings for digit runs in the narrative too long to be a count or amount: they are no figure at all."""
    return [
        f"figures: a number of {m.end() - m.start()} digits at offsets {p.start + m.start()}-{p.start + m.end()}"
        " is out of range, not read"
        for p in paragraphs
        for m in _TOO_LONG.finditer(p.text)
    ]
