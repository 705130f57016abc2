"""Per-file limits for one parse, from Python and from the command line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import parse
from pipeline.cli import main
from pipeline.errors import Timeout, TooLarge
from pipeline.limits import limits

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "yunxi_2023.txt"


def test_a_block_over_its_time_limit_is_a_timeout() -> None:
    with pytest.raises(Timeout, match="time limit of 0.2 s"), limits("slow.txt", timeout=0.2):
        time.sleep(5)


def test_a_block_over_its_memory_limit_is_too_large() -> None:
    with pytest.raises(TooLarge, match="memory limit"), limits("big.txt", max_memory_mb=16384):
        bytearray(32 * 1024**3)


def test_limits_are_lifted_afterwards_and_a_normal_parse_passes() -> None:
    with limits(str(EXAMPLE), timeout=60, max_memory_mb=16384):
        record = parse(EXAMPLE)
    assert record.tables["requests"] is not None
    bytearray(64 * 1024**2)  # no limit any more
    time.sleep(0.01)


@pytest.mark.parametrize("bad", [0, -1, float("nan")])
def test_limits_must_be_positive(bad: float) -> None:
    with pytest.raises(ValueError), limits("x", timeout=bad):
        pass


def test_the_cli_takes_the_limits() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["parse", str(EXAMPLE), "--timeout", "-1"]).exit_code == 2
    ok = runner.invoke(main, ["parse", str(EXAMPLE), "--timeout", "60", "--max-memory", "16384", "--no-text"])
    assert ok.exit_code in (0, 1), ok.output
