"""A public report PDF built before a case left the public is no longer served (issue 11, finding 9)."""

import pytest

from tests import factories
from tests.reports.conftest import YEAR
from tests.reports.test_views import _csrf, _login
from tracker.cases import operations as case_ops
from tracker.core.transaction import transaction
from tracker.jobs import runner

NAME = f"report-{YEAR}-all-public-en.pdf"


@pytest.fixture
def instance(app, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    return tmp_path


def test_a_public_report_is_withdrawn_when_a_case_in_it_is_made_confidential(
    app, client, report_data, instance
):
    _login(client, "editor")
    token = _csrf(client, f"/reports/?year={YEAR}")
    response = client.post("/reports/build", data={"year": YEAR, "country": "", "lang": "en", "edition": "public",
                                                   "csrf_token": token})  # fmt: skip
    runner.drain()  # the build is a job
    assert response.status_code == 302
    anonymous = app.test_client()
    assert anonymous.get(f"/reports/download/{NAME}").status_code == 200

    case = report_data["A"]
    with transaction():
        case_ops.update_incident(case, {"is_confidential": True}, factories.SYSTEM, case.version)

    for lang, message in (("en", "This file was withdrawn."), ("ar", "سُحب هذا الملف")):
        gone = anonymous.get(f"/reports/download/{NAME}", headers={"Accept-Language": lang})
        assert gone.status_code == 410 and message in gone.get_data(as_text=True)
    page = anonymous.get(f"/reports/?year={YEAR}&lang=en").get_data(as_text=True)
    assert f"/reports/download/{NAME}" not in page
    assert "Withdrawn: a case in it is no longer public" in page
    editor_page = client.get(f"/reports/?year={YEAR}&lang=en").get_data(as_text=True)
    assert "Withdrawn" in editor_page and "Rebuild" in editor_page


def test_a_report_file_nobody_recorded_is_not_served(client, report_data, instance):
    (instance / "reports").mkdir()
    (instance / "reports" / NAME).write_bytes(b"%PDF-old")
    assert client.get(f"/reports/download/{NAME}").status_code == 410
