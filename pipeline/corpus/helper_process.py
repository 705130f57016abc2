"""The table builder's helper process: set up once when the pool starts it.

Kept apart from :mod:`.tables` so that the run's own process, which only starts
the pool, never imports pyarrow (and so never pandas) for it.
"""

from __future__ import annotations

from typing import Any


def pool_init() -> None:
    """Table-writer processes: leave Ctrl-C to the caller, and tell pyarrow there is no pandas.

    pyarrow imports pandas (about 0.3 s and tens of MB) the first time it builds
    an array, only to check whether its input is a pandas object; the tables
    here are built from lists, so the import is wasted.  While pyarrow makes
    that check, an import hook refuses pandas, so pyarrow records "no pandas"
    for this process.  Only done in these helper processes, never in the caller's.
    """
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle (it ends the pool)
    if "pandas" in sys.modules:
        return
    sys.meta_path.insert(0, _NoPandas)
    try:
        import pyarrow as pa

        pa.array([0])
    finally:
        sys.meta_path.remove(_NoPandas)


class _NoPandas:
    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is not used by the table builder")
        return None
