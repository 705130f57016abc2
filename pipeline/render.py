"""Render a record as Markdown for people (``xxgk parse --format md``)."""

from __future__ import annotations

from typing import Any

from .record import Check, Record
from .tables.forms import REQUEST_COLUMNS, TABLE_NAMES, TABLE_TITLES

_STATUS_MARK = {"fail": "✗ fail", "pass": "✓ pass", "unknown": "? unknown"}
_STATUS_ORDER = {"fail": 0, "unknown": 1, "pass": 2}


def _cell(value: Any) -> str:
    return "—" if value is None else str(value)


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def to_markdown(record: Record) -> str:
    """The record as Markdown: meta, summary, sections, tables, checks, statements, warnings."""
    out = _meta_lines(record)
    if record.summary:
        out += ["## Summary", "", record.summary, ""]
    out += ["## Sections", ""]
    out += [f"{s.number}. {s.title} [{s.start}:{s.end}]" for s in record.sections] or ["(none found)"]
    out.append("")
    out += _tables_lines(record.tables or {})
    out += _checks_lines(record.checks)
    if record.statements:
        out += ["## Statements", ""]
        out += [f"- [{s.kind}/{s.category or '—'}] {s.text}" for s in record.statements] + [""]
    if record.warnings:
        out += ["## Warnings", ""] + [f"- {w}" for w in record.warnings] + [""]
    return "\n".join(out)


def _meta_lines(record: Record) -> list[str]:
    meta, source = record.meta, record.source
    region = " ".join(x for x in (meta.region.province, meta.region.city, meta.region.county) if x)
    pages = f", {source.pages} pages" if source.pages else ""
    return [
        f"# {meta.title or source.path}",
        "",
        f"- agency: {meta.agency or '—'} ({meta.agency_kind or '—'}, {meta.admin_level or '—'}) {region}",
        f"- year: {_cell(meta.year)}; format: {meta.format_version}",
        f"- source: {source.path} ({source.format}, {source.chars} chars{pages}, sha256 {source.sha256[:12]})",
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
        out.append(f"- {_STATUS_MARK.get(c.status, c.status)} `{c.id}`: {c.message}")
    return out + [""]
