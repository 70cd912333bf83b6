"""Every public incident's coarsened point and popup fields: the *base* the map's clusters are
built from, read from the database in one query and kept as columns (numpy arrays), so it can be
stored as part of the prepared public data and loaded by any process without the database."""

from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa

from tracker.cases.models import Incident
from tracker.extensions import db
from tracker.geo import gazetteer
from tracker.geo.coarsen import PUBLIC_FIELDS, public_point
from tracker.maps.groups import GROUPS, group_of
from tracker.public import queries, redaction

# The stored public place (tracker.geo.coarsen.PUBLIC_FIELDS); the others are for popups.
PLACE_COLUMNS = (*PUBLIC_FIELDS, "admin2", "locality")
POINT_COLUMNS = ("id", "public_ref", "date_start", "date_precision", "headline_type", *PLACE_COLUMNS)
# Popup fields kept per point (titles are read when a popup's incident is sent: they are most of
# the memory, and a view shows few single incidents).
POPUP_FIELDS = ("ref", "date", "date_precision", "type", "country", "admin1_ar", "admin1_en", "locality",
                "precision")  # fmt: skip
ARRAYS = ("ids", "lon", "lat", "group")
COLUMNS = (*POPUP_FIELDS, "admin1_code")  # each kept as its distinct values and a code per point


@dataclass
class Base:
    ids: np.ndarray  # incident ids, sorted
    lon: np.ndarray
    lat: np.ndarray
    group: np.ndarray  # index into GROUPS
    columns: dict  # name -> (distinct values, np.ndarray of positions in them, one per point)

    def value(self, name: str, position: int):
        values, codes = self.columns[name]
        return values[codes[position]]

    def popup(self, position: int) -> tuple:
        """The POPUP_FIELDS of one point (public values only)."""
        return tuple(self.value(name, position) for name in POPUP_FIELDS)

    def counts(self, name: str, rows: np.ndarray) -> dict:
        """Value of column ``name`` -> how many of the points at ``rows`` have it."""
        values, codes = self.columns[name]
        tally = np.bincount(codes[rows], minlength=len(values))
        return {values[i]: int(n) for i, n in enumerate(tally) if n}

    def parts(self) -> tuple[dict, dict]:
        """(numpy arrays, JSON-ready lists) to store."""
        arrays = {name: getattr(self, name) for name in ARRAYS}
        arrays.update({f"codes_{name}": codes for name, (_values, codes) in self.columns.items()})
        return arrays, {name: values for name, (values, _codes) in self.columns.items()}

    @classmethod
    def from_parts(cls, arrays: dict, values: dict) -> "Base":
        columns = {name: (values[name], arrays[f"codes_{name}"]) for name in COLUMNS}
        return cls(*(arrays[name] for name in ARRAYS), columns)


def _encode(rows: list[tuple]) -> dict:
    columns = {}
    for number, name in enumerate(COLUMNS):
        seen: dict = {}
        codes = np.fromiter((seen.setdefault(row[number], len(seen)) for row in rows), dtype=np.int32,
                            count=len(rows))  # fmt: skip
        columns[name] = (list(seen), codes)
    return columns


def _point_key(row) -> tuple:
    return tuple(row[c] for c in PLACE_COLUMNS)


def build_base() -> Base:
    stmt = sa.select(*(getattr(Incident, c) for c in POINT_COLUMNS)).where(*queries.public_conditions())
    rows = db.session.execute(stmt.order_by(Incident.id)).mappings().all()
    g = gazetteer.get()
    points: dict[tuple, object] = {}  # many incidents share a place: read each place once
    ids, lon, lat, group, fields = [], [], [], [], []
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
        admin = point.admin1
        fields.append((row["public_ref"], row["date_start"].isoformat(), row["date_precision"],
                       row["headline_type"], row["country"], place["admin1_ar"], place["admin1_en"],
                       place["locality"], place["geo_precision"], admin.code if admin else None))  # fmt: skip
    return Base(
        np.array(ids, dtype=np.int64), np.array(lon, dtype=np.float64), np.array(lat, dtype=np.float64),
        np.array(group, dtype=np.int8), _encode(fields),
    )  # fmt: skip
