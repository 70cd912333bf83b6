"""Protection is per person on the staff side too: a journalist who is an identity-protected victim
in one case (A) is withheld in every case that names them (B, where their victim row is not
flagged) from a staff member who may not see protected names (viewers; researchers outside the
cases they created), on every staff surface. Editors and admins still see every name."""

import io
import json
import unicodedata
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from tests import factories
from tracker.cases import operations as case_ops
from tracker.desk import queries as desk_queries
from tracker.extensions import db

NAMES = ("Sami al-Haddad", "سامي الحداد")  # tests.factories.create_journalist
HELD_SINCE = (date.today() - timedelta(days=200)).isoformat()
# who may not see the person's name in case B / who may (README "Roles")
MASKED, SEES = ("viewer", "researcher"), ("editor", "admin")


@pytest.fixture
def person_cases():
    """(person, A, B, C): A protects the person; B and C (look-alike cases) name them plainly."""
    creator = factories.create_user("editor")
    person = factories.create_journalist()
    a = factories.create_incident(
        creator, title_en="Journalist threatened", title_ar="تهديد صحفي",
        victims=[{"journalist_id": person.id, "outcome": "threatened", "is_identity_protected": True}],
    )  # fmt: skip

    def plain(**over):
        return factories.create_incident(
            creator, date_start=HELD_SINCE, **over,
            victims=[{"journalist_id": person.id, "outcome": "detained",
                      "status_events": [{"event": "detained_on", "date": HELD_SINCE}]}],
        )  # fmt: skip

    b, c = plain(title_en="Arrest in Marib"), plain(title_en="Arrest in Marib city")
    db.session.commit()
    assert not b.victims[0].is_identity_protected and person.is_protected
    return person, a, b, c


def _named(text: str) -> bool:
    return any(name in text for name in NAMES)


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf", response.status_code
    reader = PdfReader(io.BytesIO(response.data))
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))


@pytest.mark.parametrize("role", MASKED + SEES)
def test_the_case_page_of_another_case_masks_the_person(web, person_cases, role):
    _person, _a, b, _c = person_cases
    page = web(role).get(f"/cases/{b.id}").get_data(as_text=True)
    assert _named(page) is (role in SEES), role
    if role in MASKED:
        assert "(name withheld)" in page or "(حُجب الاسم)" in page


@pytest.mark.parametrize("role", MASKED + SEES)
def test_possible_duplicates_do_not_name_the_person(web, person_cases, role):
    """B and C look alike through the person: the link would name them (and tie them to C)."""
    _person, _a, b, c = person_cases
    page = web(role).get(f"/cases/{b.id}").get_data(as_text=True)
    assert (f'/cases/{c.id}"' in page) is (role in SEES), role


@pytest.mark.parametrize("role", MASKED + SEES)
def test_the_case_list_search_finds_the_other_case_only_for_who_may_see_the_name(web, person_cases, role):
    _person, _a, b, _c = person_cases
    client = web(role)
    for name in NAMES:
        page = client.get(f"/cases/?q={name}").get_data(as_text=True)
        assert (b.public_ref in page) is (role in SEES), (role, name)


@pytest.mark.parametrize("role", MASKED + SEES)
def test_the_internal_api_masks_the_person_in_the_other_case(client, auth, person_cases, role):
    _person, _a, b, _c = person_cases
    detail = client.get(f"/api/v1/incidents/{b.id}", headers=auth(role))
    assert detail.status_code == 200
    victim = detail.get_json()["victims"][0]["journalist"]
    assert _named(json.dumps(detail.get_json(), ensure_ascii=False)) is (role in SEES), role
    if role in MASKED:
        assert victim["name_en"] in ("(name withheld)", "(حُجب الاسم)") and victim["gender"] is None
    listed = client.get("/api/v1/incidents", headers=auth(role)).get_json()
    assert b.public_ref in [row["public_ref"] for row in listed]
    assert _named(json.dumps(listed, ensure_ascii=False)) is False  # the list names nobody
    for name in NAMES:
        found = client.get(f"/api/v1/incidents?q={name}", headers=auth(role)).get_json()
        assert (b.public_ref in [row["public_ref"] for row in found]) is (role in SEES), (role, name)
    history = client.get(f"/api/v1/incidents/{b.id}/history", headers=auth(role))
    assert history.status_code == 200 and not _named(history.get_data(as_text=True))


@pytest.mark.parametrize("role", MASKED + SEES)
def test_the_desk_follow_ups_mask_the_person_held_through_the_other_case(web, users, person_cases, role):
    assert [p.name for p in desk_queries.follow_ups(users[role], "en")] == (
        ["Sami al-Haddad"] if role in SEES else ["(name withheld)"]
    )
    page = web(role).get("/desk/").get_data(as_text=True)
    assert _named(page) is (role in SEES), role


@pytest.mark.parametrize("role", MASKED + SEES)
def test_the_dossier_of_the_other_case_masks_the_person(web, person_cases, role):
    _person, _a, b, _c = person_cases
    text = _pdf_text(web(role).get(f"/cases/{b.id}/dossier.pdf?lang=en"))
    assert _named(text) is (role in SEES), role


@pytest.mark.parametrize("role", MASKED + SEES)
def test_the_journalist_search_and_record_follow_the_person_not_the_flag(client, auth, person_cases, role):
    """Protection stays with the person when case A no longer flags them (or is gone from the
    search's sight): they are still withheld from who may not see protected names."""
    person, a, _b, _c = person_cases
    victims = [{"journalist_id": person.id, "outcome": "threatened", "is_identity_protected": False}]
    case_ops.update_incident(a, {"victims": victims}, factories.SYSTEM, a.version)
    db.session.commit()
    assert person.is_protected  # protection is for good
    found = client.get(f"/api/v1/journalists?q={NAMES[0]}", headers=auth(role))
    assert (len(found.get_json()) == 1) is (role in SEES), role
    single = client.get(f"/api/v1/journalists/{person.id}", headers=auth(role))
    assert single.status_code == (200 if role in SEES else 404), role


@pytest.mark.parametrize("role", MASKED)
def test_no_masked_internal_export_exists_for_roles_that_may_not_see_names(web, person_cases, role):
    """The internal export is for editors and admins only (no role gets a masked one)."""
    from tests.web.conftest import internal_export

    response = internal_export(web(role))
    assert response.status_code in (302, 403), response.status_code
    assert not _named(response.get_data(as_text=True))


def test_a_researcher_still_sees_the_person_in_the_case_they_created(web, users):
    """Their own case keeps its rule: they recorded the name there."""
    researcher = users["researcher"]
    person = factories.create_journalist()
    factories.create_incident(
        victims=[{"journalist_id": person.id, "outcome": "threatened", "is_identity_protected": True}]
    )
    own = factories.create_incident(researcher, victims=[{"journalist_id": person.id, "outcome": "detained"}])
    db.session.commit()
    assert _named(web(researcher).get(f"/cases/{own.id}").get_data(as_text=True))


@pytest.mark.parametrize("role", MASKED + SEES)
def test_the_journalist_record_of_a_person_protected_in_an_imported_case(client, auth, role):
    """A case with no creator (an import's) is nobody's own case: not a viewer's either."""
    person = factories.create_journalist()
    imported = factories.create_incident(
        victims=[{"journalist_id": person.id, "outcome": "threatened", "is_identity_protected": True}]
    )
    db.session.commit()
    assert imported.created_by_id is None
    single = client.get(f"/api/v1/journalists/{person.id}", headers=auth(role))
    assert single.status_code == (200 if role in SEES else 404), role


@pytest.mark.parametrize("role", MASKED + SEES)
def test_the_history_of_another_case_masks_the_person_after_they_left_it(web, person_cases, role):
    """Case B's history still names the person after they were taken off B."""
    _person, _a, b, _c = person_cases
    other = factories.create_journalist(name_ar="منى علي", name_en="Mona Ali")
    victims = [{"journalist_id": other.id, "outcome": "detained"}]
    case_ops.update_incident(b, {"victims": victims}, factories.SYSTEM, b.version)
    db.session.commit()
    page = web(role).get(f"/cases/{b.id}").get_data(as_text=True)
    assert "Mona Ali" in page or "منى علي" in page
    assert _named(page) is (role in SEES), role
