"""HTTP caching of the public side: ETag, Last-Modified and 304 on every public page, the public API
and the map data; a cache policy a proxy can use for anonymous readers; never for staff."""

import pytest
from flask import url_for

from tests import factories
from tests.web.conftest import login
from tracker.cases import operations
from tracker.extensions import db

PUBLIC_URLS = ["/", "/statistics", "/incidents/{ref}", "/feed.atom", "/api/public/v1/incidents",
               "/api/public/v1/incidents/{ref}", "/api/public/v1/map?zoom=4", "/api/public/v1/map/areas",
               "/api/public/v1/incidents.csv"]  # fmt: skip


@pytest.fixture
def published():
    return factories.create_incident(workflow_status="published", title_ar="احتجاز الصحفية سلمى في عدن")


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_answer_has_a_validator_and_answers_304(client, published, url):
    url = url.format(ref=published.public_ref)
    first = client.get(url)
    assert first.status_code == 200
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    control = first.headers["Cache-Control"]
    assert control.startswith("public") and "max-age=" in control and "stale-while-revalidate=" in control
    assert "Accept-Language" in first.headers["Vary"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]


def test_the_validator_changes_with_public_data_and_language(client, published):
    ar = client.get("/statistics", headers={"Accept-Language": "ar"})
    en = client.get("/statistics", headers={"Accept-Language": "en"})
    assert ar.headers["ETag"] != en.headers["ETag"]
    operations.transition_incident(published, "archived", factories.SYSTEM)
    db.session.commit()
    after = client.get("/statistics", headers={"Accept-Language": "ar", "If-None-Match": ar.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != ar.headers["ETag"]


def test_a_logged_in_reader_gets_no_store_and_no_304(app, client, users, published):
    assert login(client, users["viewer"]).status_code == 302
    anonymous_etag = app.test_client().get("/").headers["ETag"]
    for url in ("/", "/statistics", "/api/public/v1/incidents"):
        response = client.get(url, headers={"If-None-Match": anonymous_etag})
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "private, no-store"


def test_a_token_reader_of_the_public_api_is_not_cached(client, auth, published):
    response = client.get("/api/public/v1/incidents", headers=auth("viewer"))
    assert response.headers["Cache-Control"] == "private, no-store"


def test_choosing_a_language_sets_a_cookie_and_is_not_kept_by_a_proxy(client, published):
    response = client.get("/?lang=en")
    assert "Set-Cookie" in response.headers and response.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("url", ["/cases", "/api/v1/incidents"])
def test_staff_pages_and_the_internal_api_are_never_stored(client, auth, url):
    assert client.get(url, headers=auth("viewer")).headers["Cache-Control"] == "no-store"


def test_an_answer_kept_in_memory_is_not_given_after_the_case_leaves(client, published):
    first = client.get("/api/public/v1/incidents").get_json()
    assert client.get("/api/public/v1/incidents").get_json() == first and first["total"] == 1
    operations.transition_incident(published, "verified", factories.SYSTEM)
    db.session.commit()
    assert client.get("/api/public/v1/incidents").get_json()["total"] == 0
    assert client.get(f"/incidents/{published.public_ref}").status_code == 404


@pytest.mark.parametrize("name", ["css/app.css", "js/forms.js"])
def test_static_files_are_kept_a_year_under_their_content_hash(app, client, name):
    with app.test_request_context():
        address = url_for("static", filename=name)
        leaflet = url_for("vendor", package="leaflet", filename="leaflet.js")
    assert "?v=" in address and "?v=" in leaflet
    for versioned in (address, leaflet):
        assert client.get(versioned).headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # an old or missing hash: the current file, kept as the route says (never "immutable")
    for unversioned in (address.split("?")[0], address.split("?")[0] + "?v=0000"):
        response = client.get(unversioned)
        assert response.status_code == 200 and "immutable" not in response.headers.get("Cache-Control", "")


def test_a_visitor_who_chose_a_language_gets_cacheable_answers_after_that(client, published):
    client.get("/?lang=en")
    for url in ("/?lang=en", "/statistics", "/api/public/v1/map?zoom=4"):
        response = client.get(url)
        assert "Set-Cookie" not in response.headers, url
        assert response.headers["Cache-Control"].startswith("public"), url
    assert 'lang="en"' in client.get("/statistics").get_data(as_text=True)  # the choice still holds
