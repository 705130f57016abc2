"""The store's compact encoding of a record: exact, smaller, derived from the record's schema.

A stored object is ``MAGIC`` + zlib(JSON), where the JSON is the record with the
``text`` of every list item (paragraphs, figures, statements, ... as
:func:`pipeline.record.item_lists` names them) left empty whenever it equals
``record["text"][start:end]``; ``"~sliced"`` lists which items to restore.
:func:`decode` gives back the record's canonical bytes exactly
(``decode(encode(b)) == b`` for every ``Record.to_bytes()``), so the encoding is
invisible to everything above the store.  Plain JSON objects (stores written
before layout 2) decode as they are.  zlib rather than zstd: as small on
records of this size, and the workers need not import pyarrow (about 40 MB each).
"""

from __future__ import annotations

import json
import zlib
from typing import Any

import orjson

from ..record import dumps, item_lists

MAGIC = b"XXGK1\n"
SLICED = "~sliced"
LEVEL = 6
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


def encode(payload: bytes) -> bytes:
    """The compact stored form of a record's canonical JSON bytes."""
    record = loads(payload)
    if isinstance(record, dict) and SLICED not in record:
        sliced = _slice_texts(record)
        if sliced:
            record[SLICED] = sliced
            payload = dumps(record)
    return MAGIC + zlib.compress(payload, LEVEL)


def decode_value(data: bytes) -> Any:
    """The record (as Python values) of a stored object, compact or plain JSON."""
    if not data.startswith(MAGIC):
        return loads(data)
    record = loads(zlib.decompress(data[len(MAGIC) :]))
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
    if not data.startswith(MAGIC):
        return data
    return dumps(decode_value(data))
