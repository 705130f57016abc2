"""Ruled tables from a PDF page's vector paths (our own finder, no pdfplumber).

A page's painted paths (stroked or filled in a colour that shows on white) are
read through pdfium: a path whose box is thin in
one direction (a line, a hairline rectangle) is one ruling; the straight
horizontal and vertical pieces of any other path (rectangle outlines, a
whole grid drawn as one path) are rulings too.  Then, as pdfplumber's
"lines" strategy does with the same 3 pt tolerances:

* rulings at nearly the same position are snapped to one position (like
  pdfplumber, positions chain: many rulings each within TOL of the next all
  snap together, which only dense hatching or charts ever do), and collinear
  pieces that touch or nearly touch are joined;
* rulings that cross belong to one table;
* a table's distinct positions give a grid of unit cells; neighbours with no
  ruling between them are one merged cell, and only regions closed by
  rulings on every side are cells.

The geometry below :func:`page_rulings` is pure and works on
:class:`Ruling` values, so it can be tested without a PDF.
"""

from __future__ import annotations

import bisect
import ctypes
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .pdfium_calls import CALLS, Handle, handle, page_object

TOL = 3.0  # points: snap, join and crossing tolerance (pdfplumber's defaults)
MIN_LENGTH = 3.0  # points: shorter rulings are ticks or glyph parts
MAX_FORM_DEPTH = 4  # form XObjects nested deeper than this are not searched
WHITE = 245  # a colour with every channel at or above this does not show on a white page
_STRAIGHT = 0.5  # points: a piece this far off the horizontal/vertical still counts

Matrix = tuple[float, float, float, float, float, float]  # a, b, c, d, e, f as in PDF
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Ruling(NamedTuple):
    """A horizontal or vertical line piece in top-down page points."""

    vertical: bool
    at: float  # x of a vertical ruling, y of a horizontal one
    lo: float  # where it starts along its direction (top or left)
    hi: float  # where it ends (bottom or right)


@dataclass
class RuledTable:
    """Cells of one ruled table as boundary indices into ``xs`` and ``ys``."""

    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]  # first row, first col, end row, end col (exclusive)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def box(self, cell: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
        r0, c0, r1, c1 = cell
        return self.xs[c0], self.ys[r0], self.xs[c1], self.ys[r1]


# --- reading paths through pdfium ------------------------------------------------------


def page_rulings(page: pdfium.PdfPage, height: float) -> list[Ruling]:
    """Horizontal and vertical rulings of every painted path on ``page``."""
    read = _PathReader()
    out: list[Ruling] = []
    for obj, outer in _paths(handle(page.raw), _IDENTITY, 0, form=False):
        if not read.painted(obj):
            continue
        left, bottom, right, top = read.bounds(obj, outer)
        if right - left <= TOL or top - bottom <= TOL:
            out += _box_ruling(left, height - top, right, height - bottom)
        else:
            out += _piece_rulings(page_object(obj), _compose(_matrix(obj), outer), height)
    return out


def _paths(parent: Handle, outer: Matrix, depth: int, form: bool) -> Iterator[tuple[Handle, Matrix]]:
    """Path objects (handles) under a page or form, with the matrix from their space to the page."""
    count = CALLS["FPDFFormObj_CountObjects" if form else "FPDFPage_CountObjects"]
    get = CALLS["FPDFFormObj_GetObject" if form else "FPDFPage_GetObject"]
    path, form_kind = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    n = max(count(parent), 0)
    # Hot: a page holds hundreds of text objects.  Their addresses (plain ints) and types come in two map passes.
    found = [obj for obj in map(get, repeat(parent, n), range(n)) if obj]
    for obj, kind in zip(found, map(CALLS["FPDFPageObj_GetType"], found)):
        if kind == path:
            yield Handle(obj), outer
        elif kind == form_kind and depth + 1 < MAX_FORM_DEPTH:
            yield from _paths(Handle(obj), _compose(_matrix(obj), outer), depth + 1, form=True)


class _PathReader:
    """Per-path pdfium queries, with their ctypes out-parameters allocated once per page."""

    def __init__(self) -> None:
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        self._mode_refs = (ctypes.byref(self._fill), ctypes.byref(self._stroke))
        self._box = [ctypes.c_float() for _ in range(4)]
        self._box_refs = [ctypes.byref(v) for v in self._box]
        self._rgba = [ctypes.c_uint() for _ in range(4)]
        self._rgba_refs = [ctypes.byref(v) for v in self._rgba]
        self._draw_mode, self._bounds = CALLS["FPDFPath_GetDrawMode"], CALLS["FPDFPageObj_GetBounds"]
        self._fill_color, self._stroke_color = CALLS["FPDFPageObj_GetFillColor"], CALLS["FPDFPageObj_GetStrokeColor"]

    def painted(self, obj: Handle) -> bool:
        """True when the path is stroked or filled in a colour that shows on a white page.

        Bare clipping paths draw nothing, and white (or transparent) boxes behind
        ordinary text are backgrounds, not table rulings.
        """
        if not self._draw_mode(obj, *self._mode_refs):
            return False
        if self._stroke.value and self._visible(self._stroke_color, obj):
            return True
        return bool(self._fill.value) and self._visible(self._fill_color, obj)

    def _visible(self, get_color: Callable[..., int], obj: Handle) -> bool:
        if not get_color(obj, *self._rgba_refs):
            return True  # colour unknown (a pattern or shading): count it as drawn
        rgba = self._rgba
        return rgba[3].value > 0 and (rgba[0].value < WHITE or rgba[1].value < WHITE or rgba[2].value < WHITE)

    def bounds(self, obj: Handle, outer: Matrix) -> tuple[float, float, float, float]:
        """Bounding box of ``obj`` in page space (left, bottom, right, top)."""
        self._bounds(obj, *self._box_refs)
        box = self._box
        left, bottom, right, top = box[0].value, box[1].value, box[2].value, box[3].value
        if outer == _IDENTITY:
            return left, bottom, right, top
        corners = [_apply(outer, x, y) for x in (left, right) for y in (bottom, top)]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        return min(xs), min(ys), max(xs), max(ys)


def _matrix(obj: Handle) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(page_object(obj), ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies ``inner`` first, then ``outer``."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _box_ruling(x0: float, top: float, x1: float, bottom: float) -> list[Ruling]:
    """The one ruling a thin box draws (none when it is short both ways)."""
    if x1 - x0 >= bottom - top:
        return [Ruling(False, (top + bottom) / 2, x0, x1)] if x1 - x0 >= MIN_LENGTH else []
    return [Ruling(True, (x0 + x1) / 2, top, bottom)] if bottom - top >= MIN_LENGTH else []


def _piece_rulings(obj, m: Matrix, height: float) -> list[Ruling]:
    """Straight horizontal and vertical pieces of a path, closing sub-paths included."""
    out: list[Ruling] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    start = prev = None
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        px, py = _apply(m, x.value, y.value)
        point = (px, height - py)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
            out += _straight(prev, point)
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            out += _straight(point, start)
        prev = point
    return out


def _straight(p: tuple[float, float], q: tuple[float, float]) -> list[Ruling]:
    """The ruling from ``p`` to ``q`` if the piece is horizontal or vertical and long enough."""
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) <= _STRAIGHT and abs(x1 - x0) >= MIN_LENGTH:
        return [Ruling(False, (y0 + y1) / 2, min(x0, x1), max(x0, x1))]
    if abs(x1 - x0) <= _STRAIGHT and abs(y1 - y0) >= MIN_LENGTH:
        return [Ruling(True, (x0 + x1) / 2, min(y0, y1), max(y0, y1))]
    return []


# --- geometry --------------------------------------------------------------------------


def find_tables(rulings: list[Ruling]) -> list[RuledTable]:
    """Tables made by crossing rulings, top to bottom; each with at least one cell."""
    merged = join(snap(rulings))
    tables = [ruled_table(group) for group in crossing_groups(merged)]
    return sorted((t for t in tables if t is not None), key=lambda t: (t.ys[0], t.xs[0]))


def snap(rulings: list[Ruling]) -> list[Ruling]:
    """Move rulings of one direction whose positions chain within TOL to their mean."""
    out: list[Ruling] = []
    for vertical in (False, True):
        ordered = sorted((r for r in rulings if r.vertical == vertical), key=_AT)
        start = 0
        for i in range(1, len(ordered) + 1):
            if i == len(ordered) or ordered[i].at - ordered[i - 1].at > TOL:
                out += _to_mean(ordered[start:i])
                start = i
    return out


_AT = itemgetter(1)  # Ruling.at
_LINE_ORDER = itemgetter(0, 1, 2)  # (vertical, at, lo)


def _to_mean(cluster: list[Ruling]) -> list[Ruling]:
    """The cluster's rulings at their mean position (a ruling already there is kept as it is)."""
    at = sum(map(_AT, cluster)) / len(cluster)
    return [r if r.at == at and at else Ruling(r.vertical, at, r.lo, r.hi) for r in cluster]


def join(rulings: list[Ruling]) -> list[Ruling]:
    """Join collinear rulings that overlap or have a gap of at most TOL; drop short ones."""
    out: list[Ruling] = []
    run: Ruling | None = None  # the first ruling of the run being joined
    hi = 0.0
    for r in sorted(rulings, key=_LINE_ORDER):
        if run is not None and run.vertical == r.vertical and run.at == r.at and r.lo <= hi + TOL:
            hi = max(hi, r.hi)
            continue
        if run is not None:
            out.append(_ended(run, hi))
        run, hi = r, r.hi
    if run is not None:
        out.append(_ended(run, hi))
    return [r for r in out if r.hi - r.lo >= MIN_LENGTH]


def _ended(first: Ruling, hi: float) -> Ruling:
    return first if first.hi == hi else Ruling(first.vertical, first.at, first.lo, hi)


def crosses(h: Ruling, v: Ruling) -> bool:
    """True when horizontal ``h`` and vertical ``v`` meet (within TOL)."""
    return h.lo - TOL <= v.at <= h.hi + TOL and v.lo - TOL <= h.at <= v.hi + TOL


def crossing_groups(rulings: list[Ruling]) -> list[list[Ruling]]:
    """Rulings split into groups connected by crossings; lone rulings are left out."""
    parent = list(range(len(rulings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    vertical = sorted((i for i, r in enumerate(rulings) if r.vertical), key=lambda i: rulings[i].at)
    xs = [rulings[i].at for i in vertical]
    for i, h in enumerate(rulings):
        if h.vertical:
            continue
        at, group = h.at, root(i)
        for j in vertical[bisect.bisect_left(xs, h.lo - TOL) : bisect.bisect_right(xs, h.hi + TOL)]:
            v = rulings[j]  # its x is within reach of h (the bisection above): only its span is left to check
            if v.lo - TOL <= at <= v.hi + TOL and (other := root(j)) != group:
                parent[group] = other
                group = other
    groups: dict[int, list[Ruling]] = {}
    for i, r in enumerate(rulings):
        groups.setdefault(root(i), []).append(r)
    return [g for g in groups.values() if len(g) >= 4]


def ruled_table(group: list[Ruling]) -> RuledTable | None:
    """Cells of one group of crossing rulings, merged where no ruling separates them."""
    xs = sorted({r.at for r in group if r.vertical})
    ys = sorted({r.at for r in group if not r.vertical})
    if len(xs) < 2 or len(ys) < 2:
        return None
    h_rules = _covered(ys, xs, [r for r in group if not r.vertical])  # [row boundary][col]
    v_rules = _covered(xs, ys, [r for r in group if r.vertical])  # [col boundary][row]
    cells = _cells(len(ys) - 1, len(xs) - 1, h_rules, v_rules)
    return _compact(xs, ys, cells) if cells else None


def _covered(positions: list[float], spans: list[float], rulings: list[Ruling]) -> list[list[bool]]:
    """For each position and each gap between ``spans``, whether a ruling draws it.

    Gap ``k`` is drawn when ``r.lo <= spans[k] + TOL`` and ``r.hi >= spans[k + 1] - TOL``;
    both hold for one run of gaps, found by bisection on the same sums.
    """
    out = [[False] * (len(spans) - 1) for _ in positions]
    index = {at: i for i, at in enumerate(positions)}
    starts = [s + TOL for s in spans[:-1]]  # gap k may start the run when r.lo <= starts[k]
    ends = [s - TOL for s in spans[1:]]  # gap k may end it when ends[k] <= r.hi
    for r in rulings:
        first, stop = bisect.bisect_left(starts, r.lo), bisect.bisect_right(ends, r.hi)
        if first < stop:
            out[index[r.at]][first:stop] = [True] * (stop - first)
    return out


def _cells(
    rows: int, cols: int, h_rules: list[list[bool]], v_rules: list[list[bool]]
) -> list[tuple[int, int, int, int]]:
    """The cells of the unit grid: regions no ruling separates, closed on every side, in reading order.

    Most unit cells are ruled on all four sides: a cell of their own, no region to search.
    """
    cells: list[tuple[int, int, int, int]] = []
    seen = [[False] * cols for _ in range(rows)]
    for r in range(rows):
        above, below = h_rules[r], h_rules[r + 1]
        for c in range(cols):
            if seen[r][c]:
                continue
            if above[c] and below[c] and v_rules[c][r] and v_rules[c + 1][r]:
                cells.append((r, c, r + 1, c + 1))  # no step leads in or out: nothing else can reach it
                continue
            region = _region(r, c, rows, cols, h_rules, v_rules, seen)
            if _closed(region, h_rules, v_rules):
                cells += _rectangles(region)
    return cells


def _region(
    r0: int, c0: int, rows: int, cols: int, h_rules: list[list[bool]], v_rules: list[list[bool]], seen: list[list[bool]]
) -> list[tuple[int, int]]:
    """The unit cells reachable from (r0, c0) without crossing a ruling, sorted; marks them seen."""
    seen[r0][c0] = True
    region, todo = [], [(r0, c0)]
    while todo:
        r, c = todo.pop()
        region.append((r, c))
        steps = [
            (r, c + 1, c + 1 < cols and not v_rules[c + 1][r]),
            (r, c - 1, c > 0 and not v_rules[c][r]),
            (r + 1, c, r + 1 < rows and not h_rules[r + 1][c]),
            (r - 1, c, r > 0 and not h_rules[r][c]),
        ]
        for nr, nc, open_ in steps:
            if open_ and not seen[nr][nc]:
                seen[nr][nc] = True
                todo.append((nr, nc))
    return sorted(region)


def _closed(region: list[tuple[int, int]], h_rules: list[list[bool]], v_rules: list[list[bool]]) -> bool:
    """True when rulings close ``region`` on every side (it is not outside the table)."""
    inside = set(region)
    for r, c in region:
        if (r - 1, c) not in inside and not h_rules[r][c]:
            return False
        if (r + 1, c) not in inside and not h_rules[r + 1][c]:
            return False
        if (r, c - 1) not in inside and not v_rules[c][r]:
            return False
        if (r, c + 1) not in inside and not v_rules[c + 1][r]:
            return False
    return True


def _rectangles(region: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """A rectangular region as one cell; any other shape as one cell per row run."""
    rows = [r for r, _ in region]
    cols = [c for _, c in region]
    r0, r1, c0, c1 = min(rows), max(rows) + 1, min(cols), max(cols) + 1
    if len(region) == (r1 - r0) * (c1 - c0):
        return [(r0, c0, r1, c1)]
    out: list[tuple[int, int, int, int]] = []
    for r, c in region:  # sorted: runs are consecutive
        if out and out[-1][0] == r and out[-1][3] == c:
            out[-1] = (r, out[-1][1], r + 1, c + 1)
        else:
            out.append((r, c, r + 1, c + 1))
    return out


def _compact(xs: list[float], ys: list[float], cells: list[tuple[int, int, int, int]]) -> RuledTable:
    """Keep only the boundaries some cell uses, re-indexing the cells."""
    used_x = sorted({c for cell in cells for c in (cell[1], cell[3])})
    used_y = sorted({r for cell in cells for r in (cell[0], cell[2])})
    col = {old: new for new, old in enumerate(used_x)}
    row = {old: new for new, old in enumerate(used_y)}
    return RuledTable(
        [xs[i] for i in used_x],
        [ys[i] for i in used_y],
        [(row[r0], col[c0], row[r1], col[c1]) for r0, c0, r1, c1 in cells],
    )
