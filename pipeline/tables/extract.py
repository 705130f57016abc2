"""Map rows of tokens to the canonical keys of the three standard tables.

One walk serves every form: find each row label in table order, then take
the value cells after it — in the same row when the row has the right number
of cells (so a blank cell stays a null), else the next value cells in
reading order (flattened forms), else a glued digit run to be split by
arithmetic (:mod:`.split`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from ..record import Number
from .cells import Token, is_blank, is_value, parse_cell
from .forms import APPEAL_KEYS, BALANCE_ROWS, FORM_2021, REQUEST_COLUMNS, REQUEST_VARIANTS, RowVariant, outcome_rows
from .labels import PRINTED_DISCLOSURE_LABELS, matches
from .placement import MIN_MARGIN, Walked, confirm, label_similarity, place
from .split import Undecidable, appeals_rule, digit_offsets, only_reading, row_total_rule, solve, splits

MAX_COMBINATIONS = 20000
MAX_LABEL_CONTINUATIONS = 3
MIN_LABEL_SIMILARITY = 0.6  # a garbled disclosure label: at least this close to its printed label
_N_COLUMNS = len(REQUEST_COLUMNS)  # value cells in a requests row


@dataclass
class Cells:
    """Values found for one table: key -> value, key -> (start, end)."""

    values: dict[str, Number] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def put(self, key: str, token: Token) -> None:
        self.values[key] = parse_cell(token.text)
        self.spans[key] = (token.start, token.end)


@dataclass
class Flat:
    """Tokens in reading order with their row and column."""

    rows: list[list[Token]]
    items: list[tuple[int, int, Token]] = field(init=False)

    def __post_init__(self) -> None:
        self.items = [(r, c, t) for r, row in enumerate(self.rows) for c, t in enumerate(row)]
        # Each label search walks the tokens again: classify every token once.
        self._blank = [is_blank(t.text) for _, _, t in self.items]
        self._text = [not b and self._is_text(t) for b, (_, _, t) in zip(self._blank, self.items)]

    def find(self, pattern: str, start: int) -> int | None:
        """Index of the first label token from ``start`` matching ``pattern``.

        A label wrapped over several tokens (a PDF line break inside
        "不补\n正") is found by a match that crosses into the next one or two
        text tokens.
        """
        for i in range(start, len(self.items)):
            if not self._text[i]:
                continue
            tok = self.items[i][2]
            if matches(pattern, tok.key):
                return i
            joined = tok.key
            for nxt in self._text_after(i, 2):
                joined += nxt.key
                m = re.search(pattern, joined)
                if m and m.start() < len(tok.key) < m.end():
                    return i
        return None

    def is_label(self, i: int) -> bool:
        """True when item i is text (not blank, not a value, not a digit run)."""
        return self._text[i]

    @staticmethod
    def _is_text(tok: Token) -> bool:
        return not (tok.glued or is_blank(tok.text) or is_value(tok.text))

    def _text_after(self, i: int, n: int) -> list[Token]:
        """Up to ``n`` text tokens right after item i (blanks skipped, stops at values)."""
        out: list[Token] = []
        for j in range(i + 1, len(self.items)):
            if self._blank[j]:
                continue
            if not self._text[j] or len(out) == n:
                break
            out.append(self.items[j][2])
        return out

    def glued_group(self, i: int) -> list[Token]:
        """The adjacent glued tokens right after label i ("35", "-15")."""
        group: list[Token] = []
        for _, _, tok in islice(self.items, i + 1, None):
            if is_blank(tok.text):
                continue
            if not tok.glued:
                break
            group.append(tok)
        return group

    def values_after(self, i: int, k: int, others: Sequence[str] = ()) -> list[Token] | Token | None:
        """k value tokens after label i, a glued run, or None.

        Same row first (so a blank cell stays null); else the next values in
        reading order, stepping over at most three short text tokens that
        continue a wrapped label — never over a label matching ``others``
        (the other rows' patterns).
        """
        nxt = next((t for _, _, t in islice(self.items, i + 1, None) if not is_blank(t.text)), None)
        if nxt is not None and nxt.glued:
            return self._one_per_line(i, k) or nxt
        same_row = self._same_row_values(i, k)
        if same_row is not None:
            return same_row
        return self._values_in_reading_order(i, k, others)

    def _one_per_line(self, i: int, k: int) -> list[Token] | None:
        """Exactly k numbers after label i, each alone on its line (a web table copied one cell a line), else None.

        A line holding fewer digits than the row has cells cannot be the whole row run together, so it
        is one cell; a (k+1)th such line means the lines are something else (value rows printed apart).
        """
        taken: list[Token] = []
        for r, _, tok in islice(self.items, i + 1, None):
            if is_blank(tok.text):
                continue
            if not lone_cell(tok, self.rows[r], k):
                break
            taken.append(tok)
            if len(taken) > k:
                return None
        return taken if len(taken) == k else None

    def _same_row_values(self, i: int, k: int) -> list[Token] | None:
        """The k cells after label i in its own row, when that row holds exactly k value or blank cells."""
        r, c, label = self.items[i]
        after = list(self.rows[r][c + 1 :])
        while after and len(after) > k and _is_label_repeat(after[0], label):
            after.pop(0)
        while len(after) > k and is_blank(after[-1].text):
            after.pop()
        if len(after) != k or not any(is_value(t.text) for t in after):
            return None
        return after if all(is_value(t.text) or is_blank(t.text) for t in after) else None

    def _values_in_reading_order(self, i: int, k: int, others: Sequence[str]) -> list[Token] | Token | None:
        """The next k value tokens after label i, or a glued run met before any value."""
        taken: list[Token] = []
        skipped = 0
        for _, _, tok in islice(self.items, i + 1, None):
            if is_blank(tok.text):
                continue
            if tok.glued:
                return None if taken else tok
            if not is_value(tok.text):
                if taken or not _continues_label(tok, skipped, others):
                    break
                skipped += 1
                continue
            taken.append(tok)
            if len(taken) == k:
                return taken
        return None


def lone_cell(tok: Token, row: list[Token], k: int) -> bool:
    """A digit run alone on its line, too short to be ``k`` cells run together: one cell."""
    digits = tok.text.replace(",", "")
    alone = sum(not is_blank(t.text) for t in row) == 1
    return tok.glued and alone and digits.isdigit() and len(digits) < k and is_value(tok.text)


def _is_label_repeat(tok: Token, label: Token) -> bool:
    """A blank cell or the label printed again (merged cells) before a row's values."""
    return not is_value(tok.text) and (tok.key == label.key or is_blank(tok.text))


def _continues_label(tok: Token, skipped: int, others: Sequence[str]) -> bool:
    """A short text token that may continue a wrapped label (not another row's label)."""
    if skipped >= MAX_LABEL_CONTINUATIONS or len(tok.key) > 30:
        return False
    return not any(matches(p, tok.key) for p in others)


# The requests rows are walked in the 2021 form's order; where another form
# prints other rows (the 2019 form's single "other" row, printed in some later
# reports too), its rows are taken instead when they are printed.
_ROWS_2021 = FORM_2021.request_rows
_PATTERNS_2021 = [p for _, p in _ROWS_2021]
_VARIANT_PATTERNS = [p for v in REQUEST_VARIANTS for _, p in v.rows]


def _other_labels(name: str) -> list[str]:
    """Label patterns of every requests row but ``name``: a wrapped label must not run into one."""
    return [p for n, p in _ROWS_2021 if n != name] + _VARIANT_PATTERNS


@dataclass
class _RowWalk:
    """Requests row labels found in table order, each with its 7 value cells (or a glued run)."""

    flat: Flat
    cells: Cells
    cursor: int = 0
    order: list[str] = field(default_factory=list)
    found: dict[str, list[Token] | Token] = field(default_factory=dict)
    labels: dict[str, int] = field(default_factory=dict)  # row -> item index of its label
    missing_values: list[str] = field(default_factory=list)  # labels found without their values

    def take(self, name: str, pattern: str) -> None:
        """Find row ``name`` from the cursor on and take its values; a row without values gets a warning."""
        self.order.append(name)
        i = self.flat.find(pattern, self.cursor)
        if i is None:
            return
        self.cursor = i + 1
        self.labels[name] = i
        vals = self.flat.values_after(i, _N_COLUMNS, _other_labels(name))
        if vals is None:
            self.missing_values.append(name)
        else:
            self.found[name] = vals

    def take_variant(self, variant: RowVariant) -> bool:
        """Take a variant's rows if its first row is printed with its 7 values."""
        (name, pattern), *rest = variant.rows
        j = self.flat.find(pattern, self.cursor)
        if j is None:
            return False
        vals = self.flat.values_after(j, _N_COLUMNS, _PATTERNS_2021)
        if vals is None and not self._replaces_unprinted(variant):
            return False
        self.order.append(name)
        if vals is None:  # its label printed apart from its values: placed later (:mod:`.placement`)
            self.missing_values.append(name)
        else:
            self.found[name] = vals
        self.labels[name] = j
        self.cursor = j + 1
        for row, row_pattern in rest:
            self.take(row, row_pattern)
        return True

    def _replaces_unprinted(self, variant: RowVariant) -> bool:
        """True when none of the rows the variant stands for has its label printed after the cursor."""
        patterns = dict(_ROWS_2021)
        return all(self.flat.find(patterns[r], self.cursor) is None for r in variant.replaces)


def _walk_request_rows(flat: Flat, cells: Cells) -> _RowWalk:
    walk = _RowWalk(flat, cells)
    replaced: set[str] = set()
    for name, pattern in _ROWS_2021:
        for variant in REQUEST_VARIANTS:
            if name == variant.replaces[0] and walk.take_variant(variant):
                replaced.update(variant.replaces)
        if name not in replaced:
            walk.take(name, pattern)
    return walk


# the applicant columns' printed headings, in REQUEST_COLUMNS order
_COLUMN_HEADINGS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def _header_order(flat: Flat, first_label: int) -> list[int] | None:
    """For each printed value position, its column in REQUEST_COLUMNS, when one header row above the first
    row label names all seven columns once each in another order (the total first, say); else None."""
    for r in sorted({flat.items[i][0] for i in range(first_label)}):
        keys = [t.key for t in flat.rows[r] if not is_blank(t.text)]
        if sorted(keys) != sorted(_COLUMN_HEADINGS):
            continue
        order = [_COLUMN_HEADINGS.index(k) for k in keys]
        return order if order != sorted(order) else None
    return None


def _follow_header_order(flat: Flat, walk: _RowWalk, warnings: list[str]) -> None:
    """Put each row's cells under the columns the header prints them in, when it prints them out of the form's order.

    The header is believed only when every row read cell by cell then adds up (applicant columns to the total);
    otherwise the rows are dropped (left null), for their cells cannot be told apart.  Digit runs are dropped
    too: their splitting assumes the total comes last.
    """
    if not walk.labels:
        return
    order = _header_order(flat, min(walk.labels.values()))
    if order is None:
        return
    rows = {n: v for n, v in walk.found.items() if isinstance(v, list)}
    moved = {n: [v[order.index(c)] for c in range(_N_COLUMNS)] for n, v in rows.items()}
    printed = " ".join(_COLUMN_HEADINGS[c] for c in order)
    runs = [n for n, v in walk.found.items() if not isinstance(v, list)]
    for name in runs:
        del walk.found[name]
        warnings.append(f"requests row {name}: run-together digits under a header printed as {printed}; left null")
    if all(_row_adds_up(v) for v in moved.values()):
        walk.found.update(moved)
        warnings.append(f"requests: columns read in the header's order ({printed}); every row adds up")
        return
    for name in moved:
        del walk.found[name]
    warnings.append(f"requests: the header prints the columns as {printed} but the rows do not add up; left null")


def _row_adds_up(tokens: list[Token]) -> bool:
    """True when the applicant cells sum to the total (a row with a blank cell cannot contradict it)."""
    values = [parse_cell(t.text) for t in tokens]
    if any(v is None for v in values):
        return True
    return sum(values[:-1]) == values[-1]  # type: ignore[arg-type]


def _empty_requests(rows: list[str]) -> dict[str, dict[str, Number]]:
    return {row: dict.fromkeys(REQUEST_COLUMNS) for row in rows}


def _put_request_values(
    table: dict[str, dict[str, Number]], found: dict[str, list[Token] | Token], cells: Cells
) -> dict[str, Token]:
    """Put the rows read cell by cell into ``table``; return the glued runs left to split."""
    glued: dict[str, Token] = {}
    for name, vals in found.items():
        if isinstance(vals, Token):
            glued[name] = vals
            continue
        for col, tok in zip(REQUEST_COLUMNS, vals):
            key = f"{name}.{col}"
            cells.put(key, tok)
            table[name][col] = cells.values[key]
    return glued


def extract_requests(rows: list[list[Token]]) -> tuple[dict[str, dict[str, Number]] | None, Cells]:
    """The requests table (its rows × 7 columns) and its spans; None when under three rows are found."""
    cells = Cells()
    flat = Flat(rows)
    walk = _walk_request_rows(flat, cells)
    if len(walk.found) < 3:
        return None, cells
    walked = Walked(walk.order, walk.found, walk.labels)
    placed = place(walked, flat.items, cells.warnings)
    _follow_header_order(flat, walk, cells.warnings)
    for name in walk.missing_values:
        if name not in walk.found:
            cells.warnings.append(f"requests row {name}: label found but not its 7 values")
    table = _empty_requests(walk.order)
    glued = _put_request_values(table, walk.found, cells)
    if glued:
        _solve_glued_requests(table, glued, cells, walk.order)
    if placed:
        confirm(placed, table, (cells.values, cells.spans), cells.warnings)
    missing = [r for r in walk.order if r not in walk.found]
    if missing:
        cells.warnings.append("requests rows not found: " + ", ".join(missing))
    return table, cells


def _solve_glued_requests(
    table: dict[str, dict[str, Number]], glued: dict[str, Token], cells: Cells, order: list[str]
) -> None:
    options = {name: solve(tok.text, _N_COLUMNS, row_total_rule) for name, tok in glued.items()}
    for name, opts in options.items():
        if opts:
            continue
        only = only_reading(glued[name].text, _N_COLUMNS)
        if only is None:
            cells.warnings.append(f"requests row {name}: digits {glued[name].text!r} cannot be read as 7 numbers")
        else:
            options[name] = [only]
            cells.warnings.append(
                f"requests row {name}: digits {glued[name].text!r} have one reading as 7 numbers; "
                "read although its row total does not hold"
            )
    ambiguous = [n for n, o in options.items() if len(o) > 1]
    fixed = {n: o[0] for n, o in options.items() if len(o) == 1}
    chosen: dict[str, list[int]] = dict(fixed)
    if ambiguous:
        combos = list(itertools.islice(itertools.product(*(options[n] for n in ambiguous)), MAX_COMBINATIONS + 1))
        fitting = []
        for combo in combos[:MAX_COMBINATIONS]:
            trial = {**fixed, **dict(zip(ambiguous, combo))}
            if _consistent(trial, table, order):
                fitting.append(combo)
        for k, name in enumerate(ambiguous):
            readings = {tuple(c[k]) for c in fitting}
            if len(readings) == 1:
                chosen[name] = list(readings.pop())
            else:
                cells.warnings.append(
                    f"requests row {name}: digits {glued[name].text!r} have {len(readings) or len(options[name])} "
                    "readings that fit the arithmetic; left null"
                )
    for name, values in chosen.items():
        tok = glued[name]
        spans = digit_offsets(tok.text, values, tok.digit_pos)
        for col, value, span in zip(REQUEST_COLUMNS, values, spans):
            key = f"{name}.{col}"
            cells.values[key] = value
            cells.spans[key] = span
            table[name][col] = value


def _consistent(trial: dict[str, list[int]], table: dict[str, dict[str, Number]], order: list[str]) -> bool:
    def row(name: str) -> list[Number] | None:
        if name in trial:
            return list(trial[name])
        vals = [table.get(name, {}).get(c) for c in REQUEST_COLUMNS]
        return None if any(v is None for v in vals) else vals

    balance = [row(n) for n in BALANCE_ROWS]
    if all(b is not None for b in balance):
        a, b, c, d = balance  # type: ignore[misc]
        if any(a[i] + b[i] != c[i] + d[i] for i in range(_N_COLUMNS)):
            return False
    outcomes = [row(n) for n in outcome_rows(order)]
    total = row("total_processed")
    complete = total is not None and all(o is not None for o in outcomes)
    return not complete or all(sum(o[i] for o in outcomes) == total[i] for i in range(_N_COLUMNS))  # type: ignore[index]


def extract_appeals(rows: list[list[Token]]) -> tuple[dict[str, Number] | None, Cells]:
    """The 15 appeals cells: the first run of 15 value cells, or a glued run.

    Numbers one a line (:func:`lone_cell`) count as cells, in a run of their own: a lone number
    before a row of cells (a page number) starts no run with them; a 16th such line right after
    the 15th (a page number, another table) leaves them all null rather than guess which is extra.
    """
    cells = Cells()
    run: list[Token] = []
    run_is_lone = False
    items = [(tok, row) for row in rows for tok in row if not is_blank(tok.text)]
    for n, (tok, row) in enumerate(items):
        lone = lone_cell(tok, row, 15)
        if tok.glued and not lone:
            table = _glued_appeals(tok, cells)
            if table is not None:
                return table, cells
            run = []
            continue
        if not is_value(tok.text):
            run = []
            continue
        if run_is_lone != lone:
            run, run_is_lone = [], lone
        run.append(tok)
        if len(run) < 15:
            continue
        if lone and n + 1 < len(items) and lone_cell(*items[n + 1], 15):
            cells.warnings.append("appeals: more than 15 numbers printed one a line; left null")
            return dict.fromkeys(APPEAL_KEYS), cells
        for key, t in zip(APPEAL_KEYS, run):
            cells.put(key, t)
        return dict(cells.values), cells
    return None, cells


def _glued_appeals(tok: Token, cells: Cells) -> dict[str, Number] | None:
    """The 15 appeals cells from one digit run (all null when several readings fit); None when it has no reading."""
    options = solve(tok.text, 15, appeals_rule)
    if len(options) > 1:
        cells.warnings.append(f"appeals: digits {tok.text!r} have {len(options)} readings; left null")
        return dict.fromkeys(APPEAL_KEYS)
    if options:
        values = options[0]
    else:
        only = only_reading(tok.text, 15)
        if only is None:
            return None
        cells.warnings.append(
            f"appeals: digits {tok.text!r} have one reading as 15 numbers; read although its totals do not hold"
        )
        values = only
    for key, value, span in zip(APPEAL_KEYS, values, digit_offsets(tok.text, values, tok.digit_pos)):
        cells.values[key] = value
        cells.spans[key] = span
    return dict(cells.values)


def extract_disclosure(
    rows: list[list[Token]], spec: Sequence[tuple[str, Sequence[str]]]
) -> tuple[dict[str, Number] | None, Cells]:
    """The disclosure table: for each row label of the form (``TableForm.disclosure``), its value cells."""
    flat = Flat(rows)
    cells = Cells()
    cursor = 0
    table: dict[str, Number] = {k: None for _, keys in spec for k in keys}
    hits = 0
    for n, (pattern, keys) in enumerate(spec):
        i = flat.find(pattern, cursor)
        if i is None:
            i = _garbled_label(flat, spec, n, cursor, cells.warnings)
        if i is None:
            continue
        hits += 1
        cursor = i + 1
        vals = flat.values_after(i, len(keys), [p for p, _ in spec if p != pattern])
        if vals is None:
            cells.warnings.append(f"disclosure row {keys[0].rsplit('_', 1)[0]}: values not found")
        elif isinstance(vals, Token):
            _glued_disclosure(flat.glued_group(i), keys, cells)
        else:
            for key, tok in zip(keys, vals):
                cells.put(key, tok)
    if not hits:
        return None, cells
    table.update(cells.values)
    return table, cells


def _garbled_label(
    flat: Flat, spec: Sequence[tuple[str, Sequence[str]]], n: int, cursor: int, warnings: list[str]
) -> int | None:
    """A label for disclosure row ``n`` that its pattern missed: the one text token before the next row's label
    that is closest to this row's printed label and clearly so (:func:`.placement.label_similarity`)."""
    labels = [PRINTED_DISCLOSURE_LABELS.get(keys[0], "") for _, keys in spec]
    stop = min((j for p, _ in spec[n + 1 :] if (j := flat.find(p, cursor)) is not None), default=len(flat.items))
    found = []
    for i in range(cursor, stop):
        tok = flat.items[i][2]
        if not flat.is_label(i) or len(tok.key) > 20:
            continue
        scores = [label_similarity(tok.key, label) for label in labels]
        best = max(s for k, s in enumerate(scores) if k != n)
        if scores[n] >= MIN_LABEL_SIMILARITY and scores[n] - best >= MIN_MARGIN:
            found.append((i, scores[n]))
    if len(found) != 1:
        return None
    i, score = found[0]
    row = spec[n][1][0].rsplit("_", 1)[0]
    warnings.append(
        f"disclosure row {row}: label {flat.items[i][2].text!r} is {score:.2f} similar to the printed "
        f"{labels[n]!r}, the only such label before the next row; placed by the form's order"
    )
    return i


def _glued_disclosure(group: list[Token], keys: Sequence[str], cells: Cells) -> None:
    """Read k numbers from adjacent digit runs, only when the reading is unique."""
    if len(group) == len(keys):
        for key, tok in zip(keys, group):
            cells.put(key, Token(tok.text.replace(" ", ""), tok.start, tok.end))
        return
    if len(group) == 1 and len(keys) == 1:
        cells.put(keys[0], Token(group[0].text.replace(" ", ""), group[0].start, group[0].end))
        return
    text = " ".join(t.text for t in group)
    try:
        readings = list(itertools.islice(splits(text, len(keys)), 2)) if "." not in text else []
    except Undecidable:
        readings = []
    if len(group) == 1 and len(readings) == 1:
        values = [int(p) for p in readings[0]]
        for key, value, span in zip(keys, values, digit_offsets(group[0].text, values, group[0].digit_pos)):
            cells.values[key] = value
            cells.spans[key] = span
        return
    cells.warnings.append(f"disclosure {', '.join(keys)}: run-together digits {text!r} are ambiguous; left null")
