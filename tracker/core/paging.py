"""Page N of a list at the cost of page 1: a page number is turned into a keyset seek.

``OFFSET n`` makes the database step over n entries on every request, so page 1,000 of a list
costs a thousand pages. Instead, the key of every ``ANCHOR_EVERY``-th entry of a list (its sort
value and id) is remembered per data version and per list (``version_key``): page N seeks to the
nearest anchor before it in the index, then skips fewer than ``ANCHOR_EVERY`` entries. An anchor
is found once, from the anchor before it, by the database (``OFFSET`` over index entries: no row
is read into Python); a new data version starts afresh, so a page never mixes two versions'
anchors.

The statement given is the list's keys only (sort column then id, both in one direction, the
columns NOT NULL), ordered; callers read the rows of the page by id afterwards (a deferred join:
the page's records are built for the page only).
"""

import threading
from collections import OrderedDict

import sqlalchemy as sa

from tracker.core.kept import Kept
from tracker.extensions import db

ANCHOR_EVERY = 500
LISTS_KEPT = 64  # (version, list) pairs whose anchors each process keeps


class _Anchors:
    __slots__ = ("keys", "complete")

    def __init__(self):
        self.keys: list[tuple] = []  # keys[j] ends the first (j + 1) * ANCHOR_EVERY entries
        self.complete = False  # the list has no entry past the last anchor's block


_kept: OrderedDict = OrderedDict()
_lock = threading.Lock()


def _after(columns, key: tuple, descending: bool):
    """Entries after ``key`` in the list's order, as one row-value comparison (an index seek)."""
    bound = sa.tuple_(*(sa.literal(value, column.type) for column, value in zip(columns, key, strict=True)))
    return sa.tuple_(*columns) < bound if descending else sa.tuple_(*columns) > bound


def page_keys(stmt, columns, descending: bool, offset: int, limit: int, version_key: tuple) -> list:
    """Rows ``offset`` to ``offset + limit`` of ``stmt`` (ordered by ``columns``, all in one
    direction), as ``stmt.offset(offset).limit(limit)`` gives them."""
    step, anchor = _anchor(stmt, columns, descending, offset // ANCHOR_EVERY, version_key)
    if anchor is not None:
        stmt = stmt.where(_after(columns, anchor, descending))
    return db.session.execute(stmt.offset(offset - step * ANCHOR_EVERY).limit(limit)).all()


def _anchor(stmt, columns, descending: bool, wanted: int, version_key: tuple) -> tuple[int, tuple | None]:
    """The nearest anchor at or before number ``wanted`` (found now if missing): its number
    and key; (0, None) for the start of the list."""
    if not wanted:
        return 0, None
    keys_only = stmt.with_only_columns(*columns)
    with _lock:
        anchors = _kept.get(version_key)
        if anchors is None:
            anchors = _kept[version_key] = _Anchors()
            while len(_kept) > LISTS_KEPT:
                _kept.popitem(last=False)
        else:
            _kept.move_to_end(version_key)
        # one seek per missing anchor, each stepping over ANCHOR_EVERY index entries
        while len(anchors.keys) < wanted and not anchors.complete:
            found = _next_anchor(keys_only, columns, descending, anchors.keys[-1] if anchors.keys else None)
            if found is None:
                anchors.complete = True
            else:
                anchors.keys.append(tuple(found))
        step = min(wanted, len(anchors.keys))
        return step, (anchors.keys[step - 1] if step else None)


def _next_anchor(keys_only, columns, descending: bool, last: tuple | None):
    """The key ``ANCHOR_EVERY`` entries after ``last`` (from the start: None), or None."""
    if last is not None:
        keys_only = keys_only.where(_after(columns, last, descending))
    return db.session.execute(keys_only.offset(ANCHOR_EVERY - 1).limit(1)).first()


def counted(version_key: tuple, count):
    """``count()``, kept per data version and list like the anchors: the pages of one list
    share one count."""
    return _counts.get(version_key, count)


_counts = Kept(LISTS_KEPT)


def forget() -> None:
    """Drop every kept anchor and count (tests; a version key makes stale ones unreachable)."""
    with _lock:
        _kept.clear()
    _counts.clear()
