"""The headline number of each key metric: the table when it has one, else the stated whole.

A figure is a *part* when an earlier figure of the same metric in its
sentence is its whole: with "其中", "包括", "涵盖" or "分别" between them, or
in the same unit ("县政府规范性文件14件，部门规范性文件11件").  A part is
never a headline.  Among the wholes the one the text marks as this year's
(全年, 本年, a year: in its clause, or in its sentence when the clause goes on from
another count) and as a total (共, 总计 …) wins, then the first.  A later count in the
same unit is not a part when it sums the counts before it, is this year's after a
stock, or names another channel (then neither channel's count is a headline); counts
listed in a "其中，…" sentence, averages (日均, 月均) and numbers in a sentence that
announces the future (下一步, 明年, 计划开展 …) are never headlines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..record import Figure, Record, table_value

# metric -> table cells that count the same thing, in the order tried (2021 form, 2019 form)
TABLE_CELLS: dict[str, tuple[str, ...]] = {
    "normative_documents": ("disclosure.normative_issued", "disclosure.normative_new"),
}
_SENTENCE_STOPS = "。；;\n！？!?"
_PART_CUE = re.compile(r"其中|包括|涵盖|分别|主要类别")
# How strongly the words before a figure mark it as this year's whole: the year itself, then a total word;
# 累计 alone may add up several years.
_YEAR_CUE = re.compile(r"全年|本年|今年|年度|\d{4}\s*年")
_TOTAL_CUE = re.compile(r"共|总计|合计|总数|全区|全县|全市")
_CLAUSE_STOPS = "，,；;。：:\n"
# Words that announce a plan, not this year's work (a bare 将 is often the object marker: 将…纳入考核).
_FUTURE = re.compile(
    r"下一步|明年|来年|今后|力争|(?<![模比])拟(?!定)|计划(?:于|在|开展|组织|举办|发布|每|全年|\d{4}年)|\d{4}年(?:将|计划)"
)
# A count that sums the ones before it; a stock over years; the channel a count was published on.
_SUM_CUE = re.compile(r"共计|合计|总计|累计共|共")
_STOCK_CUE = re.compile(r"累计|截至|截止")
# A sentence that opens with 其中 may list the parts of a whole stated before it.
_PARTS_SENTENCE = re.compile(r"^\W*其中")
# An average per day or month is not the year's count (日均访问量1.2万人次, 月均发布量40篇).
_AVERAGE = re.compile(r"[日月周]均|平均|每[天日月周]")
_CHANNEL = re.compile(r"微信|公众号|微博|抖音|视频号|头条号|今日头条|快手|客户端|网站")
# A clause that is only a time lead, maybe after a heading: "2023年", "今年", "(一)基本情况本年度".
_TIME_LEAD = re.compile(r"^[^\d，,。]{0,8}?(?:\d{4}\s*年度?|今年|本年度?|全年|年内|一年来)[内来中以]{0,2}\s*$")


@dataclass(frozen=True)
class Headline:
    """One headline number and where it comes from: a figure or a table cell."""

    metric: str
    value: int | float
    unit: str | None
    approx: bool
    ref: str  # "figures.f3" or a table key
    start: int | None = None
    end: int | None = None

    @property
    def from_table(self) -> bool:
        return not self.ref.startswith("figures.")


def _same_sentence(text: str, a: int, b: int) -> bool:
    return not any(ch in _SENTENCE_STOPS for ch in text[a:b])


def whole_of(text: str, figures: Sequence[Figure], i: int) -> Figure | None:
    """The earlier figure of the same sentence that ``figures[i]`` is a part of, if any.

    Figures are in text order, so the walk back stops at the first sentence end.
    """
    f = figures[i]
    for j in range(i - 1, -1, -1):
        g = figures[j]
        if g.end > f.start:
            continue
        if not _same_sentence(text, g.end, f.start):
            break
        if g.metric == f.metric and (_PART_CUE.search(text[g.end : f.start]) or _same_unit_part(text, g, f)):
            return g
    return None


def _same_unit_part(text: str, g: Figure, f: Figure) -> bool:
    """A later count in the whole's unit is a part ("县政府规范性文件14件，部门规范性文件11件"), unless it is
    the total of the counts before it (…，共计1980条), this year's after a stock (累计…，本年度…), or the
    count of another channel (微信公众号…，微博…)."""
    if g.unit != f.unit:
        return False
    left = _left_clause(text, f.start)
    if _sums_before(left) or (_STOCK_CUE.search(_left_clause(text, g.start)) and _YEAR_CUE.search(left)):
        return False
    return not _other_channel(text, g, f)


def _sums_before(clause: str) -> bool:
    """共计1980条 with no channel named: the total of the channels' counts before it."""
    return bool(_SUM_CUE.search(clause)) and not _CHANNEL.search(clause)


def _listed_part(text: str, figures: Sequence[Figure], i: int) -> bool:
    """ "其中，A单位N条，B单位M条": two or more counts of one metric listed in a sentence that opens with 其中
    are parts of a whole stated before it (a lone count there, 其中2013年度…N条, may be this year's whole)."""
    f = figures[i]
    sentence = _left_clause(text, f.start, _SENTENCE_STOPS, 160)
    if not _PARTS_SENTENCE.match(sentence):
        return False
    start = f.start - len(sentence)
    return any(figures[j].metric == f.metric and figures[j].start >= start for j in _sentence_mates(text, figures, i))


def _other_channel(text: str, g: Figure, f: Figure) -> bool:
    """Each count names its own channel, and the channels differ: siblings, not a whole and its part."""
    mine = set(_CHANNEL.findall(_left_clause(text, f.start)))
    theirs = set(_CHANNEL.findall(_left_clause(text, g.start)))
    return bool(mine) and bool(theirs) and not mine & theirs


def _has_sibling(text: str, figures: Sequence[Figure], i: int) -> bool:
    """Another count of the same metric in the sentence for another channel: neither is the agency's whole."""
    f = figures[i]
    return any(
        figures[j].metric == f.metric and _other_channel(text, figures[j], f) for j in _sentence_mates(text, figures, i)
    )


def _sentence_mates(text: str, figures: Sequence[Figure], i: int) -> Iterator[int]:
    """The positions of the other figures in the sentence of ``figures[i]`` (figures are in text order and
    hold no sentence stop, so the walk each way stops at the first figure beyond a stop)."""
    f = figures[i]
    for j in range(i - 1, -1, -1):
        if figures[j].end <= f.start and not _same_sentence(text, figures[j].end, f.start):
            break
        yield j
    for j in range(i + 1, len(figures)):
        if figures[j].start >= f.end and not _same_sentence(text, f.end, figures[j].start):
            break
        yield j


def _left_clause(text: str, i: int, stops: str = _CLAUSE_STOPS, limit: int = 60) -> str:
    """The text before ``i`` back to the nearest of ``stops`` (a thousands comma is none), at most ``limit``
    characters."""
    lo = j = max(0, i - limit)
    for stop in stops:
        k = text.rfind(stop, lo, i)
        while k >= 0 and _digit_comma(text, k):
            k = text.rfind(stop, lo, k)
        j = max(j, k + 1)
    return text[j:i]


def _digit_comma(text: str, k: int) -> bool:
    """The comma of a thousands separator (1,650), not a clause stop."""
    return text[k] == "," and 0 < k < len(text) - 1 and text[k - 1].isdigit() and text[k + 1].isdigit()


def stated_whole(text: str, figures: Sequence[Figure], metric: str) -> Figure | None:
    """The figure that states the whole of ``metric``; this year's marked total first."""
    wholes = [f for i, f in enumerate(figures) if f.metric == metric and _may_be_whole(text, figures, i)]
    ends = {f.end for f in figures}
    return min(wholes, key=lambda f: (-_total_mark(text, f.start, ends), f.start), default=None)


def _may_be_whole(text: str, figures: Sequence[Figure], i: int) -> bool:
    """Never a part (also one listed in a "其中，…" sentence), a sibling channel's count or an average."""
    return (
        whole_of(text, figures, i) is None
        and not _listed_part(text, figures, i)
        and not _has_sibling(text, figures, i)
        and not _AVERAGE.search(_left_clause(text, figures[i].start))
    )


def _total_mark(text: str, start: int, ends: set[int]) -> int:
    """A year cue counts twice, a total word once, both read in the figure's clause.

    A clause that goes on from a count shares that count's year ("本年共制作和获取政府信息2140条，
    其中主动公开政府信息N条"); so does a clause after a bare time lead ("今年，我区共公布政府信息N条").
    """
    clause = _left_clause(text, start)
    year_words = clause
    previous_end = start - len(clause) - 1
    if previous_end >= 0 and text[previous_end] in "，,":
        previous = _left_clause(text, previous_end)
        if previous_end in ends or _TIME_LEAD.match(previous):
            year_words += previous
    return 2 * bool(_YEAR_CUE.search(year_words)) + bool(_TOTAL_CUE.search(clause))


def _from_table(record: Record, metric: str) -> Headline | None:
    for key in TABLE_CELLS.get(metric, ()):
        value = table_value(record.tables, key)
        if value is not None:
            span = record.table_spans.get(key)
            return Headline(metric, value, "件", False, key, span.start if span else None, span.end if span else None)
    return None


def headline(record: Record, metric: str) -> Headline | None:
    """The table's number for ``metric`` when the table has one, else the whole the text states."""
    return headlines(record, [metric])[metric]


def headlines(record: Record, metrics: Sequence[str]) -> dict[str, Headline | None]:
    """:func:`headline` of each of ``metrics`` (this year's figures found once for all of them)."""
    out: dict[str, Headline | None] = {}
    figures: list[Figure] | None = None
    for metric in metrics:
        out[metric] = _from_table(record, metric)
        if out[metric] is not None:
            continue
        figures = _this_years(record) if figures is None else figures
        f = stated_whole(record.text, figures, metric)
        if f is not None:
            out[metric] = Headline(metric, f.value, f.unit, f.approx, f"figures.{f.id}", f.start, f.end)
    return out


def _this_years(record: Record) -> list[Figure]:
    """The figures outside plans: a number a plan announces ("每半年组织一次培训") is not this year's.

    Plans are the plan statements, and any sentence whose words before the number announce the future
    (下一步, 明年, 力争, 拟, 计划开展 …), wherever it stands and whether or not it was split into a statement.
    """
    plans = [(s.start, s.end) for s in record.statements if s.kind == "plan"]
    return [
        f
        for f in record.figures
        if not any(a <= f.start and f.end <= b for a, b in plans) and not _announced(record.text, f.start)
    ]


def _announced(text: str, start: int) -> bool:
    """The sentence up to ``start`` announces the future: 下一步…组织培训4次, 明年计划发布解读20篇."""
    return bool(_FUTURE.search(_left_clause(text, start, _SENTENCE_STOPS, 120)))
