"""A record read back from its JSON is the same record."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import parse
from pipeline.record import Record, load

EXAMPLES = sorted(p for p in (Path(__file__).resolve().parent.parent / "examples").iterdir() if "yunxi" in p.name)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_load_gives_back_the_same_record(path: Path) -> None:
    record = parse(path)
    again = load(record.to_bytes())
    assert isinstance(again, Record) and again == record
    assert load(record.to_dict()).to_bytes() == record.to_bytes()
    assert again.statements and again.statements[0].kind == record.statements[0].kind
