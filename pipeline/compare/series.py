"""Reports of many agencies and years: one report per text, consecutive pairs, a panel.

A corpus holds the same report more than once (a PDF and its DOCX); two files
are one report when their :func:`content_key` is equal: the narrative
paragraphs without spaces plus the tables, so the format and its layout
(headers, page furniture, table rendering) do not count.  Pairs are found by
``meta.agency_key`` and year (last year → this year), so a report is only ever
compared with its own agency's previous year.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..record import Record, Statement, dumps, table_value
from ..tables.labels import APPEAL_GROUPS, REQUEST_ROWS
from . import Comparison
from .similar import Match

FORMAT_PREFERENCE = ("docx", "html", "doc", "md", "txt", "pdf")  # which copy stands for a report


def content_key(record: Record) -> str:
    """Same for two files that carry the same report in any format."""
    narrative = "".join("".join(p.text.split()) for p in record.paragraphs)
    tables = dumps(record.tables, sort_keys=True)
    return hashlib.sha256(narrative.encode("utf-8") + b"\0" + tables).hexdigest()


@dataclass(frozen=True)
class ReportRef:
    """What pairing needs to know of one stored report."""

    key: str
    path: str
    format: str
    agency_key: str | None
    year: int | None
    content: str

    @classmethod
    def of(cls, key: str, record: Record) -> ReportRef:
        return cls(key, record.source.path, record.source.format, record.meta.agency_key, record.meta.year,
                   content_key(record))  # fmt: skip


def _rank(ref: ReportRef) -> tuple[int, str]:
    order = FORMAT_PREFERENCE.index(ref.format) if ref.format in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)
    return order, ref.path


def distinct(refs: Iterable[ReportRef]) -> tuple[list[ReportRef], list[tuple[ReportRef, ReportRef]]]:
    """One report per content (by format preference, then path) and the (kept, duplicate) pairs."""
    groups: dict[str, list[ReportRef]] = defaultdict(list)
    for ref in refs:
        groups[ref.content].append(ref)
    kept, dropped = [], []
    for same in groups.values():
        first, *rest = sorted(same, key=_rank)
        kept.append(first)
        dropped += [(first, r) for r in rest]
    return sorted(kept, key=lambda r: r.key), dropped


def consecutive_pairs(refs: Iterable[ReportRef]) -> list[tuple[ReportRef, ReportRef]]:
    """(last year, this year) for every agency with reports of two consecutive years.

    Reports are indexed by agency key, so the cost grows with the corpus, not
    with its square.  Two distinct reports of one agency and year (a report
    and its correction) pair with the neighbours of both.
    """
    by_agency: dict[str, dict[int, list[ReportRef]]] = defaultdict(lambda: defaultdict(list))
    for ref in refs:
        if ref.agency_key and ref.year:
            by_agency[ref.agency_key][ref.year].append(ref)
    pairs = []
    for years in by_agency.values():
        for year in sorted(years):
            for old in years.get(year - 1, []):
                pairs += [(old, new) for new in years[year]]
    return pairs


def _attr(statement: Statement | None, name: str) -> object:
    return getattr(statement, name) if statement is not None else None


def _summary_row(pair_id: str, c: Comparison) -> dict[str, object]:
    carry = {ch.id.removeprefix("carry."): ch.status for ch in c.carry_over}
    chars = sum(r.chars for r in c.reuse)
    reused = sum(r.reused for r in c.reuse)
    return {
        "pair_id": pair_id,
        "agency_key": c.new.meta.agency_key,
        "old_path": c.old.source.path,
        "new_path": c.new.source.path,
        "old_year": c.old.meta.year,
        "new_year": c.new.meta.year,
        **{f"carry_{name}": status for name, status in carry.items()},
        "reuse_share": round(reused / chars, 3) if chars else None,
        "section5_reuse_share": next((r.share for r in c.reuse if r.section == 5), None),
        "repeated_statements": len(c.repeated_statements),
        "plans": len(c.plans_followed),
        "plans_followed": sum(m.how == "followed" for m in c.plans_followed),
    }


def _repeat_row(pair_id: str, m: Match) -> dict[str, object]:
    return {"pair_id": pair_id, "match": m.how, "score": round(m.score, 3), "kind": _attr(m.new, "kind"),
            "category": _attr(m.new, "category"), "old_statement": _attr(m.old, "id"),
            "new_statement": _attr(m.new, "id"), "old_text": _attr(m.old, "text"), "new_text": _attr(m.new, "text")}  # fmt: skip


def _followup_row(pair_id: str, m: Match) -> dict[str, object]:
    return {"pair_id": pair_id, "plan": _attr(m.old, "id"), "category": _attr(m.old, "category"),
            "followed": m.how == "followed", "score": round(m.score, 3), "plan_text": _attr(m.old, "text"),
            "rectification": _attr(m.new, "id"), "rectification_text": _attr(m.new, "text")}  # fmt: skip


def pair_rows(pair_id: str, c: Comparison) -> dict[str, list[dict[str, object]]]:
    """The comparison as rows of the corpus tables ``pairs``, ``reuse``, ``repeated_statements``, ``plan_followup``."""
    reuse = [
        {"pair_id": pair_id, "section": r.section, "chars": r.chars, "reused_chars": r.reused, "share": r.share}
        for r in c.reuse
    ]
    return {
        "pairs": [_summary_row(pair_id, c)],
        "reuse": reuse,
        "repeated_statements": [_repeat_row(pair_id, m) for m in c.repeated_statements],
        "plan_followup": [_followup_row(pair_id, m) for m in c.plans_followed],
    }


def _cells(tables: dict[str, object], prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for name, value in tables.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            out.update(_cells(value, key + "."))
        else:
            out[key] = value
    return out


def _share(part: object, whole: object) -> float | None:
    if not isinstance(part, (int, float)) or not isinstance(whole, (int, float)) or not whole:
        return None
    return round(part / whole, 4)


def panel_row(record: Record) -> dict[str, object]:
    """One agency × year: every table cell plus derived rates.

    share_granted = granted / total processed; share_denied_<reason> =
    that denial row / total processed; appeal_correction_rate = corrected /
    total over administrative review and both kinds of suits.
    """
    tables = record.tables
    processed = table_value(tables, "requests.total_processed.total")
    row: dict[str, object] = {
        "agency_key": record.meta.agency_key,
        "agency": record.meta.agency,
        "year": record.meta.year,
        "path": record.source.path,
        "format_version": record.meta.format_version,
        "share_granted": _share(table_value(tables, "requests.granted.total"), processed),
    }
    for key, _ in REQUEST_ROWS:
        if key.startswith("denied_"):
            row[f"share_{key}"] = _share(table_value(tables, f"requests.{key}.total"), processed)
    corrected = [table_value(tables, f"appeals.{g}_corrected") for g in APPEAL_GROUPS]
    totals = [table_value(tables, f"appeals.{g}_total") for g in APPEAL_GROUPS]
    if all(v is not None for v in corrected + totals):
        row["appeal_correction_rate"] = _share(sum(corrected), sum(totals))  # type: ignore[arg-type]
    else:
        row["appeal_correction_rate"] = None
    row.update(_cells({k: v for k, v in tables.items() if isinstance(v, dict)}))
    return row
