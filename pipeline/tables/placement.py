"""Place requests rows by the form's order when their labels fail as keys.

The label walk (:mod:`.extract`) finds rows by their printed labels.  A row
whose label is garbled ("2.其他法律行政止公开"), missing, or printed apart from
its values (PDF-to-Markdown: label lines, then value rows without labels) is
left over.  Here the leftover value rows are put in the leftover places of
the standard form, gap by gap between rows the walk did place:

- as many value rows as places in a gap: paired in order;
- otherwise a value row goes where its own label is clearly closest to the
  form's printed label (edit-distance similarity), in order;
- anything else stays null with a warning.

Each placement carries a warning that names its evidence (neighbours, label
similarity, label printed apart).  Placements by order alone are confirmed
by the table's sums afterwards (:func:`confirm`); never a guessed number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..record import Number
from .cells import Token, is_blank, is_value
from .forms import BALANCE_ROWS, REQUEST_COLUMNS, outcome_rows
from .labels import GROUP_HEADING, PRINTED_REQUEST_LABELS

MIN_SIMILARITY = 0.5  # a label at least this close to a printed label is evidence for its row
MIN_MARGIN = 0.15  # ... when the next-closest printed label is this much further
_N = len(REQUEST_COLUMNS)
_MARKER = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]?|[\s\"“”'‘’（）(),，、.。:：]")


def label_similarity(printed: str, form_label: str) -> float:
    """How close a printed label is to a form's label (0..1), list markers and punctuation ignored."""
    a, b = _MARKER.sub("", printed), _MARKER.sub("", form_label)
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def similarity(printed: str, row: str) -> float:
    """How close a printed label is to the form's label of requests row ``row``."""
    return label_similarity(printed, PRINTED_REQUEST_LABELS.get(row, ""))


@dataclass
class Event:
    """A row of 7 values (or one glued digit run) and the label printed before it in its row."""

    first: int  # item index of its first value
    last: int
    values: list[Token] | Token
    label: Token | None


@dataclass
class Walked:
    """What the label walk found: rows with values, labels (with or without values), reading-order rows."""

    order: list[str]
    found: dict[str, list[Token] | Token]
    labels: dict[str, int]  # row -> item index of its label


@dataclass
class Placed:
    """One row placed here, its evidence, and whether order alone placed it."""

    row: str
    evidence: str
    order_only: bool


def _grid_row(cells: list[tuple[int, Token]]) -> Event | None:
    """A table row of a label (or blank) cell and 7 value-or-blank cells: blanks stay null cells."""
    if len(cells) != _N + 1:
        return None
    head, values = cells[0][1], [tok for _, tok in cells[1:]]
    if is_value(head.text) or head.glued or any(t.glued for t in values):
        return None
    if not all(is_value(t.text) or is_blank(t.text) for t in values) or not any(is_value(t.text) for t in values):
        return None
    return Event(cells[1][0], cells[-1][0], values, None if is_blank(head.text) else head)


def _row_events(cells: list[tuple[int, Token]]) -> list[Event]:
    """Runs of exactly 7 values between text tokens, and glued runs, in one row."""
    events: list[Event] = []
    label: Token | None = None
    run: list[tuple[int, Token]] = []

    def flush() -> None:
        if len(run) == _N:
            events.append(Event(run[0][0], run[-1][0], [tok for _, tok in run], label))
        run.clear()

    for idx, tok in cells:
        if is_blank(tok.text):
            continue
        if tok.glued:
            flush()
            if len(tok.digit_pos) >= _N:  # fewer digits cannot be a row (a page number)
                events.append(Event(idx, idx, tok, label))
            label = None
        elif is_value(tok.text):
            run.append((idx, tok))
        else:
            flush()
            label = tok
    flush()
    return events


def value_events(items: list[tuple[int, int, Token]]) -> list[Event]:
    """Value rows in reading order: table rows of 7 cells (blanks kept), runs of 7 values, glued runs."""
    rows: dict[int, list[tuple[int, Token]]] = {}
    for idx, (r, _, tok) in enumerate(items):
        rows.setdefault(r, []).append((idx, tok))
    events: list[Event] = []
    for cells in rows.values():
        grid = _grid_row(cells)
        events += [grid] if grid is not None else _row_events(cells)
    return events


def _index(items: list[tuple[int, int, Token]]) -> dict[int, int]:
    return {id(tok): idx for idx, (_, _, tok) in enumerate(items)}


def _tokens(values: list[Token] | Token) -> list[Token]:
    return [values] if isinstance(values, Token) else values


def _release_apart(walk: Walked, items: list[tuple[int, int, Token]], where: dict[int, int]) -> None:
    """The last label of a block printed apart from its values: it took the block's first value row.

    That is a row whose values sit in another row than its label, right after
    a row whose label is followed by no value at all before this one's.
    """
    for prev, name in zip(walk.order, walk.order[1:]):
        if name not in walk.found or name not in walk.labels or prev in walk.found or prev not in walk.labels:
            continue
        first = where[id(_tokens(walk.found[name])[0])]
        between = items[walk.labels[prev] + 1 : walk.labels[name]]
        bare = not any(tok.glued or is_value(tok.text) for _, _, tok in between)
        if bare and items[first][0] != items[walk.labels[name]][0]:
            del walk.found[name]


def _gaps(walk: Walked) -> list[tuple[str | None, list[str], str | None]]:
    """Runs of rows without values, each with the placed rows around it."""
    gaps: list[tuple[str | None, list[str], str | None]] = []
    before: str | None = None
    pending: list[str] = []
    for name in walk.order:
        if name in walk.found:
            if pending:
                gaps.append((before, pending, name))
            before, pending = name, []
        else:
            pending.append(name)
    if pending:
        gaps.append((before, pending, None))
    return gaps


def _by_label(rows: list[str], events: list[Event]) -> list[tuple[str, Event]]:
    """Pairs where an event's own label is clearly closest to one row's printed label, kept in order."""
    pairs: list[tuple[str, Event]] = []
    last = -1
    for ev in events:
        if ev.label is None:
            continue
        scored = sorted(((similarity(ev.label.key, r), k) for k, r in enumerate(rows)), reverse=True)
        best, k = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if best >= MIN_SIMILARITY and best - runner_up >= MIN_MARGIN and k > last:
            pairs.append((rows[k], ev))
            last = k
    return pairs


def _labels_disagree(rows: list[str], events: list[Event]) -> bool:
    """True when pairing in order puts a value row whose own label clearly names another row of the gap."""
    for row, ev in zip(rows, events):
        if ev.label is None:
            continue
        scores = {r: similarity(ev.label.key, r) for r in rows}
        best = max(scores, key=scores.__getitem__)
        if best != row and scores[best] >= MIN_SIMILARITY and scores[best] - scores[row] >= MIN_MARGIN:
            return True
    return False


def _evidence(row: str, ev: Event, walk: Walked, around: str, by_count: bool) -> tuple[str, bool]:
    """What speaks for putting ``ev`` in ``row``, and whether order alone does."""
    parts = [around]
    labelled = False
    if ev.label is not None:
        sim = similarity(ev.label.key, row)
        labelled = sim >= MIN_SIMILARITY
        parts.append(f"its label {ev.label.text!r} is {sim:.2f} similar to the printed {PRINTED_REQUEST_LABELS[row]!r}")
    if row in walk.labels:
        parts.append("its label was printed apart from its values")
    if by_count:
        parts.append("as many value rows as places")
    return "; ".join(parts), by_count and not labelled


def _leftover_events(walk: Walked, items: list[tuple[int, int, Token]]) -> list[Event]:
    """Value rows the walk did not take, group headings' subtotals left out."""
    used = {id(t) for vals in walk.found.values() for t in _tokens(vals)}
    return [
        ev
        for ev in value_events(items)
        if not any(id(t) in used for t in _tokens(ev.values))
        and not (ev.label is not None and GROUP_HEADING.search(ev.label.key))
    ]


def _fill_gap(walk: Walked, rows: list[str], inside: list[Event], around: str, warnings: list[str]) -> list[Placed]:
    """Place the value rows found in one gap: by count in order, else by their own labels."""
    by_count = len(inside) == len(rows) and not _labels_disagree(rows, inside)
    pairs = list(zip(rows, inside)) if by_count else _by_label(rows, inside)
    placed: list[Placed] = []
    for row, ev in pairs:
        walk.found[row] = ev.values
        evidence, order_only = _evidence(row, ev, walk, around, by_count)
        placed.append(Placed(row, evidence, order_only))
    if len(pairs) < len(inside):
        warnings.append(
            f"requests rows {', '.join(r for r in rows if r not in walk.found)}: {len(inside) - len(pairs)} "
            f"value rows {around} without a unique place; left null"
        )
    return placed


def place(walk: Walked, items: list[tuple[int, int, Token]], warnings: list[str]) -> list[Placed]:
    """Put leftover value rows into leftover places of the form (``walk.found`` grows); return what was placed."""
    where = _index(items)
    _release_apart(walk, items, where)
    events = _leftover_events(walk, items)
    placed: list[Placed] = []
    for before, rows, after in _gaps(walk):
        lo = max((where[id(t)] for t in _tokens(walk.found[before])), default=-1) if before else -1
        hi = walk.labels[after] if after else len(items)
        inside = [ev for ev in events if lo < ev.first and ev.last < hi]
        if inside:
            around = f"between {before or 'the table head'} and {after or 'the table end'}"
            placed += _fill_gap(walk, rows, inside, around, warnings)
    return placed


def sums_hold(table: dict[str, dict[str, Number]]) -> bool | None:
    """True/False when the balance and outcome sums can be tested on some column, else None."""
    rows = list(table)
    results: list[bool] = []
    for col in REQUEST_COLUMNS:
        balance = [table.get(r, {}).get(col) for r in BALANCE_ROWS]
        if all(v is not None for v in balance):
            a, b, c, d = balance
            results.append(a + b == c + d)  # type: ignore[operator]
        outcomes = [table[r][col] for r in outcome_rows(rows)]
        total = table.get("total_processed", {}).get(col)
        if total is not None and all(v is not None for v in outcomes):
            results.append(sum(outcomes) == total)  # type: ignore[arg-type]
    return all(results) if results else None


def confirm(
    placed: list[Placed],
    table: dict[str, dict[str, Number]],
    cells: tuple[dict[str, Number], dict[str, tuple[int, int]]],
    warnings: list[str],
) -> None:
    """Warn about every placement; undo those by order alone that the table's sums contradict."""
    verdict = sums_hold(table)
    said = {True: "the table's sums hold", False: "the table's sums do not hold", None: "the sums cannot be tested"}
    for p in placed:
        if p.order_only and verdict is False:
            table[p.row] = dict.fromkeys(REQUEST_COLUMNS)
            for col in REQUEST_COLUMNS:
                for found in cells:
                    found.pop(f"{p.row}.{col}", None)
            warnings.append(
                f"requests row {p.row}: placed by order alone ({p.evidence}) but {said[verdict]}; left null"
            )
        else:
            warnings.append(f"requests row {p.row}: placed by the form's order ({p.evidence}); {said[verdict]}")
