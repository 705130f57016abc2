"""The record: one structured, validated result per report.

Field names follow ``SPEC.md`` exactly.  Every number keeps its source span:
figures and statements carry ``start``/``end`` offsets into
``Record.text`` (the normalised text), table cells have theirs in
``Record.table_spans`` keyed ``"<table>.<row>.<col>"`` or ``"<table>.<key>"``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = "1.1"  # 1.1: statements gained cue, kind_score, category_score

Number = int | float | None


def table_value(tables: dict[str, Any] | None, key: str) -> int | float | None:
    """The number at ``"requests.new_received.total"`` or ``"appeals.review_total"``; None if absent or null."""
    node: Any = tables
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, (int, float)) and not isinstance(node, bool) else None


@dataclass
class Source:
    path: str
    sha256: str
    format: str
    pages: int | None
    chars: int
    encoding: str | None


@dataclass
class Region:
    province: str | None = None
    city: str | None = None
    county: str | None = None


@dataclass
class Meta:
    title: str | None = None
    agency: str | None = None
    agency_kind: str | None = None  # government|office|department|township|street|other
    admin_level: str | None = None  # province|city|county|township
    region: Region = field(default_factory=Region)
    year: int | None = None
    format_version: str = "unknown"  # 2021|2019|legacy|unknown


@dataclass
class Section:
    number: int  # 1..6
    title: str
    start: int
    end: int


@dataclass
class Paragraph:
    id: str
    section: int | None
    text: str
    start: int
    end: int
    page: int | None = None
    label: str | None = None
    scores: dict[str, float] = field(default_factory=dict)


@dataclass
class Figure:
    id: str
    value: float | int
    unit: str | None
    metric: str
    approx: bool
    text: str
    start: int
    end: int
    paragraph_id: str | None = None


@dataclass
class Statement:
    id: str
    kind: str  # problem|rectification|plan
    text: str
    category: str | None
    paragraph_id: str | None
    start: int
    end: int
    cue: str = ""  # the lead-in or heading in force ("存在的主要问题", "下一步…将抓好以下工作")
    kind_score: float | None = None  # confidence of the kind (rule or model), 0..1
    category_score: float | None = None  # confidence of the category (problems and plans)


@dataclass
class Span:
    start: int
    end: int
    page: int | None = None


@dataclass
class Evidence:
    ref: str  # e.g. "requests.new_received.total" or "text"
    value: Number | str
    start: int | None = None
    end: int | None = None


@dataclass
class Check:
    id: str
    status: str  # pass|fail|unknown
    message: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Record:
    source: Source
    meta: Meta
    text: str = ""
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: dict[str, Any] = field(default_factory=dict)
    table_spans: dict[str, Span] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    summary: str = ""
    warnings: list[str] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    @property
    def checks_failed(self) -> list[Check]:
        return [c for c in self.checks if c.status == "fail"]

    def to_dict(self, include_text: bool = True) -> dict[str, Any]:
        d = asdict(self)
        d = {"schema_version": d.pop("schema_version"), **d}
        if not include_text:
            d.pop("text")
        return d

    def to_json(self, indent: int | None = 2, include_text: bool = True) -> str:
        return json.dumps(self.to_dict(include_text), ensure_ascii=False, indent=indent)
