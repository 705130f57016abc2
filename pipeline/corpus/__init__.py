"""Corpus runs: many files in, one content-addressed store of records out.

``inputs`` expands what the user typed into files (a folder through one GNU
``find``, :mod:`.findwalk`, which also reads each file's stat stamp),
``pathcache`` remembers their hashes between runs, ``store`` keeps one record
per report keyed by the sha256 of its bytes (atomic writes, resume) in the
``compact`` encoding (checks packed by ``compact_checks``),
``worker`` runs the parser named by :class:`pipeline.options.Options` in a
sandboxed child process with a time and memory limit, ``engines`` drive
workers locally or on Dask, ``flatten`` turns a record into table rows (pure,
columns derived from :mod:`pipeline.record`), ``tables`` turns those rows into
Arrow tables, ``parts`` appends them as Parquet parts per batch of new records
(:class:`.parts.TableWriter`; :func:`.parts.build_extra_tables` is where
corpus-wide tables plug in: ``yoy`` updates the year-over-year tables of
``pairs`` from the index of ``yoy_index``), ``runner`` ties them together for ``xxgk run``.
"""
