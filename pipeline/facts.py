"""Facts about a document's text that several stages use, computed once per document.

The section headings (sections stage, structure check) and the reader's table
blocks (paragraphs, figures, statements) are found here the first time a stage
asks and kept on the document, so no stage searches for them again.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import Document
from .sections import Heading, find_headings


@dataclass(frozen=True)
class TextFacts:
    headings: list[Heading]  # every section heading found, repeated ones included
    table_blocks: list[tuple[int, int]]  # (start, end) of each table the reader found


def facts(doc: Document) -> TextFacts:
    """The facts of ``doc``, computed on first use."""
    found = doc.__dict__.get("_facts")
    if found is None:
        table_blocks = [(b.start, b.end) for b in doc.blocks if b.kind == "table"]
        found = doc.__dict__["_facts"] = TextFacts(find_headings(doc.text), table_blocks)
    return found
