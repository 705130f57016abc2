"""A record's checks as the store keeps them: once per check, evidence by reference, messages as templates.

A check ``{"id", "status", "message", "evidence"}`` becomes ``[id, status,
message, evidence]`` under ``"~checks"`` (in the place of ``"checks"``):

- an evidence item ``{"ref", "value", "start", "end"}`` that is one of the
  record's table cells (``tables`` holds ``value`` at ``ref``, ``table_spans``
  the span ``start``-``end``) is the position of ``ref`` in ``table_spans``;
- the message is ``[template, name, *numbers]``: the index of a template in the
  record's ``"~templates"`` (the message with each number a ``\\x01``, the
  last part of the check id a ``\\x02`` and ``name`` a ``\\x03``; the twenty
  column checks of one table share one), ``name`` (the printed label of the
  row, column or group the check is about, "自然人", or "" if the message
  holds none) and the numbers as written.  The name travels with the message,
  so unpacking needs no label table.

Each piece is packed only when unpacking gives it back exactly; anything else
(a check with other fields, a message holding the marker characters) stays as
it is.  The packing depends on no message wording, so checks whose messages
change keep packing the same way.
"""

from __future__ import annotations

import re
from typing import Any

CHECKS = "~checks"
TEMPLATES = "~templates"
_KEYS = ["id", "status", "message", "evidence"]
_EVIDENCE_KEYS = ["ref", "value", "start", "end"]
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NUM, _LAST, _NAME = "\x01", "\x02", "\x03"


def pack_checks(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with its checks packed (a new dict, same key order), or as it is if they do not fit."""
    checks = record.get("checks")
    if not isinstance(checks, list) or not checks or not all(_is_check(c) for c in checks):
        return record
    cells = _Cells(record)
    templates: dict[str, int] = {}
    packed = [[c["id"], c["status"], _pack_message(c, templates), cells.pack(c["evidence"])] for c in checks]
    out = {(CHECKS if key == "checks" else key): (packed if key == "checks" else v) for key, v in record.items()}
    out[TEMPLATES] = list(templates)
    return out


def unpack_checks(record: Any) -> Any:
    """A record decoded from the store with its checks as :func:`pack_checks` found them."""
    if not isinstance(record, dict) or CHECKS not in record:
        return record
    templates = record.pop(TEMPLATES)
    cells = _Cells(record)
    checks = [
        {
            "id": cid,
            "status": status,
            "message": _unpack_message(cid, message, templates),
            "evidence": cells.unpack(evidence),
        }
        for cid, status, message, evidence in record[CHECKS]
    ]
    return {("checks" if key == CHECKS else key): (checks if key == CHECKS else v) for key, v in record.items()}


def _is_check(check: Any) -> bool:
    return (
        isinstance(check, dict)
        and list(check) == _KEYS
        and isinstance(check["id"], str)
        and isinstance(check["message"], str)
        and isinstance(check["evidence"], list)
    )


def _pack_message(check: dict[str, Any], templates: dict[str, int]) -> str | list[Any]:
    message, last = check["message"], check["id"].rsplit(".", 1)[-1]
    if any(m in message or m in last for m in (_NUM, _LAST, _NAME)):
        return message
    name = _name(message)
    numbers = _NUMBER.findall(message.replace(name, _NAME) if name else message)
    template = _NUMBER.sub(_NUM, message.replace(name, _NAME) if name else message)
    if last and not _NUMBER.search(last):
        template = template.replace(last, _LAST)
    if _fill(template, last, name, numbers) != message:
        return message
    return [templates.setdefault(template, len(templates)), name, *numbers]


def _name(message: str) -> str:
    """The label a message opens with ("自然人：…", "（三）不予公开 1.属于国家秘密：…"), or ""."""
    head, colon, _ = message.partition("：")
    return head if colon and 0 < len(head) <= 40 else ""


def _unpack_message(cid: str, message: str | list[Any], templates: list[str]) -> str:
    if isinstance(message, str):
        return message
    return _fill(templates[message[0]], cid.rsplit(".", 1)[-1], message[1], message[2:])


def _fill(template: str, last: str, name: str, numbers: list[str]) -> str:
    pieces = template.replace(_LAST, last).replace(_NAME, name).split(_NUM)
    if len(pieces) != len(numbers) + 1:
        return ""
    return "".join(p + n for p, n in zip(pieces, numbers)) + pieces[-1]


class _Cells:
    """The record's table cells that evidence may name: ``table_spans`` positions, values in ``tables``."""

    def __init__(self, record: dict[str, Any]) -> None:
        spans = record.get("table_spans")
        self.spans = spans if isinstance(spans, dict) else {}
        self.refs = list(self.spans)
        self.tables = record.get("tables") if isinstance(record.get("tables"), dict) else {}
        self.cells: dict[int, tuple[str, Any, Any, Any]] = {}  # position → (ref, value, start, end), as looked up
        self._position: dict[str, int] | None = None

    def _cell(self, position: int) -> tuple[str, Any, Any, Any]:
        """The cell at ``position`` (the same cells are evidence of several checks: each looked up once)."""
        cell = self.cells.get(position)
        if cell is None:
            ref = self.refs[position]
            span = self.spans[ref]
            start, end = (span.get("start"), span.get("end")) if isinstance(span, dict) else (_MISSING, _MISSING)
            cell = self.cells[position] = (ref, self._value(ref), start, end)
        return cell

    def _value(self, ref: str) -> Any:
        node: Any = self.tables
        for part in ref.split("."):
            if not isinstance(node, dict) or part not in node:
                return _MISSING
            node = node[part]
        return node

    def pack(self, evidence: list[Any]) -> list[Any]:
        """``evidence`` with each item that is one of the record's cells, as it is there, as its position."""
        if self._position is None:
            self._position = {ref: i for i, ref in enumerate(self.refs)}
        position_of, cells, cell = self._position, self.cells, self._cell
        out = []
        for item in evidence:
            if isinstance(item, dict) and list(item) == _EVIDENCE_KEYS:
                position = position_of.get(item["ref"])
                if position is not None:
                    _ref, value, start, end = cells.get(position) or cell(position)
                    given = item["value"]
                    if type(value) is type(given) and value == given and start == item["start"] and end == item["end"]:
                        item = position
            out.append(item)
        return out

    def unpack(self, evidence: list[Any]) -> list[Any]:
        """``evidence`` with each position a cell item again."""
        cells, cell = self.cells, self._cell
        out = []
        for item in evidence:
            if isinstance(item, int):
                ref, value, start, end = cells.get(item) or cell(item)
                item = {"ref": ref, "value": value, "start": start, "end": end}
            out.append(item)
        return out


_MISSING = object()
