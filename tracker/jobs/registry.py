"""Job kinds: ``@job("kind")`` registers ``fn(params, progress) -> dict | None``.

``progress(done, total, message=None)`` records how far the job got and raises ``Cancelled``
once someone asked to cancel it; the runner then rolls the job's work back. A job refuses its
input with ``JobFailed(message)``: the message is shown to the researcher as it is (job code runs
in the language of the person who started it).
"""

from collections.abc import Callable

REGISTRY: dict[str, Callable] = {}
READ_ONLY: set[str] = set()  # kinds that only read: their transactions never take SQLite's write lock


class Cancelled(Exception):
    """Raised from ``progress`` when cancelling was requested."""


class JobFailed(Exception):
    """The job cannot be done; ``str(exc)`` is the researcher's explanation."""


def job(kind: str, *, writes: bool = True):
    def register(fn: Callable) -> Callable:
        if kind in REGISTRY and REGISTRY[kind] is not fn:
            raise ValueError(f"job kind {kind!r} is registered twice")
        REGISTRY[kind] = fn
        if not writes:
            READ_ONLY.add(kind)
        return fn

    return register
