"""A short Chinese narrative for reviewers, every number traceable to the record.

``build_summary(record)`` returns the text and a list of :class:`NumberSource`
entries, one per number in it, in order: where the number comes from (a
figure id with offsets, a table key, a check id, or a share computed from
two table cells).  ``xxgk summarize FILE --sources`` prints them.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from ..record import Check, Meta, Record, Statement, table_value
from ..tables.forms import APPEAL_GROUP_LABELS, COLUMN_LABELS, OUTCOME_GROUPS, table_key
from .check_words import CAUSES, cause_counts
from .headlines import headlines
from .number_sources import CATEGORY_NAMES, NumberSource, SourceLog, resolve, source_text

__all__ = [
    "CATEGORY_NAMES",
    "KEY_METRICS",
    "NUMBER",
    "NumberSource",
    "build_summary",
    "failed_check_sentence",
    "resolve",
    "source_text",
]

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
NUMBER = re.compile(r"\d+(?:\.\d+)?")

_NEW_RECEIVED = table_key("requests", "new_received", "total")
_CARRIED_OVER = table_key("requests", "carried_over", "total")
_PROCESSED = table_key("requests", "total_processed", "total")
_REVIEWS = table_key("appeals", "review_total")
_SUITS = (table_key("appeals", "suit_direct_total"), table_key("appeals", "suit_after_review_total"))


def _sum_rows(tables: dict[str, Any], prefix: str) -> tuple[int | float | None, list[str]]:
    """Sum of the requests rows of one outcome group (``denied`` → every ``denied_*`` row), and their keys."""
    rows = [r for r in tables.get("requests") or {} if r == prefix or r.startswith(prefix + "_")]
    keys = [table_key("requests", r, "total") for r in rows]
    values = [table_value(tables, k) for k in keys]
    if not rows or any(v is None for v in values):
        return None, []
    return sum(values), keys  # type: ignore[arg-type]


# --- the summary, one line per topic ----------------------------------------------------


def build_summary(record: Record) -> tuple[str, list[NumberSource]]:
    """The reviewer summary and the source of each number in it, in order."""
    log = SourceLog()
    tables = record.tables or {}
    lines = [
        _heading(record.meta, log),
        *_key_figures(record, log),
        _requests_line(record, log),
        *_appeals_line(tables, log),
        *_statement_lines(record.statements, log),
        *_checks_lines(record, log),
    ]
    return "\n".join(lines), log.sources


def _heading(meta: Meta, log: SourceLog) -> str:
    year = f"{log.num(meta.year, NumberSource(meta.year, 'meta.year'))}年度" if meta.year else "（年度未识别）"
    return f"{meta.agency or '（机关未识别）'}{year}政府信息公开工作年度报告摘要。"


def _key_figures(record: Record, log: SourceLog) -> list[str]:
    """The headline of each key metric (the table's when it has one, else the stated whole), in KEY_METRICS order."""
    items = []
    found = headlines(record, list(KEY_METRICS))
    for metric, label in KEY_METRICS.items():
        h = found[metric]
        if h is None:
            continue
        name = f"{label}（统计表本年制发）" if h.from_table else label
        value = log.num(h.value, NumberSource(h.value, h.ref, h.start, h.end))
        items.append(f"{name}{'约' if h.approx else ''}{value}{h.unit or ''}")
    return ["关键数字：" + "，".join(items) + "。"] if items else []


def _stated_requests(record: Record, log: SourceLog) -> str:
    """No requests table: the applications the text states as received and answered."""
    parts = []
    found = headlines(record, ["requests_received", "requests_answered"])
    for metric, verb in (("requests_received", "收到"), ("requests_answered", "办结")):
        h = found[metric]
        if h is not None:
            value = log.num(h.value, NumberSource(h.value, h.ref, h.start, h.end))
            parts.append(f"{verb}{'约' if h.approx else ''}{value}{h.unit or '件'}")
    return "申请办理表格未识别" + ("；正文称" + "、".join(parts) + "政府信息公开申请" if parts else "") + "。"


def _requests_line(record: Record, log: SourceLog) -> str:
    """Applications received, carried over and processed, then the outcomes with their shares."""
    tables = record.tables or {}
    received = table_value(tables, _NEW_RECEIVED)
    if received is None:
        return _stated_requests(record, log)
    processed = table_value(tables, _PROCESSED)
    text = f"本年新收政府信息公开申请{log.num(received, NumberSource(received, _NEW_RECEIVED))}件"
    carried = table_value(tables, _CARRIED_OVER)
    if carried:
        text += f"，上年结转{log.num(carried, NumberSource(carried, _CARRIED_OVER))}件"
    if processed is not None:
        text += f"，办理完毕{log.num(processed, NumberSource(processed, _PROCESSED))}件"
    outcomes = _outcome_parts(tables, processed, log)
    if outcomes:
        text += "，其中" + "，".join(outcomes)
    return text + "。"


def _outcome_parts(tables: dict[str, Any], processed: int | float | None, log: SourceLog) -> list[str]:
    parts: list[str] = []
    for prefix, label in OUTCOME_GROUPS:
        value, keys = _sum_rows(tables, prefix)
        if not value:
            continue
        ref = "+".join(keys)
        part = f"{label}{log.num(value, NumberSource(value, ref))}件"
        if processed:
            share = round(100 * value / processed, 1)
            source = NumberSource(share, f"share({ref}/{_PROCESSED})", inputs=[*keys, _PROCESSED])
            part += f"（占{log.num(share, source)}%）"
        parts.append(part)
    return parts


def _appeals_line(tables: dict[str, Any], log: SourceLog) -> list[str]:
    review = table_value(tables, _REVIEWS)
    suits = [table_value(tables, k) for k in _SUITS]
    if review is None or any(s is None for s in suits):
        return []
    total = sum(suits)  # type: ignore[arg-type]
    suits_source = NumberSource(total, "+".join(_SUITS), inputs=list(_SUITS))
    return [f"行政复议{log.num(review, NumberSource(review, _REVIEWS))}件，行政诉讼{log.num(total, suits_source)}件。"]


def _statement_lines(statements: Sequence[Statement], log: SourceLog) -> list[str]:
    """Problems and plans counted by category."""
    lines: list[str] = []
    for kind, label in (("problem", "自述问题"), ("plan", "改进计划")):
        counts = _category_counts(statements, kind)
        if not counts:
            continue
        total = sum(counts.values())
        n = log.num(total, NumberSource(total, f"statements[kind={kind}].count"))
        detail = "、".join(
            f"{name}{log.num(c, NumberSource(c, f'statements[kind={kind},category={name}].count'))}条"
            for name, c in counts.items()
        )
        lines.append(f"{label}{n}条：{detail}。")
    if not any(s.kind == "problem" for s in statements):
        lines.append("未识别出自述问题。")
    return lines


def _category_counts(statements: Sequence[Statement], kind: str) -> dict[str, int]:
    """Chinese category name -> number of statements of ``kind``, in order of first appearance."""
    counts: dict[str, int] = {}
    for s in statements:
        if s.kind == kind:
            name = CATEGORY_NAMES.get(s.category or "other", s.category or "其他")
            counts[name] = counts.get(name, 0) + 1
    return counts


def _checks_lines(record: Record, log: SourceLog) -> list[str]:
    """Failed checks in words, then what could not be checked and why, then how many passed."""
    failed = record.checks_failed
    lines = []
    if failed:
        head = f"未通过的核对{log.num(len(failed), NumberSource(len(failed), 'checks[status=fail].count'))}项："
        lines.append(head + "；".join(_failed_check(c, log, record.meta.year) for c in failed) + "。")
    unknown = _unknown_line(record, log)
    if unknown:
        lines.append(unknown)
    passed = sum(1 for c in record.checks if c.status == "pass")
    if not record.checks:
        lines.append("未进行任何核对。")
    elif not failed and not unknown:
        lines.append(f"全部{log.num(passed, NumberSource(passed, 'checks[status=pass].count'))}项核对均通过。")
    else:
        lines.append(f"通过的核对{log.num(passed, NumberSource(passed, 'checks[status=pass].count'))}项。")
    return lines


def _unknown_line(record: Record, log: SourceLog) -> str:
    """How many checks could not run, by cause; never a clean bill when some could not run."""
    counts = cause_counts(record)
    total = sum(counts.values())
    if not total:
        return ""
    n = log.num(total, NumberSource(total, "checks[status=unknown].count"))
    causes = "，".join(
        f"{CAUSES[k]}{log.num(c, NumberSource(c, f'checks[status=unknown,cause={k}].count'))}项"
        for k, c in counts.items()
    )
    lead = "" if record.checks_failed else "未发现不一致，但"
    return f"{lead}有{n}项核对无法进行（{causes}），这些内容未经核对。"


# --- one failed check, in words ---------------------------------------------------------


class _CheckNumbers:
    """The evidence values of one failed check, logged as they are written."""

    def __init__(self, check: Check, log: SourceLog) -> None:
        self.check = check
        self.log = log
        self.values = [e.value for e in check.evidence]
        self.key = check.id.partition(".")[2]  # "balance.natural_person"
        self.last = self.key.split(".")[-1]  # "natural_person"

    def ev(self, i: int) -> str:
        return self.log.num(self.values[i], NumberSource(self.values[i], f"checks.{self.check.id}"))  # type: ignore[arg-type]

    def parts_total(self) -> str:
        """Sum of every value but the last (the printed total)."""
        part_sum = sum(v for v in self.values[:-1])  # type: ignore[misc]
        return self.log.num(part_sum, NumberSource(part_sum, f"checks.{self.check.id}.sum"))

    def malformed(self) -> bool:
        """Evidence that cannot fill the check's sentence (a null, or too few values)."""
        numeric = all(isinstance(v, (int, float)) for v in self.values)
        balance = self.check.id.startswith("requests.balance.")
        return not numeric or len(self.values) < 2 or (balance and len(self.values) != 4)

    def listed(self) -> str:
        shown = "、".join(self.ev(i) for i, v in enumerate(self.values) if isinstance(v, (int, float)))
        return f"核对“{self.check.id}”未通过" + (f"（涉及数字：{shown}）" if shown else "")


def _balance_sentence(n: _CheckNumbers) -> str:
    name = COLUMN_LABELS.get(n.last, n.key)
    return f"{name}新收{n.ev(0)}件加上年结转{n.ev(1)}件，不等于办结{n.ev(2)}件加结转下年{n.ev(3)}件"


def _outcomes_sentence(n: _CheckNumbers) -> str:
    return f"{COLUMN_LABELS.get(n.last, n.key)}各项办理结果合计{n.parts_total()}件，与总计{n.ev(-1)}件不符"


def _columns_sentence(n: _CheckNumbers) -> str:
    return f"“{n.last}”一行六类申请人合计{n.parts_total()}件，与总计{n.ev(-1)}件不符"


def _appeal_totals_sentence(n: _CheckNumbers) -> str:
    return f"{APPEAL_GROUP_LABELS.get(n.last, n.key)}各结果合计{n.parts_total()}件，与总计{n.ev(-1)}件不符"


_TABLE_SENTENCES: tuple[tuple[str, Callable[[_CheckNumbers], str]], ...] = (
    ("requests.balance.", _balance_sentence),
    ("requests.outcomes.", _outcomes_sentence),
    ("requests.columns.", _columns_sentence),
    ("appeals.totals.", _appeal_totals_sentence),
)


def _year_sentence(n: _CheckNumbers, year: int | None) -> str:
    wrong = {i: v for i, v in enumerate(n.values) if v != year}
    years = "、".join(f"{n.ev(i)}年" for i in sorted(wrong, key=lambda i: str(wrong[i]))[:3])
    return f"正文将本年度工作表述为{years}" if years else "年度表述不一致"


def _message_with_numbers(c: Check, log: SourceLog) -> str:
    """A crosscheck's own Chinese message; its numbers are its evidence values."""
    for n in NUMBER.findall(c.message):
        value = float(n) if "." in n else int(n)
        log.num(value, NumberSource(value, f"checks.{c.id}"))
    return c.message


def _failed_check(c: Check, log: SourceLog, year: int | None) -> str:
    """A Chinese sentence for a failed check; numbers only from its evidence."""
    n = _CheckNumbers(c, log)
    if c.id.startswith(("requests.", "appeals.")) and n.malformed():
        return n.listed()
    for prefix, sentence in _TABLE_SENTENCES:
        if c.id.startswith(prefix):
            return sentence(n)
    if c.id == "year":
        return _year_sentence(n, year)
    if c.id == "structure":
        return "报告未按六个部分完整、有序编排"
    return _message_with_numbers(c, log)


# --- for people: a failed check in words, a source in words ----------------------------


def failed_check_sentence(check: Check, year: int | None) -> str:
    """The Chinese sentence the summary writes for a failed check."""
    return _failed_check(check, SourceLog(), year)
