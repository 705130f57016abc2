"""Cross-checks between the narrative and the tables (appended to record.checks).

- ``text_vs_table.*``: applications received / carried over / answered / carried forward,
  administrative reviews and suits stated in the text vs the tables.
- ``year.figures``: a figure presented as this year's activity but tied to
  another year ("于 2023 年共公开了 23 条" in a 2024 report).
- ``fees.processing``: processing fees stated in section 六 vs fee figures
  elsewhere in the narrative.

A missing table value or nothing comparable gives ``unknown``, never ``pass``.
Every check carries evidence with offsets into ``record.text`` and table keys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .record import Check, Evidence, Figure, Number, Section, table_value
from .tables.forms import table_key

_CLAUSE_STOPS = "，,；;。：:\n"


@dataclass(frozen=True)
class Stated:
    """A value the narrative states, with its span."""

    value: int | float
    start: int
    end: int
    approx: bool = False


def _left_clause(text: str, i: int, limit: int = 60) -> str:
    j = i
    while j > 0 and i - j < limit and text[j - 1] not in _CLAUSE_STOPS:
        j -= 1
    return text[j:i]


def _count_figures(text: str, figures: Sequence[Figure]) -> list[tuple[Figure, str]]:
    return [(f, _left_clause(text, f.start)) for f in figures if f.unit not in {"%", "元", "万元", "亿元"}]


_BREAKDOWN = re.compile(r"自然人|法人|商业企业|科研机构|公益组织|法律服务机构|其中")
_RECEIVED_CUE = re.compile(r"收到|接收|受理|新收|办理|共计|共")
_NONE_RECEIVED = re.compile(r"(?:未|没有)(?:收到|接收到?|受理)[^。；;]{0,20}申请")


_WITH_CARRIED = re.compile(r"\s*[（(]\s*(?:含|包括|其中)(?:上年度?|上一年度?)结转")
_CARRIED_OVER = re.compile(r"上年结转|结转上年|上年度结转|上一年度?结转|上年度?遗留")
# 结转至2026年6件, 结转下年度3件, 另有5件顺延到下年度答复
_CARRIED_FORWARD = re.compile(r"结转(?:至|到)?(?:下一?年度?|\d{4}\s*年)|(?:顺延|转入)(?:至|到)?下一?年度?")


def stated_requests(text: str, figures: Sequence[Figure]) -> dict[str, Stated]:
    """Request counts the narrative states: received, carried_over, carried_forward, answered, reviews, suits."""
    out: dict[str, Stated] = {}
    for f, left in _count_figures(text, figures):
        tail = left[-14:]
        if _CARRIED_OVER.search(left) and "carried_over" not in out:
            out["carried_over"] = Stated(f.value, f.start, f.end, f.approx)
        elif _carried_forward(text, f, tail) and "carried_forward" not in out:
            out["carried_forward"] = Stated(f.value, f.start, f.end, f.approx)
        elif re.search(r"行政复议", tail) and "reviews" not in out:
            out["reviews"] = Stated(f.value, f.start, f.end, f.approx)
        elif re.search(r"行政诉讼", tail) and "suits" not in out:
            out["suits"] = Stated(f.value, f.start, f.end, f.approx)
        elif f.metric == "requests_received" and "received" not in out and "received_with_carried" not in out:
            if _RECEIVED_CUE.search(left) and not _BREAKDOWN.search(left[-8:]):
                # "受理申请36件（含上年结转3件）": this year's new and last year's carried over together
                both = _WITH_CARRIED.match(text, f.end)
                out["received_with_carried" if both else "received"] = Stated(f.value, f.start, f.end, f.approx)
        elif f.metric == "requests_answered" and "answered" not in out:
            out["answered"] = Stated(f.value, f.start, f.end, f.approx)
    if "received" not in out and "received_with_carried" not in out:
        m = _NONE_RECEIVED.search(text)
        if m:
            out["received"] = Stated(0, m.start(), m.end())
    return out


def _carried_forward(text: str, f: Figure, tail: str) -> bool:
    """The figure counts applications carried into next year (the cue before it or right after it)."""
    after = text[f.end : f.end + 12]
    return bool(_CARRIED_FORWARD.search(tail) or re.match(r"[^，,；;。]{0,3}(?:顺延|转入|结转)", after)) and bool(
        _CARRIED_FORWARD.search(tail + after)
    )


def _sum(tables: dict[str, Any], keys: Sequence[str]) -> Number:
    values = [table_value(tables, k) for k in keys]
    return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]


# (stated quantity, check id, table cells it is compared with, label in the message)
_TEXT_VS_TABLE: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("received", "requests_received", (table_key("requests", "new_received", "total"),), "本年新收申请"),
    (
        "received_with_carried",
        "requests_received",
        (table_key("requests", "new_received", "total"), table_key("requests", "carried_over", "total")),
        "本年受理申请（含上年结转）",
    ),
    ("carried_over", "requests_carried_over", (table_key("requests", "carried_over", "total"),), "上年结转申请"),
    ("answered", "requests_answered", (table_key("requests", "total_processed", "total"),), "办理完毕申请"),
    (
        "carried_forward",
        "requests_carried_forward",
        (table_key("requests", "carried_forward", "total"),),
        "结转下年度申请",
    ),
    ("reviews", "review_total", (table_key("appeals", "review_total"),), "行政复议"),
    (
        "suits",
        "suit_total",
        (table_key("appeals", "suit_direct_total"), table_key("appeals", "suit_after_review_total")),
        "行政诉讼",
    ),
)


def text_vs_table(text: str, figures: Sequence[Figure], tables: dict[str, Any]) -> list[Check]:
    """One check per quantity the narrative states; none for what it does not state."""
    stated = stated_requests(text, figures)
    checks: list[Check] = []
    for name, check_id, keys, label in _TEXT_VS_TABLE:
        s = stated.get(name)
        if s is None:
            continue
        table_value = _sum(tables, keys)
        ref = "+".join(keys)
        evidence = [Evidence("text", s.value, s.start, s.end), Evidence(ref, table_value)]
        cid = f"text_vs_table.{check_id}"
        if table_value is None:
            checks.append(Check(cid, "unknown", f"正文称{label}{s.value}件，表格无对应数据", evidence))
        elif s.approx:
            checks.append(Check(cid, "unknown", f"正文{label}为约数{s.value}件，表格为{table_value}件", evidence))
        elif s.value == table_value:
            checks.append(Check(cid, "pass", f"正文与表格{label}一致：{table_value}件", evidence))
        else:
            checks.append(Check(cid, "fail", f"正文称{label}{s.value}件，表格为{table_value}件", evidence))
    return checks


# --- year ----------------------------------------------------------------------

# A year used as the time of an activity: "于2023年共…", "2023年，…", "2023年全区…"
# (not "2019年政府决算" or a year inside a title 《…》).
_YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*年度?(?=\s*(?:[，,共全我本内里期累]|以来))|(?<=[于在])\s*((?:19|20)\d\d)\s*年"
)
_COMPARISON = re.compile(r"较|同比|上年|去年|上一年|相比|比\d|增长|下降|减少|增加|以来|至今|起|结转|截至|累计")


def year_figures(text: str, figures: Sequence[Figure], year: int | None, sections: Sequence[Section]) -> Check:
    """Fail when a figure is attributed to a year other than the reporting year."""
    if year is None:
        return Check("year.figures", "unknown", "报告年度未知，无法核对正文数字的年份", [])
    if not figures:
        return Check("year.figures", "unknown", "正文中没有可核对年份的数字", [])
    problem_section = {s.number: s for s in sections}.get(5)
    bad: list[Evidence] = []
    checked = 0
    for f in figures:
        if problem_section and problem_section.start <= f.start < problem_section.end:
            continue  # section 五 talks about last year's problems and next year's plans
        j = f.start
        while j > 0 and f.start - j < 40 and text[j - 1] not in "。；;\n":
            j -= 1
        window = text[j : f.start]
        years = [
            m for m in _YEAR.finditer(window) if window[: m.start()].count("《") <= window[: m.start()].count("》")
        ]
        if not years:
            continue
        checked += 1
        last = years[-1]
        stated = int(last.group(1) or last.group(2))
        if stated != year and not _COMPARISON.search(window):
            bad.append(Evidence("text", stated, j + last.start(), j + last.end()))
            bad.append(Evidence(f"figures.{f.id}", f.value, f.start, f.end))
    if bad:
        pairs = [f"{bad[i].value}年→{bad[i + 1].value}" for i in range(0, len(bad), 2)]
        return Check("year.figures", "fail", f"{year}年度报告中的数字归于其他年份：{'；'.join(pairs)}", bad)
    if checked == 0:
        return Check("year.figures", "unknown", "正文数字未标明年份", [])
    return Check("year.figures", "pass", f"{checked}处标明年份的数字均为{year}年", [])


# --- fees ------------------------------------------------------------------------

_NO_FEE = re.compile(r"(?:没有|未|无|不)(?:产生|收取|发生)?[^。；;]{0,16}(?:信息)?(?:公开)?(?:信息)?处理费")


def fees_check(text: str, figures: Sequence[Figure], sections: Sequence[Section]) -> Check:
    """Processing fees stated in section 六 vs fee figures elsewhere in the narrative."""
    six = {s.number: s for s in sections}.get(6)
    if six is None:
        return Check("fees.processing", "unknown", "未找到第六部分，无法核对信息处理费", [])
    body = text[six.start : six.end]
    in_six = [f for f in figures if six.start <= f.start < six.end and f.metric == "fees_collected"]
    elsewhere = [f for f in figures if not six.start <= f.start < six.end and f.metric == "fees_collected"]
    if in_six:
        stated = Stated(sum(f.value for f in in_six), in_six[0].start, in_six[-1].end)
        unit = in_six[0].unit
    else:
        m = _NO_FEE.search(body)
        if not m:
            return Check("fees.processing", "unknown", "第六部分未说明信息处理费", [])
        stated = Stated(0, six.start + m.start(), six.start + m.end())
        unit = None
    evidence = [Evidence("text", stated.value, stated.start, stated.end)]
    if not elsewhere:
        return Check(
            "fees.processing", "unknown", f"第六部分称信息处理费{stated.value}元，正文其他部分无可比数据", evidence
        )
    other = elsewhere[0]
    evidence.append(Evidence(f"figures.{other.id}", other.value, other.start, other.end))
    same_unit = unit is None or other.unit == unit
    if same_unit and other.value == stated.value:
        return Check("fees.processing", "pass", f"信息处理费前后一致：{other.text}", evidence)
    if not same_unit and stated.value != 0:
        return Check("fees.processing", "unknown", "信息处理费单位不同，无法比较", evidence)
    return Check("fees.processing", "fail", f"第六部分称信息处理费{stated.value}，正文另称{other.text}", evidence)
