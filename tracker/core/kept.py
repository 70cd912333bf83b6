"""A bounded set of computed values kept in this process, least recently used dropped first,
safe across threads: ``get(key, make)`` computes a missing value outside the lock (two threads
may both compute it; the later one is kept)."""

import threading
from collections import OrderedDict


class Kept:
    def __init__(self, limit: int):
        self.limit = limit
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, make):
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        found = make()
        with self._lock:
            self._items[key] = found
            while len(self._items) > self.limit:
                self._items.popitem(last=False)
        return found

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
