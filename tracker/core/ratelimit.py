"""The rate limiter's storage within one process (no ``REDIS_URL``): limits' memory storage, except
that it forgets expired counts inline, at most once a second, instead of starting a timer thread
after nearly every hit. Each hit used to start a thread and wait for it to be running: on a busy
or loaded server the public API spent more time starting threads than answering. (A count that
has expired is never used either way: the storage checks the expiry when it reads a count.)"""

import time

from limits.storage import MemoryStorage

SWEEP_SECONDS = 1.0
SCHEME = "tracker-memory"


class ProcessMemoryStorage(MemoryStorage):
    STORAGE_SCHEME = [SCHEME]  # registered with limits by this class's creation

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        self._swept = time.monotonic()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802  (the parent's own hook, by its mangled name)
        now = time.monotonic()
        if now - self._swept >= SWEEP_SECONDS:
            self._swept = now
            self._MemoryStorage__expire_events()
