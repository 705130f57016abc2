"""Corpus runs: many files in, one content-addressed store of records out.

``inputs`` expands what the user typed into files, ``store`` keeps one JSON
file per report keyed by the sha256 of its bytes (atomic writes, resume),
``worker`` runs the parser named by :class:`pipeline.options.Options` in a
sandboxed child process with a time and memory limit, ``engines`` drive
workers locally or on Dask, ``flatten`` turns a record into table rows (pure,
columns derived from :mod:`pipeline.record`), ``tables`` writes those rows as
Parquet and ``records.jsonl`` (:func:`.tables.build_tables`), ``runner`` ties
them together for ``xxgk run``.
"""
