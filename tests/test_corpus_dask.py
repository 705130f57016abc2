"""The same job on a real Dask cluster gives the same output as the local engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_corpus_run import snapshot
from test_corpus_synth import make_corpus

from pipeline.corpus.runner import run_corpus

distributed = pytest.importorskip("distributed")


@pytest.mark.slow
def test_dask_engine_on_local_cluster_matches_local_engine(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", n=6)
    local = run_corpus([str(tmp_path / "in")], tmp_path / "local", workers=2, progress=False)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        summary = run_corpus(
            [str(tmp_path / "in")],
            tmp_path / "dask",
            engine="dask",
            scheduler=cluster.scheduler_address,
            progress=False,
        )
    assert summary.engine == "dask" and summary.workers == 2
    assert (summary.processed, summary.failed) == (local.processed, local.failed)
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")
