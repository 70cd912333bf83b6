"""What the public may see of an incident's location. Every public output calls ``public_point``.

The public precision is the coarser of the stored precision and ``public_geo_precision``. The
stored point is shown only when that is exactly how precise it is; otherwise the point is
replaced by the locality's gazetteer point, the governorate's point (its seat) or the country's
point. Nothing is shown (None) when nothing coarse enough is known.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from tracker.core.vocab import GEO_PRECISION_ORDER
from tracker.geo import gazetteer
from tracker.geo.resolver import AdminRef, admin1_codes

FIELDS = ("country", "admin1", "locality", "latitude", "longitude", "geo_precision", "public_geo_precision",
          "geonames_id")  # fmt: skip


@dataclass(frozen=True, slots=True)
class PublicPoint:
    latitude: float
    longitude: float
    precision: str  # locality | admin2 | admin1 | country | exact
    admin1: AdminRef | None  # the governorate (code, Arabic and English name), unless country-level
    country: str


def _values(incident) -> dict:
    if isinstance(incident, Mapping):
        return {f: incident.get(f) for f in FIELDS}
    mapping = getattr(incident, "_mapping", None)  # a SQLAlchemy Row
    if mapping is not None:
        return {f: mapping.get(f) for f in FIELDS}
    return {f: getattr(incident, f, None) for f in FIELDS}


def _coarser(a: str | None, b: str | None) -> str:
    order = GEO_PRECISION_ORDER
    return order[max(order.index(a or "exact"), order.index(b or "exact"))]


def public_point(incident, g: gazetteer.Gazetteer | None = None) -> PublicPoint | None:
    v = _values(incident)
    country = v["country"]
    if not country:
        return None
    g = g or gazetteer.get()
    has_point = v["latitude"] is not None and v["longitude"] is not None
    stored = v["geo_precision"] if has_point else None
    public = v["public_geo_precision"] or "admin1"  # the safe default of the record
    level = _coarser(stored or "admin1", public)
    admin = _admin1(g, v, has_point)
    ref = AdminRef(admin.code, admin.name_ar, admin.name_en) if admin else None

    if level in ("exact", "locality", "admin2") and level == stored:
        return PublicPoint(v["latitude"], v["longitude"], level, ref, country)
    if level == "locality":  # stored finer (exact): the locality's own point, never the exact one
        place = _locality(g, v, admin)
        if place is not None:
            return PublicPoint(place.latitude, place.longitude, "locality", ref, country)
    if level in ("locality", "admin2", "admin1") and admin is not None:
        return PublicPoint(admin.latitude, admin.longitude, "admin1", ref, country)
    c = g.countries.get(country)
    if c is None:
        return None
    return PublicPoint(c.latitude, c.longitude, "country", None, country)


def _admin1(g, v, has_point):
    """The governorate: from the stored name, else from the stored point's nearest place."""
    codes = admin1_codes(v["admin1"], (v["country"],), g)
    if codes:
        return g.admin1[codes[0]]
    if has_point:
        from tracker.geo.reverse import reverse

        found = reverse(v["latitude"], v["longitude"], g)
        if found and found.country == v["country"] and found.admin1 and found.admin1.code in g.admin1:
            return g.admin1[found.admin1.code]
    return None


def _locality(g, v, admin):
    from tracker.geo.resolver import lookup

    if not v["locality"]:
        return None
    result = lookup(v["locality"], admin.code if admin else None, v["country"], limit=3, g=g)
    best = result.best
    return best if best is not None and best.precision == "locality" else None
