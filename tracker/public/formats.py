"""Public records written as CSV (the flat form of DESIGN.md, one row per victim), XLSX (the same
rows), GeoJSON and JSON.

All take records from ``tracker.public.queries`` (already redacted) and add nothing."""

import csv
import io
import json

from tracker.cases.taxonomy import VIOLATION_CODES
from tracker.core import spreadsheet, xlsx
from tracker.core.vocab import (
    CASE_STATUS,
    DATE_PRECISIONS,
    GENDERS,
    GEO_PRECISIONS,
    IMPUNITY,
    OUTCOMES,
    PROFESSIONS,
    VERIFICATION,
)

# The public subset of the flat form: internal columns (workflow_status, is_confidential,
# confidential_notes, public_geo_precision) are not part of public data.
CSV_COLUMNS = (
    "incident_ref", "title_ar", "title_en", "summary_ar", "summary_en", "violation_types", "headline_type",
    "date_start", "date_end", "date_precision", "country", "admin1", "admin1_ar", "admin1_en", "admin2", "locality",
    "latitude", "longitude", "geo_precision", "perpetrator_types", "perpetrator_names", "perpetrator_names_en",
    "victim_name_ar", "victim_name_en",
    "victim_gender", "victim_profession", "victim_outcome", "victim_is_identity_protected", "unnamed_victims",
    "source_urls",
    "verification", "case_status", "impunity",
)  # fmt: skip
XLSX_NUMBERS = frozenset(("latitude", "longitude", "unnamed_victims"))  # numbers in the workbook


def csv_rows(record: dict) -> list[dict]:
    incident = {
        "incident_ref": record["public_ref"],
        **{k: record[k] for k in ("title_ar", "title_en", "summary_ar", "summary_en", "headline_type",
                                  "date_start", "date_end", "date_precision", "country", "admin1", "admin1_ar",
                                  "admin1_en", "admin2",
                                  "locality", "latitude", "longitude", "geo_precision", "verification",
                                  "case_status", "impunity", "unnamed_victims")},
        "violation_types": ";".join(record["violation_types"]),
        "perpetrator_types": ";".join(p["type"] for p in record["perpetrators"]),
        "perpetrator_names": ";".join(p["name"] or "" for p in record["perpetrators"]),
        "perpetrator_names_en": ";".join(p.get("name_en") or "" for p in record["perpetrators"]),
        "source_urls": ";".join(s["url"] for s in record["sources"] if s["url"]),
    }  # fmt: skip
    victims = record["victims"] or [None]
    rows = []
    for victim in victims:
        row = dict(incident)
        if victim is not None:
            row.update(victim_name_ar=victim["name_ar"], victim_name_en=victim["name_en"],
                       victim_gender=victim["gender"], victim_profession=victim["profession"],
                       victim_outcome=victim["outcome"],
                       victim_is_identity_protected=victim["is_identity_protected"])  # fmt: skip
        rows.append({column: spreadsheet.cell(row.get(column)) for column in CSV_COLUMNS})
    return rows


def csv_stream(records):
    """CSV text in pieces (UTF-8 with a byte order mark, so spreadsheets read Arabic)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writeheader()
    for number, record in enumerate(records, 1):
        writer.writerows(csv_rows(record))
        if number % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def feature(record: dict) -> dict:
    properties = {k: v for k, v in record.items() if k not in ("latitude", "longitude")}
    geometry = None
    if record["latitude"] is not None:
        geometry = {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]}
    return {"type": "Feature", "id": record["public_ref"], "geometry": geometry, "properties": properties}


def geojson_stream(records):
    yield '{"type":"FeatureCollection","features":['
    for number, record in enumerate(records):
        yield ("," if number else "") + json.dumps(feature(record), ensure_ascii=False)
    yield "]}"


def _xlsx_cell(column: str, text: str):
    """A CSV cell as an XLSX cell: the numeric columns as numbers, everything else as text."""
    if column in XLSX_NUMBERS and text:
        return int(text) if text.lstrip("-").isdigit() else float(text)
    return text


def xlsx_stream(records):
    """The same rows as the CSV, as an XLSX workbook (one sheet, right-to-left), in pieces as the
    records are read (``tracker.core.xlsx``: bounded memory, first bytes at once)."""

    def rows():
        yield CSV_COLUMNS
        for record in records:
            for row in csv_rows(record):
                yield [_xlsx_cell(column, row[column]) for column in CSV_COLUMNS]

    return xlsx.stream(rows(), sheet_name="incidents", right_to_left=True)


def compact_json(data) -> str:
    """JSON as the public API answers: compact, non-ASCII text as is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def json_stream(records):
    """A JSON array of the public records, in pieces."""
    yield "["
    for number, record in enumerate(records):
        yield ("," if number else "") + json.dumps(record, ensure_ascii=False)
    yield "]"


# name -> (writer of pieces, text or bytes (``encoded``), media type)
DOWNLOADS = {
    "csv": (csv_stream, "text/csv; charset=utf-8"),
    "geojson": (geojson_stream, "application/geo+json"),
    "json": (json_stream, "application/json"),
    "xlsx": (xlsx_stream, xlsx.MEDIA_TYPE),
}


def encoded(piece: str | bytes) -> bytes:
    """A piece of a download as bytes (text pieces are UTF-8)."""
    return piece.encode() if isinstance(piece, str) else piece


# --- a Frictionless data package describing the public CSV ------------------------------------

_TYPES = {"date_start": "date", "date_end": "date", "latitude": "number", "longitude": "number",
          "unnamed_victims": "integer", "victim_is_identity_protected": "boolean"}  # fmt: skip
_ENUMS = {"date_precision": DATE_PRECISIONS, "geo_precision": GEO_PRECISIONS, "verification": VERIFICATION,
          "case_status": CASE_STATUS, "impunity": IMPUNITY, "victim_gender": GENDERS,
          "victim_profession": PROFESSIONS, "victim_outcome": OUTCOMES, "headline_type": VIOLATION_CODES}  # fmt: skip
_LISTS = ("violation_types", "perpetrator_types", "perpetrator_names", "perpetrator_names_en", "source_urls")


def datapackage(csv_url: str) -> dict:
    """The Frictionless data package descriptor (``datapackage.json``) of the public CSV: one row
    per victim, every column typed and described; empty cells are missing values."""
    fields = []
    for column in CSV_COLUMNS:
        field = {"name": column, "type": _TYPES.get(column, "string")}
        if column in _ENUMS:
            field["constraints"] = {"enum": list(_ENUMS[column])}
        if column in _LISTS:
            field["description"] = "A list, items separated by ;"
        if field["type"] == "boolean":
            field.update(trueValues=["true"], falseValues=["false"])
        fields.append(field)
    return {
        "profile": "tabular-data-package",
        "name": "press-freedom-incidents",
        "title": "Violations against journalists: public incidents",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": [{
            "profile": "tabular-data-resource", "name": "incidents", "path": csv_url, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8-sig",
            "description": "Published, non-confidential incidents, redacted: one row per victim; rows with the "
                           "same incident_ref are one incident.",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
            "schema": {"fields": fields, "missingValues": [""]},
        }],
    }  # fmt: skip
