"""Page images for OCR: straightening, table rulings and the ink inside a cell (opencv, no model).

A scanned page is turned a little (0.5–2°) more often than not.  :func:`skew_angle`
finds the angle at which the rows of ink line up best (the variance of the row
sums peaks), :func:`straighten` turns the page back.  On the straight page the
long horizontal and vertical strokes are the table rulings: a morphological
opening with a kernel longer than any character stroke keeps them and drops
the text; each remaining stroke becomes a :class:`~.pdf_rules.Ruling` in page
points, so :func:`.pdf_rules.find_tables` builds the grids exactly as for a
vector PDF.  :func:`ink_rows` cuts the ink inside one cell into text lines, for
recognition one line at a time.
"""

from __future__ import annotations

import cv2
import numpy as np

from .pdf_rules import Ruling

MAX_SKEW = 3.0  # degrees: a page turned more than this is not straightened
INK = 128  # a grey level darker than this is ink (after Otsu's threshold on a blurred scan)
LINE_POINTS = 14.0  # points: a ruling is a stroke at least this long (longer than any glyph stroke)


def gray(image: np.ndarray) -> np.ndarray:
    """The image as 8-bit grey."""
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def binary(grey: np.ndarray) -> np.ndarray:
    """Ink as 255, paper as 0 (Otsu's threshold, so grey scans and faint print both work)."""
    _, out = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return out


def _profile_score(ink: np.ndarray, angle: float) -> float:
    h, w = ink.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rows = cv2.warpAffine(ink, turn, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
    return float(np.var(rows))


def skew_angle(grey: np.ndarray) -> float:
    """Degrees to turn the page (counter-clockwise positive, as opencv) so its lines are level."""
    ink = binary(grey)
    scale = 600 / max(ink.shape)
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    if not small.any():
        return 0.0
    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.2), key=lambda a: _profile_score(small, float(a)))
    scale = 1400 / max(ink.shape)
    finer = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    angles = np.arange(best - 0.2, best + 0.2 + 1e-9, 0.04)
    return float(max(angles, key=lambda a: _profile_score(finer, float(a))))


def straighten(image: np.ndarray, angle: float) -> np.ndarray:
    """``image`` turned by ``angle`` degrees about its centre, the corners filled with white."""
    if abs(angle) < 0.02:
        return image
    h, w = image.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    fill = 255 if image.ndim == 2 else (255, 255, 255)
    return cv2.warpAffine(image, turn, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def rulings(grey: np.ndarray, scale: float) -> list[Ruling]:
    """Horizontal and vertical rulings of a straight page, in points (``scale`` pixels per point)."""
    ink = binary(grey)
    length = max(int(LINE_POINTS * scale), 10)
    out: list[Ruling] = []
    for vertical in (False, True):
        shape = (1, length) if vertical else (length, 1)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
        strokes = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        # close small breaks along the stroke (noise, a blurred crossing)
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (1, 9) if vertical else (9, 1))
        strokes = cv2.morphologyEx(strokes, cv2.MORPH_CLOSE, bridge)
        n, _, stats, _ = cv2.connectedComponentsWithStats(strokes, connectivity=8)
        for x, y, w, h, _area in stats[1:n]:
            if vertical and h >= length:
                out.append(Ruling(True, (x + w / 2) / scale, y / scale, (y + h) / scale))
            elif not vertical and w >= length:
                out.append(Ruling(False, (y + h / 2) / scale, x / scale, (x + w) / scale))
    return out


def erase_rulings(grey: np.ndarray, scale: float) -> np.ndarray:
    """The page with its long strokes painted white (what is left is text)."""
    ink = binary(grey)
    length = max(int(LINE_POINTS * scale), 10)
    lines = np.zeros_like(ink)
    for shape in ((length, 1), (1, length)):
        lines |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, shape))
    lines = cv2.dilate(lines, np.ones((5, 5), np.uint8))
    out = grey.copy()
    out[lines > 0] = 255
    return out


def ink_rows(cell: np.ndarray, char: int, min_pixels: int = 12) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of the text lines inside a cell image, top to bottom; [] when blank.

    Bands of ink split by blank rows are one line while together they are no
    higher than a character (``char`` pixels, with some slack): the strokes of 三
    or 二.  Specks (noise, what is left of a ruling) are dropped: a line needs
    ``min_pixels`` of ink.
    """
    if cell.size == 0 or np.count_nonzero(cell < INK) < min_pixels:
        return []
    ink = cv2.morphologyEx(binary(cell), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    rows = np.flatnonzero(ink.sum(axis=1) > 0)
    if rows.size == 0:
        return []
    bands: list[list[int]] = []
    for run in np.split(rows, np.flatnonzero(np.diff(rows) > 2) + 1):
        if bands and run[-1] + 1 - bands[-1][0] <= 1.25 * char:
            bands[-1][1] = int(run[-1]) + 1
        else:
            bands.append([int(run[0]), int(run[-1]) + 1])
    out = []
    for top, bottom in bands:
        band = ink[top:bottom]
        if bottom - top < 4 or np.count_nonzero(band) < min_pixels:
            continue
        cols = np.flatnonzero(band.sum(axis=0) > 0)
        out.append((int(cols[0]), top, int(cols[-1]) + 1, bottom))
    return out


def is_slash(line: np.ndarray) -> bool:
    """Whether one glyph's ink leans like "/" (a recogniser reads it as 1): x falls as y grows."""
    ys, xs = np.nonzero(binary(gray(line)))
    if len(xs) < 10 or np.ptp(ys) == 0:
        return False
    slope = np.polyfit(ys.astype(np.float64), xs.astype(np.float64), 1)[0]
    return bool(slope < -0.25)
