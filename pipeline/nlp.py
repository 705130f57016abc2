"""Chinese segmentation with a domain dictionary, loaded once per process.

``cut`` is the one word segmenter the pipeline uses: jieba's default
tokenizer with the user dictionary in ``pipeline/resources/userdict.txt``
(依申请公开, 行政复议, 三审三校, 政务新媒体 …) so domain terms stay whole.
``blank_zh`` gives a spaCy ``blank("zh")`` whose tokenizer segments with the
same jieba, for code that wants spaCy ``Doc`` objects (the textcat candidate
in :mod:`pipeline.classify.spacy_candidate`).  Nothing downloads.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path
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
        jieba.initialize()
        jieba.load_userdict(str(USER_DICT))
        return jieba


def user_words() -> list[str]:
    """The words of the domain dictionary, in file order."""
    lines = USER_DICT.read_text(encoding="utf-8").splitlines()
    return [ln.split()[0] for ln in lines if ln.strip()]


def cut(text: str) -> list[str]:
    """Segment ``text`` into words (precise mode, whitespace dropped)."""
    return [w for w in segmenter().cut(text, cut_all=False) if w.strip()]


@lru_cache(maxsize=1)
def blank_zh() -> Any:
    """A spaCy ``blank("zh")`` pipeline segmenting with jieba + the user dictionary."""
    import spacy

    segmenter()  # spaCy's jieba segmenter uses jieba's default tokenizer: load our words first
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
