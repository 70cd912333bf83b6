"""Geocoding incidents (audited, never a manual point), the CLI, the API and outside providers."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlalchemy as sa

from tests import factories
from tracker.audit.models import AuditEntry
from tracker.cases.models import Incident
from tracker.extensions import db
from tracker.geo import operations, providers
from tracker.geo.models import GeocodeCache


def _unlocated(**over):
    data = {"latitude": None, "longitude": None, "geo_precision": None, "admin1": None, "locality": "المكلا",
            "public_geo_precision": "admin1"}  # fmt: skip
    data.update(over)
    return factories.create_incident(**data)


def test_geocode_incident_fills_the_place_and_is_audited():
    incident = _unlocated()
    outcome = operations.geocode_incident(incident, factories.SYSTEM)
    db.session.commit()
    assert outcome.status == "geocoded"
    assert (incident.geo_precision, incident.geocode_source, incident.admin1) == (
        "locality",
        "gazetteer",
        "YE-HD",  # stored as the gazetteer code
    )
    assert (
        incident.latitude == pytest.approx(14.54, abs=0.05) and incident.geonames_id and incident.version == 2
    )
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.entity_id == incident.id)
                               .order_by(AuditEntry.id.desc())).first()  # fmt: skip
    assert entry.action == "update" and "latitude" in entry.changes and "geocode_source" in entry.changes


def test_manual_point_is_never_overwritten():
    incident = factories.create_incident(geocode_source="manual")
    before = (incident.latitude, incident.longitude, incident.version)
    assert operations.geocode_incident(incident, factories.SYSTEM, overwrite=True).status == "skipped"
    assert (incident.latitude, incident.longitude, incident.version) == before


def test_ambiguous_and_unknown_places_are_left_for_review():
    ambiguous = _unlocated(country="LY", locality="البيضاء", admin1=None)
    unknown = _unlocated(locality="مكان مجهول تماما")
    assert operations.geocode_incident(ambiguous, factories.SYSTEM).status in ("geocoded", "ambiguous")
    assert operations.geocode_incident(unknown, factories.SYSTEM).status == "unresolved"
    assert unknown.latitude is None


def test_public_precision_is_raised_to_what_was_found():
    incident = _unlocated(locality=None, admin1=None, public_geo_precision="admin1")
    assert operations.geocode_incident(incident, factories.SYSTEM).status == "geocoded"
    assert (incident.geo_precision, incident.public_geo_precision) == ("country", "country")


def test_cli_geocode_missing_then_nothing_left(app):
    incident = _unlocated()
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["geo", "geocode", "--missing", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    db.session.expire_all()
    assert db.session.get(Incident, incident.id).latitude is None
    result = runner.invoke(args=["geo", "geocode", "--missing"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(Incident, incident.id).geo_precision == "locality"
    again = runner.invoke(args=["geo", "geocode", "--missing"])
    assert "geocoded" not in again.output


def test_cli_geocode_on_demo_data(app):
    from tracker.demo import generator as demo

    demo.load(200, seed=3)
    db.session.commit()
    _unlocated()
    result = app.test_cli_runner().invoke(args=["geo", "geocode", "--missing"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(sa.func.count(Incident.id)).where(Incident.latitude.is_(None))) == 0


def test_cli_lookup_prints_candidates_as_json(app):
    result = app.test_cli_runner().invoke(args=["geo", "lookup", "مارب", "--country", "YE"])
    data = json.loads(result.output)
    assert data["ambiguous"] is False
    first = data["candidates"][0]
    assert {"name_ar", "name_en", "country", "admin1", "latitude", "longitude", "precision", "source"} <= set(
        first
    )
    assert (first["name_en"], first["admin1"]["code"]) == ("Marib", "YE-MA")


def test_api_lookup_and_reverse(client, auth):
    response = client.get("/api/v1/geo/lookup?q=طرابلس", headers=auth("viewer"))
    assert response.status_code == 200 and response.json["ambiguous"] is True
    response = client.get("/api/v1/geo/lookup?q=Tripoli&country=LB", headers=auth("viewer"))
    assert response.json["candidates"][0]["admin1"]["code"] == "LB-AS"
    response = client.get("/api/v1/geo/reverse?lat=15.46&lon=45.33", headers=auth("viewer"))
    assert response.json["country"] == "YE" and response.json["admin1"]["code"] == "YE-MA"


def test_api_geo_needs_staff_and_valid_input(client, auth):
    assert client.get("/api/v1/geo/lookup?q=Aden").status_code == 401
    assert client.get("/api/v1/geo/reverse?lat=95&lon=0", headers=auth("viewer")).status_code == 422
    response = client.get("/api/v1/geo/lookup", headers={**auth("viewer"), "Accept-Language": "ar"})
    assert response.status_code == 422 and response.json["errors"]["q"] == ["اكتب مكاناً أو محافظة أو دولة."]


class _FakeNominatim(BaseHTTPRequestHandler):
    calls: list[str] = []
    status = 200

    def do_GET(self):  # noqa: N802
        type(self).calls.append(self.path)
        body = json.dumps([{"lat": "15.9300", "lon": "48.7900", "display_name": "Ghayl Bin Yamin, Hadramawt, Yemen",
                            "addresstype": "village", "place_id": 1}]).encode()  # fmt: skip
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body if self.status == 200 else b"error")

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim(app, monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeNominatim)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _FakeNominatim.calls, _FakeNominatim.status = [], 200
    monkeypatch.setitem(app.config, "GEOCODER_PROVIDERS", "nominatim")
    monkeypatch.setitem(app.config, "GEOCODER_DOMAIN", f"127.0.0.1:{server.server_port}")
    monkeypatch.setitem(app.config, "GEOCODER_SCHEME", "http")
    yield _FakeNominatim
    server.shutdown()
    server.server_close()


def test_provider_answers_what_the_gazetteer_cannot_and_is_cached(nominatim):
    found = providers.geocode("قرية خيالية", None, "YE")
    assert found.best.source == "nominatim" and found.best.country == "YE"
    assert found.best.admin1.code == "YE-HD"  # filled by reverse geocoding
    assert len(nominatim.calls) == 1 and "/search" in nominatim.calls[0]
    entry = db.session.scalar(sa.select(GeocodeCache))
    assert entry.provider == "nominatim" and entry.result[0]["latitude"] == 15.93
    again = providers.geocode("قرية خيالية", None, "YE")
    assert again.best.latitude == 15.93 and len(nominatim.calls) == 1  # from the cache


def test_gazetteer_answers_first(nominatim):
    assert providers.geocode("مأرب", None, "YE").best.source == "gazetteer"
    assert nominatim.calls == []


def test_provider_error_never_blocks(nominatim):
    nominatim.status = 500
    incident = _unlocated(locality="قرية أخرى خيالية")
    outcome = operations.geocode_incident(incident, factories.SYSTEM)
    assert outcome.status == "unresolved" and len(nominatim.calls) >= 1
    assert db.session.scalar(sa.select(sa.func.count(GeocodeCache.id))) == 0


def test_interrupted_run_keeps_committed_batches(app):
    from tracker.geo import batch

    first, second = _unlocated(), _unlocated(locality="عدن")

    def stop_after_first_batch(_n):
        raise KeyboardInterrupt

    summary = batch.run("missing", factories.SYSTEM, progress=stop_after_first_batch, batch_size=1)
    assert summary.interrupted and summary.last_id == first.id
    db.session.expire_all()
    assert db.session.get(Incident, first.id).latitude is not None
    assert db.session.get(Incident, second.id).latitude is None
    batch.run("missing", factories.SYSTEM)
    db.session.expire_all()
    assert db.session.get(Incident, second.id).latitude is not None
