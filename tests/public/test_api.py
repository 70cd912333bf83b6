"""The public API: only public incidents, the same filters everywhere, ETag, CORS, rate limit."""

import csv
import io
import json
import time

import pytest

from tests import factories
from tracker.public import queries


def _public(**over):
    return factories.create_incident(workflow_status="published", **over)


def test_lists_only_published_non_confidential_incidents(client):
    shown = _public()
    factories.create_incident()  # draft
    factories.create_incident(workflow_status="verified")
    _public(is_confidential=True)
    body = client.get("/api/public/v1/incidents").get_json()
    assert body["total"] == 1
    assert [item["public_ref"] for item in body["items"]] == [shown.public_ref]


def test_record_uses_design_field_names_and_public_precision(client):
    incident = _public(
        latitude=15.4591, longitude=45.3253, geo_precision="exact", public_geo_precision="admin1"
    )
    record = client.get(f"/api/public/v1/incidents/{incident.public_ref}").get_json()
    for field in ("public_ref", "title_ar", "title_en", "violation_types", "headline_type", "date_start",
                  "date_precision", "country", "admin1", "latitude", "longitude", "geo_precision", "perpetrators",
                  "victims", "sources", "verification", "case_status"):  # fmt: skip
        assert field in record
    for internal in ("id", "workflow_status", "is_confidential", "confidential_notes", "public_geo_precision",
                     "created_by", "updated_by", "search_text", "version"):  # fmt: skip
        assert internal not in record
    assert record["geo_precision"] == "admin1"
    assert (record["latitude"], record["longitude"]) != (15.4591, 45.3253)
    assert record["locality"] is None


def test_unknown_or_hidden_incident_is_not_found(client):
    hidden = factories.create_incident(workflow_status="verified")
    assert client.get(f"/api/public/v1/incidents/{hidden.public_ref}").status_code == 404
    assert client.get("/api/public/v1/incidents/XX-2024-9999").status_code == 404


def test_filters_year_type_country_perpetrator(client):
    _public(
        date_start="2021-05-01", violation_types=["L1.1"], perpetrators=[{"type": "non_state_armed_group"}]
    )
    _public(date_start="2023-05-01", violation_types=["F4"], country="LY", admin1=None, locality=None,
            latitude=None, longitude=None, geo_precision=None)  # fmt: skip
    _public(date_start="2024-05-01", violation_types=["C1"])

    def total(query):
        return client.get(f"/api/public/v1/incidents?{query}").get_json()["total"]

    assert total("") == 3
    assert total("year_from=2022") == 2
    assert total("year_from=2021&year_to=2023") == 2
    assert total("violation_type=L1") == 1
    assert total("group=killing,censorship") == 2
    assert total("country=ly") == 1
    assert total("perpetrator_type=non_state_armed_group") == 1
    assert client.get("/api/public/v1/incidents?country=ZZ").status_code == 400
    assert client.get("/api/public/v1/incidents?year_from=abc").status_code == 400


def test_pagination_links(client):
    for day in range(1, 6):
        _public(date_start=f"2024-01-0{day}")
    first = client.get("/api/public/v1/incidents?page_size=2")
    body = first.get_json()
    assert body["total"] == 5 and len(body["items"]) == 2
    assert first.headers["X-Total-Count"] == "5"
    assert "page=2" in body["links"]["next"]
    refs = [i["public_ref"] for i in body["items"]]
    second = client.get(body["links"]["next"]).get_json()
    assert not set(refs) & {i["public_ref"] for i in second["items"]}


def test_etag_cache_and_cors_headers(client):
    incident = _public()
    first = client.get("/api/public/v1/incidents")
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    assert "public" in first.headers["Cache-Control"]
    etag = first.headers["ETag"]
    again = client.get("/api/public/v1/incidents", headers={"If-None-Match": etag})
    assert again.status_code == 304
    from tracker.cases import operations

    operations.transition_incident(incident, "archived", factories.SYSTEM)
    from tracker.extensions import db

    db.session.commit()
    changed = client.get("/api/public/v1/incidents", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.get_json()["total"] == 0


def test_csv_is_the_flat_form_one_row_per_victim(plain_client):
    _public(victims=[
        {"journalist": {"name_ar": "هدى", "name_en": "Huda"}, "outcome": "detained"},
        {"journalist": {"name_ar": "سري", "name_en": "Secret"}, "outcome": "detained", "is_identity_protected": True},
    ], title_en="=HYPERLINK(1)")  # fmt: skip
    response = plain_client.get("/api/public/v1/incidents.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 2
    assert rows[0]["incident_ref"] and rows[0]["victim_name_en"] == "Huda"
    assert rows[1]["victim_name_en"] == "journalist (name withheld)"
    assert rows[1]["victim_name_ar"] == "صحفي (حُجب الاسم)"
    assert rows[0]["title_en"] == "'=HYPERLINK(1)"  # not run as a formula by a spreadsheet
    assert "confidential_notes" not in rows[0] and "workflow_status" not in rows[0]


def test_geojson_has_coarsened_points(plain_client):
    incident = _public()
    data = json.loads(plain_client.get("/api/public/v1/incidents.geojson").get_data(as_text=True))
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["id"] == incident.public_ref
    lon, lat = feature["geometry"]["coordinates"]
    assert (lat, lon) != (15.4591, 45.3253)  # the locality point; public precision is admin1
    assert feature["properties"]["geo_precision"] == "admin1"


def test_rate_limit(app, client):
    app.config["PUBLIC_API_RATE_LIMIT"] = "3 per minute"
    try:
        statuses = [client.get("/api/public/v1/incidents?page_size=1").status_code for _ in range(5)]
    finally:
        app.config["PUBLIC_API_RATE_LIMIT"] = "600 per minute"
    assert 429 in statuses


def test_counting_a_hit_starts_no_thread(app, client, monkeypatch):
    """Without Redis the limiter counts in memory: a hit must not start a thread to expire old
    counts (one started after nearly every hit; each request waited for it to start)."""
    import threading

    client.get("/api/public/v1/incidents?page_size=1")  # (the storage made, with its one timer)

    def no_thread(*args, **kwargs):
        raise AssertionError("a thread was started for a hit")

    monkeypatch.setattr(threading.Timer, "start", no_thread)
    app.config["PUBLIC_API_RATE_LIMIT"] = "3 per minute"
    try:
        statuses = [client.get("/api/public/v1/incidents?page_size=1").status_code for _ in range(5)]
        time.sleep(1.1)  # expired counts are forgotten inline, at most once a second
        statuses.append(client.get("/api/public/v1/incidents?page_size=1").status_code)
    finally:
        app.config["PUBLIC_API_RATE_LIMIT"] = "600 per minute"
    assert 429 in statuses and 500 not in statuses


def test_map_clusters_add_up_to_the_filtered_count(client):
    for day, kind in enumerate(["F4", "F4", "L1.1", "C1", "I2"], 1):
        _public(date_start=f"202{day % 3}-03-0{day}", violation_types=[kind])
    for filters in ({}, {"year_from": 2021, "year_to": 2021}, {"group": ["killing"]}):
        query = "&".join(f"{k}={v if not isinstance(v, list) else ','.join(v)}" for k, v in filters.items())
        body = client.get(f"/api/public/v1/map?zoom=3&bbox=-180,-90,180,90&{query}").get_json()
        assert sum(f["count"] for f in body["features"]) == body["total"] == queries.count(filters)


@pytest.mark.parametrize("query", ["bbox=1,2,3", "zoom=40", "bbox=10,0,0,5"])
def test_map_rejects_bad_parameters(client, query):
    assert client.get(f"/api/public/v1/map?{query}").status_code == 400


def test_atom_feed_lists_public_incidents(client):
    shown = _public(title_en="Visible in the feed")
    factories.create_incident(title_en="Draft not in the feed")
    text = client.get("/feed.atom?lang=en").get_data(as_text=True)
    assert text.startswith("<?xml") and "<feed" in text
    assert "Visible in the feed" in text and shown.public_ref in text
    assert "Draft not in the feed" not in text


def test_staff_session_renewal_is_never_publicly_cached(app, users):
    """A logged-in reader's answer renews their session cookie: it must not go to shared caches."""
    import time

    from tests.conftest import IsolatedClient
    from tests.web.conftest import login

    app.test_client_class = IsolatedClient
    staff = app.test_client()
    assert login(staff, users["viewer"]).status_code == 302
    with staff.session_transaction() as session:
        session["seen"] = int(time.time()) - 60  # due for renewal
    response = staff.get("/api/public/v1/incidents")
    assert response.status_code == 200
    assert "Set-Cookie" in response.headers
    assert response.headers["Cache-Control"].startswith("private")
    anonymous = app.test_client().get("/api/public/v1/incidents")
    assert "Set-Cookie" not in anonymous.headers and anonymous.headers["Cache-Control"].startswith("public")
