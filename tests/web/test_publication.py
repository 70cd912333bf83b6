"""The publication workflow through the pages: confirmation with the public record and the
guard's findings, unpublishing with a reason, the two-person rule, editing a published case."""

import pytest
import sqlalchemy as sa

from tests import factories
from tests.map_fixtures import _fresh_map_index, plain_client  # noqa: F401
from tests.web.conftest import csrf_token
from tracker.admin import operations as admin_ops
from tracker.audit.models import AuditEntry
from tracker.audit.operations import Actor
from tracker.cases import operations
from tracker.cases.models import Incident
from tracker.core.exceptions import NotAllowed
from tracker.extensions import db

PROTECTED = {"journalist": {"name_ar": "منى سالم", "name_en": "Mona Salem", "gender": "female"},
             "outcome": "injured", "is_identity_protected": True}  # fmt: skip
NAMED = {"journalist": {"name_ar": "علي حسن", "name_en": "Ali Hassan"}, "outcome": "detained"}


def _verified(**over):
    return factories.create_incident(workflow_status="verified", victims=[PROTECTED, NAMED],
                                     confidential_notes="سر لا يُنشر", **over)  # fmt: skip


def _status(incident) -> str:
    db.session.expire_all()  # the pages wrote in their own session
    return db.session.get(Incident, incident.id).workflow_status


def _move(client, incident, to, **data):
    token = csrf_token(client, f"/cases/{incident.id}")
    return client.post(f"/cases/{incident.id}/transition", data={"to": to, "csrf_token": token, **data})


def _entries(incident) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.entity_type == "incident", AuditEntry.entity_id == incident.id).order_by(AuditEntry.id)))  # fmt: skip


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_confirmation_shows_the_public_record(web, lang):
    incident = _verified()
    editor = web("editor")
    page = editor.get(f"/cases/{incident.id}")
    text = page.get_data(as_text=True)
    assert f"/cases/{incident.id}/publish" in text and 'value="published"' not in text  # no one-click publish
    page = editor.get(f"/cases/{incident.id}/publish?lang={lang}").get_data(as_text=True)
    withheld = "صحفي (حُجب الاسم)" if lang == "ar" else "journalist (name withheld)"
    assert withheld in page and ("علي حسن" if lang == "ar" else "Ali Hassan") in page
    assert "منى سالم" not in page and "Mona Salem" not in page and "سر لا يُنشر" not in page
    assert 'name="confirm"' in page and "disabled" not in page


def test_confirmation_lists_the_guard_findings_and_disables_publishing(web):
    incident = _verified(title_en="Mona Salem injured in Taiz")
    editor = web("editor")
    page = editor.get(f"/cases/{incident.id}/publish?lang=en").get_data(as_text=True)
    assert "This case names a protected victim" in page and "title_en" in page
    assert 'name="publish" value="1" disabled' in page
    assert "Mona Salem" not in page.split("What the public will see")[1]  # the preview masks it
    response = _move(editor, incident, "published", confirm="1")
    assert response.status_code == 302
    assert _status(incident) == "verified"


def test_publish_then_unpublish_with_a_reason(web, plain_client):  # noqa: F811 (fixture)
    incident = _verified()
    editor = web("editor")
    assert _move(editor, incident, "published").location.endswith("/publish")  # not confirmed: nothing
    response = _move(editor, incident, "published", confirm="1")
    assert response.status_code == 302
    assert _status(incident) == "published"
    ref = incident.public_ref
    assert plain_client.get(f"/incidents/{ref}").status_code == 200
    assert ref in plain_client.get("/api/public/v1/incidents.csv").get_data(as_text=True)
    # unpublishing needs a reason
    _move(editor, incident, "verified")
    assert _status(incident) == "published"
    _move(editor, incident, "verified", note="طلبت الأسرة سحب القضية")
    assert _status(incident) == "verified"
    last = _entries(incident)[-1]
    assert (last.action, last.changes, last.note) == (
        "transition",
        {"workflow_status": ["published", "verified"]},
        "طلبت الأسرة سحب القضية",
    )
    # gone from every public output at once
    assert plain_client.get(f"/incidents/{ref}").status_code == 404
    assert plain_client.get(f"/api/public/v1/incidents/{ref}").status_code == 404
    for url in ("/api/public/v1/incidents", "/api/public/v1/incidents.csv", "/api/public/v1/incidents.geojson",
                "/api/public/v1/map?zoom=18&bbox=-180,-90,180,90", "/feed.atom"):  # fmt: skip
        assert ref not in plain_client.get(url).get_data(as_text=True), url
    stack = plain_client.get("/api/public/v1/map/stack?lat=15.4591&lon=45.3253").get_data(as_text=True)
    assert ref not in stack


def test_researcher_cannot_unpublish_nor_edit_a_published_case(web, users):
    incident = factories.create_incident(users["researcher"], workflow_status="published")
    researcher = web("researcher")
    assert _move(researcher, incident, "verified", note="x").status_code == 403
    assert researcher.get(f"/cases/{incident.id}/edit").status_code == 403
    assert researcher.get(f"/cases/{incident.id}/publish").status_code == 403


def test_two_person_rule(web, users):
    admin_actor = Actor(users["admin"], "web")
    admin_ops.set_setting("two_person_rule", True, admin_actor)
    db.session.commit()
    setting = _entries_of("setting")[-1]
    assert setting.changes == {"two_person_rule": [False, True]}
    incident = factories.create_incident(users["editor"], workflow_status="in_review")
    editor, other = Actor(users["editor"], "web"), Actor(users["admin"], "web")
    with pytest.raises(NotAllowed):  # the author cannot verify
        operations.transition_incident(incident, "verified", editor)
    operations.transition_incident(incident, "verified", other)
    assert incident.verified_by_id == users["admin"].id
    with pytest.raises(NotAllowed):  # the verifier cannot publish
        operations.transition_incident(incident, "published", other)
    operations.transition_incident(incident, "published", editor)
    db.session.commit()
    # the verifier may unpublish, but not edit it while it is public
    page = web("admin").get(f"/cases/{incident.id}").get_data(as_text=True)
    assert "unpublish" in page and f"/cases/{incident.id}/edit" not in page
    with pytest.raises(NotAllowed):
        operations.update_incident(incident, {"title_en": "x"}, other, incident.version)
    operations.update_incident(incident, {"title_en": "Edited while public"}, editor, incident.version)


def _entries_of(entity_type):
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.entity_type == entity_type)
                                   .order_by(AuditEntry.id)))  # fmt: skip


def test_settings_page_turns_the_rule_on(web):
    admin = web("admin")
    token = csrf_token(admin, "/admin/settings")
    admin.post("/admin/settings", data={"csrf_token": token, "two_person_rule": "y"})
    from tracker.auth.permissions import two_person_rule

    assert two_person_rule()
    assert _entries_of("setting")[-1].changes == {"two_person_rule": [False, True]}


def test_the_case_form_marks_the_fields_that_name_a_protected_victim(web):
    incident = factories.create_incident(workflow_status="published", victims=[PROTECTED, NAMED])
    editor = web("editor")
    form = editor.get(f"/cases/{incident.id}/edit?lang=ar").get_data(as_text=True)
    token = csrf_token(editor, f"/cases/{incident.id}/edit")
    from tracker.cases import forms

    values = forms.values_from_incident(db.session.get(Incident, incident.id))
    data = {
        "csrf_token": token,
        "version": str(incident.version),
        **{k: values[k] or "" for k in forms.SCALARS},
    }
    data.update(title_ar="إصابة منى سالم في تعز", violation_types=values["violation_types"],
                **{"sources-0-url": "https://news.example/mona-salem-injured", "sources-0-title": "خبر"})  # fmt: skip
    for n, victim in enumerate(values["victims"]):
        for key in ("journalist_id", "outcome", "role_in_incident"):
            data[f"victims-{n}-{key}"] = victim[key] or ""
        if victim["is_identity_protected"]:
            data[f"victims-{n}-is_identity_protected"] = "y"
    response = editor.post(f"/cases/{incident.id}/edit?lang=ar", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422, page[:300]
    assert 'id="title_ar-error"' in page and 'id="sources-0-url-error"' in page
    assert "يذكر اسم ضحية محمية الهوية (منى سالم)" in page
    assert "<form" in form


def test_the_publish_page_shows_a_person_protected_in_another_case_and_keeps_the_button_disabled(web):
    from tests.public.test_protected_elsewhere import SUMMARY, _case_b, _huda_protected_in_case_a

    _huda_protected_in_case_a()
    case_b = _case_b(summary_en=SUMMARY)
    page = web("editor").get(f"/cases/{case_b.id}/publish?lang=en").get_data(as_text=True)
    assert "Huda al-Omari" in page and 'name="publish" value="1" disabled' in page
