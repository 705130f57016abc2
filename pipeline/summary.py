"""A short Chinese narrative for reviewers, every number traceable to the record.

``build_summary(record)`` returns the text and a list of :class:`Source`
entries, one per number in it, in order: where the number comes from (a
figure id with offsets, a table key, a check id, or a share computed from
two table cells).  ``xxgk summarize FILE --sources`` prints them.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from .record import Check, Record, table_value

# Metrics worth naming in a summary, in the order they are told.
KEY_METRICS: OrderedDict[str, str] = OrderedDict(
    [
        ("posts_total", "主动公开信息"),
        ("normative_documents", "规范性文件"),
        ("policy_documents", "政策文件"),
        ("policy_interpretations", "政策解读"),
        ("catalog_posts", "目录信息"),
        ("news_posts", "政务动态"),
        ("new_media_posts", "新媒体发布"),
        ("special_columns", "专题专栏"),
        ("website_visits", "网站访问量"),
        ("hotline_calls", "热线来电"),
        ("mailbox_letters", "信箱来信"),
        ("satisfaction_rate", "满意率"),
        ("trainings", "培训"),
        ("fees_collected", "信息处理费"),
    ]
)
OUTCOMES: tuple[tuple[str, str], ...] = (
    ("granted", "予以公开"),
    ("partially_granted", "部分公开"),
    ("denied", "不予公开"),
    ("unavailable", "无法提供"),
    ("rejected", "不予处理"),
    ("other", "其他处理"),
)
CATEGORY_NAMES = {
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


NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class Source:
    """Where one number of the summary comes from."""

    value: int | float
    ref: str  # "figures.f3", "requests.granted.total", "share(a/b)", "checks.<id>"
    start: int | None = None  # span in record.text, when the number is stated there
    end: int | None = None
    inputs: list[str] = field(default_factory=list)  # table keys a computed share uses


def _fmt(value: int | float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    return str(int(value))


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.sources: list[Source] = []

    def num(self, value: int | float, source: Source) -> str:
        self.sources.append(source)
        return _fmt(value)


def _cell(tables: dict[str, Any], table: str, row: str, col: str = "total") -> int | float | None:
    return table_value(tables, f"{table}.{row}.{col}")


def _sum_rows(tables: dict[str, Any], prefix: str) -> tuple[int | float | None, list[str]]:
    rows = [r for r in tables.get("requests") or {} if r == prefix or r.startswith(prefix + "_")]
    values = [_cell(tables, "requests", r) for r in rows]
    if not rows or any(v is None for v in values):
        return None, []
    return sum(values), [f"requests.{r}.total" for r in rows]  # type: ignore[arg-type]


def build_summary(record: Record) -> tuple[str, list[Source]]:
    """The reviewer summary and the source of each number in it, in order."""
    w = _Writer()
    meta = record.meta
    head = (meta.agency or "（机关未识别）") + (
        f"{w.num(meta.year, Source(meta.year, 'meta.year'))}年度" if meta.year else "（年度未识别）"
    )
    lines = [f"{head}政府信息公开工作年度报告摘要。"]

    # key figures: the first figure of each key metric
    seen: set[str] = set()
    items: list[str] = []
    for f in sorted(record.figures, key=lambda f: list(KEY_METRICS).index(f.metric) if f.metric in KEY_METRICS else 99):
        if f.metric not in KEY_METRICS or f.metric in seen:
            continue
        seen.add(f.metric)
        number = w.num(f.value, Source(f.value, f"figures.{f.id}", f.start, f.end))
        approx = "约" if f.approx else ""
        items.append(f"{KEY_METRICS[f.metric]}{approx}{number}{f.unit or ''}")
    if items:
        lines.append("正文关键数字：" + "，".join(items) + "。")

    # requests and outcomes with shares
    tables = record.tables or {}
    received = _cell(tables, "requests", "new_received")
    processed = _cell(tables, "requests", "total_processed")
    if received is not None:
        text = f"本年新收政府信息公开申请{w.num(received, Source(received, 'requests.new_received.total'))}件"
        carried = _cell(tables, "requests", "carried_over")
        if carried:
            text += f"，上年结转{w.num(carried, Source(carried, 'requests.carried_over.total'))}件"
        if processed is not None:
            text += f"，办理完毕{w.num(processed, Source(processed, 'requests.total_processed.total'))}件"
        outcome_parts: list[str] = []
        for prefix, label in OUTCOMES:
            value, keys = (
                _sum_rows(tables, prefix)
                if prefix not in {"granted", "partially_granted"}
                else (
                    _cell(tables, "requests", prefix),
                    [f"requests.{prefix}.total"],
                )
            )
            if not value:
                continue
            part = f"{label}{w.num(value, Source(value, keys[0] if len(keys) == 1 else '+'.join(keys)))}件"
            if processed:
                share = round(100 * value / processed, 1)
                ref = f"share({'+'.join(keys)}/requests.total_processed.total)"
                part += f"（占{w.num(share, Source(share, ref, inputs=[*keys, 'requests.total_processed.total']))}%）"
            outcome_parts.append(part)
        if outcome_parts:
            text += "，其中" + "，".join(outcome_parts)
        lines.append(text + "。")
    else:
        lines.append("申请办理表格未识别。")

    # appeals
    appeals = tables.get("appeals") or {}
    review = appeals.get("review_total") if isinstance(appeals, dict) else None
    suits = (
        [appeals.get(k) for k in ("suit_direct_total", "suit_after_review_total")] if isinstance(appeals, dict) else []
    )
    if isinstance(review, (int, float)) and all(isinstance(s, (int, float)) for s in suits) and suits:
        total_suits = sum(suits)
        lines.append(
            f"行政复议{w.num(review, Source(review, 'appeals.review_total'))}件，行政诉讼"
            f"{w.num(total_suits, Source(total_suits, 'appeals.suit_direct_total+appeals.suit_after_review_total', inputs=['appeals.suit_direct_total', 'appeals.suit_after_review_total']))}件。"
        )

    # problems and plans by category
    for kind, label in (("problem", "自述问题"), ("plan", "改进计划")):
        cats: OrderedDict[str, int] = OrderedDict()
        for s in record.statements:
            if s.kind == kind:
                name = CATEGORY_NAMES.get(s.category or "other", s.category or "其他")
                cats[name] = cats.get(name, 0) + 1
        if cats:
            total = sum(cats.values())
            n = w.num(total, Source(total, f"statements[kind={kind}].count"))
            detail = "、".join(
                f"{name}{w.num(c, Source(c, f'statements[kind={kind},category={name}].count'))}条"
                for name, c in cats.items()
            )
            lines.append(f"{label}{n}条：{detail}。")
    if not any(s.kind == "problem" for s in record.statements):
        lines.append("未识别出自述问题。")

    # failed checks
    failed = record.checks_failed
    if failed:
        head = f"未通过的核对{w.num(len(failed), Source(len(failed), 'checks[status=fail].count'))}项："
        lines.append(head + "；".join(_failed_check(c, w, meta.year) for c in failed) + "。")
    else:
        lines.append("没有未通过的核对。")
    return "\n".join(lines), w.sources


COLUMN_CN = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_services": "法律服务机构",
    "other_org": "其他组织",
    "total": "总计列",
}
GROUP_CN = {"review": "行政复议", "suit_direct": "未经复议直接起诉", "suit_after_review": "复议后起诉"}


def _failed_check(c: Check, w: _Writer, year: int | None) -> str:
    """A Chinese sentence for a failed check; numbers only from its evidence."""
    values = [e.value for e in c.evidence]

    def ev(i: int) -> str:
        return w.num(values[i], Source(values[i], f"checks.{c.id}"))  # type: ignore[arg-type]

    def total_of_parts() -> str:
        part_sum = sum(v for v in values[:-1])  # type: ignore[misc]
        return w.num(part_sum, Source(part_sum, f"checks.{c.id}.sum"))

    _, _, key = c.id.partition(".")
    numeric = all(isinstance(v, (int, float)) for v in values)
    malformed = not numeric or len(values) < 2 or (c.id.startswith("requests.balance.") and len(values) != 4)
    if malformed and c.id.startswith(("requests.", "appeals.")):
        shown = "、".join(ev(i) for i, v in enumerate(values) if isinstance(v, (int, float)))
        return f"核对“{c.id}”未通过" + (f"（涉及数字：{shown}）" if shown else "")
    if c.id.startswith("requests.balance."):
        name = COLUMN_CN.get(key.split(".")[-1], key)
        return f"{name}新收{ev(0)}件加上年结转{ev(1)}件，不等于办结{ev(2)}件加结转下年{ev(3)}件"
    if c.id.startswith("requests.outcomes."):
        name = COLUMN_CN.get(key.split(".")[-1], key)
        return f"{name}各项办理结果合计{total_of_parts()}件，与总计{ev(-1)}件不符"
    if c.id.startswith("requests.columns."):
        return f"“{key.split('.')[-1]}”一行六类申请人合计{total_of_parts()}件，与总计{ev(-1)}件不符"
    if c.id.startswith("appeals.totals."):
        group = GROUP_CN.get(key.split(".")[-1], key)
        return f"{group}各结果合计{total_of_parts()}件，与总计{ev(-1)}件不符"
    if c.id == "year":
        wrong = {i: e.value for i, e in enumerate(c.evidence) if e.value != year}
        years = "、".join(f"{ev(i)}年" for i in sorted(wrong, key=lambda i: str(wrong[i]))[:3])
        return f"正文将本年度工作表述为{years}" if years else "年度表述不一致"
    if c.id == "structure":
        return "报告未按六个部分完整、有序编排"
    # crosschecks write Chinese messages whose numbers are their evidence values
    for n in NUMBER.findall(c.message):
        value = float(n) if "." in n else int(n)
        w.num(value, Source(value, f"checks.{c.id}"))
    return c.message


def resolve(record: Record, source: Source) -> int | float | None:
    """Recompute a source's value from the record; None if it cannot be found there."""
    ref = source.ref
    if ref == "meta.year":
        return record.meta.year
    if ref.startswith("figures."):
        fig = next((f for f in record.figures if f"figures.{f.id}" == ref), None)
        return fig.value if fig and record.text[fig.start : fig.end] == fig.text else None
    if ref.startswith("share("):
        num_keys, _, den_key = ref[6:-1].partition("/")
        num = [table_value(record.tables, k) for k in num_keys.split("+")]
        den = table_value(record.tables, den_key)
        if den in (None, 0) or any(v is None for v in num):
            return None
        return round(100 * sum(num) / den, 1)  # type: ignore[arg-type]
    if ref.startswith(("requests.", "appeals.")):
        values = [table_value(record.tables, k) for k in ref.split("+")]
        return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]
    if ref.startswith("statements[kind="):
        spec = dict(p.split("=") for p in ref[11:].split("]")[0].split(","))
        names = {v: k for k, v in CATEGORY_NAMES.items()}
        return sum(
            1
            for s in record.statements
            if s.kind == spec["kind"]
            and ("category" not in spec or (s.category or "other") in {spec["category"], names.get(spec["category"])})
        )
    if ref == "checks[status=fail].count":
        return len(record.checks_failed)
    if ref.startswith("checks.") and ref.endswith(".sum"):
        check = next((c for c in record.checks if f"checks.{c.id}.sum" == ref), None)
        values = [e.value for e in check.evidence[:-1]] if check else [None]
        return None if any(not isinstance(v, (int, float)) for v in values) else sum(values)  # type: ignore[arg-type]
    if ref.startswith("checks."):
        check = next((c for c in record.checks if f"checks.{c.id}" == ref), None)
        if check is None:
            return None
        allowed = {e.value for e in check.evidence} | {record.meta.year}
        return source.value if source.value in allowed else None
    return None
