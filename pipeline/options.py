"""What a parse may be asked to do differently: one small frozen object.

``parse(path)`` runs with :data:`DEFAULT`; ``parse(path, options=Options(stages=("sections", "tables")))``
runs fewer stages.  The corpus runner hands the same object to every worker (local or
Dask), so a corpus run parses each file exactly as ``parse`` would with it.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PARSER = "pipeline.parse:parse"


@dataclass(frozen=True)
class Options:
    """How to parse a report.

    ``stages``: the stage names to run, in order (None: the default pipeline).
    ``max_bytes``: refuse larger files with ``too_large`` (None: the readers' limit).
    ``parser``: the unit of work of a corpus run, ``"module:function"`` called as
    ``function(path, options=options)``; tests and plugins put their own here.
    ``ocr_memory_mb``: in a corpus run, the memory a worker may use while it reads
    scanned pages by OCR (models and page images; None: the worker's own limit).
    """

    stages: tuple[str, ...] | None = None
    max_bytes: int | None = None
    parser: str = DEFAULT_PARSER
    ocr_memory_mb: float | None = 1024.0

    def __post_init__(self) -> None:
        if self.stages is not None and not isinstance(self.stages, tuple):
            object.__setattr__(self, "stages", tuple(self.stages))  # a list is accepted and frozen


DEFAULT = Options()
