"""``flask geo boundaries import|clear``: an organisation's admin-1 GeoJSON matched to the
gazetteer (by code or by name), simplified, written as the map's cacheable boundaries file;
a malformed file refused in the reader's language with nothing written."""

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests import factories
from tracker.audit.models import AuditEntry
from tracker.extensions import db
from tracker.geo.simplify import douglas_peucker, simplify_geometry

SAMPLE = Path(__file__).resolve().parent / "data" / "yemen_admin1_sample.geojson"


@pytest.fixture
def target(app, tmp_path, monkeypatch):
    path = tmp_path / "geo" / "boundaries.json"
    monkeypatch.setitem(app.config, "BOUNDARIES_PATH", str(path))
    return path


def _run(app, *args):
    return app.test_cli_runner().invoke(args=["geo", "boundaries", *args])


def _audits():
    return db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.entity_type == "admin1_boundaries")
    ).all()


def test_import_matches_codes_and_names_and_reports_what_did_not_match(app, target):
    result = _run(app, "import", "--lang", "en", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert "Matched: Ma'rib (YE-MA) -> YE-MA Marib (by code)" in result.output
    assert "Matched: Aden (YE-AD) -> YE-AD Aden (by code)" in result.output  # Natural Earth's iso_3166_2
    assert "Matched: محافظة حضرموت -> YE-HD Hadramawt (by name)" in result.output  # no code: its Arabic name
    assert (
        "Not matched: جزيرة خيالية (YE-ZZ): neither the code nor the name is a governorate" in result.output
    )
    assert "4 governorates written (4 features matched, 1 not matched)." in result.output
    written = json.loads(target.read_text(encoding="utf-8"))
    by_code = {f["id"]: f for f in written["features"]}
    assert sorted(by_code) == ["YE-AD", "YE-HD", "YE-MA", "YE-TA"]
    # names come from the gazetteer in both languages, not from the file
    assert by_code["YE-MA"]["properties"] == {
        "code": "YE-MA",
        "country": "YE",
        "name_ar": "مأرب",
        "name_en": "Marib",
    }
    assert by_code["YE-AD"]["geometry"]["type"] == "MultiPolygon"
    (entry,) = _audits()
    assert entry.action == "import" and entry.changes["codes"] == [[], ["YE-AD", "YE-HD", "YE-MA", "YE-TA"]]


def test_import_reports_in_arabic(app, target):
    result = _run(app, "import", "--lang", "ar", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert "مأرب" in result.output and "Matched" not in result.output and "Not matched" not in result.output
    assert "لم تُطابَق" in result.output


@pytest.mark.parametrize(
    "content,message",
    [
        (b"{not json", "not valid GeoJSON"),
        (b'{"type": "Feature", "geometry": null}', "not a GeoJSON FeatureCollection"),
        (b'{"type": "FeatureCollection", "features": []}', "no features"),
        (json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"shapeISO": "YE-MA"}, "geometry": {"type": "Point", "coordinates": [45, 15]}}
        ]}).encode(), "Feature 1: its geometry is not a Polygon or MultiPolygon"),
        (json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"shapeISO": "YE-TA"}, "geometry": {"type": "Polygon", "coordinates": [
                [[43, 13], [44, 13], [44, 14], [43, 13]]]}},
            {"type": "Feature", "properties": {"shapeISO": "YE-MA"}, "geometry": {"type": "Polygon", "coordinates": [
                [[45, 15], [46, 95], [45, 15]]]}},
        ]}).encode(), "Feature 2: a ring has fewer than four positions"),
        (json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"name": "Nowhere"}, "geometry": {"type": "Polygon", "coordinates": [
                [[3, 3], [4, 3], [4, 4], [3, 3]]]}},
        ]}).encode(), "No feature matched a governorate"),
    ],
)  # fmt: skip
def test_a_malformed_file_is_refused_and_nothing_is_written(app, target, tmp_path, content, message):
    assert _run(app, "import", "--lang", "en", str(SAMPLE)).exit_code == 0
    before = target.read_bytes()
    bad = tmp_path / "bad.geojson"
    bad.write_bytes(content)
    result = _run(app, "import", "--lang", "en", str(bad))
    assert result.exit_code == 1
    assert message in result.output and "Nothing was written." in result.output
    assert target.read_bytes() == before  # the previous boundaries stay as they were
    assert len(_audits()) == 1


def test_a_malformed_file_is_refused_in_arabic(app, target, tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text("[1, 2]")
    result = _run(app, "import", str(bad))  # Arabic is the default language
    assert result.exit_code == 1 and "GeoJSON" in result.output and "لم يُكتب شيء" in result.output
    assert not target.exists() and _audits() == []


def test_clear_removes_the_file_and_says_so(app, target):
    assert _run(app, "import", "--lang", "en", str(SAMPLE)).exit_code == 0
    result = _run(app, "clear", "--lang", "en")
    assert result.exit_code == 0 and "Boundaries removed." in result.output
    assert not target.exists()
    assert [e.action for e in _audits()] == ["import", "clear"]
    again = _run(app, "clear", "--lang", "en")
    assert "There were no boundaries to remove." in again.output and len(_audits()) == 2


def test_boundaries_route_serves_the_file_with_an_etag(app, client, target):
    assert client.get("/map/boundaries.json").status_code == 404
    assert '"boundaries":null' in client.get("/?lang=en").get_data(as_text=True).replace(
        "&#34;", '"'
    ).replace(" ", "")
    assert _run(app, "import", "--lang", "en", str(SAMPLE)).exit_code == 0
    html = client.get("/?lang=en").get_data(as_text=True)
    config = json.loads(
        html.split('data-config="', 1)[1].split('"', 1)[0].replace("&#34;", '"').replace("&amp;", "&")
    )
    url = config["boundaries"]
    assert url.startswith("/map/boundaries.json?v=")
    response = client.get(url, headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert {f["id"] for f in response.get_json()["features"]} == {"YE-AD", "YE-HD", "YE-MA", "YE-TA"}
    assert "immutable" in response.headers["Cache-Control"] and response.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_areas_count_governorates_only_for_cases_public_at_that_precision(client):
    """The shaded layer's counts: a case the public may see only at country level is in no
    governorate (its governorate is known internally, not publicly)."""
    factories.create_incident(workflow_status="published", country="YE", admin1="مأرب", locality=None,
                              latitude=None, longitude=None, geo_precision=None)  # fmt: skip
    factories.create_incident(workflow_status="published", country="YE", admin1="مأرب", locality=None,
                              latitude=None, longitude=None, geo_precision=None,
                              public_geo_precision="country")  # fmt: skip
    factories.create_incident(country="YE", admin1="مأرب", date_start="2022-01-01")  # a draft: not public
    areas = client.get("/api/public/v1/map/areas").get_json()
    assert {g["code"]: g["count"] for g in areas["governorates"]} == {"YE-MA": 1}
    assert {c["code"]: c["count"] for c in areas["countries"]} == {"YE": 2}


def test_douglas_peucker_keeps_corners_and_drops_what_lies_on_a_line():
    line = [(0, 0), (1, 0.001), (2, 0), (3, 2), (4, 0)]
    assert douglas_peucker(line, 0.01) == [(0, 0), (2, 0), (3, 2), (4, 0)]
    assert douglas_peucker(line, 5) == [(0, 0), (4, 0)]


def test_a_ring_too_small_to_draw_is_dropped():
    tiny = {"type": "Polygon", "coordinates": [[[45, 15], [45.0001, 15], [45.0001, 15.0001], [45, 15]]]}
    assert simplify_geometry(tiny, 0.005, 3) is None
    square = {
        "type": "MultiPolygon",
        "coordinates": [tiny["coordinates"], [[[44, 14], [45, 14], [45, 15], [44, 15], [44, 14]]]],
    }
    assert simplify_geometry(square, 0.005, 3) == {
        "type": "Polygon",
        "coordinates": [[[44, 14], [45, 14], [45, 15], [44, 15], [44, 14]]],
    }
