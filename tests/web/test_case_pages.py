"""The case form, case page, lists and workflow, through the real pages."""

import sqlalchemy as sa

from tests import factories
from tests.web.conftest import csrf_token
from tracker.cases import queries
from tracker.cases.models import Incident
from tracker.extensions import db
from tracker.people.models import Journalist


def _form(token, **over) -> dict:
    data = {
        "csrf_token": token,
        "title_ar": "اعتقال صحفيين في تعز",
        "violation_types": ["F4", "I2"],
        "date_start": "2024-05-02",
        "date_precision": "day",
        "country": "YE",
        "admin1": "تعز",
        "locality": "تعز",
        "latitude": "13.5795",
        "longitude": "44.0209",
        "geo_precision": "locality",
        "public_geo_precision": "admin1",
        "perpetrators-0-type": "state_security",
        "victims-0-name_ar": "علي حسن",
        "victims-0-gender": "male",
        "victims-0-outcome": "detained",
        "victims-0-role_in_incident": "target",
        "victims-0-events-0-event": "detained_on",
        "victims-0-events-0-date": "2024-05-02",
        "victims-1-name_ar": "منى سالم",
        "victims-1-gender": "female",
        "victims-1-outcome": "injured",
        "victims-1-role_in_incident": "target",
        "victims-1-is_identity_protected": "y",
        "sources-0-url": "https://example.org/news/1",
        "sources-0-title": "خبر",
        "sources-0-reliability": "4",
        "verification": "likely",
        "case_status": "ongoing",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def test_researcher_creates_a_case_with_two_victims_and_a_source(web):
    client = web("researcher")
    token = csrf_token(client, "/cases/new")
    response = client.post("/cases/new", data=_form(token))
    import re

    assert response.status_code == 302, re.findall(
        r"class=\"(?:error|flash[^\"]*)\"[^>]*>([^<]*)", response.get_data(as_text=True)
    )
    incident_id = int(response.location.rstrip("/").split("/")[-1])
    incident = queries.get_incident(incident_id)
    assert incident.workflow_status == "draft" and incident.created_by_id == client.user.id
    assert incident.violation_types == ["F4", "I2"]
    assert [v.journalist.name_ar for v in incident.victims] == ["علي حسن", "منى سالم"]
    assert incident.victims[1].is_identity_protected and incident.victims[1].journalist.gender == "female"
    assert [e.event for e in incident.victims[0].status_events] == ["detained_on"]
    assert incident.sources[0].reliability == 4 and incident.perpetrators[0].type == "state_security"
    page = client.get(f"/cases/{incident_id}").get_data(as_text=True)
    assert "منى سالم" in page and "history" in page


def test_a_validation_error_keeps_everything_typed(web):
    client = web("researcher")
    token = csrf_token(client, "/cases/new")
    response = client.post(
        "/cases/new?lang=ar", data=_form(token, date_start="2024-13-45", **{"sources-0-reliability": "9"})
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    # every typed value is still there, and the messages sit next to their fields
    for value in ("اعتقال صحفيين في تعز", "علي حسن", "منى سالم", "https://example.org/news/1", "13.5795"):
        assert value in page
    assert 'id="date_start-error"' in page and 'id="sources-0-reliability-error"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Incident)) == 0


def test_missing_title_and_types_are_reported_together(web):
    client = web("researcher")
    token = csrf_token(client, "/cases/new")
    response = client.post("/cases/new", data=_form(token, title_ar="", violation_types=[]))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="title_ar-error"' in page and 'id="violation_types-error"' in page


def test_add_row_buttons_work_without_javascript(web):
    client = web("researcher")
    token = csrf_token(client, "/cases/new")
    response = client.post("/cases/new", data=_form(token, add_row="victims"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="victims-2-name_ar"' in page and "منى سالم" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Incident)) == 0


def test_a_known_name_must_be_picked_or_confirmed(web):
    existing = factories.create_journalist(name_ar="علي حسن", name_en="Ali Hassan")
    client = web("researcher")
    token = csrf_token(client, "/cases/new")
    # spelled with a hamza variant: still the same normalised name
    response = client.post("/cases/new", data=_form(token, **{"victims-0-name_ar": "عَلي حسن"}))
    assert response.status_code == 422
    assert f'value="{existing.id}"' in response.get_data(as_text=True)
    picked = client.post("/cases/new", data=_form(token, **{"victims-0-journalist_id": str(existing.id)}))
    assert picked.status_code == 302
    count = db.session.scalar(
        sa.select(sa.func.count()).select_from(Journalist).where(Journalist.name_ar == "علي حسن")
    )
    assert count == 1


def test_a_different_person_with_the_same_name_can_be_confirmed(web):
    factories.create_journalist(name_ar="علي حسن", name_en="Ali Hassan")
    client = web("researcher")
    token = csrf_token(client, "/cases/new")
    response = client.post("/cases/new", data=_form(token, **{"victims-0-new_person": "y"}))
    assert response.status_code == 302


def test_stale_save_shows_both_versions_and_reapplies(web, users):
    incident = factories.create_incident(users["editor"])
    editor_a, editor_b = web("editor"), web(factories.create_user("editor"))
    form_b = csrf_token(editor_b, f"/cases/{incident.id}/edit")
    version = incident.version
    token_a = csrf_token(editor_a, f"/cases/{incident.id}/edit")
    first = editor_a.post(
        f"/cases/{incident.id}/edit",
        data=_no_victims(_form(token_a, title_ar="عنوان أ", version=str(version))),
    )
    assert first.status_code == 302
    second = editor_b.post(
        f"/cases/{incident.id}/edit",
        data=_no_victims(_form(form_b, title_ar="عنوان ب", version=str(version))),
    )
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    assert 'id="conflict"' in page and "عنوان أ" in page and "عنوان ب" in page
    db.session.expire_all()
    assert db.session.get(Incident, incident.id).title_ar == "عنوان أ"  # nothing overwritten
    new_version = page.split('name="version" value="')[1].split('"')[0]
    again = editor_b.post(
        f"/cases/{incident.id}/edit", data=_no_victims(_form(form_b, title_ar="عنوان ب", version=new_version))
    )
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.get(Incident, incident.id).title_ar == "عنوان ب"
    history = client_history(editor_b, incident.id)
    assert history.count("عنوان أ") >= 2  # after of the first save, before of the second


def _no_victims(data: dict) -> dict:
    return {k: v for k, v in data.items() if not k.startswith("victims-")}


def client_history(client, incident_id):
    return client.get(f"/cases/{incident_id}").get_data(as_text=True).split('id="history"')[1]


def test_workflow_buttons_follow_the_role(web):
    researcher = web("researcher")
    token = csrf_token(researcher, "/cases/new")
    incident_id = int(researcher.post("/cases/new", data=_form(token)).location.split("/")[-1])
    page = researcher.get(f"/cases/{incident_id}").get_data(as_text=True)
    assert 'value="in_review"' in page and 'value="published"' not in page
    researcher.post(f"/cases/{incident_id}/transition", data={"to": "in_review", "csrf_token": token})
    editor = web("editor")
    token = csrf_token(editor, "/cases/review")
    queue = editor.get("/cases/review").get_data(as_text=True)
    assert f"/cases/{incident_id}" in queue
    for step in ("verified", "published"):
        response = editor.post(
            f"/cases/{incident_id}/transition", data={"to": step, "csrf_token": token, "note": "ok"}
        )
        assert response.status_code == 302
    # publishing is only from its confirmation page
    assert response.location.endswith(f"/cases/{incident_id}/publish")
    assert db.session.get(Incident, incident_id).workflow_status == "verified"
    response = editor.post(f"/cases/{incident_id}/transition",
                           data={"to": "published", "confirm": "1", "csrf_token": token, "note": "ok"})  # fmt: skip
    assert db.session.get(Incident, incident_id).workflow_status == "published"
    history = client_history(editor, incident_id)
    assert history.count("<li>") >= 4  # created, submitted, verified, published


def test_lists_filter_search_and_my_drafts(web, users):
    mine = web("researcher")
    token = csrf_token(mine, "/cases/new")
    mine.post("/cases/new", data=_form(token, title_ar="قضية تخصني في إب"))
    factories.create_incident(users["editor"], title_ar="قضية أخرى في مأرب")
    drafts = mine.get("/cases/mine").get_data(as_text=True)
    assert "قضية تخصني" in drafts and "قضية أخرى" not in drafts
    # Arabic-normalised search: أخرى found as اخري
    found = mine.get("/cases/?q=اخري").get_data(as_text=True)
    assert "قضية أخرى" in found and "قضية تخصني" not in found
    bad = mine.get("/cases/?year=abc")
    assert bad.status_code == 200


def test_user_text_is_escaped(web):
    client = web("researcher")
    token = csrf_token(client, "/cases/new")
    evil = "<script>alert(1)</script>"
    response = client.post("/cases/new", data=_form(token, title_ar=evil, **{"victims-0-name_ar": evil}))
    incident_id = response.location.split("/")[-1]
    page = client.get(f"/cases/{incident_id}").get_data(as_text=True)
    assert evil not in page and "&lt;script&gt;" in page


def test_admin_edits_taxonomy_labels(web):
    admin = web("admin")
    token = csrf_token(admin, "/admin/taxonomy")
    response = admin.post(
        "/admin/taxonomy", data={"csrf_token": token, "L1-label_ar": "القتل", "L1-label_en": "Killing"}
    )
    assert response.status_code == 302
    assert queries.violation_labels()["L1"][1] == "القتل"
    empty = admin.post(
        "/admin/taxonomy", data={"csrf_token": token, "L1-label_ar": " ", "L1-label_en": "Killing"}
    )
    assert empty.status_code == 200 and queries.violation_labels()["L1"][1] == "القتل"


def test_a_place_without_a_point_is_placed_from_the_gazetteer(web):
    client = web("researcher")
    token = csrf_token(client, "/cases/new")
    data = _form(token, latitude="", longitude="", geo_precision="", locality="مارب", admin1="")
    response = client.post("/cases/new", data=data)
    incident = queries.get_incident(int(response.location.split("/")[-1]))
    assert incident.geocode_source == "gazetteer" and incident.geo_precision == "locality"
    assert abs(incident.latitude - 15.46) < 0.2 and abs(incident.longitude - 45.32) < 0.2
    assert incident.admin1  # the governorate is filled in


def test_an_ambiguous_place_is_not_guessed(app):
    from flask import get_flashed_messages

    from tracker.cases.views import _place_point

    with app.test_request_context("/cases/new?lang=en"):
        data = {"locality": "طرابلس", "admin1": None, "country": None}
        _place_point(data)  # Tripoli: Libya or Lebanon?
        assert data.get("latitude") is None
        message = get_flashed_messages()[0]
        assert "Several places" in message and "Libya" in message and "Lebanon" in message
        data = {"locality": "طرابلس", "admin1": None, "country": "LB"}
        _place_point(data)
        assert abs(data["latitude"] - 34.43) < 0.2


def test_the_case_list_search_does_not_reveal_a_protected_victim_to_a_viewer(web, users):
    incident = factories.create_incident(
        users["editor"],
        victims=[{"journalist": {"name_ar": "ريم المخفية", "gender": "female"}, "outcome": "detained",
                  "is_identity_protected": True}],
    )  # fmt: skip
    db.session.commit()
    assert incident.public_ref not in web("viewer").get("/cases/?q=ريم المخفية").get_data(as_text=True)
    assert incident.public_ref in web("editor").get("/cases/?q=ريم المخفية").get_data(as_text=True)


def test_a_misspelt_governorate_filter_says_so(web):
    page = web("viewer").get("/cases/?country=YE&admin1=مأرت&lang=en").get_data(as_text=True)
    assert "No governorate called «مأرت» is known in this country." in page


def test_a_victims_outcome_and_role_agree_with_her_in_arabic_unless_she_is_withheld(web, users):
    incident = factories.create_incident(victims=[
        {"journalist": {"name_ar": "منى الصالح", "gender": "female"}, "outcome": "released"},
        {"journalist": {"name_ar": "هدى العمري", "gender": "female"}, "outcome": "released",
         "is_identity_protected": True},
    ])  # fmt: skip
    viewer = web("viewer").get(f"/cases/{incident.id}?lang=ar").get_data(as_text=True)
    named, withheld = viewer.split('class="victim"')[1:3]
    assert "أُفرج عنها · مستهدفة" in named
    # her gender is withheld from a reader who may not see her: so is its agreement
    assert "أُفرج عنه · مستهدف" in withheld and "عنها" not in withheld
