"""The printed forms of the three tables, one object each: 2021, 2019, legacy.

A :class:`TableForm` owns what differs between forms: how to recognise it
in a report (its cue words, then the reporting year), its table keys and
printed row labels, which check rows apply and whether the six-section
structure applies.  The meta stage decides the form once
(:func:`detect_form`) and stores its name in ``meta.format_version``;
every later stage gets the same object back with :func:`form_of`.

What every form shares (table names, request columns, appeal keys, display
labels) is here as module constants, so there is one place for each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..record import Record
from .labels import (
    APPEAL_GROUP_LABELS,
    APPEAL_GROUPS,
    APPEAL_KEYS,
    APPEAL_OUTCOMES,
    BALANCE_ROWS,
    COLUMN_LABELS,
    DISCLOSURE_2019,
    DISCLOSURE_2021,
    OUTCOME_GROUPS,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    REQUEST_ROWS_2019,
)

__all__ = [
    "APPEAL_GROUPS",
    "APPEAL_GROUP_LABELS",
    "APPEAL_KEYS",
    "APPEAL_OUTCOMES",
    "BALANCE_ROWS",
    "COLUMN_LABELS",
    "FORMS",
    "FORM_2019",
    "FORM_2021",
    "LEGACY",
    "LEGACY_KEYS",
    "OUTCOME_GROUPS",
    "REQUEST_COLUMNS",
    "REQUEST_VARIANTS",
    "RowVariant",
    "TABLE_HEADER_WORDS",
    "TABLE_NAMES",
    "TABLE_SECTIONS",
    "TABLE_TITLES",
    "TableForm",
    "UNKNOWN",
    "detect_form",
    "form_of",
    "outcome_rows",
    "table_key",
]

# Table name -> the section (二/三/四) that holds it; the record keeps this order.
TABLE_SECTIONS = {"disclosure": 2, "requests": 3, "appeals": 4}
TABLE_NAMES = tuple(TABLE_SECTIONS)
# Headings for people (``xxgk parse --format md``).
TABLE_TITLES = {
    "disclosure": "Disclosure (table 二)",
    "requests": "Requests (table 三)",
    "appeals": "Appeals (table 四)",
}

# Words printed in the tables' headers: a narrative piece holding one is table text (figures).
TABLE_HEADER_WORDS = re.compile(
    r"第二十条第|信息内容|本年制发件数|申请人情况|本列数据|本年新收政府信息公开申请数量|结果维持|尚未审结|行政事业性收费"
)
# Wording printed in the requests table of both table forms.
_REQUESTS_CUE = re.compile(r"本年新收政府信息公开申请数量")


@dataclass(frozen=True)
class TableForm:
    """One printed form of the tables: detection cue, keys, labels, check rows."""

    name: str  # the value of meta.format_version
    first_year: int  # first reporting year printed in this form
    cue: re.Pattern[str] | None  # table wording printed only in this form
    disclosure: tuple[tuple[str, tuple[str, ...]], ...]  # (row label pattern, keys of its value cells)
    request_rows: tuple[tuple[str, str], ...]  # (row key, label pattern), in table order
    six_sections: bool = True  # the 一 … 六 section structure applies
    titles: tuple[tuple[str, str], ...] = ()  # (table name, pattern of its section title as this form prints it)

    @property
    def has_tables(self) -> bool:
        """False for reports printed before the standard tables existed."""
        return bool(self.request_rows)

    @property
    def disclosure_keys(self) -> tuple[str, ...]:
        return tuple(k for _, keys in self.disclosure for k in keys)

    @property
    def request_keys(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.request_rows)

    @property
    def outcome_rows(self) -> tuple[str, ...]:
        """Requests rows whose sum is total_processed (the requests.outcomes check)."""
        return tuple(outcome_rows(self.request_keys))

    def title_at(self, name: str, text: str) -> int | None:
        """Offset of table ``name``'s section title as this form prints it, if printed in ``text``."""
        for table, pattern in self.titles:
            m = re.search(pattern, text) if table == name else None
            if m:
                return m.start()
        return None

    def printed_in(self, text: str) -> bool:
        """True when ``text`` holds wording only this form's tables print."""
        return self.cue is not None and self.cue.search(text) is not None


def _rows(spec: list[tuple[str, list[str]]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((pattern, tuple(keys)) for pattern, keys in spec)


FORM_2021 = TableForm(
    name="2021",
    first_year=2021,
    cue=re.compile(r"本年制发件数|本年处理决定数量|本年收费金额"),
    disclosure=_rows(DISCLOSURE_2021),
    request_rows=tuple(REQUEST_ROWS),
)
FORM_2019 = TableForm(
    name="2019",
    first_year=2019,
    cue=re.compile(r"本年新制作数量|上一年项目数量|本年增/?减|采购项目数量"),
    disclosure=_rows(DISCLOSURE_2019),
    request_rows=tuple(REQUEST_ROWS_2019),
    titles=(("appeals", r"(?m)^[^\n]{0,6}因政府信息公开(?:工作)?被申请行政复议[、和及]*提起行政诉讼(?:的)?情况"),),
)
LEGACY = TableForm(name="legacy", first_year=0, cue=None, disclosure=(), request_rows=(), six_sections=False)
# Neither cue words nor a year: the tables are read with the SPEC (2021) keys.
UNKNOWN = TableForm(
    name="unknown", first_year=0, cue=None, disclosure=FORM_2021.disclosure, request_rows=FORM_2021.request_rows
)

# The legacy table (pre-2019 reports, no standard tables): counts stated in the text or in
# a statistics table run into it (:mod:`.legacy`).  Key -> what it counts.
LEGACY_KEYS: dict[str, str] = {
    "requests_received": "applications received (收到/受理…申请; 未收到 = 0)",
    "requests_answered": "applications answered (答复/办结)",
    "granted": "answered: disclosed (同意公开/予以公开)",
    "partially_granted": "answered: partly disclosed (部分公开)",
    "denied": "answered: not disclosed (不予公开)",
    "unavailable": "answered: information not held or not this agency's (信息不存在/非本机关掌握)",
    "review_total": "administrative reviews about disclosure (行政复议; 未发生 = 0)",
    "suit_total": "lawsuits about disclosure (行政诉讼; 未发生 = 0)",
}

# Newest first: detection tries the cues, then the years, in this order.
FORMS: dict[str, TableForm] = {f.name: f for f in (FORM_2021, FORM_2019, LEGACY)}


def detect_form(text: str, year: int | None) -> TableForm:
    """The form of a report: its tables' cue words first, then its reporting year."""
    for form in FORMS.values():
        if form.printed_in(text):
            return form
    has_requests = _REQUESTS_CUE.search(text) is not None
    if year is None:
        return FORM_2021 if has_requests else UNKNOWN
    if has_requests:
        year = max(year, FORM_2019.first_year)  # a requests table: at least the 2019 form
    return next(f for f in FORMS.values() if f.first_year <= year)


@dataclass(frozen=True)
class RowVariant:
    """Requests rows an older form prints where the 2021 form prints others.

    Real reports mix forms (a 2023 report with the 2019 form's single
    "other" row), so the requests reader tries every variant in any report.
    """

    replaces: tuple[str, ...]  # the 2021 form's row keys it stands for
    rows: tuple[tuple[str, str], ...]  # (row key, label pattern) printed instead


def _variant(form: TableForm, base: TableForm) -> RowVariant | None:
    """The block of request rows ``form`` prints where ``base`` prints others; None if it prints none of its own."""
    a, b = base.request_rows, form.request_rows
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    if head == len(b) - tail:
        return None  # no rows of its own: read with the base rows, the ones it drops stay null
    return RowVariant(tuple(k for k, _ in a[head : len(a) - tail]), b[head : len(b) - tail])


# The requests reader walks the 2021 form's rows and tries these variants where they apply.
REQUEST_VARIANTS: tuple[RowVariant, ...] = tuple(
    v for f in FORMS.values() if f.has_tables and f is not FORM_2021 and (v := _variant(f, FORM_2021)) is not None
)


def form_of(record: Record) -> TableForm:
    """The form the meta stage decided; decided from the text when meta did not run."""
    form = FORMS.get(record.meta.format_version)
    return form if form is not None else detect_form(record.text, record.meta.year)


def outcome_rows(rows: list[str] | tuple[str, ...]) -> list[str]:
    """The rows of a requests table that count outcomes: all but the balance rows."""
    return [r for r in rows if r not in BALANCE_ROWS]


_ALL_REQUEST_ROWS = {name for f in FORMS.values() for name in f.request_keys}
_ALL_DISCLOSURE_KEYS = {k for f in FORMS.values() for k in f.disclosure_keys}


def table_key(table: str, row: str, col: str | None = None) -> str:
    """The dotted key of one cell ("requests.new_received.total"); KeyError if no form has it."""
    known = {
        "requests": row in _ALL_REQUEST_ROWS and col in REQUEST_COLUMNS,
        "appeals": row in APPEAL_KEYS and col is None,
        "disclosure": row in _ALL_DISCLOSURE_KEYS and col is None,
    }
    if not known.get(table):
        raise KeyError(f"no table form has the cell {table}.{row}.{col}")
    return f"{table}.{row}" + (f".{col}" if col else "")
