"""One frozen Options object says how to parse; parse(path) keeps working without it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline import parse
from pipeline.errors import TooLarge
from pipeline.options import DEFAULT, Options

REPORT = Path(__file__).resolve().parent / "fixtures" / "yunxi_2023.txt"


def test_options_are_frozen_and_stages_become_a_tuple() -> None:
    options = Options(stages=["sections", "meta"])  # type: ignore[arg-type]
    assert options.stages == ("sections", "meta") and hash(options)
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.stages = None  # type: ignore[misc]


def test_parse_with_default_options_is_parse_without_them() -> None:
    assert parse(REPORT, options=DEFAULT).to_bytes() == parse(REPORT).to_bytes()


def test_stages_in_options_choose_what_runs() -> None:
    record = parse(REPORT, options=Options(stages=("sections", "meta")))
    assert record.sections and record.meta.year and not record.tables and not record.paragraphs
    assert parse(REPORT, ["sections"], options=Options(stages=("sections", "meta"))).meta.year is None  # names win


def test_max_bytes_refuses_a_larger_file() -> None:
    with pytest.raises(TooLarge):
        parse(REPORT, options=Options(max_bytes=100))
