"""Render a record as Markdown for people (``xxgk parse --format md``)."""

from __future__ import annotations

from typing import Any

from .record import Record

REQUEST_COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other_org",
    "total",
)
_STATUS_MARK = {"fail": "✗ fail", "pass": "✓ pass", "unknown": "? unknown"}


def _cell(value: Any) -> str:
    return "—" if value is None else str(value)


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def to_markdown(record: Record) -> str:
    meta = record.meta
    out = [f"# {meta.title or record.source.path}", ""]
    region = " ".join(x for x in (meta.region.province, meta.region.city, meta.region.county) if x)
    out += [
        f"- agency: {meta.agency or '—'} ({meta.agency_kind or '—'}, {meta.admin_level or '—'}) {region}",
        f"- year: {_cell(meta.year)}; format: {meta.format_version}",
        f"- source: {record.source.path} ({record.source.format}, {record.source.chars} chars"
        + (f", {record.source.pages} pages" if record.source.pages else "")
        + f", sha256 {record.source.sha256[:12]})",
        "",
    ]
    if record.summary:
        out += ["## Summary", "", record.summary, ""]
    out += ["## Sections", ""]
    out += [f"{s.number}. {s.title} [{s.start}:{s.end}]" for s in record.sections] or ["(none found)"]
    out.append("")
    tables = record.tables or {}
    if tables.get("disclosure"):
        out += ["## Disclosure (table 二)", ""]
        out += _table(["key", "value"], [[k, v] for k, v in tables["disclosure"].items()]) + [""]
    if tables.get("requests"):
        out += ["## Requests (table 三)", ""]
        rows = [[row] + [cols.get(c) for c in REQUEST_COLUMNS] for row, cols in tables["requests"].items()]
        out += _table(["row", *REQUEST_COLUMNS], rows) + [""]
    if tables.get("appeals"):
        out += ["## Appeals (table 四)", ""]
        out += _table(["key", "value"], [[k, v] for k, v in tables["appeals"].items()]) + [""]
    if record.checks:
        out += ["## Checks", ""]
        order = {"fail": 0, "unknown": 1, "pass": 2}
        for c in sorted(record.checks, key=lambda c: order.get(c.status, 3)):
            out.append(f"- {_STATUS_MARK.get(c.status, c.status)} `{c.id}`: {c.message}")
        out.append("")
    if record.statements:
        out += ["## Statements", ""]
        out += [f"- [{s.kind}/{s.category or '—'}] {s.text}" for s in record.statements] + [""]
    if record.warnings:
        out += ["## Warnings", ""] + [f"- {w}" for w in record.warnings] + [""]
    return "\n".join(out)
