"""A bounded set of computed values kept in this process, least recently used dropped first,
safe across threads: ``get(key, make)`` computes a missing value outside the lock (two threads
may both compute it; the later one is kept); ``found(keys)`` and ``keep(values)`` do the same for
many keys at once (a caller that computes the missing ones together)."""

import threading
from collections import OrderedDict


class Kept:
    def __init__(self, limit: int):
        self.limit = limit
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, make):
        found = self.found([key])
        if key in found:
            return found[key]
        value = make()
        self.keep({key: value})
        return value

    def found(self, keys) -> dict:
        """The values kept for those of ``keys`` that have one (None is never kept)."""
        found = {}
        with self._lock:
            for key in keys:
                value = self._items.get(key)
                if value is not None:
                    self._items.move_to_end(key)
                    found[key] = value
        return found

    def keep(self, values: dict) -> None:
        with self._lock:
            for key, value in values.items():
                self._items[key] = value
                self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
