"""Shared fixtures.

Real reports live outside the repo in ``../shared`` (or ``$XXGK_SHARED``);
tests that need them skip with a clear reason when that folder is absent.
Their text is read at run time and never copied into the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared"))


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real reports not available: {path} is absent (set XXGK_SHARED to point at shared/)")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _need(SHARED)


@pytest.fixture(scope="session")
def seed_paths(shared_dir: Path) -> list[Path]:
    paths = sorted(_need(shared_dir / "seeds").glob("*.txt"))
    assert paths, "shared/seeds holds no .txt files"
    return paths


@pytest.fixture(scope="session")
def pingtan_paths(shared_dir: Path) -> list[Path]:
    paths = sorted(_need(shared_dir / "corpus" / "pingtan").glob("*.txt"))
    assert paths, "shared/corpus/pingtan holds no .txt files"
    return paths


@pytest.fixture(scope="session")
def huaian_pdf(shared_dir: Path) -> Path:
    return _need(shared_dir / "corpus" / "pdf" / "huaian_city_2024.pdf")
