"""Chinese segmentation with a domain dictionary, loaded once per process.

``cut`` is the one word segmenter the pipeline uses: jieba's segmentation
(dictionary DAG, maximum-probability route, HMM for unknown runs) with the
user dictionary in ``pipeline/resources/userdict.txt`` (依申请公开, 行政复议,
三审三校, 政务新媒体 …) so domain terms stay whole.  The work is done by
jieba-rs (the ``rjieba`` binding: jieba's dictionary and HMM in Rust, about
ten times faster than jieba in Python); :func:`cut` keeps jieba's own
splitting of the text into blocks and of Latin/digit runs, so the words are
the same as ``jieba.cut`` (:func:`jieba_cut`; the tests check it on every
report text and on random strings).  The one known difference: when two
routes have exactly the same probability (the same words in another order,
as in 乓乓乓), jieba-rs may take the other one; 1 to 5 in 200,000 random
strings of 0-40 characters (drawn from a small alphabet) hit it, no real
report does.
``blank_zh`` gives a spaCy ``blank("zh")`` whose tokenizer segments with
jieba and the same user dictionary, for code that wants spaCy ``Doc`` objects
(the textcat candidate in :mod:`pipeline.training.spacy_candidate`).
Nothing downloads.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from .extras import require

RESOURCES = Path(__file__).resolve().parent / "resources"
USER_DICT = RESOURCES / "userdict.txt"

_lock = threading.Lock()


@lru_cache(maxsize=1)
def segmenter() -> Any:
    """jieba's default tokenizer, initialised with the domain dictionary (once)."""
    with _lock:
        jieba = require("spacy", "jieba", "jieba segmentation (the reference for cut and the spaCy candidate)")

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


def user_entries() -> list[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) of each line of the domain dictionary, as jieba's ``load_userdict`` reads it."""
    entries = []
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            freq = int(parts[1]) if len(parts) > 1 else None
            entries.append((parts[0], freq, parts[2] if len(parts) > 2 else None))
    return entries


@lru_cache(maxsize=1)
def rust_segmenter() -> Any:
    """jieba-rs's process-wide tokenizer (jieba's dictionary, built when ``rjieba`` is imported)
    with the domain dictionary added (once).  A second ``rjieba.Jieba()`` would cost another
    0.15 s and its own copy of the dictionary, so the module's default one is used."""
    import rjieba

    for word, freq, tag in user_entries():
        rjieba.add_word(word, freq, tag)
    return rjieba


# jieba's text blocks (jieba.re_han_default / re_skip_default) and the split of an
# unknown run inside a block (jieba.finalseg's re_han / re_skip).
_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
_SPACE = re.compile(r"(\r\n|\s)")
_HAN_RUN = re.compile(r"([\u4E00-\u9FD5]+)")
_HAN_ONLY = re.compile(r"[\u4E00-\u9FD5]+")
_LATIN_RUN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
# What makes jieba-rs differ from jieba on a whole text: characters it counts as
# CJK and jieba does not (CJK extension A, U+9FD6 and up, compatibility
# ideographs, planes 2-3), a Latin/digit/symbol run that could be an unknown
# word, or a lone surrogate (which cannot reach Rust; jieba makes it a word).
_NOT_PLAIN = re.compile(
    r"[\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0003FFFF\ud800-\udfff]|[a-zA-Z0-9+#&\._%\-]{2}"
)


def cut(text: str) -> list[str]:
    """Segment ``text`` into words (precise mode, HMM on, whitespace dropped); the same words as ``jieba.cut``.

    As jieba: the text splits into blocks of CJK (U+4E00–U+9FD5), Latin letters,
    digits and ``+#&._%-``; other characters are words of their own.  Each
    block is segmented by jieba-rs, whose only difference from jieba inside a
    block is that it keeps an unknown Latin/digit run whole ("www.gov.cn"),
    where jieba's HMM step splits it into letter/digit runs and the rest.
    A text without such runs and without CJK outside jieba's range goes to
    jieba-rs in one call.
    """
    tokenizer = rust_segmenter()
    if not _NOT_PLAIN.search(text):  # most paragraphs: one call gives jieba's words
        return [w for w in tokenizer.cut(text, True) if w.strip()]
    words: list[str] = []
    for blk in _BLOCK.split(text):
        if _BLOCK.match(blk):
            words.extend(_cut_block(tokenizer, blk))
        elif blk:
            words.extend(c for x in _SPACE.split(blk) if not _SPACE.match(x) for c in x if not c.isspace())
    return [w for w in words if w.strip()]


def _cut_block(tokenizer: Any, blk: str) -> list[str]:
    """jieba's words for one CJK/Latin block: jieba-rs words, unknown mixed runs split as jieba's HMM does."""
    words: list[str] = []
    for w in tokenizer.cut(blk, True):
        if len(w) == 1 or _HAN_ONLY.fullmatch(w) or tokenizer.has_word(w):
            words.append(w)
            continue
        for part in _HAN_RUN.split(w):
            if _HAN_RUN.fullmatch(part):
                words.append(part)
            elif part:
                words.extend(x for x in _LATIN_RUN.split(part) if x)
    return words


def jieba_cut(text: str) -> list[str]:
    """:func:`cut` through jieba's own ``cut`` (the reference :func:`cut` is tested against)."""
    return [w for w in segmenter().cut(text, cut_all=False) if w.strip()]


@lru_cache(maxsize=1)
def blank_zh() -> Any:
    """A spaCy ``blank("zh")`` pipeline segmenting with jieba + the user dictionary."""
    spacy = require("spacy", "spacy", "the spaCy pipeline")
    segmenter()  # spaCy's jieba segmenter uses jieba's default tokenizer: load our words first
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
