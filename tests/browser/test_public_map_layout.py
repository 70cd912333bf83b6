"""The public map with tiles off, in both languages, on a desktop and a 390 px phone: the app's
own basemap draws land and sea, imported governorate boundaries are shaded by public counts,
on phones the filters and the layer list start closed and nothing scrolls sideways, the
downloads keep the map's filters, and the scale bar reads in the page's language."""

import re
import socket
from pathlib import Path

import pytest

from tests import factories
from tests.browser.conftest import migrated_app, screenshot, serve
from tests.browser.test_researcher_flow import english_on_screen
from tracker.extensions import db

SAMPLE = Path(__file__).resolve().parents[1] / "geo" / "data" / "yemen_admin1_sample.geojson"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The basemap canvas's pixel at a place (RGBA; the sea is the map's background, so transparent).
PIXEL_JS = """([lat, lon]) => {
  const canvas = document.querySelector('.leaflet-basemap-pane canvas');
  const box = canvas.getBoundingClientRect();
  const map = map_public.getContainer().getBoundingClientRect();
  const p = map_public.latLngToContainerPoint([lat, lon]);
  const ratio = canvas.width / box.width;
  const x = Math.round((map.left + p.x - box.left) * ratio), y = Math.round((map.top + p.y - box.top) * ratio);
  return Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data);
}"""
LAND = [243, 240, 232, 255]


@pytest.fixture(scope="module")
def layout_app(tmp_path_factory):
    """An app of its own (tiles off) whose imported boundaries are the sample governorates."""
    folder = tmp_path_factory.mktemp("map-layout")
    app = migrated_app(folder / "map.sqlite3", BOUNDARIES_PATH=str(folder / "boundaries.json"))
    runner = app.test_cli_runner()
    with app.app_context():
        result = runner.invoke(args=["geo", "boundaries", "import", "--lang", "en", str(SAMPLE)])
        assert result.exit_code == 0, result.output
        for n, (admin1, precision) in enumerate([("مأرب", None), ("مأرب", None), ("تعز", None),
                                                  ("عدن", None), ("مأرب", "country")]):  # fmt: skip
            factories.create_incident(
                workflow_status="published", title_ar=f"حالة {n}", title_en=f"Case {n}", date_start=f"202{n % 3}-03-01",
                country="YE", admin1=admin1, locality=None, latitude=None, longitude=None, geo_precision=None,
                public_geo_precision=precision or "admin1",
            )  # fmt: skip
        db.session.commit()
    return app


@pytest.fixture(scope="module")
def layout_server(layout_app):
    yield from serve(layout_app)


def _open(new_page, base, lang, viewport, query=""):
    page = new_page()
    page.set_viewport_size(viewport)
    page.goto(f"{base}/?lang={lang}{query}")
    page.wait_for_selector("#public-map-app[data-state=ready]")
    page.wait_for_selector("#public-map-app[data-basemap=ready]")
    return page


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_basemap_draws_land_and_sea_with_tiles_off(layout_server, new_page, lang):
    page = _open(new_page, layout_server, lang, DESKTOP)
    assert page.locator(".leaflet-tile-pane img").count() == 0  # no tile server here
    page.evaluate("() => map_public.setView([17, 47], 5, {animate: false})")
    page.wait_for_timeout(300)
    assert page.evaluate(PIXEL_JS, [15.35, 44.2]) == LAND  # Sanaa
    assert page.evaluate(PIXEL_JS, [24.7, 46.7]) == LAND  # Riyadh
    assert page.evaluate(PIXEL_JS, [14.0, 60.0])[3] == 0  # the Arabian Sea: the sea colour shows
    sea = page.evaluate("() => getComputedStyle(map_public.getContainer()).backgroundColor")
    assert sea == "rgb(207, 224, 234)"
    screenshot(page, f"public-map-basemap-{lang}-1280")
    page.evaluate("() => map_public.setView([25, 20], 2, {animate: false})")
    page.wait_for_timeout(300)
    screenshot(page, f"public-map-basemap-world-{lang}-1280")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_phone_filters_and_layers_start_closed_without_sideways_scroll(layout_server, new_page, lang):
    page = _open(new_page, layout_server, lang, PHONE)
    assert page.evaluate("() => document.getElementById('map-filters-box').open") is False
    assert not page.is_visible("#year_from")
    assert page.locator(".leaflet-control-layers-expanded").count() == 0
    assert page.is_visible(".leaflet-control-layers-toggle")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"public-map-phone-{lang}-390")
    page.click("#map-filters-box > summary")
    assert page.is_visible("#year_from") and page.is_visible("#show-areas")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"public-map-phone-filters-{lang}-390")


def test_desktop_filters_and_layers_start_open(layout_server, new_page):
    page = _open(new_page, layout_server, "en", DESKTOP)
    assert page.is_visible("#year_from")
    assert page.locator(".leaflet-control-layers-expanded").count() == 1


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_downloads_keep_the_filters_of_the_address_and_of_the_form(layout_server, new_page, lang):
    page = _open(new_page, layout_server, lang, PHONE, "&year_from=2021&country=YE")
    assert page.inner_text("#filter-count") == "(2)"  # seen on the closed toggle
    for link in ("#link-csv", "#link-json", "#link-geojson"):
        href = page.get_attribute(link, "href")
        assert "year_from=2021" in href and "country=YE" in href, href
    page.click("#map-filters-box > summary")
    page.select_option("#violation_type", "F4")
    page.wait_for_selector("#public-map-app[data-state=ready]")
    href = page.get_attribute("#link-csv", "href")
    assert "violation_type=F4" in href and "year_from=2021" in href
    # the download answers with the filtered records only
    body = page.evaluate(
        "async (url) => await (await fetch(url)).text()", page.get_attribute("#link-csv", "href")
    )
    assert body.splitlines()[0].startswith("incident_ref")


def test_scale_bar_reads_in_arabic(layout_server, new_page):
    page = _open(new_page, layout_server, "ar", DESKTOP)
    scale = page.evaluate("() => document.querySelector('.leaflet-control-scale-line').textContent")
    # the number, then the Arabic unit, in an Arabic run (Leaflet's own "500 km" shows as "km 500")
    number = page.evaluate("() => new Intl.NumberFormat('ar').format(500)")  # the map's counts' digits
    assert re.fullmatch(r"[\d٠-٩٬,.]+\u00a0كم", scale) and scale.split("\u00a0")[0][0] in number + "123456789"
    assert (
        page.evaluate(
            "() => getComputedStyle(document.querySelector('.leaflet-control-scale-line')).direction"
        )
        == "rtl"
    )
    assert page.locator(".leaflet-control-scale-line").count() == 1  # metric only
    assert english_on_screen(page) == set()
    english = _open(new_page, layout_server, "en", DESKTOP)
    assert english.inner_text(".leaflet-control-scale-line").endswith("km")


@pytest.mark.parametrize("lang,viewport", [("ar", DESKTOP), ("en", DESKTOP), ("ar", PHONE), ("en", PHONE)])
def test_area_layer_shades_imported_governorates(layout_server, new_page, lang, viewport):
    page = _open(new_page, layout_server, lang, viewport)
    if viewport is PHONE:
        page.click("#map-filters-box > summary")
    page.check("#show-areas")
    page.wait_for_selector("#public-map-app[data-areas=shaded]")
    page.evaluate("() => map_public.setView([15, 47], 6, {animate: false})")
    shaded = page.evaluate("""() => [...document.querySelectorAll('.leaflet-overlay-pane path')]
        .filter((p) => p.getAttribute('fill-opacity') === '0.75').length""")
    outlined = page.evaluate("""() => [...document.querySelectorAll('.leaflet-overlay-pane path')]
        .filter((p) => p.getAttribute('fill-opacity') === '0').length""")
    # Marib, Taiz and Aden have public cases; Hadramawt has none (outline only); the case made
    # public only at country level is in no governorate, so Yemen keeps no circle of its own
    assert (shaded, outlined) == (3, 1)
    assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == 4
    if viewport is PHONE:
        page.click("#map-filters-box > summary")
    screenshot(page, f"public-map-areas-{lang}-{viewport['width']}")


@pytest.fixture(scope="module")
def unreachable_tiles_server(tmp_path_factory):
    """An app whose tile server is configured but does not answer (a closed network)."""
    with socket.socket() as held:
        # bound but never listening, for the whole test: connections are refused at once, and no
        # server started meanwhile (other tests start several) can take the port and answer slowly
        held.bind(("127.0.0.1", 0))
        port = held.getsockname()[1]
        app = migrated_app(tmp_path_factory.mktemp("map-tiles") / "map.sqlite3")
        app.config["MAP_TILE_URL"] = f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"
        yield from serve(app)


def test_basemap_shows_under_tiles_that_do_not_load(unreachable_tiles_server, new_page):
    page = new_page()
    page.goto(f"{unreachable_tiles_server}/?lang=ar")
    page.wait_for_selector("#public-map-app[data-state=ready]")
    assert page.locator(".leaflet-tile-pane img").count() > 0  # tiles were asked for ...
    page.wait_for_selector("#public-map-app[data-basemap=ready]")  # ... failed, and the basemap came
    z = page.evaluate("""() => [document.querySelector('.leaflet-basemap-pane'), document.querySelector('.leaflet-tile-pane')]
        .map((pane) => Number(getComputedStyle(pane).zIndex))""")
    assert z[0] < z[1]  # under the tiles: tiles that do load cover it
    assert page.evaluate(PIXEL_JS, [15.35, 44.2]) == LAND
    screenshot(page, "public-map-tiles-unreachable-ar-1280")
