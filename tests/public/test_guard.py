"""The protected-name guard: what it matches, and that publishing, saving a published case, the
API and imports refuse a case that names a protected victim in a public field."""

from datetime import date

import pytest
import sqlalchemy as sa

from tests import factories
from tests.transfer.conftest import check
from tracker.audit.models import AuditEntry
from tracker.cases import operations
from tracker.core.exceptions import ValidationFailed
from tracker.extensions import db
from tracker.public.guard import find_protected_names, mask

NAMES = ["سامي الحداد", "Sami al-Haddad"]


@pytest.mark.parametrize(
    "text",
    [
        "اعتقال الصحفي سامي الحداد في مأرب", "اعتقال سَامِي الْحَدَّاد", "أكدت أسرة الحداد سامي",
        "بيان عن اعتقال لسامي بالحداد", "Journalist Sami al-Haddad held", "Samy El Hadad held",
        "SAMI HADDAD", "Sami Alhaddad", "https://news.example/ye/sami-al-haddad-arrested",
    ],
)  # fmt: skip
def test_spellings_are_found_and_masked(text):
    masked = mask(text, NAMES, "[X]")
    assert "[X]" in masked
    assert "حداد" not in masked and "hadad" not in masked.casefold().replace("haddad", "hadad")


@pytest.mark.parametrize(
    "text",
    ["سامي وحده", "محمد الحداد", "الحداد", "Sami", "سامي", "مراسل في مأرب", "Haddad family"],
)
def test_a_given_or_family_name_alone_is_not_a_match(text):
    assert mask(text, NAMES, "[X]") == text


def test_a_common_given_name_alone_never_matches():
    assert mask("اعتقل محمد وصديقه", ["محمد علي الحداد"], "[X]") == "اعتقل محمد وصديقه"
    assert mask("اعتقل محمد علي الحداد", ["محمد علي الحداد"], "[X]") == "اعتقل [X]"
    assert mask("Mohammed al-Haddad", ["محمد علي الحداد", "Mohammed Ali al-Haddad"], "[X]") == "[X]"


def _victim(protected=True):
    return {"journalist": {"name_ar": "سامي الحداد", "name_en": "Sami al-Haddad"}, "outcome": "detained",
            "is_identity_protected": protected,
            "status_events": [{"event": "detained_on", "date": "2024-03-05", "note": "نقل سامي الحداد"}]}  # fmt: skip


def test_every_public_field_is_checked():
    incident = factories.create_incident(
        title_en="Sami al-Haddad held", summary_ar="اعتقال سامي الحداد",
        perpetrators=[{"type": "state_security", "name": "خاطفو سامي الحداد"}],
        sources=[{"url": "https://x.example/sami-al-haddad", "title": "تقرير", "publisher": "Sami Haddad blog"},
                 {"url": "https://internal.example/sami-al-haddad", "is_internal": True}],
        victims=[_victim()],
    )  # fmt: skip
    fields = {m.field: m.words for m in find_protected_names(incident)}
    assert fields == {
        "title_en": "Sami al-Haddad", "summary_ar": "سامي الحداد", "perpetrators.0.name_ar": "سامي الحداد",
        "sources.0.url": "sami-al-haddad", "sources.0.publisher": "Sami Haddad",
        "victims.0.status_events.0.note": "سامي الحداد",
    }  # fmt: skip
    # protection is per person: unticked in this case, he stays protected (from this case on)
    incident.victims[0].is_identity_protected = False
    assert {m.field: m.words for m in find_protected_names(incident)} == fields
    # a person protected in no case is no match
    plain = factories.create_incident(title_en="Sami al-Haddad held", victims=[_victim(False)])
    assert find_protected_names(plain) == []
    db.session.rollback()


def test_publishing_is_refused_with_each_field_named():
    incident = factories.create_incident(title_ar="اعتقال سامي الحداد", workflow_status="verified",
                                         victims=[_victim()])  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        operations.transition_incident(incident, "published", factories.SYSTEM)
    assert list(caught.value.errors) == ["title_ar", "victims.0.status_events.0.note"]
    assert "سامي الحداد" in caught.value.errors["title_ar"][0]
    assert incident.workflow_status == "verified"
    db.session.rollback()


def test_saving_a_published_case_runs_the_guard(users):
    incident = factories.create_incident(workflow_status="published", victims=[_victim(False)])
    entries = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    data = {"victims": [{"journalist_id": incident.victims[0].journalist_id, "outcome": "detained",
                         "is_identity_protected": True}]}  # fmt: skip
    # protecting the victim while the title still names them: refused, nothing written
    incident.title_en = None
    with pytest.raises(ValidationFailed) as caught:
        operations.update_incident(
            incident, {**data, "title_en": "Sami al-Haddad detained"}, factories.SYSTEM, incident.version
        )
    assert list(caught.value.errors) == ["title_en"]
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == entries
    # the same change without the name is saved and audited
    operations.update_incident(incident, data, factories.SYSTEM, incident.version)
    db.session.commit()
    assert incident.victims[0].is_identity_protected
    # the case's entry, and the journalist's: protected from now on (names stored sealed)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == entries + 2


def test_a_published_case_saved_unchanged_writes_nothing_to_refuse():
    """A save that changes nothing (a form saved as it was, a re-imported row) writes nothing: no
    version, no entry, so nothing to check, even where older data names a person protected since
    (the public outputs mask it). Its first change is refused until the name is gone."""
    incident = factories.create_incident(title_en="Sami al-Haddad held", workflow_status="published",
                                         victims=[_victim(False)])  # fmt: skip
    journalist_id = incident.victims[0].journalist_id
    factories.create_incident(victims=[{"journalist_id": journalist_id, "outcome": "detained",
                                        "is_identity_protected": True}])  # fmt: skip
    db.session.commit()
    version, entries = incident.version, db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    same = {"title_en": "Sami al-Haddad held",
            "victims": [{"journalist_id": journalist_id, "outcome": "detained", "status_events": [
                {"event": "detained_on", "date": date(2024, 3, 5), "note": "نقل سامي الحداد"}]}]}  # fmt: skip
    operations.update_incident(incident, same, factories.SYSTEM, version)
    db.session.commit()
    assert incident.version == version
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == entries
    with pytest.raises(ValidationFailed) as caught:
        operations.update_incident(incident, {**same, "summary_en": "Held"}, factories.SYSTEM, version)
    assert "title_en" in caught.value.errors
    db.session.rollback()


def test_api_answers_422_with_the_field_map(client, auth):
    incident = factories.create_incident(summary_en="Samy El Hadad was taken", workflow_status="verified",
                                         victims=[_victim()])  # fmt: skip
    response = client.post(f"/api/v1/incidents/{incident.id}/transitions", json={"to": "published"},
                           headers=auth("editor"))  # fmt: skip
    assert response.status_code == 422
    body = response.get_json()
    errors = body.get("errors") or body.get("detail") or body
    assert "summary_en" in str(errors) and "Samy El Hadad" in str(errors)


def test_import_reports_the_row_and_column():
    header = ("incident_ref,title_ar,violation_types,date_start,country,victim_name_ar,victim_name_en,"
              "victim_outcome,victim_is_identity_protected,workflow_status,source_urls\n")  # fmt: skip
    rows = ("P-1,اعتقال سامي الحداد,F4,2024-01-01,YE,سامي الحداد,Sami al-Haddad,detained,yes,published,"
            "https://x.example/sami-al-haddad-held\n"
            "P-2,اعتقال سامي الحداد,F4,2024-01-02,YE,سامي الحداد,Sami al-Haddad,detained,yes,draft,\n"
            "P-3,اعتقال صحفي,F4,2024-01-03,YE,سامي الحداد,Sami al-Haddad,detained,yes,published,\n")  # fmt: skip
    report = check((header + rows).encode())
    assert [(p.row, p.column) for p in report.errors] == [(2, "title_ar"), (2, "source_urls")]
    assert "سامي الحداد" in report.errors[0].message


def test_merging_into_a_published_case_runs_the_guard():
    keep = factories.create_incident(workflow_status="published", title_en=None, summary_ar=None)
    other = factories.create_incident(title_en="Sami al-Haddad held", victims=[_victim()])
    with pytest.raises(ValidationFailed) as caught:
        operations.merge_incidents(keep, other, factories.SYSTEM)
    assert "title_en" in caught.value.errors
    db.session.rollback()


def test_a_name_in_a_percent_encoded_arabic_link_is_found():
    """Browsers copy example.org/سامي-الحداد as %D8%B3%D8%A7...: the public sees the decoded name."""
    from tracker.public import guard

    link = "https://example.org/%D8%B3%D8%A7%D9%85%D9%8A-%D8%A7%D9%84%D8%AD%D8%AF%D8%A7%D8%AF"
    assert guard.spans(link, ["سامي الحداد"])
    assert "سامي" not in guard.mask(link, ["سامي الحداد"], "X")


def test_publishing_with_the_name_in_an_encoded_link_is_refused():
    link = "https://example.org/%D8%B3%D8%A7%D9%85%D9%8A-%D8%A7%D9%84%D8%AD%D8%AF%D8%A7%D8%AF"
    incident = factories.create_incident(workflow_status="verified", victims=[_victim()],
                                         sources=[{"url": link, "reliability": 3}])  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        operations.transition_incident(incident, "published", factories.SYSTEM)
    assert "sources.0.url" in caught.value.errors
    db.session.rollback()
