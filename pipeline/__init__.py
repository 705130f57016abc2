"""xxgk: Chinese government information-disclosure annual reports → records.

>>> from pipeline import parse
>>> record = parse("report.pdf")          # doctest: +SKIP
>>> record.tables["requests"]["new_received"]["total"]   # doctest: +SKIP

Where to start reading: :mod:`pipeline.parse` (the one path: read, then the
stages), :mod:`pipeline.readers` (any file to one :class:`~pipeline.document.Document`),
:mod:`pipeline.stages` (the stages in data order, what each requires and
assigns), :mod:`pipeline.record` (what comes out).
"""

from .errors import XxgkError
from .parse import parse, parse_document
from .record import Record

__all__ = ["Record", "XxgkError", "parse", "parse_document"]
__version__ = "0.1.0"
