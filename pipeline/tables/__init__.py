"""The three standard tables (二 disclosure, 三 requests, 四 appeals).

Each table is read from the real grids a reader found inside its section
(HTML, Word, PDF), or else from the section's text in whatever flattened form
it arrived (tab-separated, one cell per line with "|", Markdown, PDF text
lines, run-together digits).  A cell is int, float or None (blank, "/", "—",
"无"); 0 is only a printed zero.  Every value's source span lands in
``record.table_spans`` ("requests.<row>.<col>", "disclosure.<key>",
"appeals.<key>").  Legacy (pre-2019) reports get None for all three.

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

import re

from ..document import Document
from ..record import Record, Span
from ..stages import stage
from .cells import Token
from .extract import Cells, extract_appeals, extract_disclosure, extract_requests
from .labels import DISCLOSURE_2019, DISCLOSURE_2021
from .layout import grid_rows, text_rows

_2019_DISCLOSURE = re.compile(r"本年新制作数量|上一年项目数量|本年增/?减|采购项目数量")


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
        record.table_spans[f"{table}.{key}"] = Span(start, end, doc.page_at(start))
    record.warnings.extend(cells.warnings)


def read_tables(doc: Document, record: Record) -> None:
    record.tables = {"disclosure": None, "requests": None, "appeals": None}
    if record.meta.format_version == "legacy":
        return
    for number, name in ((2, "disclosure"), (3, "requests"), (4, "appeals")):
        span = _section_span(record, number)
        if span is None:
            record.warnings.append(f"table {name}: section {number} not found")
            continue
        rows = region_rows(doc, *span)
        if name == "requests":
            table, cells, _fmt = extract_requests(rows)
        elif name == "appeals":
            table, cells = extract_appeals(rows)
        else:
            region = doc.text[span[0] : span[1]]
            spec = DISCLOSURE_2019 if _2019_DISCLOSURE.search(region) else DISCLOSURE_2021
            table, cells = extract_disclosure(rows, spec)
        if table is None:
            record.warnings.append(f"table {name}: not found in section {number}")
            continue
        record.tables[name] = table
        _record_spans(doc, record, name, cells)


@stage("tables")
def tables_stage(doc: Document, record: Record) -> None:
    read_tables(doc, record)
