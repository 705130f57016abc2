"""Per-file time and memory limits for one parse, in this process.

``with limits(path, timeout=10, max_memory_mb=1024): parse(path)`` raises
:class:`~pipeline.errors.Timeout` when the time is up and
:class:`~pipeline.errors.TooLarge` when the address space would grow past the
limit; both limits are lifted on leaving.  The time limit uses SIGALRM, so it
works in the main thread of a POSIX process (corpus runs use their own
sandboxed workers instead).
"""

from __future__ import annotations

import contextlib
import math
import resource
import signal
from collections.abc import Iterator
from types import FrameType

from .errors import InternalError, Timeout, TooLarge


@contextlib.contextmanager
def limits(path: str, timeout: float | None = None, max_memory_mb: float | None = None) -> Iterator[None]:
    """Limit what the block may take; a limit of None is no limit."""
    for name, value in (("timeout", timeout), ("max_memory_mb", max_memory_mb)):
        if value is not None and (not math.isfinite(value) or value <= 0):
            raise ValueError(f"{name} must be a positive number, not {value}")

    def expired(signum: int, frame: FrameType | None) -> None:
        raise Timeout(path, f"over the time limit of {timeout:g} s")

    old_handler = signal.signal(signal.SIGALRM, expired) if timeout else None
    old_memory = resource.getrlimit(resource.RLIMIT_AS)
    try:
        if max_memory_mb:
            hard = old_memory[1]
            soft = int(max_memory_mb * 1024 * 1024)
            resource.setrlimit(resource.RLIMIT_AS, (soft if hard < 0 else min(soft, hard), hard))
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            yield
        except MemoryError:
            raise TooLarge(path, f"over the memory limit of {max_memory_mb:g} MB") from None
        except InternalError as exc:  # under a memory limit, a library that cannot map its memory fails this way
            if max_memory_mb and isinstance(exc.__cause__, OSError):
                raise TooLarge(path, f"over the memory limit of {max_memory_mb:g} MB ({exc.detail})") from None
            raise
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
        if max_memory_mb:
            resource.setrlimit(resource.RLIMIT_AS, old_memory)
