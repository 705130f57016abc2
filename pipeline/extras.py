"""Optional dependencies: which pip extra installs what, and a clear error when one is missing.

The default install parses reports and runs corpora locally; these need more::

    pip install "xxgk[train]"        # xxgk train / xxgk evaluate (scikit-learn)
    pip install "xxgk[spacy]"        # the spaCy textcat candidate and jieba, the reference segmenter
    pip install "xxgk[corpus-dask]"  # xxgk run --engine dask
    pip install "xxgk[notebook]"     # notebooks/corpus_analysis.ipynb (matplotlib, pandas, a kernel)
    pip install "xxgk[ocr]"          # scanned PDF pages read by OCR (rapidocr, onnxruntime, opencv)
"""

from __future__ import annotations

import importlib
from types import ModuleType


class MissingExtra(ImportError):
    """A feature that needs a pip extra ran without it."""


def require(extra: str, module: str, feature: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtra` naming ``extra`` and how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        missing = getattr(exc, "name", None) or module
        raise MissingExtra(
            f"{feature} needs the optional dependency {missing!r}: pip install 'xxgk[{extra}]'", name=missing
        ) from exc
