"""The store's compact encoding of a record: exact, smaller, derived from the record's schema.

A stored object is ``MAGIC`` + zlib(JSON), where the JSON is the record with

- the ``text`` of every list item (paragraphs, figures, statements, ... as
  :func:`pipeline.record.item_lists` names them) left empty whenever it equals
  ``record["text"][start:end]``; ``"~sliced"`` lists which items to restore;
- ``checks`` stored once per check as ``[id, status, message, evidence]``
  (:mod:`.compact_checks`): an evidence item that is one of the record's own
  table cells (its value in ``tables``, its span in ``table_spans``) is the
  cell's position in ``table_spans``, and the message is a template of the
  record's ``"~templates"`` with its numbers, when that gives it back exactly.

:func:`decode` gives back the record's canonical bytes exactly
(``decode(encode(b)) == b`` for every ``Record.to_bytes()``), so the encoding is
invisible to everything above the store.  Objects of the earlier encoding
(``MAGIC_V1``: texts sliced, checks as they are) and plain JSON objects (stores
of layout 1) decode as they are; an object of a newer encoding is refused with
a message saying so.  zlib rather than zstd: as small on records of this size,
and the workers need not import pyarrow (about 40 MB each).
"""

from __future__ import annotations

import json
import zlib
from typing import Any

import orjson

from ..record import dumps, item_lists
from .compact_checks import CHECKS, pack_checks, unpack_checks

MAGIC = b"XXGK2\n"
MAGIC_V1 = b"XXGK1\n"  # store layout 2: texts sliced, checks as they are
SLICED = "~sliced"
LEVEL = 4  # against 6: 0.35 ms a record instead of 0.60, 4% more bytes (benchmarks/RESULTS.md)
_TEXT_LISTS = tuple(
    name for name, cls in item_lists().items() if {"text", "start", "end"} <= set(cls.__dataclass_fields__)
)


def loads(data: bytes) -> Any:
    """JSON bytes as Python values; integers beyond 64 bits (which orjson refuses) through ``json``."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


def _slice_texts(record: dict[str, Any]) -> dict[str, list[int]]:
    """Empty the item texts that equal their span of the record's text; the positions emptied, by list."""
    text = record.get("text")
    if not isinstance(text, str):
        return {}
    sliced: dict[str, list[int]] = {}
    for name in _TEXT_LISTS:
        items = record.get(name)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            start, end, value = item.get("start"), item.get("end"), item.get("text")
            if type(start) is int and type(end) is int and value and 0 <= start <= end and text[start:end] == value:
                item["text"] = ""
                sliced.setdefault(name, []).append(i)
    return sliced


class NewerEncoding(ValueError):
    """A stored object written by a newer xxgk."""


def encode(payload: bytes) -> bytes:
    """The compact stored form of a record's canonical JSON bytes."""
    record = loads(payload)
    if isinstance(record, dict) and SLICED not in record and CHECKS not in record:
        sliced = _slice_texts(record)
        record = pack_checks(record)  # before the record's keys move: ``~sliced`` goes last
        if sliced:
            record[SLICED] = sliced
        payload = dumps(record)
    return MAGIC + zlib.compress(payload, LEVEL)


def decode_value(data: bytes) -> Any:
    """The record (as Python values) of a stored object, compact (either encoding) or plain JSON."""
    if data.startswith(MAGIC):
        record = unpack_checks(loads(zlib.decompress(data[len(MAGIC) :])))
    elif data.startswith(MAGIC_V1):
        record = loads(zlib.decompress(data[len(MAGIC_V1) :]))
    elif data.startswith(b"XXGK"):
        raise NewerEncoding(f"a stored record of encoding {data[:6]!r}, written by a newer xxgk: use a newer xxgk")
    else:
        return loads(data)
    sliced = record.pop(SLICED, None) if isinstance(record, dict) else None
    if sliced:
        text = record["text"]
        for name, positions in sliced.items():
            items = record[name]
            for i in positions:
                items[i]["text"] = text[items[i]["start"] : items[i]["end"]]
    return record


def decode(data: bytes) -> bytes:
    """The record's canonical JSON bytes from a stored object (compact or plain)."""
    if not data.startswith(b"XXGK"):
        return data
    return dumps(decode_value(data))
