"""Exports in CSV, XLSX (flat form, one row per victim), JSON and GeoJSON (one record per incident).

Two editions. ``internal``: every field, for staff. ``public``: only what the public map shows,
through ``tracker.public.redaction`` (published and not confidential; protected victims not
named nor tied to an outlet; no confidential notes, internal sources, workflow or
geocoding details) with the point from ``tracker.geo.coarsen.public_point``.
"""

import csv
import io
import json
from collections.abc import Iterable

from tracker.core.vocab import GEO_PRECISION_ORDER
from tracker.public import redaction
from tracker.transfer.columns import ALL_COLUMNS
from tracker.transfer.flat import join_list

FORMATS = ("csv", "xlsx", "geojson", "json")
EDITIONS = ("internal", "public")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "json": "application/json",
}
INTERNAL_ONLY = ("workflow_status", "is_confidential", "confidential_notes", "geonames_id", "geocode_source",
                 "source_internal")  # fmt: skip
PUBLIC_COLUMNS = tuple(c for c in ALL_COLUMNS if c not in INTERNAL_ONLY)
_PERSON_FIELDS = (
    "name_ar",
    "name_en",
    "gender",
    "profession",
    "outlet",
    "media_type",
    "nationality",
    "is_foreign",
)


def columns(edition: str) -> tuple[str, ...]:
    return ALL_COLUMNS if edition == "internal" else PUBLIC_COLUMNS


def _yes(flag) -> str:
    return "yes" if flag else "no"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _outlet_name(journalist) -> str | None:
    outlet = journalist.outlet
    return (outlet.name_ar or outlet.name_en) if outlet is not None else None


def record(incident, edition: str) -> dict:
    """One incident as a plain nested dict, redacted for the public edition."""
    public = edition == "public"
    if public and not redaction.is_public(incident.workflow_status, incident.is_confidential):
        raise ValueError("not a public incident")
    data = {
        "incident_ref": incident.public_ref,
        **{f: getattr(incident, f) for f in ("title_ar", "title_en", "summary_ar", "summary_en")},
        "violation_types": incident.violation_types, "headline_type": incident.headline_type,
        "date_start": _iso(incident.date_start), "date_end": _iso(incident.date_end),
        "date_precision": incident.date_precision,
        **_place(incident, public),
        "perpetrators": [{"type": p.type, "name": p.name} for p in incident.perpetrators],
        "victims": [_victim(v, public) for v in incident.victims],
        "sources": [
            {"url": s.url, "title": s.title, "publisher": s.publisher, "published_on": _iso(s.published_on),
             "reliability": s.reliability, **({} if public else {"is_internal": s.is_internal})}
            for s in (redaction.public_sources(incident) if public else incident.sources)
        ],
        "verification": incident.verification, "case_status": incident.case_status, "impunity": incident.impunity,
    }  # fmt: skip
    if not public:
        data.update(
            workflow_status=incident.workflow_status, is_confidential=incident.is_confidential,
            confidential_notes=incident.confidential_notes, geonames_id=incident.geonames_id,
            geocode_source=incident.geocode_source,
        )  # fmt: skip
    return redaction.mask_protected(data, incident) if public else data


def _place(incident, public: bool) -> dict:
    place = {f: getattr(incident, f) for f in ("country", "admin1", "admin2", "locality", "latitude", "longitude",
                                               "geo_precision", "public_geo_precision")}  # fmt: skip
    if not public:
        return place
    from tracker.geo.coarsen import public_point

    point = public_point(incident)
    level = point.precision if point is not None else "country"
    finest = GEO_PRECISION_ORDER.index(level)
    place.update(
        latitude=point.latitude if point else None, longitude=point.longitude if point else None,
        geo_precision=level if point else None,
        locality=place["locality"] if finest <= GEO_PRECISION_ORDER.index("locality") else None,
        admin2=place["admin2"] if finest <= GEO_PRECISION_ORDER.index("admin2") else None,
        admin1=place["admin1"] if finest <= GEO_PRECISION_ORDER.index("admin1") else None,
    )  # fmt: skip
    return place


def _victim(victim, public: bool) -> dict:
    j = victim.journalist
    person = {
        "name_ar": j.name_ar, "name_en": j.name_en, "gender": j.gender, "profession": j.profession,
        "outlet": _outlet_name(j), "media_type": j.media_type, "nationality": j.nationality, "is_foreign": j.is_foreign,
    }  # fmt: skip
    if public and victim.is_identity_protected:
        person.update(name_ar=redaction.withheld_name("ar"), name_en=redaction.withheld_name("en"),
                      outlet=None, nationality=None)  # fmt: skip
    return {
        **person,
        "role_in_incident": victim.role_in_incident,
        "outcome": victim.outcome,
        "is_identity_protected": victim.is_identity_protected,
        "status_events": [
            {"event": e.event, "date": _iso(e.date), **({} if public else {"note": e.note})}
            for e in victim.status_events
        ],
    }


def flat_rows(data: dict, edition: str) -> list[dict]:
    """The flat-form rows of one ``record``: one per victim (one with no victim columns if none)."""
    sources = data["sources"]
    row = {
        **{c: data.get(c) for c in ("incident_ref", "title_ar", "title_en", "summary_ar", "summary_en", "date_start",
                                     "date_end", "date_precision", "country", "admin1", "admin2", "locality",
                                     "latitude", "longitude", "geo_precision", "public_geo_precision",
                                     "verification", "workflow_status", "case_status", "confidential_notes",
                                     "impunity", "geonames_id", "geocode_source")},
        "violation_types": join_list(data["violation_types"]),
        "perpetrator_types": join_list(p["type"] for p in data["perpetrators"]),
        "perpetrator_names": join_list(p["name"] for p in data["perpetrators"]) if any(
            p["name"] for p in data["perpetrators"]) else None,
        "source_urls": join_list(s["url"] for s in sources),
        "source_titles": join_list(s["title"] for s in sources),
        "source_publishers": join_list(s["publisher"] for s in sources),
        "source_dates": join_list(s["published_on"] for s in sources),
        "source_reliability": join_list(s["reliability"] for s in sources),
    }  # fmt: skip
    if edition == "internal":
        row["is_confidential"] = _yes(data["is_confidential"])
        row["source_internal"] = join_list(_yes(s["is_internal"]) for s in sources)
    rows = []
    for victim in data["victims"] or [None]:
        out = dict(row)
        if victim is not None:
            out.update({f"victim_{f}": victim[f] for f in ("name_ar", "name_en", "gender", "profession", "outlet",
                                                          "media_type", "outcome", "nationality")})  # fmt: skip
            out.update(
                victim_is_foreign=_yes(victim["is_foreign"]),
                victim_is_identity_protected=_yes(victim["is_identity_protected"]),
                victim_role=victim["role_in_incident"],
                victim_status_events=join_list(
                    " ".join(filter(None, (e["event"], e["date"], e.get("note")))) for e in victim["status_events"]
                ),
            )  # fmt: skip
        rows.append({c: ("" if out.get(c) is None else out.get(c)) for c in columns(edition)})
    return rows


# --- writers -------------------------------------------------------------------------------------


def write(incidents: Iterable, fmt: str, edition: str, out) -> int:
    """Write ``incidents`` to the binary file ``out``; return how many incidents were written."""
    records = (record(i, edition) for i in incidents)
    return {"csv": _csv, "xlsx": _xlsx, "json": _json, "geojson": _geojson}[fmt](records, edition, out)


def _csv(records, edition, out) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=columns(edition))
    writer.writeheader()
    count = 0
    for data in records:
        writer.writerows(flat_rows(data, edition))
        count += 1
    text.detach()
    return count


def _xlsx(records, edition, out) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("incidents")
    sheet.append(list(columns(edition)))
    count = 0
    for data in records:
        for row in flat_rows(data, edition):
            sheet.append([row[c] for c in columns(edition)])
        count += 1
    book.save(out)
    return count


def _json(records, edition, out) -> int:
    count = 0
    out.write(b"[")
    for data in records:
        out.write((b",\n" if count else b"\n") + json.dumps(data, ensure_ascii=False).encode())
        count += 1
    out.write(b"\n]\n")
    return count


def _geojson(records, edition, out) -> int:
    count = 0
    out.write(b'{"type": "FeatureCollection", "features": [')
    for data in records:
        lat, lon = data.pop("latitude"), data.pop("longitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
        feature = {"type": "Feature", "geometry": geometry, "properties": data}
        out.write((b",\n" if count else b"\n") + json.dumps(feature, ensure_ascii=False).encode())
        count += 1
    out.write(b"\n]}\n")
    return count
