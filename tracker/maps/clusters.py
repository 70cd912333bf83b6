"""The clusters of one filter set at every zoom, as plain arrays: computed once (supercluster, in
C++, via pysupercluster), stored with the prepared public data (``tracker.maps.prepared``) and
read by every web process without building anything.

For each violation group and each zoom from 0 up, the clusters of the whole world (position,
count, the zoom at which a cluster splits, and for a single incident its position in the base).
The levels stop at the first zoom where every cluster is one public place: no higher zoom
splits anything more (points at the same place always share a cluster), so the last level
serves them all. A view's clusters are the entries of its zoom inside its bounding box, which is
what supercluster's own query answers (a cluster is in a box when its position is).
"""

import io
import json
import struct
from dataclasses import dataclass

import numpy as np
import pysupercluster

from tracker.maps.groups import GROUPS
from tracker.maps.points import Base

MAX_ZOOM = 18
RADIUS = 60  # pixels, as Leaflet.markercluster
EXTENT = 512
NEVER_SPLITS = MAX_ZOOM + 1  # the expansion zoom of a place that no zoom splits
_WORLD = {"top_left": (-180.0, 90.0), "bottom_right": (180.0, -90.0)}
_LEVEL_ARRAYS = ("lon", "lat", "count", "expand", "point")


def supercluster(b: Base, members: np.ndarray):
    coords = np.column_stack((b.lon[members], b.lat[members]))
    return pysupercluster.SuperCluster(coords, min_zoom=0, max_zoom=MAX_ZOOM, radius=RADIUS, extent=EXTENT)


def _rows(found: list[dict], members: np.ndarray) -> tuple:
    count = np.fromiter((c["count"] for c in found), dtype=np.int32, count=len(found))
    ids = np.fromiter((c["id"] for c in found), dtype=np.int64, count=len(found))
    expand = np.fromiter((NEVER_SPLITS if c["expansion_zoom"] is None else c["expansion_zoom"] for c in found),
                         dtype=np.int8, count=len(found))  # fmt: skip
    point = np.where(count == 1, members[np.where(count == 1, ids, 0)] if len(members) else -1, -1)
    lon = np.fromiter((c["longitude"] for c in found), dtype=np.float64, count=len(found))
    lat = np.fromiter((c["latitude"] for c in found), dtype=np.float64, count=len(found))
    return lon, lat, count, expand, point.astype(np.int32)


@dataclass
class Levels:
    """One group's clusters at zooms 0..len(offsets)-2 (arrays concatenated, level z at
    ``offsets[z]:offsets[z+1]``)."""

    offsets: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    count: np.ndarray
    expand: np.ndarray
    point: np.ndarray  # position in the base of a single incident, -1 for a cluster

    @classmethod
    def compute(cls, b: Base, members: np.ndarray) -> "Levels":
        index = supercluster(b, members)
        places = len(np.unique(np.column_stack((b.lon[members], b.lat[members])), axis=0))
        levels, offsets = [], [0]
        for zoom in range(MAX_ZOOM + 1):
            found = index.getClusters(zoom=zoom, **_WORLD)
            levels.append(_rows(found, members))
            offsets.append(offsets[-1] + len(found))
            if len(found) >= places:
                break
        arrays = [np.concatenate(parts) for parts in zip(*levels, strict=True)]
        return cls(np.array(offsets, dtype=np.int64), *arrays)

    def view(self, bbox: tuple, zoom: int):
        """(lon, lat, count, expand, point) arrays of the clusters at ``zoom`` inside ``bbox``."""
        level = min(zoom, len(self.offsets) - 2)
        start, end = self.offsets[level], self.offsets[level + 1]
        west, south, east, north = bbox
        lon, lat = self.lon[start:end], self.lat[start:end]
        inside = np.nonzero((lon >= west) & (lon <= east) & (lat >= south) & (lat <= north))[0] + start
        return tuple(getattr(self, name)[inside] for name in _LEVEL_ARRAYS)


class LiveIndex:
    """The same answers from a supercluster index kept in this process: for a selection that
    must leave out incidents withdrawn since the stored levels were computed (until the next
    version replaces them)."""

    def __init__(self, b: Base, members: np.ndarray):
        self.index, self.members = supercluster(b, members), members

    def view(self, bbox: tuple, zoom: int):
        west, south, east, north = bbox
        found = self.index.getClusters(top_left=(west, north), bottom_right=(east, south), zoom=zoom)
        return _rows(found, self.members)


@dataclass
class Selection:
    """The incidents of one filter set (positions in the base) and their clusters per group."""

    rows: np.ndarray
    indexes: dict  # group -> Levels | LiveIndex

    @classmethod
    def compute(cls, b: Base, rows: np.ndarray, live: bool = False) -> "Selection":
        indexes = {}
        for number, name in enumerate(GROUPS):
            members = rows[b.group[rows] == number]
            if len(members):
                indexes[name] = LiveIndex(b, members) if live else Levels.compute(b, members)
        return cls(rows.astype(np.int32), indexes)

    def dump(self) -> bytes:
        arrays = {"rows": self.rows}
        for name, levels in self.indexes.items():
            arrays[f"{name}.offsets"] = levels.offsets
            arrays.update({f"{name}.{field}": getattr(levels, field) for field in _LEVEL_ARRAYS})
        header = json.dumps(list(self.indexes)).encode()
        out = io.BytesIO()
        np.savez(out, **arrays)  # numpy's own format: no pickle, nothing executable
        return struct.pack(">Q", len(header)) + header + out.getvalue()

    @classmethod
    def load(cls, blob: bytes) -> "Selection":
        (length,) = struct.unpack(">Q", blob[:8])
        groups = json.loads(blob[8 : 8 + length])
        with np.load(io.BytesIO(blob[8 + length :]), allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
        indexes = {
            g: Levels(arrays[f"{g}.offsets"], *(arrays[f"{g}.{f}"] for f in _LEVEL_ARRAYS)) for g in groups
        }
        return cls(arrays["rows"], indexes)
