"""/api/v1/incidents: create, read, list with filters, edit with optimistic locking, archive."""

import pytest
import sqlalchemy as sa

from tests import factories
from tracker.audit.models import AuditEntry
from tracker.cases.models import Incident
from tracker.extensions import db


def post(client, headers, **over):
    return client.post("/api/v1/incidents", json=factories.incident_data(**over), headers=headers)


# --- create / read -------------------------------------------------------------------------


def test_create_returns_full_record_with_location_and_etag(client, auth):
    body = factories.incident_data(
        violation_types=["F1", "I1", "I3"],
        victims=[
            {"journalist": {"name_ar": "هدى العمري", "name_en": "Huda al-Omari", "gender": "female"},
             "outcome": "abducted", "is_identity_protected": True,
             "status_events": [{"event": "abducted_on", "date": "2024-03-05"},
                               {"event": "released_on", "date": "2024-05-01"}]},
        ],
    )  # fmt: skip
    response = client.post("/api/v1/incidents", json=body, headers=auth("researcher"))
    assert response.status_code == 201, response.get_json()
    data = response.get_json()
    assert response.headers["Location"] == f"/api/v1/incidents/{data['id']}"
    assert response.headers["ETag"] == '"1"'
    assert data["public_ref"] == "YE-2024-0001"
    assert data["workflow_status"] == "draft"
    assert data["headline_type"] == "I1"  # torture outranks kidnapping and threats
    assert data["violation_types"] == ["F1", "I1", "I3"]
    victim = data["victims"][0]
    assert victim["journalist"]["name_ar"] == "هدى العمري"
    assert victim["is_identity_protected"] is True
    assert [e["event"] for e in victim["status_events"]] == ["abducted_on", "released_on"]


def test_public_refs_follow_country_and_year_and_are_never_reused(client, auth):
    headers = auth("editor")
    first = post(client, headers).get_json()
    second = post(client, headers).get_json()
    libya = post(client, headers, country="LY", date_start="2019-06-01", admin1=None, locality=None,
                 latitude=None, longitude=None, geo_precision=None).get_json()  # fmt: skip
    assert (first["public_ref"], second["public_ref"], libya["public_ref"]) == (
        "YE-2024-0001", "YE-2024-0002", "LY-2019-0001")  # fmt: skip
    client.delete(f"/api/v1/incidents/{second['id']}", headers=headers)
    assert post(client, headers).get_json()["public_ref"] == "YE-2024-0003"


def test_arabic_text_round_trips_unchanged(client, auth):
    text = "اعتُقل الصحفيّ «عبدالله» في تعز — (٣ صحفيين) 🙏\nسطر ثانٍ"
    created = post(client, auth("editor"), title_ar="إخفاء قسري لمراسل في تعز", summary_ar=text).get_json()
    read = client.get(f"/api/v1/incidents/{created['id']}", headers=auth("viewer")).get_json()
    assert read["summary_ar"] == text
    assert read["title_ar"] == "إخفاء قسري لمراسل في تعز"


def test_existing_journalist_is_reused(client, auth):
    journalist = factories.create_journalist()
    victims = [{"journalist_id": journalist.id, "outcome": "detained"}]
    one = post(client, auth("editor"), victims=victims).get_json()
    two = post(client, auth("editor"), victims=victims).get_json()
    assert one["victims"][0]["journalist_id"] == two["victims"][0]["journalist_id"] == journalist.id


def test_get_unknown_incident_is_404(client, auth):
    response = client.get("/api/v1/incidents/999999", headers=auth("viewer"))
    assert response.status_code == 404
    assert response.get_json()["errors"]


def test_get_with_current_etag_is_304(client, auth):
    incident = factories.create_incident()
    response = client.get(
        f"/api/v1/incidents/{incident.id}", headers=auth("viewer", **{"If-None-Match": '"1"'})
    )
    assert response.status_code == 304


# --- validation ------------------------------------------------------------------------------


def test_public_precision_is_never_stored_finer_than_recorded(client, auth):
    # One rule (tracker.geo.coarsen.allowed_public_precision, held by a CHECK): asked finer, kept coarse.
    response = post(client, auth("editor"), geo_precision="admin1", public_geo_precision="exact")
    assert response.status_code == 201
    incident = db.session.get(Incident, response.get_json()["id"])
    assert incident.public_geo_precision == "admin1" and incident.public_precision == "admin1"


def test_the_database_refuses_a_public_precision_finer_than_recorded():
    incident = factories.create_incident(latitude=15.47, longitude=45.33, geo_precision="locality")
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        db.session.execute(
            sa.update(Incident).where(Incident.id == incident.id).values(public_geo_precision="exact")
        )


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"date_start": "2024-13-45"}, "date_start"),
        ({"date_start": None}, "date_start"),
        ({"violation_types": []}, "violation_types"),
        ({"violation_types": ["Z9"]}, "violation_types"),
        ({"country": "XX"}, "country"),
        ({"latitude": 120}, "latitude"),
        ({"latitude": "north"}, "latitude"),
        ({"verification": "certain"}, "verification"),
        ({"workflow_status": "published"}, "workflow_status"),  # only through transitions
        ({"unexpected": 1}, "unexpected"),
        ({"title_ar": "a\x00b"}, "title_ar"),
        ({"title_en": "x" * 501}, "title_en"),
        ({"geonames_id": 10**30}, "geonames_id"),
        ({"sources": [{"url": "javascript:alert(1)"}]}, "sources"),
        ({"sources": [{"reliability": 9}]}, "sources"),
        ({"perpetrators": [{"name": "x"}]}, "perpetrators"),
        ({"victims": [{"outcome": "killed"}]}, "victims.0.journalist_id"),
        ({"victims": [{"journalist_id": 999999, "outcome": "killed"}]}, "victims.0.journalist_id"),
        ({"date_end": "2024-01-01"}, "date_end"),  # before date_start
        ({"latitude": 15.0, "longitude": None}, "longitude"),
        ({"title_ar": None, "title_en": "  "}, "title_ar"),
        ({"date_start": "2999-01-01"}, "date_start"),
    ],
)
def test_invalid_incident_gets_422_with_field_message(client, auth, over, field):
    count = db.session.scalar(sa.select(sa.func.count(Incident.id)))
    response = post(client, auth("editor", **{"Accept-Language": "en"}), **over)
    assert response.status_code == 422, response.get_json()
    errors = response.get_json()["errors"]
    assert field in errors, errors
    assert db.session.scalar(sa.select(sa.func.count(Incident.id))) == count


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("{not json", "application/json"),
        ("[1, 2, 3]", "application/json"),
        ('"a string"', "application/json"),
        ("null", "application/json"),
        ("", "application/json"),
        ('{"title_ar": {"nested": ["x"]}}', "application/json"),
        ("\xff\xfe garbage", "application/json"),
    ],
)
def test_malformed_bodies_get_422_never_500(client, auth, data, content_type):
    response = client.post("/api/v1/incidents", data=data, content_type=content_type, headers=auth("editor"))
    assert response.status_code == 422, (response.status_code, response.data[:300])
    assert isinstance(response.get_json()["errors"], dict)


def test_validation_messages_follow_accept_language(client, auth):
    arabic = post(
        client, auth("editor", **{"Accept-Language": "ar"}), date_start="bad", country=None
    ).get_json()
    english = post(
        client, auth("editor", **{"Accept-Language": "en"}), date_start="bad", country=None
    ).get_json()
    assert english["errors"]["date_start"] == ["Not a valid date."]
    assert arabic["errors"]["date_start"] == ["التاريخ غير صالح."]
    assert arabic["errors"]["country"] == ["لا يمكن أن يكون هذا الحقل فارغاً."]
    assert arabic["message"] == "بعض الحقول غير صالحة."


# --- list, filters, search -------------------------------------------------------------------


@pytest.fixture
def sample(users):
    """A small, varied set of incidents."""
    me = users["researcher"]
    make = factories.create_incident
    return {
        "marib": make(me, title_ar="اختطاف مراسل في مأرب", violation_types=["F1.1"], date_start="2021-04-02"),
        "aden": make(title_ar="قتل مصور في عدن", admin1="عدن", locality="عدن", violation_types=["L1.2", "I2"],
                     date_start="2022-08-10", date_end="2022-08-12",
                     perpetrators=[{"type": "non_state_armed_group", "name": "جماعة مسلحة"}]),
        "tripoli": make(title_en="Website blocked in Tripoli", title_ar=None, country="LY", admin1="طرابلس",
                        locality="طرابلس", latitude=32.89, longitude=13.19, violation_types=["C1"],
                        date_start="2022-01-15", verification="likely"),
        "muscat": make(title_ar="محاكمة كاتب في مسقط", country="OM", admin1="مسقط", locality="مسقط",
                       latitude=23.59, longitude=58.41, violation_types=["F5", "F4.1"], date_start="2023-11-30",
                       victims=[{"journalist": {"name_ar": "سالم بن مؤمن", "name_en": "Salem bin Moamen"},
                                 "outcome": "prosecuted"}]),
    }  # fmt: skip


def refs(response):
    assert response.status_code == 200, response.get_json()
    return sorted(item["public_ref"] for item in response.get_json())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2022", ["aden", "tripoli"]),
        ("date_from=2022-08-11&date_to=2022-12-31", ["aden"]),  # overlaps via date_end
        ("date_to=2021-12-31", ["marib"]),
        ("country=LY,OM", ["muscat", "tripoli"]),
        ("admin1=عدن", ["aden"]),
        ("violation_type=L1", ["aden"]),  # parent includes L1.2
        ("violation_type=F1", ["marib"]),  # parent includes F1.1
        ("violation_type=F4", ["muscat"]),
        ("violation_type=F4.1,C1", ["muscat", "tripoli"]),
        ("perpetrator_type=non_state_armed_group", ["aden"]),
        ("verification=likely", ["tripoli"]),
        ("workflow_status=draft&country=YE", ["aden", "marib"]),
        ("q=مارب", ["marib"]),  # without hamza
        ("q=مَأْرِب", ["marib"]),  # with diacritics
        ("q=سالِم بن مُؤمن", ["muscat"]),  # victim name, with diacritics
        ("q=salem", ["muscat"]),
        ("q=tripoli", ["tripoli"]),
        ("q=طرابلس&country=LY", ["tripoli"]),
        ("q=جماعه مسلحه", ["aden"]),  # perpetrator name, ta marbuta variant
        ("q=100%", []),
    ],
)
def test_list_filters(client, auth, sample, query, expected):
    response = client.get(f"/api/v1/incidents?{query}", headers=auth("viewer"))
    assert refs(response) == sorted(sample[name].public_ref for name in expected)


def test_list_pagination_total_and_sort(client, auth, sample):
    response = client.get("/api/v1/incidents?page_size=3&sort=date_start", headers=auth("viewer"))
    assert response.headers["X-Total-Count"] == "4"
    assert '"total": 4' in response.headers["X-Pagination"]
    dates = [item["date_start"] for item in response.get_json()]
    assert dates == sorted(dates) and len(dates) == 3
    page2 = client.get("/api/v1/incidents?page_size=3&page=2&sort=date_start", headers=auth("viewer"))
    assert len(page2.get_json()) == 1
    newest = client.get("/api/v1/incidents?sort=-date_start", headers=auth("viewer")).get_json()
    assert newest[0]["public_ref"] == sample["muscat"].public_ref


@pytest.mark.parametrize(
    "query", ["page_size=1000", "page=0", "year=abc", "sort=title", "violation_type=Q", "country=Yemen"]
)
def test_list_rejects_bad_parameters(client, auth, query):
    response = client.get(f"/api/v1/incidents?{query}", headers=auth("viewer"))
    assert response.status_code == 422
    assert response.get_json()["errors"]


# --- edit with optimistic locking ------------------------------------------------------------


def test_patch_requires_if_match(client, auth):
    incident = factories.create_incident()
    response = client.patch(
        f"/api/v1/incidents/{incident.id}", json={"title_en": "x"}, headers=auth("editor")
    )
    assert response.status_code == 428


def test_patch_with_current_version_updates_and_bumps_version(client, auth):
    incident = factories.create_incident()
    response = client.patch(f"/api/v1/incidents/{incident.id}", json={"title_en": "New title", "violation_types": ["L1.1"]},
                            headers=auth("editor", **{"If-Match": '"1"'}))  # fmt: skip
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert (data["title_en"], data["version"], data["headline_type"]) == ("New title", 2, "L1.1")
    assert response.headers["ETag"] == '"2"'


def test_stale_patch_is_refused_and_nothing_is_overwritten(client, auth):
    incident = factories.create_incident()
    url = f"/api/v1/incidents/{incident.id}"
    first = client.patch(
        url, json={"title_en": "Alice's edit"}, headers=auth("editor", **{"If-Match": '"1"'})
    )
    assert first.status_code == 200
    stale = client.patch(url, json={"title_en": "Bob's edit"}, headers=auth("admin", **{"If-Match": '"1"'}))
    assert stale.status_code == 412
    assert stale.get_json()["current_version"] == 2
    assert client.get(url, headers=auth("viewer")).get_json()["title_en"] == "Alice's edit"


def test_concurrent_write_after_check_is_refused(client, auth):
    """Two writers pass the If-Match check; the database refuses the second UPDATE, and the
    refusal is the documented one (412 with the current version), not a bare 409."""
    from tracker.audit.operations import Actor
    from tracker.cases import operations
    from tracker.core.exceptions import StaleVersion

    incident = factories.create_incident()
    db.session.execute(sa.update(Incident.__table__).where(Incident.id == incident.id).values(version=2))
    with pytest.raises(StaleVersion) as raised:
        operations.update_incident(incident, {"title_en": "late"}, Actor(None, "system"), expected_version=1)
    # (here the failed flush also undoes the test's own bump, in the same transaction; the real
    # race, with the other writer's commit, is tests/test_concurrency.py: current version 2)
    assert raised.value.current_version is not None
    db.session.rollback()


def test_patch_without_changes_keeps_version_and_writes_no_audit(client, auth):
    incident = factories.create_incident()
    headers = auth("editor", **{"If-Match": '"1"'})
    before = db.session.scalar(sa.select(sa.func.count(AuditEntry.id)))
    response = client.patch(f"/api/v1/incidents/{incident.id}", json={"title_en": incident.title_en},
                            headers=headers)  # fmt: skip
    assert response.get_json()["version"] == 1
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == before


def test_patch_replaces_lists(client, auth):
    incident = factories.create_incident()
    journalist = factories.create_journalist()
    body = {"perpetrators": [{"type": "state_judicial"}, {"type": "unknown"}],
            "victims": [{"journalist_id": journalist.id, "outcome": "detained",
                         "status_events": [{"event": "detained_on", "date": "2024-03-05"}]}],
            "sources": []}  # fmt: skip
    data = client.patch(f"/api/v1/incidents/{incident.id}", json=body,
                        headers=auth("editor", **{"If-Match": '"1"'})).get_json()  # fmt: skip
    assert [p["type"] for p in data["perpetrators"]] == ["state_judicial", "unknown"]
    assert data["sources"] == []
    assert data["victims"][0]["status_events"][0]["event"] == "detained_on"


def test_patch_invalid_merged_record_is_refused(client, auth):
    incident = factories.create_incident(date_start="2024-03-05")
    response = client.patch(f"/api/v1/incidents/{incident.id}", json={"date_end": "2024-03-01"},
                            headers=auth("editor", **{"If-Match": '"1"'}))  # fmt: skip
    assert response.status_code == 422
    assert "date_end" in response.get_json()["errors"]


# --- archive instead of delete ---------------------------------------------------------------


def test_delete_archives_and_keeps_the_record(client, auth):
    incident = factories.create_incident()
    response = client.delete(f"/api/v1/incidents/{incident.id}", headers=auth("editor"))
    assert response.status_code == 200
    assert response.get_json()["workflow_status"] == "archived"
    assert db.session.get(Incident, incident.id) is not None
    history = client.get(f"/api/v1/incidents/{incident.id}/history", headers=auth("viewer")).get_json()
    assert history[-1]["changes"] == {"workflow_status": {"before": "draft", "after": "archived"}}


# --- history ---------------------------------------------------------------------------------


def test_history_shows_who_and_field_level_diff(client, auth, users):
    created = post(client, auth("researcher")).get_json()
    url = f"/api/v1/incidents/{created['id']}"
    client.patch(url, json={"title_en": "Edited", "latitude": 15.5, "longitude": 45.4},
                 headers=auth("researcher", **{"If-Match": '"1"'}))  # fmt: skip
    history = client.get(f"{url}/history", headers=auth("viewer")).get_json()
    assert [h["action"] for h in history] == ["create", "update"]
    assert history[0]["actor"] == users["researcher"].email
    assert history[0]["changes"]["title_ar"] == {"before": None, "after": "اعتقال مراسل في مأرب"}
    assert history[1]["changes"] == {
        "title_en": {"before": "Reporter detained in Marib", "after": "Edited"},
        "latitude": {"before": 15.4591, "after": 15.5},
        "longitude": {"before": 45.3253, "after": 45.4},
    }
    assert history[1]["channel"] == "api"


def test_incident_with_two_new_journalists_is_created(app):
    """Both victims are new: neither has a journalist_id before the flush (was "listed twice")."""
    from tests import factories

    people = [
        {"journalist": {"name_en": name, "gender": "male"}, "outcome": "injured"} for name in ("A B", "C D")
    ]
    incident = factories.create_incident(victims=people)
    assert len({v.journalist_id for v in incident.victims}) == 2


def test_saving_a_case_unchanged_leaves_nothing_to_write():
    """The same values given again (a re-import of thousands of unchanged cases, a form saved
    as it was) leave no object dirty: no new version, and no flush comparing every column."""
    from schemas.cases import IncidentInputSchema
    from tracker.audit.operations import Actor
    from tracker.cases import operations

    incident = factories.create_incident()
    version = incident.version
    data = IncidentInputSchema().load(factories.incident_data())
    operations.update_incident(incident, data, Actor(None, "system"), expected_version=version)
    assert incident.version == version
    assert incident not in db.session.dirty
