from tests import factories


def test_create_and_read_arabic_incident_unchanged(client, auth):
    body = factories.incident_data(title_ar="اختطاف الصحفية «هدى» في عدن (٢٠٢٤)", title_en=None)
    created = client.post("/api/v1/incidents", json=body, headers=auth("researcher"))
    assert created.status_code == 201, created.get_json()
    read = client.get(f"/api/v1/incidents/{created.get_json()['id']}", headers=auth("viewer"))
    assert read.get_json()["title_ar"] == "اختطاف الصحفية «هدى» في عدن (٢٠٢٤)"
    assert read.headers["ETag"] == '"1"'
