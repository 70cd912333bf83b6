"""/api/v1/journalists, /api/v1/outlets, /api/v1/taxonomy, the OpenAPI document and docs page."""

import re

from tests import factories


def test_create_and_search_journalists_arabic_normalised(client, auth):
    outlet = client.post("/api/v1/outlets", json={"name_ar": "صوت الساحل", "name_en": "Voice of the Coast",
                                                   "media_type": "radio", "country": "YE"},
                         headers=auth("researcher")).get_json()  # fmt: skip
    created = client.post("/api/v1/journalists", json={"name_ar": "أسماء الحُدَيدي", "name_en": "Asmaa al-Hudaydi",
                                                        "gender": "female", "outlet_id": outlet["id"]},
                          headers=auth("researcher"))  # fmt: skip
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["outlet"]["name_en"] == "Voice of the Coast"
    assert created.get_json()["media_type"] is None or created.get_json()["media_type"] == "radio"
    for query in ("اسماء الحديدي", "asmaa", "الحديدى"):
        found = client.get(f"/api/v1/journalists?q={query}", headers=auth("viewer")).get_json()
        assert [j["id"] for j in found] == [created.get_json()["id"]], query
    outlets = client.get("/api/v1/outlets?q=الساحل", headers=auth("viewer"))
    assert outlets.headers["X-Total-Count"] == "1"


def test_journalist_needs_a_name_and_a_real_outlet(client, auth):
    response = client.post("/api/v1/journalists", json={"gender": "male"}, headers=auth("editor"))
    assert response.status_code == 422 and "name_ar" in response.get_json()["errors"]
    response = client.post(
        "/api/v1/journalists", json={"name_en": "X", "outlet_id": 999999}, headers=auth("editor")
    )
    assert response.status_code == 422 and "outlet_id" in response.get_json()["errors"]
    response = client.post(
        "/api/v1/journalists", json={"name_en": "X", "gender": "other"}, headers=auth("editor")
    )
    assert response.status_code == 422 and "gender" in response.get_json()["errors"]


def test_journalist_creation_is_audited(client, auth):
    from tracker.audit.models import AuditEntry
    from tracker.audit.operations import opened_changes
    from tracker.extensions import db

    journalist = client.post(
        "/api/v1/journalists", json={"name_ar": "علي"}, headers=auth("editor")
    ).get_json()
    entry = db.session.query(AuditEntry).filter_by(entity_type="journalist", entity_id=journalist["id"]).one()
    # names are stored sealed in the entry (a person may be protected later), opened for readers
    assert entry.action == "create" and entry.changes["name_ar"][1].startswith("enc1:")
    assert opened_changes(entry)["name_ar"] == [None, "علي"]


def test_taxonomy_lists_codes_with_both_labels(client, auth):
    data = client.get("/api/v1/taxonomy", headers=auth("viewer")).get_json()
    codes = {t["code"]: t for t in data["violation_types"]}
    assert len(codes) == 34
    assert codes["L1.1"] == {"code": "L1.1", "parent_code": "L1", "label_en": "Targeted killing / murder",
                             "label_ar": "اغتيال / قتل متعمد", "sdg_group": "killing"}  # fmt: skip
    perpetrators = {t["code"] for t in data["vocabularies"]["perpetrator_types"]}
    assert "non_state_armed_group" in perpetrators and len(perpetrators) == 9
    assert all(t["label_ar"] and t["label_en"] for terms in data["vocabularies"].values() for t in terms)


def test_openapi_document_describes_the_api(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/v1/incidents", "/api/v1/incidents/{incident_id}", "/api/v1/incidents/{incident_id}/transitions",
                 "/api/v1/incidents/{incident_id}/history", "/api/v1/journalists", "/api/v1/outlets",
                 "/api/v1/taxonomy"):  # fmt: skip
        assert path in spec["paths"], path


def test_docs_page_loads_only_local_assets(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith("/") for a in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert "<script>" not in page  # no inline script (CSP-friendly)


def test_factories_make_drafts_owned_by_their_user(users):
    incident = factories.create_incident(users["researcher"])
    assert incident.created_by_id == users["researcher"].id and incident.workflow_status == "draft"


def test_list_rows_and_summary_schema_agree():
    """The fast list path dumps exactly the fields the documented schema whitelists."""
    from schemas.cases import IncidentSummarySchema
    from schemas.rows import RowDumper
    from tracker.cases.queries import SUMMARY_COLUMNS

    assert set(RowDumper(IncidentSummarySchema).names) == {*SUMMARY_COLUMNS, "violation_types"}


def test_list_rows_match_the_full_record(client, auth):
    incident = factories.create_incident(violation_types=["I2", "C4"], date_end="2024-03-07")
    row = client.get("/api/v1/incidents", headers=auth("viewer")).get_json()[0]
    full = client.get(f"/api/v1/incidents/{incident.id}", headers=auth("viewer")).get_json()
    assert row == {key: full[key] for key in row}
