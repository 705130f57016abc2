"""The three standard tables (二 disclosure, 三 requests, 四 appeals).

Each table is read from the real grids a reader found inside its section
(HTML, Word, PDF), or else from the section's text in whatever flattened form
it arrived (tab-separated, one cell per line with "|", Markdown, PDF text
lines, run-together digits).  A cell is int, float or None (blank, "/", "—",
"无"); 0 is only a printed zero.  Every value's source span lands in
``record.table_spans`` ("requests.<row>.<col>", "disclosure.<key>",
"appeals.<key>").  Which rows and keys a table has depends on the report's
table form (:mod:`.forms`); legacy (pre-2019) reports get None for all three
and, when their text states request or appeal counts, a ``legacy`` table
(keys :data:`.forms.LEGACY_KEYS`, read by :mod:`.legacy`).

Keys follow SPEC.md.  The 2019-format disclosure table has other columns;
they go into the same flat dict under their own keys:

- 规章 / 规范性文件 (本年新制作数量, 本年新公开数量, 对外公开总数量):
  ``rules_new, rules_published, rules_total``,
  ``normative_new, normative_published, normative_total``
- 行政许可 / 其他对外管理服务事项 / 行政处罚 / 行政强制 (上一年项目数量,
  本年增/减, 处理决定数量): ``licensing_items_prev, licensing_items_change,
  licensing_decisions``, ``other_services_items_prev, …_change, …_decisions``,
  ``penalty_items_prev, …``, ``coercion_items_prev, …``
- 行政事业性收费 (上一年项目数量, 本年增/减): ``fees_items_prev, fees_items_change``
- 政府集中采购 (采购项目数量, 采购总金额): ``procurement_items, procurement_total``

Run-together digits are split only where arithmetic makes the reading unique
(:mod:`.split`); otherwise the cells stay None with a warning naming the row.
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..record import CellSpan, Record
from .cells import Token
from .extract import Cells, extract_appeals, extract_disclosure, extract_requests
from .forms import LEGACY, TABLE_NAMES, TABLE_SECTIONS, TableForm, form_of
from .layout import grid_rows, text_rows
from .legacy import extract_legacy


def region_rows(doc: Document, start: int, end: int) -> list[list[Token]]:
    """Rows of the tables between two offsets: real grids first, else text."""
    grids = [g for g in doc.grids if start <= g.start < end]
    if grids:
        return [row for g in grids for row in grid_rows(g)]
    return text_rows(doc.text[start:end], start)


def _section_span(record: Record, number: int) -> tuple[int, int] | None:
    for s in record.sections:
        if s.number == number:
            return s.start, s.end
    return None


def _record_spans(doc: Document, record: Record, table: str, cells: Cells) -> None:
    for key, (start, end) in cells.spans.items():
        record.table_spans[f"{table}.{key}"] = CellSpan(start, end, doc.page_at(start))
    record.warnings.extend(cells.warnings)


def _read(doc: Document, form: TableForm, name: str, start: int, end: int) -> tuple[dict | None, Cells]:
    rows = region_rows(doc, start, end)
    if name == "requests":
        return extract_requests(rows)
    if name == "appeals":
        return extract_appeals(rows)
    return extract_disclosure(rows, form.disclosure)


def _titled_span(form: TableForm, name: str, doc: Document, record: Record) -> tuple[int, int] | None:
    """The table's section under the title its form prints (the 2019 appeals title), up to the next section."""
    start = form.title_at(name, doc.text)
    if start is None:
        return None
    end = min((s.start for s in record.sections if s.start > start), default=len(doc.text))
    return start, end


def _fallback(name: str, doc: Document, record: Record) -> tuple[int, int]:
    """Where to look when the table's section heading was not found.

    Requests labels are specific enough for the whole text; disclosure is
    looked for before the requests table and appeals after it.
    """
    spans = [s for k, s in record.table_spans.items() if k.startswith("requests.")]
    if name == "disclosure":
        return 0, min((s.start for s in spans), default=len(doc.text))
    if name == "appeals":
        return max((s.end for s in spans), default=0), len(doc.text)
    return 0, len(doc.text)


def _read_legacy(doc: Document, record: Record) -> None:
    """A legacy report's stated counts into ``record.tables["legacy"]`` (absent when none is stated)."""
    table, cells = extract_legacy(doc.text)
    if table is not None:
        record.tables["legacy"] = table
        _record_spans(doc, record, "legacy", cells)
    else:
        record.warnings.extend(cells.warnings)


def read_tables(doc: Document, record: Record) -> None:
    """Fill ``record.tables`` (and spans, warnings) in the report's table form."""
    record.tables = dict.fromkeys(TABLE_NAMES)
    form = form_of(record)
    if form is LEGACY:
        _read_legacy(doc, record)
    if not form.has_tables:
        return
    for name in ("requests", "disclosure", "appeals"):  # requests first: the others fall back around it
        number = TABLE_SECTIONS[name]
        span = _section_span(record, number) or _titled_span(form, name, doc, record)
        if span is None:
            span = _fallback(name, doc, record)
            record.warnings.append(f"table {name}: section {number} not found; searched offsets {span[0]}-{span[1]}")
        table, cells = _read(doc, form, name, *span)
        if table is None:
            record.warnings.append(f"table {name}: not found")
            continue
        record.tables[name] = table
        _record_spans(doc, record, name, cells)
    record.warnings.extend(negative_cells(record.tables))


def negative_cells(tables: dict[str, Any], prefix: str = "") -> list[str]:
    """Warnings for printed negative counts (kept as printed, checks decide); 本年增/减 columns may be negative."""
    out = []
    for key, value in tables.items():
        if isinstance(value, dict):
            out += negative_cells(value, f"{prefix}{key}.")
        elif (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and value < 0
            and not key.endswith("_change")
        ):
            out.append(f"table cell {prefix}{key}: negative value {value} printed; a count cannot be negative")
    return out
