"""Checks in Chinese for reviewers: what each check verifies, and why one could not run.

``describe(check)`` names what a check compares; ``cause(check, record)``
puts an ``unknown`` check into one of :data:`CAUSES` (no table in a legacy
report, table not found, cells missing, not stated in the text …), so the
summary and the HTML page can say what was not checked and why.
"""

from __future__ import annotations

import re
from collections import Counter

from ..record import Check, Record
from ..tables.form_labels import APPEAL_LABELS, REQUEST_COLUMN_LABELS, REQUEST_ROW_LABELS, cell_label

# cause -> Chinese, in the order the summary lists them
CAUSES: dict[str, str] = {
    "legacy": "旧格式报告无标准统计表",
    "table_missing": "统计表未找到",
    "cells_missing": "表格数字缺失或无法拆分",
    "section_missing": "相关部分未找到",
    "not_stated": "正文未说明",
    "not_comparable": "正文与表格无可比数据",
    "year_unknown": "报告年度未识别",
    "other": "其他原因",
}
STATUS_ZH = {"fail": "未通过", "unknown": "无法核对", "pass": "通过"}
STATUS_ORDER = {"fail": 0, "unknown": 1, "pass": 2}  # how reviewers see checks: failed first, then unknown

_TEXT_VS_TABLE = {
    "requests_received": "本年新收申请",
    "requests_carried_over": "上年结转申请",
    "requests_answered": "办理完毕申请",
    "requests_carried_forward": "结转下年度申请",
    "review_total": "行政复议",
    "suit_total": "行政诉讼",
}
_FIXED = {
    "requests": "申请办理表（第三部分）是否找到",
    "appeals": "复议诉讼表（第四部分）是否找到",
    "structure": "报告是否按六个部分完整、有序编排",
    "year": "正文所述年度与报告年度是否一致",
    "year.figures": "正文数字所属年份是否为报告年度",
    "fees.processing": "第六部分所述信息处理费与正文其他部分是否一致",
}


def describe(check: Check) -> str:
    """What the check compares, in Chinese."""
    if check.id in _FIXED:
        return _FIXED[check.id]
    head, _, last = check.id.rpartition(".")
    if head == "requests.balance":
        return f"{REQUEST_COLUMN_LABELS.get(last, last)}：本年新收＋上年结转＝办理总计＋结转下年"
    if head == "requests.outcomes":
        return f"{REQUEST_COLUMN_LABELS.get(last, last)}：各项办理结果之和＝总计"
    if head == "requests.columns":
        return f"{REQUEST_ROW_LABELS.get(last, last)}：各类申请人之和＝总计"
    if head == "appeals.totals":
        return f"{APPEAL_LABELS.get(last, last)}：维持＋纠正＋其他＋尚未审结＝总计"
    if head == "text_vs_table":
        return f"正文与表格：{_TEXT_VS_TABLE.get(last, last)}是否一致"
    return check.id


def cause(check: Check, record: Record) -> str | None:
    """Why an ``unknown`` check could not run (a key of :data:`CAUSES`); None for pass or fail."""
    if check.status != "unknown":
        return None
    msg = check.message
    if "旧格式" in msg:
        return "legacy"
    if ("未找到" in msg and check.id in ("requests", "appeals")) or "表格无对应数据" in msg:
        return "legacy" if record.meta.format_version == "legacy" else "table_missing"
    if "：缺少" in msg:
        return "cells_missing"
    return _text_cause(msg)


def _text_cause(msg: str) -> str:
    """Causes told by the checks' and crosschecks' own messages."""
    if "年度未识别" in msg or "年度未知" in msg:
        return "year_unknown"
    if "未找到" in msg:
        return "section_missing"
    if re.search(r"未说明|未标明|没有可核对", msg):
        return "not_stated"
    if re.search(r"约数|无可比|单位不同", msg):
        return "not_comparable"
    return "other"


def cause_counts(record: Record) -> Counter[str]:
    """Unknown checks counted by cause, in the order of :data:`CAUSES`."""
    counts = Counter(c for c in (cause(ch, record) for ch in record.checks) if c)
    return Counter({k: counts[k] for k in CAUSES if counts[k]})


def unknown_detail(check: Check, record: Record) -> str:
    """The cause of an unknown check in Chinese, with the missing cells named as printed."""
    why = CAUSES.get(cause(check, record) or "other", "")
    if cause(check, record) != "cells_missing":
        return why
    cells = [cell_label(e.ref) for e in check.evidence if e.value is None]
    shown = "、".join(cells[:3]) + ("等" if len(cells) > 3 else "")
    return f"{why}：{shown}" if cells else why
