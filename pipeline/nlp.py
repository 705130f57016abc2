"""Chinese segmentation with a domain dictionary, loaded once per process.

``cut`` is the one word segmenter the pipeline uses: jieba's default
tokenizer with the user dictionary in ``pipeline/resources/userdict.txt``
(依申请公开, 行政复议, 三审三校, 政务新媒体 …) so domain terms stay whole.
The segmentation is jieba's own (dictionary DAG, maximum-probability route,
HMM for unknown runs), recomputed by :func:`_cut_han` with the route search
fused into one pass: the words are the same as ``jieba.cut`` (a test checks
it on every report text), about twice as fast.
``blank_zh`` gives a spaCy ``blank("zh")`` whose tokenizer segments with the
same jieba, for code that wants spaCy ``Doc`` objects (the textcat candidate
in :mod:`pipeline.classify.spacy_candidate`).  Nothing downloads.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from math import log
from pathlib import Path
from types import SimpleNamespace
from typing import Any

RESOURCES = Path(__file__).resolve().parent / "resources"
USER_DICT = RESOURCES / "userdict.txt"

_lock = threading.Lock()


@lru_cache(maxsize=1)
def segmenter() -> Any:
    """jieba's default tokenizer, initialised with the domain dictionary (once)."""
    with _lock:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        # jieba reads its dictionary cache with marshal.load on the open file, which
        # reads it piecemeal (about 1 s); reading the bytes first and marshal.loads
        # takes a quarter of that.  Only jieba's own reference to marshal is swapped.
        real = jieba.marshal
        jieba.marshal = SimpleNamespace(load=lambda fh: real.loads(fh.read()), dump=real.dump)
        try:
            jieba.initialize()
        finally:
            jieba.marshal = real
        jieba.load_userdict(str(USER_DICT))
        return jieba


def user_words() -> list[str]:
    """The words of the domain dictionary, in file order."""
    lines = USER_DICT.read_text(encoding="utf-8").splitlines()
    return [ln.split()[0] for ln in lines if ln.strip()]


def cut(text: str) -> list[str]:
    """Segment ``text`` into words (precise mode, whitespace dropped); the same words as ``jieba.cut``."""
    return [w for w in _cut(text) if w.strip()]


def jieba_cut(text: str) -> list[str]:
    """:func:`cut` through jieba's own ``cut`` (the reference :func:`cut` is tested against)."""
    return [w for w in segmenter().cut(text, cut_all=False) if w.strip()]


class _Dictionary:
    """jieba's dictionary as :func:`_han_words` uses it; ``key`` tells when jieba's changed."""

    key: tuple[int, int] | None = None
    freq: dict[str, int] = {}
    logtotal = 0.0
    hmm_cut: Any = None


def _cut(text: str) -> list[str]:
    # jieba.Tokenizer.cut(text, cut_all=False, HMM=True), block by block.
    jieba = segmenter()
    dt = jieba.dt
    if _Dictionary.key != (id(dt.FREQ), dt.total):  # first call, or words added to jieba since
        _han_words.cache_clear()
        _Dictionary.freq, _Dictionary.logtotal, _Dictionary.hmm_cut = dt.FREQ, log(dt.total), jieba.finalseg.cut
        _Dictionary.key = (id(dt.FREQ), dt.total)
    re_han, re_skip = jieba.re_han_default, jieba.re_skip_default
    words: list[str] = []
    for blk in re_han.split(text):
        if not blk:
            continue
        if re_han.match(blk):
            words.extend(_han_words(blk))
        else:
            for x in re_skip.split(blk):
                if re_skip.match(x):
                    words.append(x)
                else:
                    words.extend(x)
    return words


def forget_blocks() -> None:
    """Empty the block cache (:func:`pipeline.parse.parse_document` does at each document,
    so a report never reuses the work of an earlier one and costs what it costs alone)."""
    _han_words.cache_clear()


# The words of a block depend on the block alone.  A paragraph's lead clause
# (classifier features) ends at punctuation, which ends a block too, so its
# blocks were just cut with the whole paragraph: a small cache of recent
# blocks cuts them once.
@lru_cache(maxsize=512)
def _han_words(block: str) -> tuple[str, ...]:
    words: list[str] = []
    _cut_han(block, _Dictionary.freq, _Dictionary.logtotal, _Dictionary.hmm_cut, words)
    return tuple(words)


def _cut_han(sentence: str, freq: dict[str, int], logtotal: float, hmm_cut: Any, words: list[str]) -> None:
    """jieba's ``__cut_DAG`` (get_DAG + calc + HMM for unknown runs) with the DAG walked once.

    ``calc`` takes, for each position from the end, the ``max`` of
    ``(log(freq) - logtotal + score[x + 1], x)`` over the dictionary words
    starting there; ties go to the larger ``x``, hence ``>=`` below.  The
    arithmetic is the same expression in the same order, so the route, and
    the words appended to ``words``, are identical.
    """
    n = len(sentence)
    score = [0.0] * (n + 1)
    end = list(range(n + 1))
    get = freq.get
    for k in range(n - 1, -1, -1):
        best = None
        i = k
        f = get(sentence[k])
        while f is not None:
            if f:
                s = log(f) - logtotal + score[i + 1]
                if best is None or s >= best:
                    best = s
                    end[k] = i
            i += 1
            if i >= n:
                break
            f = get(sentence[k : i + 1])
        # no dictionary word starts here: the single character, frequency 1
        score[k] = log(1) - logtotal + score[k + 1] if best is None else best
    x = 0
    buf = ""
    while x < n:
        y = end[x] + 1
        if y - x == 1:
            buf += sentence[x]
        else:
            if buf:
                _flush(buf, get, hmm_cut, words)
                buf = ""
            words.append(sentence[x:y])
        x = y
    if buf:
        _flush(buf, get, hmm_cut, words)


def _flush(buf: str, get: Any, hmm_cut: Any, words: list[str]) -> None:
    if len(buf) == 1:
        words.append(buf)
    elif not get(buf):
        words.extend(hmm_cut(buf))
    else:
        words.extend(buf)


@lru_cache(maxsize=1)
def blank_zh() -> Any:
    """A spaCy ``blank("zh")`` pipeline segmenting with jieba + the user dictionary."""
    import spacy

    segmenter()  # spaCy's jieba segmenter uses jieba's default tokenizer: load our words first
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
