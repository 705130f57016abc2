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
from ..tables.forms import REQUEST_COLUMNS, TABLE_NAMES, TABLE_TITLES

_STATUS_MARK = {"fail": "✗ fail", "pass": "✓ pass", "unknown": "? unknown"}
_STATUS_ORDER = {"fail": 0, "unknown": 1, "pass": 2}


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
    """The record as Markdown: meta, summary, sections, tables, checks, statements, warnings."""
    out = _meta_lines(record)
    if record.summary:
        out += ["## Summary", "", md_text(record.summary, inline=False), ""]
    out += ["## Sections", ""]
    out += [f"{s.number}. {md_text(s.title)} [{s.start}:{s.end}]" for s in record.sections] or ["(none found)"]
    out.append("")
    out += _tables_lines(record.tables or {})
    out += _checks_lines(record.checks)
    if record.statements:
        out += ["## Statements", ""]
        out += [f"- [{s.kind}/{s.category or '—'}] {md_text(s.text)}" for s in record.statements] + [""]
    if record.warnings:
        out += ["## Warnings", ""] + [f"- {md_text(w)}" for w in record.warnings] + [""]
    return "\n".join(out)


def _meta_lines(record: Record) -> list[str]:
    meta, source = record.meta, record.source
    region = " ".join(x for x in (meta.region.province, meta.region.city, meta.region.county) if x)
    pages = f", {source.pages} pages" if source.pages else ""
    return [
        f"# {md_text(meta.title or source.path)}",
        "",
        f"- agency: {md_text(meta.agency) or '—'} ({meta.agency_kind or '—'}, {meta.admin_level or '—'}) {md_text(region)}",
        f"- year: {_cell(meta.year)}; format: {meta.format_version}",
        f"- source: {md_text(source.path)} ({source.format}, {source.chars} chars{pages}, sha256 {source.sha256[:12]})",
        "",
    ]


def _tables_lines(tables: dict[str, Any]) -> list[str]:
    """Each table found: requests as rows × columns, the others as key | value."""
    out: list[str] = []
    for name in TABLE_NAMES:
        table = tables.get(name)
        if not table:
            continue
        out += [f"## {TABLE_TITLES[name]}", ""]
        if name == "requests":
            rows = [[row] + [cols.get(c) for c in REQUEST_COLUMNS] for row, cols in table.items()]
            out += _table(["row", *REQUEST_COLUMNS], rows) + [""]
        else:
            out += _table(["key", "value"], [[k, v] for k, v in table.items()]) + [""]
    return out


def _checks_lines(checks: list[Check]) -> list[str]:
    """Failed checks first, then unknown, then passed."""
    if not checks:
        return []
    out = ["## Checks", ""]
    for c in sorted(checks, key=lambda c: _STATUS_ORDER.get(c.status, 3)):
        out.append(f"- {_STATUS_MARK.get(c.status, c.status)} `{c.id}`: {md_text(c.message)}")
    return out + [""]
