"""/reports: public statistics, downloads, and builds for editors only."""

import re

import pytest

from tests import factories
from tests.reports.conftest import CANARIES, YEAR
from tracker.jobs import runner


def _login(client, role):
    user = factories.create_user(role=role)
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD,
                                                "csrf_token": token})  # fmt: skip
    assert response.status_code == 302
    return user


def _csrf(client, path):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


@pytest.fixture
def instance(app, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_statistics_page_shows_public_figures_and_charts(client, report_data, lang):
    response = client.get(f"/reports/?year={YEAR}&lang={lang}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("<svg ") == 5 and "style=" not in page and "<script" not in page
    assert f'<option value="{YEAR}" selected>' in page
    assert "16.10.1" in page
    for canary in CANARIES.values():
        assert canary not in page
    assert 'name="edition" value="internal"' not in page  # no build buttons for the public


def test_anonymous_cannot_build_nor_download_internal(client, report_data, instance):
    assert client.post("/reports/build", data={"year": YEAR, "lang": "ar", "edition": "public"}).status_code in (
        400, 403)  # fmt: skip
    (instance / "reports").mkdir()
    (instance / "reports" / f"report-{YEAR}-all-internal-ar.pdf").write_bytes(b"%PDF-secret")
    assert client.get(f"/reports/download/report-{YEAR}-all-internal-ar.pdf").status_code == 404
    assert client.get("/reports/download/..%2Fsecret_key").status_code == 404


def test_researcher_cannot_build(client, report_data, instance):
    _login(client, "researcher")
    token = _csrf(client, f"/reports/?year={YEAR}")
    response = client.post("/reports/build", data={"year": YEAR, "lang": "ar", "edition": "public",
                                                   "csrf_token": token})  # fmt: skip
    assert response.status_code == 403


def test_editor_builds_and_downloads_both_editions(client, report_data, instance):
    _login(client, "editor")
    page = client.get(f"/reports/?year={YEAR}").get_data(as_text=True)
    assert 'name="edition" value="internal"' in page
    token = _csrf(client, f"/reports/?year={YEAR}")
    for edition in ("public", "internal"):
        response = client.post("/reports/build", data={"year": YEAR, "country": "", "lang": "en", "edition": edition,
                                                       "csrf_token": token})  # fmt: skip
        runner.drain()  # the build is a job
        assert response.status_code == 302
    internal = client.get(f"/reports/download/report-{YEAR}-all-internal-en.pdf")
    assert internal.status_code == 200 and internal.data.startswith(b"%PDF")
    assert internal.headers["Cache-Control"] == "no-store"
    page = client.get(f"/reports/?year={YEAR}").get_data(as_text=True)
    assert f"/reports/download/report-{YEAR}-all-public-en.pdf" in page
    client.post("/auth/logout", data={"csrf_token": token})
    public = client.get(f"/reports/download/report-{YEAR}-all-public-en.pdf")
    assert public.status_code == 200 and public.mimetype == "application/pdf"
    assert client.get(f"/reports/download/report-{YEAR}-all-internal-en.pdf").status_code == 404


def test_page_refreshes_while_a_build_runs(client, report_data, instance):
    (instance / "reports").mkdir()
    (instance / "reports" / f"report-{YEAR}-all-public-ar.building").write_text("1")
    page = client.get(f"/reports/?year={YEAR}").get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="5">' in page
