"""The record: one structured, validated result per report.

Field names follow ``SPEC.md`` exactly.  Every number keeps its source span:
figures and statements carry ``start``/``end`` offsets into
``Record.text`` (the normalised text), table cells have theirs in
``Record.table_spans`` keyed ``"<table>.<row>.<col>"`` or ``"<table>.<key>"``.

The dataclasses below are the record's only definition: :func:`dumps` is its
one serializer (``Record.to_bytes``, used by ``xxgk parse``, the corpus store
and ``records.jsonl``), and :func:`columns` gives the column kinds from which
the corpus derives its Parquet schemas.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson

SCHEMA_VERSION = "1.2"  # 1.1: statements gained cue, kind_score, category_score; 1.2: meta.agency_key

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
class SourceFile:
    """The file a record was read from."""

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
    agency_key: str | None = None  # region + own name ("江苏省/淮安市/洪泽区:人民政府"): one agency across years
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
class CellSpan:
    """Where one table cell was read: offsets into ``Record.text`` and the page."""

    start: int
    end: int
    page: int | None = None


@dataclass
class OcrRead:
    """One line or table cell read by OCR from a page image: where, what and how sure.

    ``box`` is x0, top, x1, bottom in points on the page (y downwards); ``start``/``end``
    are the offsets of the reading in ``Record.text`` (-1 when it was dropped, as a
    page number is).
    """

    kind: str  # line|cell
    text: str
    page: int
    box: list[float]
    confidence: float
    start: int = -1
    end: int = -1


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
    source: SourceFile
    meta: Meta
    text: str = ""
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: dict[str, Any] = field(default_factory=dict)
    table_spans: dict[str, CellSpan] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    summary: str = ""
    warnings: list[str] = field(default_factory=list)
    ocr: list[OcrRead] = field(default_factory=list)  # only for scanned pages; left out of the JSON when empty
    schema_version: str = SCHEMA_VERSION

    @property
    def checks_failed(self) -> list[Check]:
        return [c for c in self.checks if c.status == "fail"]

    def to_bytes(self) -> bytes:
        """The record as canonical JSON bytes (compact, UTF-8, ``schema_version`` first): the one serializer."""
        fields = _field_values(self)
        if not fields["ocr"]:
            del fields["ocr"]  # a record of a file with a text layer stays as it was before OCR existed
        return dumps({"schema_version": fields.pop("schema_version"), **fields})

    def to_dict(self, include_text: bool = True) -> dict[str, Any]:
        """The record as plain JSON values: :meth:`to_bytes` read back."""
        d = orjson.loads(self.to_bytes())
        if not include_text:
            d.pop("text")
        return d

    def to_json(self, indent: int | None = 2, include_text: bool = True) -> str:
        """:meth:`to_dict` as text for people (indented; ``indent=None``: one line with spaces).

        Two-space indentation is written by orjson, whose output is the same text as
        ``json.dumps(..., indent=2)`` and many times faster on large records.
        """
        d = self.to_dict(include_text)
        if indent == 2:
            try:
                return orjson.dumps(d, option=orjson.OPT_INDENT_2).decode("utf-8")
            except TypeError:
                pass  # an integer beyond 64 bits: json below
        return json.dumps(d, ensure_ascii=False, indent=indent)


# -- the one serializer ---------------------------------------------------------


def dumps(value: Any, sort_keys: bool = False) -> bytes:
    """Canonical JSON bytes: compact, UTF-8, keys in insertion order (or sorted); dataclasses as their fields.

    orjson writes the same bytes as ``json.dumps(value, ensure_ascii=False,
    separators=(",", ":"))`` for what records hold, several times faster; a value
    it refuses (an integer beyond 64 bits, a non-string key) goes through ``json``.
    A string UTF-8 cannot encode (a file name in another encoding, whose bytes
    Python keeps as lone surrogates) is written with its bytes backslash-escaped.
    """
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS if sort_keys else 0)
    except TypeError:
        pass
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys, default=_field_values)
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return dumps(_utf8_safe(value), sort_keys)


def _utf8_safe(value: Any) -> Any:
    """``value`` with every string UTF-8 cannot encode written with backslash escapes (dataclasses become dicts)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            try:  # bytes os.fsdecode kept as surrogates: "r\xff.txt"
                return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            except UnicodeEncodeError:  # any other lone surrogate: "\ud800"
                return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {_utf8_safe(k): _utf8_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_utf8_safe(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _utf8_safe(_field_values(value))
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_values(obj: Any) -> dict[str, Any]:
    """A dataclass as the dict of its fields in definition order (``asdict`` without its deep copy)."""
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        if not dataclasses.is_dataclass(cls):
            raise TypeError(f"Object of type {cls.__name__} is not JSON serializable")
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return {name: getattr(obj, name) for name in names}


# -- the schema -------------------------------------------------------------------

Kind = Literal["str", "int", "float", "bool", "json"]  # json: anything else, stored as JSON text
_SCALAR_KINDS: dict[Any, Kind] = {str: "str", int: "int", float: "float", bool: "bool"}


def kind_of(hint: Any) -> Kind:
    """The column kind of a field's type: ``int | None`` is int, ``float | int`` float, a dict or list json."""
    args: tuple[Any, ...] = (hint,)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = tuple(a for a in typing.get_args(hint) if a is not type(None))
    if set(args) == {int, float}:
        return "float"
    return _SCALAR_KINDS.get(args[0], "json") if len(args) == 1 else "json"


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """The type of each field of a record dataclass, in definition order (resolved once per class)."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def columns(cls: type) -> list[tuple[str, Kind]]:
    """(name, kind) of every field of ``cls``; a nested dataclass (``Meta.region``) gives its fields by leaf name."""
    out: list[tuple[str, Kind]] = []
    for name, hint in _hints(cls).items():
        if dataclasses.is_dataclass(hint):
            out.extend(columns(hint))
        else:
            out.append((name, kind_of(hint)))
    return out


def item_lists() -> dict[str, type]:
    """The record's list-of-items fields (sections, paragraphs, ...) and the dataclass of their items."""
    out: dict[str, type] = {}
    for name, hint in _hints(Record).items():
        args = typing.get_args(hint)
        if typing.get_origin(hint) is list and dataclasses.is_dataclass(args[0]):
            out[name] = args[0]
    return out


def field_names() -> tuple[str, ...]:
    """Every field of the record, in definition order."""
    return tuple(f.name for f in dataclasses.fields(Record))


# -- reading a record back ------------------------------------------------------


def load(data: dict[str, Any] | bytes) -> Record:
    """A :class:`Record` from its JSON (bytes or the dict :meth:`Record.to_dict` gives)."""
    d = orjson.loads(data) if isinstance(data, bytes) else data
    return _build(Record, d)


def _build(cls: type, d: dict[str, Any]) -> Any:
    return cls(**{name: _value(hint, d[name]) for name, hint in _hints(cls).items() if name in d})


def _value(hint: Any, value: Any) -> Any:
    """``value`` rebuilt as ``hint`` says: dataclasses, lists and dicts of them; anything else as it is."""
    if value is None:
        return None
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return _build(hint, value)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list and args:
        return [_value(args[0], v) for v in value]
    if origin is dict and len(args) == 2:
        return {k: _value(args[1], v) for k, v in value.items()}
    if args:  # X | None
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            return _value(inner[0], value)
    return value
