"""Corpus runs: many files in, one content-addressed store of records out.

``inputs`` expands what the user typed into files, ``store`` keeps one JSON
file per report keyed by the sha256 of its bytes (atomic writes, resume),
``worker`` runs ``pipeline.parse`` in a sandboxed child process with a time
and memory limit, ``engines`` drive workers locally or on Dask, ``tables``
rebuilds the Parquet tables and JSONL from the store, ``runner`` ties them
together for ``xxgk run``.
"""
