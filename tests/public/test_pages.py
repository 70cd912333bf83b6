"""Public pages: the map at / (anonymous), an incident's page, statistics; escaping; bilingual."""

import html as markup
import json

import pytest

from tests import factories

XSS_TITLE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _public(**over):
    return factories.create_incident(workflow_status="published", **over)


def test_home_is_the_public_map_for_anyone(client):
    response = client.get("/?lang=en")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="map_public"' in html and "/map/public-map.js?v=" in html and "/map/public-map.css?v=" in html
    assert "Staff log in" in html
    assert html.count("<script src=") == 1  # Leaflet, folium's map and the page's script in one file
    assert "<script>" not in html  # no inline script: the page keeps script-src 'self'
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert (
        "unsafe-inline"
        not in response.headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )


def test_map_page_in_arabic_is_right_to_left(client):
    html = client.get("/?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in html and "خريطة" in html


def _page_file(client, kind: str):
    html = client.get("/?lang=en").get_data(as_text=True)
    address = markup.unescape(html.split(f"/map/public-map.{kind}?v=", 1)[1].split('"', 1)[0])
    return client.get(f"/map/public-map.{kind}?v={address}")


def test_map_script_is_leaflet_folium_map_and_page_script_in_order(app, client):
    script = _page_file(client, "js")
    assert script.status_code == 200 and script.mimetype == "text/javascript"
    text = script.get_data(as_text=True)
    leaflet, folium_map, page = (
        text.index("Leaflet"),
        text.index("var map_public = L.map("),
        text.index("window.map_public"),
    )
    assert leaflet < folium_map < page
    assert "cdn" not in text.lower() and "jquery" not in text.lower() and "sourceMappingURL" not in text


def test_map_files_are_kept_a_year_under_their_content_hash(client):
    for kind in ("js", "css"):
        first = _page_file(client, kind)
        assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "Cookie" not in first.headers.get("Vary", "") and "Accept-Language" not in first.headers.get(
            "Vary", ""
        )
        again = client.get(f"/map/public-map.{kind}", headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.headers["Cache-Control"] == "public, max-age=300"


def test_map_stylesheet_addresses_leaflets_images_where_they_are(client):
    css = _page_file(client, "css").get_data(as_text=True)
    assert "url(/vendor/leaflet/images/layers.png?v=" in css and "url(images/" not in css
    assert ".incident-map.leaflet-container" in css  # the page's own rules follow Leaflet's


def test_map_script_has_no_tile_layer_when_tiles_are_off(app, client):
    previous = app.config["MAP_TILE_URL"]
    app.config["MAP_TILE_URL"] = "off"
    try:
        text = _page_file(client, "js").get_data(as_text=True)
    finally:
        app.config["MAP_TILE_URL"] = previous
    assert "tileLayer(" not in text.split("var map_public")[1] and '"maxZoom": 18' in text


def test_incident_page_escapes_user_text(client):
    incident = _public(title_en=XSS_TITLE, summary_en="<b>bold</b>")
    html = client.get(f"/incidents/{incident.public_ref}?lang=en").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;bold" in html


def test_map_page_config_is_escaped(client):
    _public(country="YE")
    html = client.get("/?lang=en").get_data(as_text=True)
    config = html.split('data-config="', 1)[1].split('"', 1)[0]
    assert "<" not in config and "'" not in config


def test_incident_page_of_hidden_incident_is_not_found(client):
    for status in ("draft", "verified"):
        hidden = factories.create_incident(workflow_status=status)
        assert client.get(f"/incidents/{hidden.public_ref}").status_code == 404
    confidential = _public(is_confidential=True)
    assert client.get(f"/incidents/{confidential.public_ref}").status_code == 404


def test_incident_page_names_protected_victims_as_withheld(client):
    incident = _public(victims=[{"journalist": {"name_ar": "سرية", "name_en": "Hidden Person"}, "outcome": "detained",
                                 "is_identity_protected": True}])  # fmt: skip
    english = client.get(f"/incidents/{incident.public_ref}?lang=en").get_data(as_text=True)
    arabic = client.get(f"/incidents/{incident.public_ref}?lang=ar").get_data(as_text=True)
    assert "Hidden Person" not in english + arabic and "سرية" not in english + arabic
    assert "journalist (name withheld)" in english and "صحفي (حُجب الاسم)" in arabic


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_statistics_page_counts_by_year_type_and_country(client, lang):
    _public(date_start="2023-02-01", country="YE")
    _public(date_start="2024-02-01", country="LY", admin1=None, locality=None, latitude=None, longitude=None,
            geo_precision=None)  # fmt: skip
    factories.create_incident(date_start="2024-03-01")  # draft: not counted
    response = client.get(f"/statistics?year=2024&lang={lang}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="chart-years"' in html and 'id="chart-types"' in html and 'id="chart-countries"' in html
    years = html.split('id="table-years"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="row">2023</th><td class="num">1</td>' in years
    assert '<th scope="row">2024</th><td class="num">1</td>' in years
    assert ('dir="rtl"' in html) is (lang == "ar")
    assert "/reports" in html


def test_map_downloads_keep_the_filters_of_the_address(client):
    html = client.get("/?lang=en&year_from=2021&country=YE&violation_type=F4&bogus=1").get_data(as_text=True)
    for name in ("incidents.csv", "incidents.geojson", "incidents?"):
        link = html.split(f"/api/public/v1/{name}", 1)[1].split('"', 1)[0]
        assert "year_from=2021" in link and "country=YE" in link and "violation_type=F4" in link, link
        assert "bogus" not in link


def test_map_scale_units_are_in_the_pages_language(client):
    page = client.get("/?lang=ar").get_data(as_text=True)
    config = json.loads(markup.unescape(page.split('data-config="', 1)[1].split('"', 1)[0]))
    assert config["units"] == {"km": "كم", "m": "م"}


def test_an_outcome_agrees_with_a_woman_in_arabic(client):
    incident = _public(violation_types=["F1"], victims=[
        {"journalist": {"name_ar": "منى الصالح", "name_en": "Mona al-Saleh", "gender": "female"}, "outcome": "abducted"},
        {"journalist": {"name_ar": "خالد اليمني", "name_en": "Khaled al-Yamani", "gender": "male"},
         "outcome": "abducted"},
    ])  # fmt: skip
    arabic = client.get(f"/incidents/{incident.public_ref}?lang=ar").get_data(as_text=True)
    assert "منى الصالح</bdi> — اختُطفت</li>" in arabic and "خالد اليمني</bdi> — اختُطف</li>" in arabic
    english = client.get(f"/incidents/{incident.public_ref}?lang=en").get_data(as_text=True)
    assert (
        "Mona al-Saleh</bdi> — Abducted</li>" in english
        and "Khaled al-Yamani</bdi> — Abducted</li>" in english
    )
