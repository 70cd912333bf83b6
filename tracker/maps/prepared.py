"""Prepared public data: what the public map and the statistics page need, computed once per change
of public data and shared by every web process through ``tracker.maps.store``.

A *version* holds the map's base (every public point, ``tracker.maps.points``), the countries and
years present, and each year's statistics with their charts in both languages. A rebuild computes
again only the years the changes since the current version can affect (the year of a changed
incident and later ones; every year after a change of people, outlets or labels, and in the first
build of a process) and keeps the current version's parts of the others. The clusters of a
filter set (``tracker.maps.clusters``) belong to the version's map: those of the filter form's
common choices are computed by the rebuild, any other the first time a visitor asks for it (by
one process, under a lock; at most ``SETS_PER_VERSION`` are stored), and every process reads them
from the store. ``rebuild()``
reads the database, writes the version whole, then switches the store's pointer; readers
(``current()``) load a version once per process when the pointer moves (keeping the parts it
shares with the one they had: the map and its clusters across the statistics' switch), and in the
meantime keep serving the one they have: a visitor never waits for a rebuild (only the very first
one, when nothing was ever prepared).

Incidents changed or removed since the current version was read are in the store's *withdrawn*
set (written by the incident writer's signal, ``tracker.maps.operations``): everything served
from a version leaves them out (``current_and_withdrawn()``) until a version read after the change
replaces it. A case that leaves the public is never served from a stale version.

With ``PREPARED_DATA = "per-process"`` (the tests' default: their data lives in a transaction no
other process sees) each process follows the database itself and rebuilds in the request, as
before; ``"shared"`` is the default everywhere else.
"""

import functools
import hashlib
import io
import json
import secrets
import struct
import threading
import time
from dataclasses import dataclass, field

import flask
import numpy as np
import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from markupsafe import Markup

from reports.statistics import available_years
from tracker.cases.models import Incident
from tracker.cases.taxonomy import ROOT_CODES
from tracker.core import sqlite
from tracker.core.signals import prepared_data_stale
from tracker.core.vocab import PERPETRATOR_TYPES
from tracker.extensions import db
from tracker.maps import store as stores
from tracker.maps.clusters import Selection
from tracker.maps.points import Base, build_base
from tracker.public import queries, statistics

FORMAT = 3
SETS_PER_VERSION = 512  # filter sets stored per version (beyond: computed and kept per process)
PROBE_SECONDS = 30.0  # how often a process checks the database for changes made outside the writer
LANGUAGES = ("ar", "en")
STATE_KEY = "tracker.prepared_state"  # the store's state, read once per request
PAGE_FIGURES = ("totals", "held_on_1_december", "trend", "countries", "headline_types")  # the page's


@dataclass
class Snapshot:
    """One version: its description (``meta``) and, loaded when first asked for, its parts."""

    meta: dict
    parts: dict = field(default_factory=dict)  # part name -> loaded value (this process)
    memo: dict = field(default_factory=dict)  # per process, derived from the map: filtered selections...
    _locks: dict = field(default_factory=dict, repr=False)  # name -> lock of whoever loads it
    _guard: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def following(cls, meta: dict, previous: "Snapshot | None") -> "Snapshot":
        """The version ``meta``, keeping what this process loaded of ``previous`` that it shares
        (part names are never reused for other content): the statistics' switch of a rebuild
        keeps the map and its clusters, a map's switch keeps the years it did not compute."""
        if previous is None:
            return cls(meta)
        used = {meta["map"], *meta["statistics"].values()}
        kept = {name: value for name, value in previous.parts.items() if name in used}
        same_map = previous.meta["map"] == meta["map"]
        return cls(meta, kept, previous.memo if same_map else {})

    version = property(lambda self: self.meta["version"])
    built_at = property(lambda self: self.meta["built_at"])
    fingerprint = property(lambda self: self.meta["fingerprint"])
    countries = property(lambda self: self.meta["countries"])
    years = property(lambda self: self.meta["years"])

    @property
    def year_bounds(self) -> tuple | None:
        return tuple(self.meta["year_bounds"]) if self.meta["year_bounds"] else None

    @property
    def base(self) -> Base:
        return self._part(self.meta["map"], load_map)

    def year(self, year: int, lang: str) -> tuple[dict | None, list]:
        name = self.meta["statistics"].get(str(year))
        if name is None:
            return None, []
        entry = self._part(name, json.loads)
        return entry["stats"], [(k, t, Markup(svg)) for k, t, svg in entry["charts"][lang]]

    def loading(self, name) -> threading.Lock:
        """The lock of whoever loads ``name`` in this process: a request that finds the loader
        thread at it waits for its result instead of loading it a second time beside it."""
        with self._guard:
            return self._locks.setdefault(name, threading.Lock())

    def _part(self, name: str, decode):
        found = self.parts.get(name)
        if found is not None:
            return found
        with self.loading(name):
            found = self.parts.get(name)
            if found is None:
                if "_local" in self.meta:  # per-process: computed here when first asked for
                    found = self.meta["_local"][name]()
                else:
                    blob = store().get(name)
                    if blob is None:
                        raise LookupError(f"prepared part {name} is gone")
                    found = decode(blob)
                self.parts[name] = found
        return found


# --- bytes: a JSON header, then the arrays (numpy's own format: no pickle, nothing executable) ---


def dump_map(base: Base) -> bytes:
    arrays, values = base.parts()
    header = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()
    out = io.BytesIO()
    np.savez(out, **arrays)
    return struct.pack(">Q", len(header)) + header + out.getvalue()


def load_map(blob: bytes) -> Base:
    (length,) = struct.unpack(">Q", blob[:8])
    values = json.loads(blob[8 : 8 + length])
    with np.load(io.BytesIO(blob[8 + length :]), allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    return Base.from_parts(arrays, values)


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def year_part(year: int) -> dict:
    """One year's figures (those the page shows) and charts in both languages."""
    stats = statistics.compute_year(year)
    charts = {}
    for lang in LANGUAGES:
        with force_locale(lang):
            charts[lang] = statistics.charts(stats, lang)
    figures = {key: stats[key] for key in PAGE_FIGURES if key in stats} if stats else None
    return {"stats": figures, "charts": charts}


# --- the store and the switch -------------------------------------------------------------------


def store():
    app = current_app._get_current_object()
    found = app.extensions.get("prepared_store")
    if found is None:
        config = dict(app.config, INSTANCE_PATH=app.instance_path)
        found = app.extensions["prepared_store"] = stores.from_config(config)
    return found


def shared() -> bool:
    mode = current_app.config.get("PREPARED_DATA") or ("per-process" if current_app.testing else "shared")
    return mode == "shared"


def _new_name(kind: str) -> str:
    return f"{kind}-{int(time.time() * 1000):x}-{secrets.token_hex(4)}"


def _meta_of(version: str | None) -> dict | None:
    blob = store().get(version) if version else None
    return json.loads(blob) if blob else None


def _switch(meta: dict, read_at: int, previous: dict | None) -> None:
    s = store()
    s.put(meta["version"], _json(meta))
    used = {meta["map"], *meta["statistics"].values()}
    unused = []
    if previous:
        unused = [previous["version"], *(n for n in (previous["map"], *previous["statistics"].values())
                                         if n not in used)]  # fmt: skip
    s.publish(meta["version"], read_at, unused)


def build_once(read_at: int, progress=None) -> None:
    """Two switches: the map (seconds) first, with the previous version's statistics, then the
    statistics (each year is a report's worth of aggregates: minutes on a large registry), so a
    change reaches the map without waiting for them. A first build switches once, when whole.
    It only reads the database: on SQLite its transaction never takes the write lock (editors
    publish meanwhile)."""
    with sqlite.reading():
        _build_once(read_at, progress)


def _build_once(read_at: int, progress) -> None:
    s = store()
    previous = before = _meta_of(s.state().version)
    started = time.time()
    # read before the statistics: a change made meanwhile differs from them next time
    inputs = statistics.inputs()
    meta = {"format": FORMAT, "version": _new_name("meta"), "built_at": started, "read_at": read_at,
            "fingerprint": queries.fingerprint_now(), "countries": queries.countries(),
            "year_bounds": queries.year_bounds(), "years": available_years(), "map": _new_name("map"),
            "statistics_inputs": inputs}  # fmt: skip
    base = build_base()
    s.put(meta["map"], dump_map(base))
    stored_selection(meta["map"], base, {})
    if progress:
        progress(0.1, "map")
    if previous is not None and previous.get("format") == FORMAT:
        meta["statistics"] = {y: n for y, n in previous["statistics"].items() if int(y) in meta["years"]}
        _switch(meta, read_at, previous)
        previous = meta
    common = common_filter_sets(meta)
    for number, filters in enumerate(common):
        stored_selection(meta["map"], base, filters)
        if progress:
            progress(0.1 + 0.2 * (number + 1) / len(common), "map filters")
    statistics_parts = _kept_years(before, meta)
    todo = [year for year in meta["years"] if str(year) not in statistics_parts]
    for number, year in enumerate(todo):
        statistics_parts[str(year)] = name = _new_name(f"stats{year}")
        s.put(name, _json(year_part(year)))
        if progress:
            progress(0.3 + 0.7 * (number + 1) / len(todo), "statistics")
    final = dict(meta, version=_new_name("meta"), statistics=statistics_parts)
    _switch(final, read_at, previous)
    _whole_built.add(_key())


def _kept_years(before: dict | None, meta: dict) -> dict[str, str]:
    """The statistics parts of ``before`` that ``meta``'s version can keep: those of the years no
    change since ``before`` can affect (``statistics.years_to_compute``). None in the first
    build of a process (it computes every year with this process's code, translations and
    settings), nor across a change of FORMAT."""
    if before is None or before.get("format") != FORMAT or _key() not in _whole_built:
        return {}
    redo = set(statistics.years_to_compute(before.get("statistics_inputs"), meta["statistics_inputs"],
                                           meta["years"]))  # fmt: skip
    return {
        str(year): before["statistics"][str(year)]
        for year in meta["years"]
        if year not in redo
        and str(year) in before["statistics"]
        and store().get(before["statistics"][str(year)])
    }


# --- the clusters of a filter set ----------------------------------------------------------------


def common_filter_sets(meta: dict) -> list[dict]:
    """What the map's filter form asks for with one choice made (as ``queries.parse_filters``
    reads it): prepared by the rebuild, so the usual visitor finds them ready."""
    sets = [{"country": [code]} for code in meta["countries"]]
    sets += [{"violation_type": [code]} for code in ROOT_CODES]
    sets += [{"perpetrator_type": [code]} for code in PERPETRATOR_TYPES]
    sets += [{"year_from": year, "year_to": year} for year in meta["years"]]
    return sets


def filtered_rows(b: Base, filters: dict) -> np.ndarray:
    """Positions in the base of the public incidents matching ``filters``."""
    if not filters:
        return np.arange(len(b.ids))
    ids = np.fromiter(db.session.scalars(sa.select(Incident.id).where(*queries.public_conditions(filters))),
                      dtype=np.int64)  # fmt: skip
    return np.nonzero(np.isin(b.ids, ids, assume_unique=True))[0]


def _selection_name(map_name: str, filters: dict) -> str:
    digest = hashlib.sha256(repr(queries.filter_key(filters)).encode()).hexdigest()[:32]
    return f"{map_name}~{digest}"


def stored_selection(map_name: str, b: Base, filters: dict) -> Selection:
    """The clusters of ``filters`` on the map part ``map_name``: from the store, or computed here
    (once: a process that finds another computing it waits for its result) and stored. Beyond
    ``SETS_PER_VERSION`` sets a version, this process keeps it (the caller's memory) alone."""
    s, name = store(), _selection_name(map_name, filters)
    blob = s.get(name)
    if blob is not None:
        return Selection.load(blob)
    with s.lock(name):
        blob = s.get(name)
        if blob is not None:
            return Selection.load(blob)
        found = Selection.compute(b, filtered_rows(b, filters))
        s.add(map_name, name, found.dump(), SETS_PER_VERSION)
        return found


def selection(snapshot: Snapshot, filters: dict) -> Selection:
    """The clusters of ``filters`` in ``snapshot`` (per-process mode: computed here)."""
    if "_local" in snapshot.meta:
        return Selection.compute(snapshot.base, filtered_rows(snapshot.base, filters))
    return stored_selection(snapshot.meta["map"], snapshot.base, filters)


def rebuild(progress=None, if_stale: bool = False) -> str | None:
    """Build a version and make it current; again while public data changed meanwhile. Only one
    process rebuilds at a time: if another one is at it, it will see this change (it checks the
    sequence number after releasing its lock) and None is returned. ``if_stale`` (a rebuild job):
    nothing is built when the current version was read after every change (one queued behind a
    rebuild that covered its change)."""
    s = store()
    while True:
        with s.rebuild_lock(wait=False) as acquired:
            if not acquired:
                return None
            if if_stale and _covers_every_change(s.state()):
                return s.state().version
            while True:
                read_at = s.state().seq
                build_once(read_at, progress)
                if s.state().seq == read_at:
                    break
        if s.state().seq == read_at:  # nothing changed between the last read and the release
            return s.state().version


def _covers_every_change(found: stores.State) -> bool:
    """Whether the current version was read after every change announced (``seq``) and after
    any made without the writer (the database's fingerprint)."""
    meta = _meta_of(found.version)
    return bool(meta and meta.get("format") == FORMAT and meta.get("read_at", -1) >= found.seq
                and meta.get("fingerprint") == queries.fingerprint_now())  # fmt: skip


def ensure() -> None:
    """Build the first version if none exists (a fresh installation; waits for a rebuild that
    another process has started)."""
    s = store()
    if s.state().version is not None:
        return
    with s.rebuild_lock(wait=True):
        if s.state().version is None:
            build_once(s.state().seq)


def build_local() -> Snapshot:
    """A version built in this process and kept only here (``per-process`` mode)."""
    meta = {"format": FORMAT, "version": _new_name("local"), "built_at": time.time(), "read_at": 0,
            "fingerprint": queries.fingerprint_now(), "countries": queries.countries(),
            "year_bounds": queries.year_bounds(), "years": available_years(), "map": "map",
            "statistics": {}}  # fmt: skip
    local = {"map": build_base}
    for year in meta["years"]:
        meta["statistics"][str(year)] = f"stats{year}"
        local[f"stats{year}"] = functools.partial(year_part, year)
    meta["_local"] = local
    return Snapshot(meta)


# --- reading: one pointer check per request, a version loaded once per process -----------------

_lock = threading.Lock()
_loaded: dict = {}  # app name -> Snapshot (one app per process in production; tests make several)
_probed: dict = {}  # app name -> monotonic time of the last database check
_whole_built: set = set()  # apps whose process built a version's statistics whole


def state() -> stores.State:
    """The store's state, asked once per request."""
    # kept on the request itself (``g`` lives as long as the application context, which a
    # caller may keep across requests)
    if flask.has_request_context() and STATE_KEY in flask.request.environ:
        return flask.request.environ[STATE_KEY]
    if shared():
        found = store().state()
    else:
        snapshot = current()
        found = stores.State(snapshot.version, 0, snapshot.built_at)
    if flask.has_request_context():
        flask.request.environ[STATE_KEY] = found
    return found


def http_version() -> tuple[str, float]:
    """What public answers' ETag and Last-Modified derive from (``tracker.core.http_cache``)."""
    found = state()
    return found.token, found.changed_at


def _key() -> str:
    return f"{current_app.import_name}:{id(current_app._get_current_object())}"


def current() -> Snapshot:
    return current_and_withdrawn()[0]


def current_and_withdrawn() -> tuple[Snapshot, frozenset]:
    """The current version and the incidents to leave out of it, from one read of the store."""
    if not shared():
        return _current_per_process(), frozenset()
    found = state() if flask.has_request_context() else store().state()
    if found.version is None:
        ensure()
        found = _fresh_state()
    key = _key()
    snapshot = _loaded.get(key)
    if snapshot is None or snapshot.version != found.version:
        with _lock:
            snapshot = _loaded.get(key)
            if snapshot is None or snapshot.version != found.version:
                meta = _meta_of(found.version)
                if meta is None:  # switched again and the old one dropped meanwhile: the newest
                    found = _fresh_state()
                    meta = _meta_of(found.version)
                snapshot = _loaded[key] = Snapshot.following(meta, _loaded.get(key))
    _probe(snapshot, key)
    return snapshot, found.withdrawn


def _fresh_state() -> stores.State:
    found = store().state()
    if flask.has_request_context():
        flask.request.environ[STATE_KEY] = found
    return found


def _current_per_process() -> Snapshot:
    key = _key()
    fingerprint = queries.fingerprint_now()  # (state() keeps its answer for the request)
    snapshot = _loaded.get(key)
    if snapshot is None or snapshot.fingerprint != fingerprint:
        with _lock:
            snapshot = _loaded[key] = build_local()
    return snapshot


def _probe(snapshot: Snapshot, key: str) -> None:
    """Now and then, compare the database with the version served: a change made without the
    incident writer (a bulk import, a journalist's or a label's edit, SQL by hand) asks for a
    rebuild too, through ``prepared_data_stale``. Only where this transaction cannot hold SQLite's
    write lock (a public page's GET): asking for the rebuild writes the job in a transaction of its
    own, which would wait for this one."""
    if sqlite.may_write():
        return
    now = time.monotonic()
    if now - _probed.get(key, 0.0) < PROBE_SECONDS:
        return
    _probed[key] = now
    if queries.fingerprint_now() != snapshot.fingerprint:
        prepared_data_stale.send(current_app._get_current_object())


def reset() -> None:
    """Forget what this process loaded (tests that swap databases)."""
    with _lock:
        _loaded.clear()
        _probed.clear()
        _whole_built.clear()
