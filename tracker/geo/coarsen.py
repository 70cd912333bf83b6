"""What the public may see of an incident's location: decided once, read everywhere.

``public_place`` decides it when an incident is written (``tracker.cases.derive`` calls it, and
the result is stored in the incident's ``public_*`` columns, held by CHECK constraints);
``public_point`` reads those columns back for every public output. Nothing else decides how
precise a public place is.

The public precision is the coarser of the stored precision and ``public_geo_precision``. The
stored point is shown only when that is exactly how precise it is; otherwise the point is
replaced by the locality's gazetteer point, the governorate's point (its seat) or the country's
point. Nothing is shown (None) when nothing coarse enough is known.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from tracker.core.vocab import GEO_PRECISION_ORDER
from tracker.geo import gazetteer
from tracker.geo.resolver import AdminRef, lookup
from tracker.geo.reverse import reverse

RANK = {precision: rank for rank, precision in enumerate(GEO_PRECISION_ORDER)}
DEFAULT_PUBLIC = "admin1"  # the safe default of a record
# Stored columns that public outputs read (select these to call ``public_point`` on a row).
PUBLIC_FIELDS = ("country", "public_precision", "public_latitude", "public_longitude", "public_admin1")


@dataclass(frozen=True, slots=True)
class PublicPoint:
    latitude: float
    longitude: float
    precision: str  # exact | locality | admin2 | admin1 | country
    admin1: AdminRef | None  # the governorate (code, Arabic and English name), unless country-level
    country: str


def coarser(a: str | None, b: str | None) -> str:
    """The coarser of two precisions (None counts as the finest)."""
    return GEO_PRECISION_ORDER[max(RANK[a or "exact"], RANK[b or "exact"])]


def allowed_public_precision(geo_precision: str | None, public_geo_precision: str | None) -> str:
    """The public precision to store: as asked, but never finer than what is recorded."""
    public = public_geo_precision or DEFAULT_PUBLIC
    return coarser(public, geo_precision) if geo_precision else public


def public_place(values: Mapping, g: gazetteer.Gazetteer) -> PublicPoint | None:
    """The public point of a record (plain values, ``admin1`` a gazetteer code or None)."""
    country = values.get("country")
    if not country:
        return None
    has_point = values.get("latitude") is not None and values.get("longitude") is not None
    stored = values.get("geo_precision") if has_point else None
    level = coarser(stored or "admin1", allowed_public_precision(stored, values.get("public_geo_precision")))
    admin = _admin1(g, values, has_point)
    ref = AdminRef(admin.code, admin.name_ar, admin.name_en) if admin else None

    if level in ("exact", "locality", "admin2") and level == stored:
        return PublicPoint(values["latitude"], values["longitude"], level, ref, country)
    if level == "locality":  # stored finer (exact): the locality's own point, never the exact one
        place = _locality(g, values, admin)
        if place is not None:
            return PublicPoint(place.latitude, place.longitude, "locality", ref, country)
    if level in ("locality", "admin2", "admin1") and admin is not None:
        return PublicPoint(admin.latitude, admin.longitude, "admin1", ref, country)
    c = g.countries.get(country)
    if c is None:
        return None
    return PublicPoint(c.latitude, c.longitude, "country", None, country)


def public_point(incident, g: gazetteer.Gazetteer | None = None) -> PublicPoint | None:
    """The stored public point of an incident (object, mapping or row with ``PUBLIC_FIELDS``)."""
    v = _values(incident)
    if v["public_precision"] is None or v["public_latitude"] is None:
        return None
    ref = None
    if v["public_admin1"]:
        admin = (g or gazetteer.get()).admin1.get(v["public_admin1"])
        ref = AdminRef(v["public_admin1"], admin.name_ar if admin else "", admin.name_en if admin else "")
    return PublicPoint(v["public_latitude"], v["public_longitude"], v["public_precision"], ref, v["country"])


def _values(incident) -> dict:
    if isinstance(incident, Mapping):
        return {f: incident.get(f) for f in PUBLIC_FIELDS}
    mapping = getattr(incident, "_mapping", None)  # a SQLAlchemy Row
    if mapping is not None:
        return {f: mapping.get(f) for f in PUBLIC_FIELDS}
    return {f: getattr(incident, f, None) for f in PUBLIC_FIELDS}


def _admin1(g, values, has_point):
    """The governorate: the stored code, else the one of the stored point's nearest place."""
    code = values.get("admin1")
    if code and code in g.admin1:
        return g.admin1[code]
    if has_point and not code:
        found = reverse(values["latitude"], values["longitude"], g)
        if found and found.country == values["country"] and found.admin1 and found.admin1.code in g.admin1:
            return g.admin1[found.admin1.code]
    return None


def _locality(g, values, admin):
    if not values.get("locality"):
        return None
    result = lookup(values["locality"], admin.code if admin else None, values["country"], limit=3, g=g)
    best = result.best
    return best if best is not None and best.precision == "locality" else None
