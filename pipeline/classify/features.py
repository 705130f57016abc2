"""Text features shared by training and inference (one definition, no drift).

An item is ``(text, context)``: the text of a paragraph or statement and
an optional context string (a section number, the kind cue of a statement,
a statement's kind).  Features are character n-grams of the text, optionally
jieba words and word bigrams, plus one ``@ctx=`` token for the context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Item = tuple[str, str | None]

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def clean(text: str) -> str:
    """Collapse whitespace and map every number to one digit, so counts do not become features."""
    return _DIGITS.sub("0", _SPACE.sub("", text))


def char_ngrams(text: str, lo: int = 1, hi: int = 3) -> list[str]:
    t = clean(text)
    return [t[i : i + n] for n in range(lo, hi + 1) for i in range(len(t) - n + 1)]


def word_ngrams(text: str) -> list[str]:
    from ..nlp import cut

    words = cut(clean(text))
    return ["w:" + w for w in words] + ["w:" + a + "_" + b for a, b in zip(words, words[1:])]


def analyze(item: Item, kind: str = "char", use_context: bool = True) -> list[str]:
    """The feature tokens of one item for feature set ``kind`` (char | word | char+word)."""
    text, context = item
    feats: list[str] = []
    if "char" in kind:
        feats += char_ngrams(text)
    if "word" in kind:
        feats += word_ngrams(text)
    if use_context and context not in (None, ""):
        feats.append(f"@ctx={context}")
    return feats


def analyzer(kind: str, use_context: bool):
    """A picklable-free callable for sklearn's ``TfidfVectorizer(analyzer=...)``."""

    def run(item: Item) -> list[str]:
        return analyze(item, kind, use_context)

    return run


def as_items(texts: Iterable[str], contexts: Iterable[str | None]) -> list[Item]:
    return list(zip(texts, contexts))
