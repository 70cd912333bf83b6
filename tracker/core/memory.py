"""Pausing Python's cycle collector while bulk work builds many short-lived objects.

An import of a few thousand rows allocates hundreds of thousands of dicts and lists (cells,
records, rows, audit entries); each few hundred allocations start a collection, and the older
generations hold the whole process (the gazetteer alone is a quarter of a million objects), so
about a third of an import's CPU went to collections that found next to nothing. Reference
counting still frees everything that is not in a cycle; the cycles made meanwhile are collected
once the last bulk section ends. The collector is process-wide: sections in several threads
(jobs of a runner with several threads) share one count, and the last to end turns it back on.
"""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_active = 0
_was_enabled = False


@contextmanager
def cycles_paused() -> Iterator[None]:
    global _active, _was_enabled
    with _lock:
        if _active == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _was_enabled:
                gc.enable()
