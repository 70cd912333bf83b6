"""Server-side clustering of the public map.

The page never receives one marker per incident: it asks for the clusters of its current view
and zoom. The clusters of a filter set (one set of levels per violation group, so each group is
its own layer and colour: ``tracker.maps.clusters``) are part of the prepared public data
(``tracker.maps.prepared``): computed once per version and filter set and read from the shared
store by every process, never rebuilt in each worker. A process keeps the few it used last.
Incidents withdrawn since the version was read are left out: a selection that holds one is
clustered again in this process without them, until the next version replaces it.
"""

import threading
import time

import numpy as np
import sqlalchemy as sa

from tracker.cases.models import Incident
from tracker.core.kept import Kept
from tracker.extensions import db
from tracker.geo import gazetteer
from tracker.maps import prepared
from tracker.maps.clusters import MAX_ZOOM as MAX_ZOOM  # (the map API's and the export's)
from tracker.maps.clusters import Selection
from tracker.maps.groups import GROUPS
from tracker.maps.points import POPUP_FIELDS, Base
from tracker.public import queries, redaction

FILTER_SETS_KEPT = 16  # per process and version
STACK_LIMIT = 50  # incidents listed for a cluster that never splits (one public place)


def base() -> Base:
    return prepared.current().base


def _withdrawn_in(b: Base, withdrawn: frozenset) -> np.ndarray:
    """The withdrawn incidents the base holds (the others cannot be served from it anyway)."""
    if not withdrawn:
        return np.empty(0, dtype=np.int64)
    ids = np.fromiter(withdrawn, dtype=np.int64)
    return np.intersect1d(ids, b.ids, assume_unique=True)


def selection(filters: dict) -> tuple[Base, Selection]:
    snapshot, withdrawn = prepared.current_and_withdrawn()
    b = snapshot.base
    key = queries.filter_key(filters)
    kept = snapshot.memo.get("selections") or snapshot.memo.setdefault("selections", Kept(FILTER_SETS_KEPT))

    def load():
        with snapshot.loading(("selection", key)):  # once, when the loader thread is at it too
            return kept.found([(key, ())]).get((key, ())) or prepared.selection(snapshot, filters)

    stored = kept.get((key, ()), load)
    hidden = _withdrawn_in(b, withdrawn)
    if not len(hidden):
        return b, stored

    def without():
        rows = stored.rows[~np.isin(b.ids[stored.rows], hidden)]
        if len(rows) == len(stored.rows):
            return stored
        return Selection.compute(b, rows, live=True)

    return b, kept.get((key, tuple(hidden.tolist())), without)


def popups(b: Base, positions) -> list[dict]:
    """Popup fields of the points at ``positions`` in the base, titles read in one query."""
    ids = [int(b.ids[i]) for i in positions]
    titles = {}
    if ids:
        stmt = sa.select(Incident.id, Incident.title_ar, Incident.title_en).where(
            Incident.id.in_(ids), *queries.public_conditions()
        )
        titles = {row.id: (row.title_ar, row.title_en) for row in db.session.execute(stmt)}
    protected = queries.protected_names(titles)
    out = []
    for position, incident_id in zip(positions, ids, strict=True):
        if incident_id not in titles:  # no longer public since the index was built
            continue
        record = dict(zip(POPUP_FIELDS, b.popup(position), strict=True))
        names = protected.get(incident_id)
        record["title_ar"], record["title_en"] = (
            redaction.mask_text(title, names, incident_id, field)
            for title, field in zip(titles[incident_id], ("title_ar", "title_en"), strict=True)
        )
        out.append(record)
    return out


def clusters(filters: dict, bbox: tuple[float, float, float, float], zoom: int) -> dict:
    """Clusters and single incidents in ``bbox`` (west, south, east, north) at ``zoom``."""
    b, sel = selection(filters)
    features, singles = [], []
    for name, levels in sel.indexes.items():
        lon, lat, count, expand, point = levels.view(bbox, zoom)
        for c_lon, c_lat, n, splits, position in zip(np.round(lon, 5).tolist(), np.round(lat, 5).tolist(),
                                                     count.tolist(), expand.tolist(), point.tolist(), strict=True):  # fmt: skip
            feature = {"group": name, "lat": c_lat, "lon": c_lon, "count": n}
            if n == 1:
                singles.append((feature, position))
                continue
            feature["zoom"] = splits
            features.append(feature)
    details = {p["ref"]: p for p in popups(b, [position for _feature, position in singles])}
    for feature, position in singles:
        ref = b.value("ref", position)
        if ref in details:  # (no longer public since the version was read: left out)
            feature["incident"] = details[ref]
            features.append(feature)
    return {"zoom": zoom, "total": int(len(sel.rows)), "features": features}


def stack(filters: dict, lat: float, lon: float, group: str | None, limit: int = STACK_LIMIT) -> dict:
    """The incidents drawn at one public place (a cluster that no zoom splits)."""
    b, sel = selection(filters)
    rows = sel.rows
    if group in GROUPS:
        rows = rows[b.group[rows] == GROUPS.index(group)]
    near = rows[(np.abs(b.lat[rows] - lat) < 1e-4) & (np.abs(b.lon[rows] - lon) < 1e-4)]
    near = near[np.argsort(-b.ids[near])]  # newest records first
    return {"total": int(len(near)), "incidents": popups(b, near[:limit].tolist())}


def areas(filters: dict) -> dict:
    """Counts per country and per governorate (at the public precision) for the shaded layer."""
    b, sel = selection(filters)
    g = gazetteer.get()
    countries, governorates = b.counts("country", sel.rows), b.counts("admin1_code", sel.rows)
    governorates.pop(None, None)
    out_countries = []
    for code, n in sorted(countries.items(), key=lambda item: -item[1]):
        c = g.countries.get(code)
        if c is not None:
            out_countries.append({"code": code, "count": n, "lat": c.latitude, "lon": c.longitude})
    out_governorates = []
    for code, n in sorted(governorates.items(), key=lambda item: -item[1]):
        seat = g.admin1.get(code)
        if seat is not None:
            out_governorates.append({"code": code, "name_ar": seat.name_ar, "name_en": seat.name_en, "count": n,
                                     "lat": seat.latitude, "lon": seat.longitude})  # fmt: skip
    return {"total": int(len(sel.rows)), "countries": out_countries, "governorates": out_governorates}


def keep_loaded(app, every: float = 1.0) -> threading.Thread:
    """A web worker's background thread: load each new version of the prepared data and its
    unfiltered clusters as soon as it is switched in, so visitors find them ready."""

    def run():
        while True:
            with app.app_context():
                try:
                    if not prepared.shared() or prepared.store().state().version is not None:
                        selection({})
                except Exception:  # noqa: BLE001  (tried again next time; requests load it themselves)
                    app.logger.exception("loading the prepared public data failed")
            time.sleep(every)

    thread = threading.Thread(target=run, name="prepared-loader", daemon=True)
    thread.start()
    return thread


def reset() -> None:
    """Forget what this process loaded (tests that swap databases)."""
    prepared.reset()
