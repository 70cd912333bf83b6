"""Errors of the public API have the internal API's shape and the reader's language (issue 11,
finding 10); downloads carry one charset."""

import pytest

from tests import factories

SHAPE = {"code", "message", "errors"}


def _error(client, path, lang):
    response = client.get(path, headers={"Accept-Language": lang})
    body = response.get_json()
    assert response.mimetype == "application/json", response.data[:200]
    assert set(body) >= SHAPE, body
    assert body["code"] == response.status_code
    return response, body


@pytest.mark.parametrize(
    ("lang", "message", "field_message"),
    [("ar", "غير موجود.", "غير موجود."), ("en", "Not found.", "Not found.")],
)
def test_unknown_incident_is_404_in_the_reader_s_language(client, lang, message, field_message):
    response, body = _error(client, "/api/public/v1/incidents/YE-1999-9999", lang)
    assert response.status_code == 404
    assert body["message"] == message
    assert body["errors"]["public_ref"] == [field_message]


def test_arabic_is_the_default_language(client):
    response = client.get("/api/public/v1/incidents/YE-1999-9999")
    assert response.get_json()["message"] == "غير موجود."


@pytest.mark.parametrize("path", ["/api/public/v1/incidents?country=XX", "/api/public/v1/incidents?page=0",
                                  "/api/public/v1/map?bbox=a,b", "/api/public/v1/incidents.csv?year_from=abc"])  # fmt: skip
@pytest.mark.parametrize(("lang", "invalid"), [("ar", "قيمة غير صالحة."), ("en", "Invalid value.")])
def test_bad_filter_is_400_in_the_reader_s_language(client, path, lang, invalid):
    response, body = _error(client, path, lang)
    assert response.status_code == 400
    ((_field, messages),) = body["errors"].items()
    assert messages == [invalid]
    assert body["message"] != "" and (lang == "en") == body["message"].isascii()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_rate_limit_is_429_in_the_reader_s_language(app, client, lang):
    app.config["PUBLIC_API_RATE_LIMIT"] = "2 per minute"
    try:
        for _ in range(2):
            client.get("/api/public/v1/incidents?page_size=1")
        response, body = _error(client, "/api/public/v1/incidents?page_size=1", lang)
    finally:
        app.config["PUBLIC_API_RATE_LIMIT"] = "600 per minute"
    assert response.status_code == 429
    assert (lang == "en") == body["message"].isascii()


def test_internal_and_public_errors_have_the_same_shape(client, auth):
    internal = client.get("/api/v1/incidents/999999", headers=auth("editor", **{"Accept-Language": "en"}))
    public = client.get("/api/public/v1/incidents/YE-1999-9999", headers={"Accept-Language": "en"})
    assert internal.status_code == public.status_code == 404
    assert set(internal.get_json()) == set(public.get_json()) == SHAPE


def test_csv_download_has_one_charset(plain_client):
    factories.create_incident(workflow_status="published")
    for path in ("/api/public/v1/incidents.csv", "/transfer/export?format=csv&edition=public"):
        response = plain_client.get(path, follow_redirects=True)
        assert response.data.startswith("\ufeff".encode())
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8", path
