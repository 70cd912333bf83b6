"""Build the offline basemap (``tracker/geo/data/basemap.json``) from Natural Earth data.

How the committed file was made (once, by a developer; never at install or run time):

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m tracker.geo.basemap_build package/countries-50m.json tracker/geo/data/basemap.json

Source: the npm package ``world-atlas`` 2.0.2 (ISC licence, Copyright 2013-2019 Michael
Bostock), a TopoJSON redistribution of Natural Earth 4.1.0 admin-0 countries at 1:50m (Natural
Earth is in the public domain). The notice travels inside the output (``source``, ``licence``).

Output: a GeoJSON FeatureCollection of two features, ``land`` (MultiPolygon: filled, its outline
is the coastline) and ``borders`` (MultiLineString: the land borders between countries, each
drawn once: the TopoJSON arcs that two countries share). Arcs are simplified once, before the
polygons are assembled, so a border and the land on both sides of it stay identical. Land south
of 60°S (Antarctica) is left out: nobody is placed there and it is a third of the bytes.
"""

import json
import sys
from pathlib import Path

from tracker.geo.simplify import douglas_peucker, rounded

# Degrees. Finer where the tracker's users work (the Arab states and their neighbours: the map
# opens there and is zoomed in there), coarser for the rest of the world, to keep the file small.
TOLERANCE = 0.03  # ~3 km
TOLERANCE_ELSEWHERE = 0.25  # ~25 km: about 3 pixels at the first zoom
REGION = (-20.0, 5.0, 65.0, 43.0)  # west, south, east, north
DIGITS = 2  # ~1 km
DIGITS_ELSEWHERE = 1
SOUTH_LIMIT = -60.0
SOURCE = "Natural Earth 4.1.0 admin-0 countries 1:50m, via the npm package world-atlas 2.0.2"
LICENCE = ("Natural Earth: public domain. world-atlas: ISC licence, Copyright 2013-2019 Michael Bostock; "
           "permission to use, copy, modify, and/or distribute for any purpose with or without fee, "
           "provided the copyright notice and permission notice appear in all copies.")  # fmt: skip


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute longitude/latitude of every arc (TopoJSON stores quantised deltas)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list) -> list:
    points: list = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])  # arcs share their end points
    return points


def _unwrapped(ring: list) -> list:
    """The ring with longitudes made continuous: a ring cut at the antimeridian (eastern Russia,
    Fiji) jumps from 180 to -180, which a flat map draws as a line across the whole world."""
    out = [ring[0]]
    shift = 0.0
    for (x0, _y0), (x, y) in zip(ring, ring[1:], strict=False):
        if x - x0 > 180:
            shift -= 360
        elif x0 - x > 180:
            shift += 360
        out.append([round(x + shift, DIGITS), y])
    return out


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def _in_region(arc: list) -> bool:
    west, south, east, north = REGION
    return any(west <= x <= east and south <= y <= north for x, y in arc)


def build(topology: dict) -> dict:
    arcs = []
    for arc in decode_arcs(topology):
        near = _in_region(arc)
        simple = douglas_peucker(arc, TOLERANCE if near else TOLERANCE_ELSEWHERE)
        arcs.append(rounded(simple, DIGITS if near else DIGITS_ELSEWHERE))
    land = []
    for geometry in topology["objects"]["land"]["geometries"]:
        for polygon in _polygons(geometry):
            rings = [_unwrapped(_ring(ring, arcs)) for ring in polygon]
            outer = rings[0]
            if len(outer) < 4 or max(p[1] for p in outer) < SOUTH_LIMIT:
                continue
            land.append([r for r in rings if len(r) >= 4])
    # An arc used by two countries is a border between them; one used by one is coastline.
    users: dict[int, set] = {}
    for number, geometry in enumerate(topology["objects"]["countries"]["geometries"]):
        for polygon in _polygons(geometry):
            for ring in polygon:
                for i in ring:
                    users.setdefault(i if i >= 0 else ~i, set()).add(number)
    borders = [arcs[i] for i, who in sorted(users.items()) if len(who) > 1 and len(arcs[i]) > 1]
    return {
        "type": "FeatureCollection",
        "source": SOURCE,
        "licence": LICENCE,
        "features": [
            {"type": "Feature", "properties": {"kind": "land"},
             "geometry": {"type": "MultiPolygon", "coordinates": land}},
            {"type": "Feature", "properties": {"kind": "borders"},
             "geometry": {"type": "MultiLineString", "coordinates": borders}},
        ],
    }  # fmt: skip


def main(source: str, out: str) -> None:
    data = build(json.loads(Path(source).read_text(encoding="utf-8")))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    Path(out).write_text(text + "\n", encoding="utf-8")
    print(f"{out}: {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main(*sys.argv[1:3])
