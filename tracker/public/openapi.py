"""The OpenAPI description of the public API (/api/public/v1/openapi.json): what anyone may
request and what each answer holds. Fields that may be empty are declared nullable; a property
test (tests/api/test_schemathesis.py) checks the answers against this document."""

from tracker.cases.taxonomy import VIOLATION_CODES
from tracker.core.vocab import PERPETRATOR_TYPES


def _s(kind: str, nullable: bool = False, **extra) -> dict:
    schema = {"type": kind, **extra}
    if nullable:
        schema["nullable"] = True
    return schema


_TEXT, _TEXT_OR_NULL = _s("string"), _s("string", True)
_NUMBER_OR_NULL = _s("number", True)
_FILTERS = [
    {"name": "year_from", "in": "query", "schema": _s("integer", minimum=1900, maximum=2999)},
    {"name": "year_to", "in": "query", "schema": _s("integer", minimum=1900, maximum=2999)},
    {"name": "violation_type", "in": "query", "description": "Codes, comma-separated (e.g. F4,L1).",
     "schema": _s("string", example=",".join(VIOLATION_CODES[:2]))},
    {"name": "country", "in": "query", "description": "ISO 3166-1 codes, comma-separated.",
     "schema": _s("string", example="YE")},
    {"name": "perpetrator_type", "in": "query", "description": "Perpetrator types, comma-separated.",
     "schema": _s("string", example=next(iter(PERPETRATOR_TYPES)))},
    {"name": "group", "in": "query", "description": "Map groups, comma-separated.", "schema": _s("string")},
]  # fmt: skip
_ERRORS = {"description": "An invalid parameter", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"errors": {"type": "object"}}}}}}  # fmt: skip
_VICTIM = _s("object", properties={
    "name_ar": _TEXT_OR_NULL, "name_en": _TEXT_OR_NULL, "is_identity_protected": _s("boolean"),
    "gender": _TEXT_OR_NULL, "profession": _TEXT_OR_NULL, "outcome": _TEXT_OR_NULL,
    "role_in_incident": _TEXT_OR_NULL,
})  # fmt: skip
_INCIDENT = _s("object", required=["public_ref", "violation_types", "date_start", "country"], properties={
    "public_ref": _TEXT, "title_ar": _TEXT_OR_NULL, "title_en": _TEXT_OR_NULL, "summary_ar": _TEXT_OR_NULL,
    "summary_en": _TEXT_OR_NULL, "violation_types": _s("array", items=_TEXT), "headline_type": _TEXT_OR_NULL,
    "date_start": _s("string", format="date"), "date_end": _s("string", True, format="date"),
    "date_precision": _TEXT, "country": _TEXT, "admin1": _TEXT_OR_NULL, "admin2": _TEXT_OR_NULL,
    "locality": _TEXT_OR_NULL, "admin1_ar": _TEXT_OR_NULL, "admin1_en": _TEXT_OR_NULL,
    "latitude": _NUMBER_OR_NULL, "longitude": _NUMBER_OR_NULL, "geo_precision": _TEXT_OR_NULL,
    "perpetrators": _s("array", items=_s("object", properties={"type": _TEXT, "name": _TEXT_OR_NULL})),
    "victims": _s("array", items=_VICTIM),
    "sources": _s("array", items=_s("object", properties={
        "url": _TEXT_OR_NULL, "title": _TEXT_OR_NULL, "publisher": _TEXT_OR_NULL,
        "published_on": _s("string", True, format="date")})),
    "verification": _TEXT, "case_status": _TEXT_OR_NULL, "impunity": _TEXT_OR_NULL,
})  # fmt: skip
_PLACE = {"lat": _s("number"), "lon": _s("number"), "count": _s("integer", minimum=0)}


def _get(summary: str, schema: dict, parameters=(), media="application/json", errors=True) -> dict:
    responses = {"200": {"description": summary, "content": {media: {"schema": schema}}},
                 "304": {"description": "Not modified (If-None-Match)"},
                 "429": {"description": "Rate limit reached"}}  # fmt: skip
    if errors:
        responses["400"] = _ERRORS
    return {"get": {"summary": summary, "parameters": list(parameters), "responses": responses}}


def document() -> dict:
    page = [{"name": "page", "in": "query", "description": "Page number (not with after).",
             "schema": _s("integer", minimum=1, maximum=10**6)},
            {"name": "after", "in": "query", "description": "Keyset cursor: the next_cursor of the page before. "
             "Every page after a cursor costs the same, however deep.",
             "schema": _s("string", pattern=r"^\d{4}-\d{2}-\d{2}\.\d{1,18}$", example="2024-03-05.1234")},
            {"name": "page_size", "in": "query", "schema": _s("integer", minimum=1, maximum=500)}]  # fmt: skip
    bbox = {"name": "bbox", "in": "query", "description": "west,south,east,north",
            "schema": _s("string", example="42,12,54,19")}  # fmt: skip
    zoom = {"name": "zoom", "in": "query", "schema": _s("integer", minimum=0, maximum=19)}
    lat = {"name": "lat", "in": "query", "required": True, "schema": _s("number", minimum=-90, maximum=90)}
    lon = {"name": "lon", "in": "query", "required": True, "schema": _s("number", minimum=-180, maximum=180)}
    ref = {
        "name": "public_ref",
        "in": "path",
        "required": True,
        "schema": _s("string", example="YE-2024-0001"),
    }
    listing = _s("object", required=["items", "page", "page_size", "total", "total_is_estimate"], properties={
        "items": _s("array", items=_INCIDENT), "page": _s("integer", True, description="null with after"),
        "page_size": _s("integer"),
        "total": _s("integer", description="Exact up to a threshold (10,000 by default), an estimate above it"),
        "total_is_estimate": _s("boolean", description="true when total is an estimate"),
        "next_cursor": _s("string", True, description="Pass as after= for the next page; null on the last"),
        "links": _s("object", additionalProperties=_TEXT)})  # fmt: skip
    clusters = _s("object", properties={"zoom": _s("integer"), "total": _s("integer"),
                                        "features": _s("array", items=_s("object", properties=_PLACE))})  # fmt: skip
    areas = _s("object", properties={"total": _s("integer"), "countries": _s("array", items=_s("object")),
                                     "governorates": _s("array", items=_s("object"))})  # fmt: skip
    stack = _s("object", properties={"total": _s("integer"), "incidents": _s("array", items=_s("object"))})
    not_found = {"description": "No public incident has this reference", "content": {
        "application/json": {"schema": _s("object")}}}  # fmt: skip
    one = _get("One public incident", _INCIDENT, [ref], errors=False)
    one["get"]["responses"]["404"] = not_found
    one["get"]["responses"]["400"] = _ERRORS
    return {
        "openapi": "3.0.3",
        "info": {"title": "Press Freedom Tracker: public API", "version": "1",
                 "description": "Published, non-confidential incidents only, redacted. Read-only; "
                                "one rate limit per address across every public endpoint."},
        "servers": [{"url": "/api/public/v1"}],
        "paths": {
            "/incidents": _get("Public incidents, newest first", listing, [*_FILTERS, *page]),
            "/incidents/{public_ref}": one,
            "/incidents.csv": _get("Every public incident (CSV)", _TEXT, _FILTERS, "text/csv"),
            "/incidents.geojson": _get("Every public incident (GeoJSON)", _s("object"), _FILTERS,
                                       "application/geo+json"),
            "/datapackage.json": _get("Frictionless data package descriptor of the CSV", _s("object"), (),
                                      errors=False),
            "/map": _get("Clusters and single incidents of one map view", clusters, [*_FILTERS, bbox, zoom]),
            "/map/stack": _get("The incidents at one public place", stack, [*_FILTERS, lat, lon]),
            "/map/areas": _get("Counts per country and governorate", areas, _FILTERS),
        },
    }  # fmt: skip
