"""Server-side clustering of the public map (supercluster, in C++, via pysupercluster).

The page never receives one marker per incident: it asks for the clusters of its current view
and zoom. Per process we keep
- the *base*: every public incident's coarsened point (``tracker.geo.coarsen.public_point``) and
  popup fields, rebuilt when ``tracker.public.queries.fingerprint()`` changes;
- per filter set (a few, least recently used dropped): one supercluster index per violation
  group, so each group is its own layer and colour.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
import pysupercluster
import sqlalchemy as sa

from tracker.cases.models import Incident
from tracker.extensions import db
from tracker.geo import gazetteer
from tracker.geo.coarsen import PUBLIC_FIELDS, public_point
from tracker.maps.groups import GROUPS, group_of
from tracker.public import queries, redaction

MAX_ZOOM = 18
RADIUS = 60  # pixels, as Leaflet.markercluster
EXTENT = 512
FILTER_SETS_KEPT = 16
STACK_LIMIT = 50  # incidents listed for a cluster that never splits (one public place)
# The stored public place (tracker.geo.coarsen.PUBLIC_FIELDS); the others are for popups.
PLACE_COLUMNS = (*PUBLIC_FIELDS, "admin2", "locality")
POINT_COLUMNS = ("id", "public_ref", "date_start", "date_precision", "headline_type", *PLACE_COLUMNS)
# Popup fields kept per point (titles are read when a popup's incident is sent: they are most of
# the memory, and a view shows few single incidents).
POPUP_FIELDS = ("ref", "date", "date_precision", "type", "country", "admin1_ar", "admin1_en", "locality",
                "precision")  # fmt: skip


@dataclass
class Base:
    fingerprint: str
    ids: np.ndarray  # incident ids, sorted
    lon: np.ndarray
    lat: np.ndarray
    group: np.ndarray  # index into GROUPS
    popups: list  # per point: a tuple of POPUP_FIELDS (public values only)
    places: list  # per point: (country, admin1 code or None, admin1 names, lat, lon of admin1 seat)
    filtered: OrderedDict = field(default_factory=OrderedDict)


_lock = threading.Lock()
_base: Base | None = None


def _point_key(row) -> tuple:
    return tuple(row[c] for c in PLACE_COLUMNS)


def build_base(fingerprint: str) -> Base:
    stmt = sa.select(*(getattr(Incident, c) for c in POINT_COLUMNS)).where(*queries.public_conditions())
    rows = db.session.execute(stmt.order_by(Incident.id)).mappings().all()
    g = gazetteer.get()
    points: dict[tuple, object] = {}  # many incidents share a place: read each place once
    ids, lon, lat, group, popups, places = [], [], [], [], [], []
    for row in rows:
        key = _point_key(row)
        if key not in points:
            points[key] = public_point(row, g)
        point = points[key]
        if point is None:
            continue  # no public place at all: listed in open data, not drawn
        place = redaction.public_place(row, point)
        ids.append(row["id"])
        lon.append(place["longitude"])
        lat.append(place["latitude"])
        group.append(GROUPS.index(group_of(row["headline_type"])))
        popups.append((row["public_ref"], row["date_start"].isoformat(), row["date_precision"],
                       row["headline_type"], row["country"], place["admin1_ar"], place["admin1_en"],
                       place["locality"], place["geo_precision"]))  # fmt: skip
        admin = point.admin1
        places.append((row["country"], admin.code if admin else None, admin))
    return Base(
        fingerprint, np.array(ids, dtype=np.int64), np.array(lon, dtype=np.float64),
        np.array(lat, dtype=np.float64), np.array(group, dtype=np.int8), popups, places,
    )  # fmt: skip


def base() -> Base:
    global _base
    current = queries.fingerprint()
    with _lock:
        if _base is None or _base.fingerprint != current:
            _base = build_base(current)
        return _base


@dataclass
class Selection:
    rows: np.ndarray  # positions in the base
    indexes: dict  # group -> (SuperCluster, positions in the base of its points)


def selection(filters: dict) -> tuple[Base, Selection]:
    b = base()
    key = queries.filter_key(filters)
    with _lock:
        found = b.filtered.get(key)
        if found is not None:
            b.filtered.move_to_end(key)
            return b, found
    if filters:
        ids = np.fromiter(db.session.scalars(sa.select(Incident.id).where(*queries.public_conditions(filters))),
                          dtype=np.int64)  # fmt: skip
        rows = np.nonzero(np.isin(b.ids, ids, assume_unique=True))[0]
    else:
        rows = np.arange(len(b.ids))
    indexes = {}
    for number, name in enumerate(GROUPS):
        members = rows[b.group[rows] == number]
        if len(members):
            coords = np.column_stack((b.lon[members], b.lat[members]))
            index = pysupercluster.SuperCluster(coords, min_zoom=0, max_zoom=MAX_ZOOM, radius=RADIUS,
                                                extent=EXTENT)  # fmt: skip
            indexes[name] = (index, members)
    found = Selection(rows, indexes)
    with _lock:
        b.filtered[key] = found
        while len(b.filtered) > FILTER_SETS_KEPT:
            b.filtered.popitem(last=False)
    return b, found


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
        record = dict(zip(POPUP_FIELDS, b.popups[position], strict=True))
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
    west, south, east, north = bbox
    features, singles = [], []
    for name, (index, members) in sel.indexes.items():
        for c in index.getClusters(top_left=(west, north), bottom_right=(east, south), zoom=zoom):
            feature = {"group": name, "lat": round(c["latitude"], 5), "lon": round(c["longitude"], 5),
                       "count": int(c["count"])}  # fmt: skip
            if c["count"] == 1:
                singles.append((feature, members[c["id"]]))
                continue
            feature["zoom"] = int(c["expansion_zoom"]) if c["expansion_zoom"] is not None else MAX_ZOOM + 1
            features.append(feature)
    details = {p["ref"]: p for p in popups(b, [position for _feature, position in singles])}
    for feature, position in singles:
        ref = b.popups[position][0]
        if ref in details:  # (the index is rebuilt on any change: always, unless mid-change)
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
    countries, governorates = {}, {}
    for i in sel.rows:
        country, code, admin = b.places[i]
        countries[country] = countries.get(country, 0) + 1
        if code:
            entry = governorates.setdefault(code, [admin, 0])
            entry[1] += 1
    out_countries = []
    for code, n in sorted(countries.items(), key=lambda item: -item[1]):
        c = g.countries.get(code)
        if c is not None:
            out_countries.append({"code": code, "count": n, "lat": c.latitude, "lon": c.longitude})
    out_governorates = []
    for code, (admin, n) in sorted(governorates.items(), key=lambda item: -item[1][1]):
        seat = g.admin1.get(code)
        if seat is not None:
            out_governorates.append({"code": code, "name_ar": admin.name_ar, "name_en": admin.name_en, "count": n,
                                     "lat": seat.latitude, "lon": seat.longitude})  # fmt: skip
    return {"total": int(len(sel.rows)), "countries": out_countries, "governorates": out_governorates}


def reset() -> None:
    """Forget the cached base (tests that swap databases)."""
    global _base
    with _lock:
        _base = None
