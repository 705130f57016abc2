"""Turn a stretch of text, or a real table grid, into rows of tokens.

Forms handled: tab-separated lines, Markdown pipe rows (a cell's bold or
italics marks dropped), one cell per line
ending in ``|`` (flattened HTML), and text with run-together digits (flattened
pages), where each maximal digit run becomes one *glued* token (thousands
separators included: "3,075 615" is one run of two numbers).
"""

from __future__ import annotations

import re

from ..document import Cell, Grid
from .cells import Token

# a comma inside a run is a thousands separator ("1,107"): three digits after it, then no digit
_DIGIT_RUN = re.compile(r"-?\d(?:[\d ]|,(?=\d{3}(?!\d)))*(?:\.\d+)?")


def grid_rows(grid: Grid) -> list[list[Token]]:
    """Rows of a real table, a cell merged across columns read once.

    A merge's copies to the right of its origin are dropped (a value merged
    over two columns is one value, not two); copies below it stay, so a
    label merged over rows still heads each of them.
    """
    return [
        [Token(c.text, c.start, c.end) for k, c in enumerate(row) if not _continues_left(row, k)] for row in grid.rows
    ]


def _continues_left(row: list[Cell], k: int) -> bool:
    """True for a merged cell's copy that continues the cell on its left."""
    c = row[k]
    return k > 0 and not c.origin and row[k - 1].start == c.start and row[k - 1].text == c.text


def text_rows(text: str, offset: int = 0) -> list[list[Token]]:
    """Rows of tokens from ``text`` (a region of the document at ``offset``)."""
    rows: list[list[Token]] = []
    pipe_cells: list[Token] = []
    pos = offset
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped or (pipe_cells and stripped == "|"):
            continue
        if pipe_cells and "\t" not in line and "|" not in line and len(stripped) <= 40:
            # a flattened-HTML cell whose closing "|" went to the next line
            lead = len(line) - len(line.lstrip())
            pipe_cells.append(Token(stripped, start + lead, start + lead + len(stripped)))
            continue
        if "\t" in line:
            rows.append(_split(line, start, "\t"))
        elif stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if re.fullmatch(r"[|:\-\s]+", stripped) and "-" in stripped:
                continue  # Markdown separator row
            if set(stripped) == {"|"}:
                continue  # "|||": empty cells of a flattened HTML row
            cells = [_unemphasised(c) for c in _split(line, start, "|")]
            rows.append([c for c in cells[1:-1]] if len(cells) > 2 else cells)
        elif stripped.endswith("|"):
            text_part = line[: line.rindex("|")]
            lead = len(text_part) - len(text_part.lstrip())
            pipe_cells.append(Token(text_part.strip(), start + lead, start + lead + len(text_part.strip())))
        else:
            rows.append(glued_tokens(line, start))
    if pipe_cells:
        rows.append(pipe_cells)
    return rows


_EMPHASIS = re.compile(r"(\*\*|__|\*)(?=\S)(.+?)(?<=\S)\1")


def _unemphasised(tok: Token) -> Token:
    """A Markdown cell printed bold or italic ("**36**") as its text, the span on the text itself."""
    m = _EMPHASIS.fullmatch(tok.text)
    if m is None:
        return tok
    width = len(m.group(1))
    return Token(m.group(2), tok.start + width, tok.end - width)


def _split(line: str, start: int, sep: str) -> list[Token]:
    out: list[Token] = []
    pos = start
    for piece in line.split(sep):
        lead = len(piece) - len(piece.lstrip())
        s = piece.strip()
        out.append(Token(s, pos + lead, pos + lead + len(s)))
        pos += len(piece) + 1
    return out


def glued_tokens(line: str, start: int) -> list[Token]:
    """Split a flattened line into text tokens and glued digit-run tokens.

    A list number of the next label ("…0000000 2.其他法律…") is not part of the
    digit run before it.
    """
    tokens: list[Token] = []
    last = 0
    for m in _DIGIT_RUN.finditer(line):
        a, b = m.start(), m.end()
        run = m.group()
        if b < len(line) and line[b] in ".、" and b + 1 < len(line) and not line[b + 1].isdigit():
            # trailing digit is the next label's list number
            digits = run.rstrip()
            if len(digits.replace(" ", "")) <= 1:
                continue
            b = a + len(digits) - 1
            run = line[a:b]
        if a > 0 and line[a - 1] in ".、" and a >= 1:
            continue
        if a > 0 and _is_label_digit(line, a, b):
            continue
        run = run.rstrip()
        if not run.strip():
            continue
        if last < a and line[last:a].strip():
            piece = line[last:a]
            lead = len(piece) - len(piece.lstrip())
            tokens.append(Token(piece.strip(), start + last + lead, start + last + lead + len(piece.strip())))
        digit_pos = [start + a + i for i, ch in enumerate(run) if ch.isdigit() or ch in ".-"]
        tokens.append(Token(run, start + a, start + a + len(run), glued=True, digit_pos=digit_pos))
        last = a + len(run)
    if line[last:].strip():
        piece = line[last:]
        lead = len(piece) - len(piece.lstrip())
        tokens.append(Token(piece.strip(), start + last + lead, start + last + lead + len(piece.strip())))
    return tokens


def _is_label_digit(line: str, a: int, b: int) -> bool:
    """Digits that belong to words, such as 第二十条 or 12345热线, are labels."""
    after = line[b : b + 1]
    return after in {"号", "年", "月", "日", "条", "项"} and b - a <= 4
