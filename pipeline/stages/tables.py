"""The three statistics tables of sections 二, 三 and 四, cell by cell with spans."""

from __future__ import annotations

from ..tables import read_tables
from .base import Stage

STAGE = Stage("tables", requires=("sections", "meta"), assigns=("tables", "table_spans"), run=read_tables)
