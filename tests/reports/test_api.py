"""GET /api/v1/reports/stats returns the JSON `flask report stats` prints."""

import json

import pytest

from tests.reports.conftest import YEAR


def test_stats_endpoint_equals_the_cli_json(app, client, auth, report_data):
    response = client.get(f"/api/v1/reports/stats?year={YEAR}", headers=auth("viewer"))
    assert response.status_code == 200
    cli = app.test_cli_runner().invoke(args=["report", "stats", "--year", str(YEAR)])
    assert cli.exit_code == 0, cli.output
    assert response.get_json() == json.loads(cli.output)
    assert response.get_json()["totals"]["incidents"] == 5


def test_stats_endpoint_country_and_validation(client, auth, report_data):
    headers = auth("viewer")
    assert (
        client.get(f"/api/v1/reports/stats?year={YEAR}&country=LY", headers=headers).get_json()["totals"][
            "incidents"
        ]
        == 0
    )
    assert client.get("/api/v1/reports/stats", headers=headers).status_code == 422
    assert client.get(f"/api/v1/reports/stats?year={YEAR}&country=XX", headers=headers).status_code == 422
    assert client.get(f"/api/v1/reports/stats?year={YEAR}").status_code == 401


@pytest.mark.parametrize(
    ("role", "status"), [("viewer", 403), ("researcher", 403), ("editor", 200), ("admin", 200)]
)
def test_internal_statistics_are_for_editors(client, auth, report_data, role, status):
    response = client.get(f"/api/v1/reports/stats?year={YEAR}&edition=internal", headers=auth(role))
    assert response.status_code == status
    if status == 200:
        assert response.get_json()["totals"]["incidents"] == 7
