"""The analysis notebook runs on a corpus run over the bundled examples (and ../shared) and draws its figures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_corpus_synth import make_corpus

from pipeline.corpus.runner import run_corpus

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "corpus_analysis.ipynb"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared"))


def example_inputs(tmp_path: Path) -> list[str]:
    """Bundled fixture reports, ../shared seeds and pingtan when present, and a few synthetic reports."""
    inputs = [
        str(p) for p in (FIXTURES, SHARED / "seeds", SHARED / "corpus" / "pingtan") if p.is_dir() and any(p.iterdir())
    ]
    return inputs + [str(p) for p in make_corpus(tmp_path / "synthetic", n=5)]


@pytest.mark.slow
def test_notebook_executes_on_a_run_and_draws_figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "run"
    summary = run_corpus(example_inputs(tmp_path), out, workers=2, progress=False)
    assert summary.reports > 0
    from click.testing import CliRunner

    from pipeline.cli import main

    assert CliRunner().invoke(main, ["pairs", str(out)]).exit_code == 0
    monkeypatch.setenv("XXGK_RUN_DIR", str(out))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    figures = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(figures) == 4  # problems, requests, checks, year over year
    tables = [o for o in outputs if "text/html" in o.get("data", {})]
    assert any(f"{summary.reports}" in o["data"]["text/plain"] for o in tables[:1])
