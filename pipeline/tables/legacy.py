"""Request and outcome counts of legacy (pre-2019) reports, from their text.

Legacy reports have no standard tables: they state the counts in sentences
("共收到政府信息公开申请12件，其中同意公开10件…", "全年未收到…申请") or in a
statistics table run into the text ("申请总数 12 同意公开 10").  Each key of
:data:`.forms.LEGACY_KEYS` is read where a pattern below finds it; a stated
absence ("未收到…申请", "未发生…行政复议") is 0.  A value printed in digits has
its span in ``table_spans``; one stated in words (an absence, a Chinese
numeral) has its offsets in a warning instead, since a span shows digits.  A key stated with
two different numbers stays null with a warning; nothing is summed or guessed.
"""

from __future__ import annotations

import re

from ..numbers import NumberFormatError, parse_chinese
from ..record import Number
from .extract import Cells
from .forms import LEGACY_KEYS

_N = r"(?<!第)(?P<n>\d+|[一两二三四五六七八九十百千]+)(?![\d.．年月日号%％])"
_UNIT = r"\s*(?:件|条|份|宗|个|起|人次)(?!工作日|月|小时)"
_GAP = r"[^。；;，,、\d\n数]{0,6}?"
# a statistics-table row: label, unit, then one or more whitespace-separated columns (or a run of digits)
_VALUES = r"\s*(?:条|件|个)?\s*(?P<vals>\d+(?:[ \t]+\d+)*)(?!\d|\.\d)"
_NOT_ABOUT = {"requests_received": re.compile(r"复议|诉讼|咨询|投诉|举报|审批|事项")}
_ABOUT = {"requests_received": re.compile(r"公开|政府信息")}  # a request count names what was requested


def _sentence(label: str) -> tuple[str, str]:
    return ("sentence", label + _GAP + _N + _UNIT)


def _after(label: str) -> tuple[str, str]:
    """N unit … label."""
    return ("sentence", _N + _UNIT + r"[^。；;，,、\d\n]{0,8}?" + label)


def _table(label: str) -> tuple[str, str]:
    return ("table", f"(?:{label})" + _VALUES)


def _zero(pattern: str) -> tuple[str, str]:
    return ("zero", pattern)


_GRANTED = r"(?<![不分])(?:同意公开|予以公开|全部公开|准予公开)"
_PARTIAL = r"(?:同意)?部分公开"
_DENIED = r"(?:不予公开|不同意公开)"
_UNAVAILABLE = r"(?:信息不存在|非本(?:机关|单位|部门)(?:所)?掌握|不属于本(?:机关|单位|部门)(?:职责|掌握)|不掌握)"
_NONE = r"(?:未|没有|无)(?:发生|收到|出现|接到|因)[^。；;\n]{0,25}?"

# key -> (kind, pattern): "sentence" (group n), "table" (group vals), "zero" (a stated absence)
PATTERNS: dict[str, tuple[tuple[str, str], ...]] = {
    "requests_received": (
        (
            "sentence",
            r"(?:收到|受理|接到|接收)(?:了)?[^。；;，,\n\d]{0,16}?申请(?:公开)?(?:共|总计|合计)?[为:：]?\s*"
            + _N
            + _UNIT,
        ),
        _after(r"(?:政府信息)?(?:公开)?申请"),
        _table(r"申请(?:总数|总量|件数)"),
        _zero(r"(?:未|没有)(?:收到|受理|接到)[^。；;，,\n]{0,20}?申请"),
    ),
    "requests_answered": (_table(r"对申请的答复(?:总)?数|(?<![公开型])答复总数"),),
    "granted": (_sentence(_GRANTED), _after(_GRANTED), _table(r"同意公开答复数")),
    "partially_granted": (_sentence(_PARTIAL), _after(_PARTIAL), _table(r"同意部分公开答复数")),
    "denied": (_sentence(_DENIED), _after(_DENIED), _table(r"(?:否决公开|不予公开|不同意公开)答复数")),
    "unavailable": (_sentence(_UNAVAILABLE), _after(_UNAVAILABLE)),
    "review_total": (
        ("sentence", r"行政复议(?:申请|案件)?" + _GAP + _N + r"\s*(?:件|起|宗|份|次)"),
        ("sentence", _N + r"\s*(?:件|起|宗|份|次)[^。；;，,\d\n]{0,10}?行政复议"),
        _table(r"行政复议(?:案件)?数"),
        _zero(_NONE + "行政复议"),
    ),
    "suit_total": (
        ("sentence", r"行政诉讼(?:案件)?" + _GAP + _N + r"\s*(?:件|起|宗|份|次)"),
        ("sentence", _N + r"\s*(?:件|起|宗|份|次)[^。；;，,\d\n]{0,10}?行政诉讼"),
        _table(r"行政诉讼(?:案件)?数"),
        _zero(_NONE + "行政诉讼"),
    ),
}


def _value(text: str) -> Number:
    try:
        return int(text) if text.isdigit() else int(parse_chinese(text))
    except (NumberFormatError, ValueError):
        return None


Hit = tuple[Number, int, int, str]  # value, start, end, what was read (for warnings)


def _table_hit(m: re.Match[str], offset: int) -> Hit:
    """A statistics-table row: its columns agree, or its digits are all zeros; else None (with what was printed)."""
    vals = m.group("vals")
    if m.string[m.end() : m.end() + 1] in ("、", ".", "．"):
        vals = vals[:-1].rstrip()  # the next row's list number ("条 0 0 2、同意部分…")
    cols = vals.split()
    start, end = offset + m.start("vals"), offset + m.start("vals") + len(vals)
    if not cols:
        return None, start, end, "no value"
    if len(cols) == 1 and len(cols[0]) > 1 and set(cols[0]) != {"0"}:
        return None, start, end, f"run-together digits {vals!r}"
    if len(cols) > 1 and len({int(c) for c in cols}) > 1:
        return None, start, end, f"columns {vals!r} differ"
    return int(cols[0][0] if set(cols[0]) == {"0"} else cols[0]), start, start + len(cols[0]), vals


def _hits(key: str, text: str, offset: int) -> list[Hit]:
    """Every statement of ``key`` in the text, in order."""
    not_about, about = _NOT_ABOUT.get(key), _ABOUT.get(key)
    hits: list[Hit] = []
    for kind, pattern in PATTERNS[key]:
        for m in re.finditer(pattern, text):
            if not_about is not None and not_about.search(m.group(0)):
                continue
            if kind == "sentence" and about is not None and not about.search(m.group(0)):
                continue
            if kind == "table":
                hits.append(_table_hit(m, offset))
            elif kind == "zero":
                hits.append((0, offset + m.start(), offset + m.end(), m.group(0)))
            elif (value := _value(m.group("n"))) is not None:
                hits.append((value, offset + m.start("n"), offset + m.end("n"), m.group("n")))
    return sorted(hits, key=lambda h: h[1])


def extract_legacy(text: str, offset: int = 0) -> tuple[dict[str, Number] | None, Cells]:
    """The legacy table from a report's text; None when no key is stated."""
    cells = Cells()
    table: dict[str, Number] = dict.fromkeys(LEGACY_KEYS)
    for key in LEGACY_KEYS:
        hits = _hits(key, text, offset)
        unread = [h for h in hits if h[0] is None]
        values = {h[0] for h in hits if h[0] is not None}
        if unread or len(values) > 1:
            printed = "; ".join(h[3] if h[0] is None else f"{h[0]:g}" for h in hits)  # type: ignore[str-format]
            cells.warnings.append(f"legacy {key}: stated as {printed}; left null")
        elif hits:
            value, start, end, printed = hits[0]
            table[key] = value
            if printed.isdigit():
                cells.spans[key] = (start, end)
            else:  # a span shows a cell's digits; words get their offsets in a note
                cells.warnings.append(f"legacy {key}: {value} stated in words {printed!r} at {start}-{end}")
    return (table if any(v is not None for v in table.values()) else None), cells
