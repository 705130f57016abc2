"""xxgk: Chinese government information-disclosure annual reports → records.

>>> from pipeline import parse
>>> record = parse("report.pdf")          # doctest: +SKIP
>>> record.tables["requests"]["new_received"]["total"]   # doctest: +SKIP
"""

from .errors import XxgkError
from .parse import parse, parse_document
from .record import Record

__all__ = ["Record", "XxgkError", "parse", "parse_document"]
__version__ = "0.1.0"
