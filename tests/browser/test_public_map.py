"""The public map in headless Chromium: cluster counts equal the database count for the filter,
filters update the map without a reload, popups open and run no script from a title, the Arabic
page is right-to-left with no English word, and nothing is requested from another host."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests import factories
from tests.browser.conftest import migrated_app, screenshot, serve
from tests.browser.test_researcher_flow import english_on_screen
from tracker.extensions import db
from tracker.public import queries

XSS_TITLE = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
SHOWN_COUNT_JS = """() => [...document.querySelectorAll('.map-marker .map-count')]
  .reduce((sum, el) => sum + Number(el.dataset.count), 0)"""


@pytest.fixture(scope="module")
def map_app(tmp_path_factory):
    """An app and database of this module's own (the other browser tests share one database and
    count their rows), tiles off."""
    return migrated_app(tmp_path_factory.mktemp("public-map") / "map.sqlite3")


@pytest.fixture(scope="module")
def map_server(map_app):
    yield from serve(map_app)


@pytest.fixture(scope="module")
def public_cases(map_app):
    """Published cases in a few places and years, one with a hostile title, and a draft."""
    with map_app.app_context():
        places = [("YE", "مأرب", "مأرب", 15.4591, 45.3253), ("YE", "تعز", None, None, None),
                  ("LY", None, None, None, None), ("YE", "عدن", "عدن", 12.7794, 45.0367)]  # fmt: skip
        for n in range(24):
            country, admin1, locality, lat, lon = places[n % len(places)]
            factories.create_incident(
                workflow_status="published", title_en=f"Public case {n}", title_ar=f"حالة علنية {n}",
                date_start=f"{2019 + n % 5}-0{1 + n % 9}-1{n % 9}",
                violation_types=[("F4", "L1.1", "I2", "I3", "C1")[n % 5]], country=country, admin1=admin1,
                locality=locality, latitude=lat, longitude=lon, geo_precision="locality" if lat else None,
            )  # fmt: skip
        factories.create_incident(workflow_status="published", title_en=XSS_TITLE, title_ar=XSS_TITLE,
                                  date_start="2022-06-01", country="OM", admin1=None, locality=None,
                                  latitude=None, longitude=None, geo_precision=None,
                                  public_geo_precision="country")  # fmt: skip
        factories.create_incident(title_en="A draft", date_start="2022-06-01")
        db.session.commit()


def _ready(page):
    page.wait_for_selector("#public-map-app[data-state=ready]")


def _open_popup(page, marker: str):
    """Click a marker until its popup opens: on a loaded machine a late redraw of the same view
    can replace the marker between finding it and clicking it."""
    for _attempt in range(4):
        page.locator(marker).first.click()
        try:
            return page.wait_for_selector(".leaflet-popup-content", timeout=5000)
        except PlaywrightTimeout:
            _ready(page)
    raise AssertionError(f"no popup opened for {marker}")


def _go(page, lat: float, lon: float, zoom: int) -> None:
    """Move the map without animation (moveend at once, which starts a fetch) and wait for the
    clusters of that view."""
    page.evaluate(f"""() => {{
        document.getElementById('public-map-app').dataset.state = 'moving';
        map_public.setView([{lat}, {lon}], {zoom}, {{animate: false}});
    }}""")
    _ready(page)


def _whole_world(page):
    _go(page, 20, 20, 1)


def test_counts_filters_and_popup(map_server, map_app, public_cases, new_page):
    page = new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{map_server}/?lang=en")
    _ready(page)
    _whole_world(page)
    with map_app.app_context():
        everything = queries.count({})
        in_2022 = queries.count({"year_from": 2022, "year_to": 2022})
    assert (
        page.evaluate(SHOWN_COUNT_JS)
        == everything
        == int(page.get_attribute("#public-map-app", "data-total"))
    )
    screenshot(page, "public-map-en")

    page.evaluate("() => { window.__sameDocument = true; }")
    page.fill("#year_from", "2022")
    page.fill("#year_to", "2022")
    page.dispatch_event("#year_to", "change")
    page.wait_for_function(f"() => document.getElementById('public-map-app').dataset.total === '{in_2022}'")
    _ready(page)
    assert page.evaluate(SHOWN_COUNT_JS) == in_2022 < everything
    assert page.evaluate("() => window.__sameDocument") is True  # no reload
    assert "year_from=2022" in page.url and "year_from=2022" in page.get_attribute("#link-csv", "href")

    # the Oman incident is alone at the country's point: a single marker whose popup is text only
    _go(page, 21.0, 57.0, 6)
    popup = _open_popup(page, ".map-marker.single")
    assert "<script>window.__xss = 1</script>" in popup.inner_text()
    assert page.evaluate("() => window.__xss") is None
    assert (
        page.evaluate(
            "() => document.querySelectorAll('.leaflet-popup-content img, main script:not([src])').length"
        )
        == 0
    )
    link = popup.query_selector("a").get_attribute("href")
    assert link.startswith("/incidents/OM-2022-")
    screenshot(page, "public-map-popup")
    # tiles are off and every file comes from the app: no other host was asked for anything
    assert requests and all(url.startswith(map_server) for url in requests), requests


def test_stacked_place_lists_its_incidents(map_server, public_cases, new_page):
    page = new_page()
    page.goto(f"{map_server}/?lang=en")
    _ready(page)
    # a public place holding several incidents (a governorate's seat): no zoom level splits it
    stacked = page.evaluate("""async () => (await (await fetch('/api/public/v1/map?zoom=18')).json())
        .features.find((f) => f.count > 1)""")
    _go(page, stacked["lat"], stacked["lon"], 18)
    cluster = page.locator(".map-marker.cluster").first
    cluster.dispatch_event("click")  # another group's marker at the same place may cover its centre
    page.wait_for_selector(".leaflet-popup-content .map-popup")
    assert page.locator(".leaflet-popup-content .map-popup").count() == int(cluster.inner_text())


def test_arabic_public_pages_are_right_to_left(map_server, public_cases, new_page):
    page = new_page()
    page.goto(f"{map_server}/?lang=ar")
    _ready(page)
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    assert page.evaluate("() => getComputedStyle(document.querySelector('main')).direction") == "rtl"
    assert english_on_screen(page) == set()  # the scale bar too ("كم", not "km")
    screenshot(page, "public-map-ar")
    page.check("#show-areas")
    page.wait_for_selector("path.leaflet-interactive")
    page.goto(f"{map_server}/statistics?lang=ar")
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    assert english_on_screen(page) == set()
    screenshot(page, "public-statistics-ar")


# Each cluster marker's count: the centre of the drawn text (its glyph boxes) from the centre of
# its disc, in pixels.
COUNT_OFFSETS_JS = """() => [...document.querySelectorAll('.map-marker.cluster')].map((marker) => {
  const disc = marker.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(marker.querySelector('.map-count'));
  const text = range.getBoundingClientRect();
  return {count: marker.textContent, width: disc.width, height: disc.height,
          dx: text.left + text.width / 2 - (disc.left + disc.width / 2),
          dy: text.top + text.height / 2 - (disc.top + disc.height / 2)};
})"""


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_cluster_counts_are_centred_in_their_disc(map_server, public_cases, new_page, lang):
    page = new_page()
    page.goto(f"{map_server}/?lang={lang}")
    _ready(page)
    _go(page, 15, 45, 6)
    screenshot(page, f"map-cluster-counts-{lang}")
    offsets = page.evaluate(COUNT_OFFSETS_JS)
    assert offsets
    for marker in offsets:
        assert abs(marker["width"] - marker["height"]) < 0.5, marker  # a disc, the size it was given
        assert abs(marker["dx"]) <= 1 and abs(marker["dy"]) <= 1, (lang, marker)
