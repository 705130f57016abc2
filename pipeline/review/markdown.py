"""Render a record as Markdown for people (``xxgk parse --format md``).

Text that comes from the report (title, agency, section titles, summary,
statements, check messages, warnings, the path) is made inert: raw HTML is
escaped as entities and control and bidirectional-override characters are
dropped, so a hostile report cannot inject markup or reorder what is shown.
"""

from __future__ import annotations

import re
from typing import Any

from ..record import Check, Record
from ..tables.form_labels import REQUEST_COLUMN_LABELS, REQUEST_ROW_LABELS, TABLE_TITLES_ZH, cell_label
from ..tables.forms import REQUEST_COLUMNS, TABLE_NAMES
from .check_words import STATUS_ORDER, STATUS_ZH, describe
from .names_zh import FORMAT_LABELS
from .number_sources import CATEGORY_NAMES

_STATUS_MARK = {"fail": "✗", "pass": "✓", "unknown": "?"}
_KIND_ZH = {"problem": "问题", "rectification": "整改", "plan": "计划"}
_AGENCY_KIND_ZH = {
    "government": "人民政府",
    "office": "政府办公室",
    "department": "政府部门",
    "township": "乡镇",
    "street": "街道",
    "other": "其他",
}
_LEVEL_ZH = {"province": "省级", "city": "市级", "county": "县级", "township": "乡级"}


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def md_text(s: str | None, inline: bool = True) -> str:
    """Report text made safe for Markdown: HTML escaped, control characters dropped, one line when ``inline``."""
    if not s:
        return ""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    if inline:
        s = re.sub(r"[\n\t]+", " ", s)
    return _CONTROL.sub("", s).translate(_HTML)


def _cell(value: Any) -> str:
    return "—" if value is None else md_text(str(value)).replace("|", "\\|")


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def to_markdown(record: Record) -> str:
    """The record as Markdown in Chinese: meta, summary, sections, tables, checks, statements, warnings."""
    out = _meta_lines(record)
    if record.summary:
        out += ["## 摘要", "", md_text(record.summary, inline=False), ""]
    out += ["## 各部分", ""]
    out += [f"{s.number}. {md_text(s.title)} [{s.start}:{s.end}]" for s in record.sections] or ["（未找到）"]
    out.append("")
    out += _tables_lines(record.tables or {})
    out += _checks_lines(record.checks)
    if record.statements:
        out += ["## 自述问题、整改与计划", ""]
        out += [f"- [{_statement_tag(s.kind, s.category)}] {md_text(s.text)}" for s in record.statements] + [""]
    if record.warnings:
        out += ["## 警告", ""] + [f"- {md_text(w)}" for w in record.warnings] + [""]
    return "\n".join(out)


def _statement_tag(kind: str, category: str | None) -> str:
    name = CATEGORY_NAMES.get(category, category) if category else "—"
    return f"{_KIND_ZH.get(kind, kind)}/{name}"


def _meta_lines(record: Record) -> list[str]:
    meta, source = record.meta, record.source
    region = " ".join(x for x in (meta.region.province, meta.region.city, meta.region.county) if x)
    pages = f"，{source.pages}页" if source.pages else ""
    fmt = FORMAT_LABELS.get(meta.format_version, meta.format_version)
    kind = _AGENCY_KIND_ZH.get(meta.agency_kind or "", "—")
    level = _LEVEL_ZH.get(meta.admin_level or "", "—")
    return [
        f"# {md_text(meta.title or source.path)}",
        "",
        f"- 机关：{md_text(meta.agency) or '—'}（{kind}，{level}） {md_text(region)}",
        f"- 年度：{_cell(meta.year)}；统计表：{fmt}",
        f"- 来源：{md_text(source.path)}（{source.format}，{source.chars}字{pages}，sha256 {source.sha256[:12]}）",
        "",
    ]


def _tables_lines(tables: dict[str, Any]) -> list[str]:
    """Each table found, labelled as the standard form prints it: requests as rows × columns, the others item | value."""
    out: list[str] = []
    for name in TABLE_NAMES:
        table = tables.get(name)
        if not table:
            continue
        out += [f"## {TABLE_TITLES_ZH[name]}", ""]
        if name == "requests":
            rows = [
                [REQUEST_ROW_LABELS.get(row, row)] + [cols.get(c) for c in REQUEST_COLUMNS]
                for row, cols in table.items()
            ]
            out += _table(["项目", *(REQUEST_COLUMN_LABELS.get(c, c) for c in REQUEST_COLUMNS)], rows) + [""]
        else:
            out += _table(["项目", "数值"], [[cell_label(f"{name}.{k}"), v] for k, v in table.items()]) + [""]
    return out


def _checks_lines(checks: list[Check]) -> list[str]:
    """Failed checks first, then unknown, then passed."""
    if not checks:
        return []
    out = ["## 核对", ""]
    for c in sorted(checks, key=lambda c: STATUS_ORDER.get(c.status, 3)):
        mark = f"{_STATUS_MARK.get(c.status, '')} {STATUS_ZH.get(c.status, c.status)}"
        what = "" if c.status == "pass" else f"{md_text(describe(c))}——"
        out.append(f"- {mark} `{c.id}` {what}{md_text(c.message)}")
    return out + [""]
