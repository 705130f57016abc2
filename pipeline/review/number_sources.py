"""Where each number of the summary comes from, and checking it against the record.

A :class:`NumberSource` names a figure id with offsets, a table key (or a
sum of keys), a share of two table cells, a count of statements or checks,
or a check's evidence; :func:`resolve` recomputes its value from the record
and :func:`source_text` writes it for people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..classify import CATEGORIES
from ..record import Record, table_value
from .check_words import cause

# Chinese names of the problem/plan categories; the list itself is ``classify.CATEGORIES``.
_CATEGORY_CHINESE = {
    "staffing_capacity": "队伍与能力",
    "awareness": "思想认识",
    "disclosure_scope": "公开范围与时效",
    "policy_interpretation": "政策解读",
    "request_handling": "依申请办理",
    "platform_management": "平台管理",
    "public_engagement": "回应与互动",
    "standardization": "标准化规范化",
    "meetings_and_participation": "会议公开与公众参与",
    "work_mechanism": "工作机制",
    "content_review": "内容审核与差错",
    "other": "其他",
}
CATEGORY_NAMES: dict[str, str] = {c: _CATEGORY_CHINESE.get(c, c) for c in CATEGORIES}


@dataclass
class NumberSource:
    """Where one number of the summary comes from."""

    value: int | float
    ref: str  # "figures.f3", "requests.granted.total", "share(a/b)", "checks.<id>"
    start: int | None = None  # span in record.text, when the number is stated there
    end: int | None = None
    inputs: list[str] = field(default_factory=list)  # table keys a computed share uses


def fmt(value: int | float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    return str(int(value))


class SourceLog:
    """The sources of the numbers written so far, in order."""

    def __init__(self) -> None:
        self.sources: list[NumberSource] = []

    def num(self, value: int | float, source: NumberSource) -> str:
        """``value`` as written in the summary; its source is logged."""
        self.sources.append(source)
        return fmt(value)


# --- checking a source against the record -------------------------------------------------


def _resolve_figure(record: Record, source: NumberSource) -> int | float | None:
    fig = next((f for f in record.figures if f"figures.{f.id}" == source.ref), None)
    return fig.value if fig and record.text[fig.start : fig.end] == fig.text else None


def _resolve_share(record: Record, source: NumberSource) -> int | float | None:
    num_keys, _, den_key = source.ref[6:-1].partition("/")
    num = [table_value(record.tables, k) for k in num_keys.split("+")]
    den = table_value(record.tables, den_key)
    if den in (None, 0) or any(v is None for v in num):
        return None
    return round(100 * sum(num) / den, 1)  # type: ignore[arg-type]


def _resolve_cells(record: Record, source: NumberSource) -> int | float | None:
    values = [table_value(record.tables, k) for k in source.ref.split("+")]
    return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]


def _resolve_statements(record: Record, source: NumberSource) -> int | float | None:
    spec = dict(p.split("=") for p in source.ref[11:].split("]")[0].split(","))
    names = {v: k for k, v in CATEGORY_NAMES.items()}
    wanted = {spec.get("category"), names.get(spec.get("category", ""))}
    return sum(
        1
        for s in record.statements
        if s.kind == spec["kind"] and ("category" not in spec or (s.category or "other") in wanted)
    )


def _resolve_check_count(record: Record, source: NumberSource) -> int | float | None:
    """checks[status=pass].count, checks[status=unknown].count, checks[status=unknown,cause=legacy].count."""
    spec = dict(p.split("=") for p in source.ref[7:].split("]")[0].split(","))
    return sum(
        1
        for c in record.checks
        if c.status == spec["status"] and ("cause" not in spec or cause(c, record) == spec["cause"])
    )


def _resolve_check_sum(record: Record, source: NumberSource) -> int | float | None:
    check = next((c for c in record.checks if f"checks.{c.id}.sum" == source.ref), None)
    values = [e.value for e in check.evidence[:-1]] if check else [None]
    return None if any(not isinstance(v, (int, float)) for v in values) else sum(values)  # type: ignore[arg-type]


def _resolve_check(record: Record, source: NumberSource) -> int | float | None:
    check = next((c for c in record.checks if f"checks.{c.id}" == source.ref), None)
    if check is None:
        return None
    allowed = {e.value for e in check.evidence} | {record.meta.year}
    return source.value if source.value in allowed else None


# (does the resolver handle this ref, resolver), tried in order
_RESOLVERS: tuple[tuple[Callable[[str], bool], Callable[[Record, NumberSource], int | float | None]], ...] = (
    (lambda ref: ref == "meta.year", lambda record, _: record.meta.year),
    (lambda ref: ref.startswith("figures."), _resolve_figure),
    (lambda ref: ref.startswith("share("), _resolve_share),
    (lambda ref: ref.startswith(("requests.", "appeals.", "disclosure.")), _resolve_cells),
    (lambda ref: ref.startswith("statements[kind="), _resolve_statements),
    (lambda ref: ref == "checks[status=fail].count", lambda record, _: len(record.checks_failed)),
    (lambda ref: ref.startswith("checks[status="), _resolve_check_count),
    (lambda ref: ref.startswith("checks.") and ref.endswith(".sum"), _resolve_check_sum),
    (lambda ref: ref.startswith("checks."), _resolve_check),
)


def resolve(record: Record, source: NumberSource) -> int | float | None:
    """Recompute a source's value from the record; None if it cannot be found there."""
    for handles, resolver in _RESOLVERS:
        if handles(source.ref):
            return resolver(record, source)
    return None


def source_text(source: NumberSource) -> str:
    """Where a number comes from, readably: "占比 = (a + b) / total", "表格 a + b", "正文 f3"."""
    ref = source.ref
    if ref.startswith("share("):
        parts, _, total = ref[6:-1].rpartition("/")
        terms = parts.split("+")
        shown = f"({' + '.join(terms)})" if len(terms) > 1 else terms[0]
        return f"占比 = {shown} / {total} × 100%"
    if ref.startswith("figures."):
        return f"正文数字 {ref[8:]}"
    if ref.startswith(("requests.", "appeals.", "disclosure.")):
        return "表格 " + " + ".join(ref.split("+"))
    return ref
