"""Governorate (admin-1) boundaries the organisation provides, for the map's shaded layer.

``flask geo boundaries import FILE`` reads a GeoJSON FeatureCollection shaped like geoBoundaries
(``shapeISO``, ``shapeName``) or Natural Earth (``iso_3166_2``, ``name``, ``name_ar``), matches each
feature to a gazetteer governorate (by its ISO 3166-2 code, else by its name in either language),
simplifies the polygons for the web, and the operation (``tracker.geo.operations``) writes the
result to ``instance/geo/boundaries.json``, which the public map serves as a cacheable file and
shades by the public counts per governorate code. Nothing here writes.

The output keeps only what the map needs: per governorate code one feature with the code and
the gazetteer's names (never names taken from the file: the gazetteer decides what a code is
called), and its simplified polygons.
"""

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from tracker.geo.gazetteer import Gazetteer
from tracker.geo.resolver import admin1_codes
from tracker.geo.simplify import simplify_geometry

TOLERANCE = 0.005  # degrees (~500 m): a governorate's outline at the zooms the layer is drawn at
DIGITS = 3
CODE_KEYS = ("shapeISO", "iso_3166_2", "ISO_3166_2", "shapeiso", "ISO", "code")
NAME_KEYS = ("shapeName", "name", "name_en", "NAME_1", "name_ar", "shapeName_ar")
COUNTRY_KEYS = ("iso_a2", "ISO_A2", "country")
MAX_BYTES = 200 * 1024 * 1024


class BadBoundaries(ValueError):
    """The file cannot be used (the message is in the reader's language); nothing was written."""


@dataclass
class Match:
    code: str
    label: str  # what the file calls it (name or code), for the report
    by: str  # "code" | "name"


@dataclass
class Plan:
    features: list[dict] = field(default_factory=list)  # the output, one per governorate code
    matched: list[Match] = field(default_factory=list)
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (label, reason)

    def document(self) -> dict:
        return {"type": "FeatureCollection", "features": self.features}


def path() -> Path:
    """``BOUNDARIES_PATH`` from the app config, else ``instance/geo/boundaries.json``."""
    configured = current_app.config.get("BOUNDARIES_PATH")
    return Path(configured) if configured else Path(current_app.instance_path) / "geo" / "boundaries.json"


def parse(raw: bytes) -> list[dict]:
    """The features of a GeoJSON FeatureCollection, checked; BadBoundaries if unusable."""
    if len(raw) > MAX_BYTES:
        raise BadBoundaries(_("The file is too large (at most %(mb)s MB).", mb=MAX_BYTES // 2**20))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadBoundaries(_("The file is not valid GeoJSON: %(error)s", error=str(exc)[:200])) from exc
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise BadBoundaries(_("The file is not a GeoJSON FeatureCollection."))
    if not data["features"]:
        raise BadBoundaries(_("The file has no features."))
    for number, feature in enumerate(data["features"], start=1):
        problem = _problem(feature)
        if problem:
            raise BadBoundaries(_("Feature %(number)s: %(problem)s", number=number, problem=problem))
    return data["features"]


def _problem(feature) -> str | None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return _("not a GeoJSON Feature.")
    if feature.get("properties") is not None and not isinstance(feature["properties"], dict):
        return _("its properties are not an object.")
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return _("its geometry is not a Polygon or MultiPolygon.")
    polygons = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    if not isinstance(polygons, list) or not polygons:
        return _("its geometry has no coordinates.")
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return _("its geometry has no coordinates.")
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4 or not all(_is_position(p) for p in ring):
                return _(
                    "a ring has fewer than four positions, or a position that is not a longitude and latitude."
                )
    return None


def _is_position(p) -> bool:
    return (
        isinstance(p, list) and len(p) >= 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in p[:2])
        and -180 <= p[0] <= 180 and -90 <= p[1] <= 90
    )  # fmt: skip


def _first(properties: dict, keys: tuple[str, ...]) -> str:
    for key in keys:
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _match(properties: dict, g: Gazetteer) -> tuple[str | None, str, str]:
    """(governorate code or None, label for the report, how it matched or why not)."""
    code = _first(properties, CODE_KEYS).upper()
    names = [
        properties[k].strip()
        for k in NAME_KEYS
        if isinstance(properties.get(k), str) and properties[k].strip()
    ]
    label = names[0] if names else code or "?"
    if code and label != code:
        label = f"{label} ({code})"
    if code in g.admin1:
        return code, label, "code"
    country = _first(properties, COUNTRY_KEYS).upper() or (code.split("-")[0] if "-" in code else "")
    countries = (country,) if country in g.countries else ()
    found: set[str] = set()
    for name in names:
        codes = admin1_codes(name, countries, g)
        if len(codes) == 1:
            return codes[0], label, "name"
        found.update(codes)
    if len(found) > 1:
        return None, label, _("the name fits several governorates: %(codes)s", codes=", ".join(sorted(found)))
    if code:
        return None, label, _("neither the code nor the name is a governorate in the gazetteer")
    return None, label, _("no code and no name that is a governorate in the gazetteer")


def plan(features: list[dict], g: Gazetteer) -> Plan:
    """Match and simplify ``features`` (as returned by ``parse``)."""
    out = Plan()
    polygons: dict[str, list] = {}
    for feature in features:
        code, label, how = _match(feature.get("properties") or {}, g)
        if code is None:
            out.unmatched.append((label, how))
            continue
        simple = simplify_geometry(feature["geometry"], TOLERANCE, DIGITS)
        if simple is None:
            out.unmatched.append((label, _("its polygons are too small to draw")))
            continue
        out.matched.append(Match(code, label, how))
        parts = [simple["coordinates"]] if simple["type"] == "Polygon" else simple["coordinates"]
        polygons.setdefault(code, []).extend(parts)
    for code in sorted(polygons):
        admin = g.admin1[code]
        parts = polygons[code]
        geometry = ({"type": "Polygon", "coordinates": parts[0]} if len(parts) == 1
                    else {"type": "MultiPolygon", "coordinates": parts})  # fmt: skip
        out.features.append({
            "type": "Feature", "id": code, "geometry": geometry,
            "properties": {"code": code, "country": admin.country, "name_ar": admin.name_ar,
                           "name_en": admin.name_en},
        })  # fmt: skip
    return out


def encode(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
