"""The internal export, for staff: CSV, XLSX (flat form, one row per victim), JSON and GeoJSON
(one record per incident), every field, so that an export imports back without loss.

There is no public edition here: everything the public may download is written by
``tracker.public.formats`` from ``tracker.public.redaction`` records (the one public path).
Cells of CSV and XLSX files are made safe by ``tracker.core.spreadsheet`` (no formulas).
"""

import csv
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path

from tracker.core import spreadsheet
from tracker.transfer import queries
from tracker.transfer.columns import ALL_COLUMNS
from tracker.transfer.flat import join_list

FORMATS = ("csv", "xlsx", "geojson", "json")
MEDIA_TYPES = {
    "csv": "text/csv",  # the response adds "; charset=utf-8" (once)
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "json": "application/json",
}
COLUMNS = ALL_COLUMNS


def _yes(flag) -> str:
    return "yes" if flag else "no"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def record(incident) -> dict:
    """One incident as a plain nested dict with every field."""
    place = ("country", "admin1", "admin2", "locality", "latitude", "longitude", "geo_precision",
             "public_geo_precision")  # fmt: skip
    return {
        "incident_ref": incident.public_ref,
        **{f: getattr(incident, f) for f in ("title_ar", "title_en", "summary_ar", "summary_en")},
        "violation_types": incident.violation_types, "headline_type": incident.headline_type,
        "date_start": _iso(incident.date_start), "date_end": _iso(incident.date_end),
        "date_precision": incident.date_precision,
        **{f: getattr(incident, f) for f in place},
        "perpetrators": [{"type": p.type, "name": p.name, "name_en": p.name_en if p.name_ar else None}
                         for p in incident.perpetrators],
        "victims": [_victim(v) for v in incident.victims],
        "sources": [
            {"url": s.url, "title": s.title, "publisher": s.publisher, "published_on": _iso(s.published_on),
             "reliability": s.reliability, "is_internal": s.is_internal}
            for s in incident.sources
        ],
        "verification": incident.verification, "case_status": incident.case_status, "impunity": incident.impunity,
        "workflow_status": incident.workflow_status, "is_confidential": incident.is_confidential,
        "confidential_notes": incident.confidential_notes, "geonames_id": incident.geonames_id,
        "geocode_source": incident.geocode_source, "external_ref": incident.external_ref,
        "unnamed_victims": incident.unnamed_victims,
    }  # fmt: skip


def _victim(victim) -> dict:
    j, outlet = victim.journalist, victim.journalist.outlet
    return {
        "journalist_id": j.id,
        "name_ar": j.name_ar, "name_en": j.name_en, "gender": j.gender, "profession": j.profession,
        "outlet": (outlet.name_ar or outlet.name_en) if outlet is not None else None,
        "outlet_en": outlet.name_en if outlet is not None and outlet.name_ar else None,
        "outlet_id": j.outlet_id, "outlet_media_type": outlet.media_type if outlet is not None else None,
        "outlet_country": outlet.country if outlet is not None else None,
        "media_type": j.media_type, "nationality": j.nationality, "is_foreign": j.is_foreign,
        "role_in_incident": victim.role_in_incident,
        "outcome": victim.outcome,
        "is_identity_protected": victim.is_identity_protected,
        "status_events": [{"event": e.event, "date": _iso(e.date), "note": e.note} for e in victim.status_events],
    }  # fmt: skip


def flat_rows(data: dict) -> list[dict]:
    """The flat-form rows of one ``record``: one per victim (one with no victim columns if none)."""
    sources = data["sources"]
    row = {
        **{c: data.get(c) for c in ("incident_ref", "title_ar", "title_en", "summary_ar", "summary_en", "date_start",
                                     "date_end", "date_precision", "country", "admin1", "admin2", "locality",
                                     "latitude", "longitude", "geo_precision", "public_geo_precision",
                                     "verification", "workflow_status", "case_status", "confidential_notes",
                                     "impunity", "geonames_id", "geocode_source", "external_ref",
                                     "unnamed_victims")},
        "violation_types": join_list(data["violation_types"]),
        "perpetrator_types": join_list(p["type"] for p in data["perpetrators"]),
        "perpetrator_names": join_list(p["name"] for p in data["perpetrators"]) if any(
            p["name"] for p in data["perpetrators"]) else None,
        "perpetrator_names_en": join_list(p.get("name_en") for p in data["perpetrators"]) if any(
            p.get("name_en") for p in data["perpetrators"]) else None,
        "source_urls": join_list(s["url"] for s in sources),
        "source_titles": join_list(s["title"] for s in sources),
        "source_publishers": join_list(s["publisher"] for s in sources),
        "source_dates": join_list(s["published_on"] for s in sources),
        "source_reliability": join_list(s["reliability"] for s in sources),
    }  # fmt: skip
    row["is_confidential"] = _yes(data["is_confidential"])
    row["source_internal"] = join_list(_yes(s["is_internal"]) for s in sources)
    rows = []
    for victim in data["victims"] or [None]:
        out = dict(row)
        if victim is not None:
            out.update({f"victim_{f}": victim[f] for f in ("name_ar", "name_en", "gender", "profession", "outlet",
                                                          "media_type", "outcome", "nationality", "journalist_id",
                                                          "outlet_id", "outlet_en", "outlet_media_type",
                                                          "outlet_country")})  # fmt: skip
            out.update(
                victim_is_foreign=_yes(victim["is_foreign"]),
                victim_is_identity_protected=_yes(victim["is_identity_protected"]),
                victim_role=victim["role_in_incident"],
                victim_status_events=join_list(
                    " ".join(filter(None, (e["event"], e["date"], e.get("note")))) for e in victim["status_events"]
                ),
            )  # fmt: skip
        rows.append({c: ("" if out.get(c) is None else out.get(c)) for c in COLUMNS})
    return rows


# --- builder and writers -----------------------------------------------------------------------


def build_file(filters: dict, fmt: str, target: Path, progress=None, extra_conditions=()) -> int:
    """The internal export of ``filters`` (and ``extra_conditions``: SQL conditions on Incident)
    as the file ``target``, written under a temporary name and renamed into place once complete;
    returns how many incidents it holds. Memory stays flat (``queries.export_incidents``).
    ``progress(done, total, message=None)``: for a job runner."""
    temporary = target.with_name(f".{target.name}.part")
    report = (lambda done, total: progress(done, total, fmt)) if progress is not None else None
    try:
        with open(temporary, "wb") as out:
            count = write(queries.export_incidents(filters, extra_conditions, progress=report), fmt, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    os.replace(temporary, target)
    return count


def write(incidents: Iterable, fmt: str, out) -> int:
    """Write ``incidents`` to the binary file ``out``; return how many incidents were written."""
    records = (record(i) for i in incidents)
    return {"csv": _csv, "xlsx": _xlsx, "json": _json, "geojson": _geojson}[fmt](records, out)


def _csv(records, out) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for data in records:
        writer.writerows({c: spreadsheet.cell(v) for c, v in row.items()} for row in flat_rows(data))
        count += 1
    text.detach()
    return count


def _xlsx(records, out) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("incidents")
    sheet.append(list(COLUMNS))
    count = 0
    for data in records:
        for row in flat_rows(data):
            sheet.append([spreadsheet.xlsx_value(row[c]) for c in COLUMNS])
        count += 1
    book.save(out)
    return count


def _json(records, out) -> int:
    count = 0
    out.write(b"[")
    for data in records:
        out.write((b",\n" if count else b"\n") + json.dumps(data, ensure_ascii=False).encode())
        count += 1
    out.write(b"\n]\n")
    return count


def _geojson(records, out) -> int:
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
