"""Who sees protected names and confidential notes (issue 11, finding 3): viewers never,
researchers in the cases they created, editors and admins always."""

import json

import pytest

from tests import factories
from tracker.extensions import db

NAME, NOTE = "CANARY-PROTECTED-NAME", "CANARY-CONFIDENTIAL-NOTE"
# role -> sees protected data of a case created by someone else / by themselves
MATRIX = {
    "viewer": (False, False),
    "researcher": (False, True),
    "editor": (True, True),
    "admin": (True, True),
}

# (role, reading a case they created): viewers create nothing
CASES = [pytest.param(role, own, id=f"{role}-{'own_case' if own else 'others_case'}")
         for role in MATRIX for own in (False, True) if not (own and role == "viewer")]  # fmt: skip


@pytest.fixture
def cases(users):
    def make(creator):
        incident = factories.create_incident(
            creator, confidential_notes=NOTE,
            victims=[{"journalist": {"name_en": NAME, "name_ar": "اسم محمي", "gender": "female"},
                      "outcome": "detained", "is_identity_protected": True},
                     {"journalist": {"name_en": "Known Reporter"}, "outcome": "injured"}],
        )  # fmt: skip
        factories.case_ops.update_incident(incident, {"confidential_notes": NOTE + "-2"}, factories.SYSTEM,
                                           incident.version)  # fmt: skip
        db.session.commit()
        return incident

    return make


def _paths(incident):
    journalist = incident.victims[0].journalist_id
    return [f"/api/v1/incidents/{incident.id}", f"/api/v1/incidents/{incident.id}/history",
            f"/api/v1/journalists?q={NAME}", f"/api/v1/journalists/{journalist}"]  # fmt: skip


@pytest.mark.parametrize(("role", "own"), CASES)
def test_internal_api_masks_by_role(client, auth, users, cases, role, own):
    creator = users[role] if own else factories.create_user("editor")
    incident = cases(creator)
    sees = MATRIX[role][own]
    for path in _paths(incident):
        response = client.get(path, headers=auth(role))
        if path.startswith("/api/v1/journalists/") and not sees:
            assert response.status_code == 404  # as if unknown (test_the_journalist_search_...)
            continue
        assert response.status_code == 200, path
        text = json.dumps(response.get_json(), ensure_ascii=False)
        assert (NAME in text) is (sees and "history" not in path), (role, own, path)
        assert ("اسم محمي" in text) is (sees and "history" not in path), (role, own, path)
        if "journalists" not in path:
            assert (NOTE in text) is sees, (role, own, path)
            assert "Known Reporter" in text or "history" in path


@pytest.mark.parametrize(("role", "own"), CASES)
def test_a_search_by_a_protected_name_finds_the_case_only_for_who_may_see_the_name(
    client, auth, users, cases, role, own
):
    """Finding a case by a name tells who it is about: the search obeys the same matrix."""
    creator = users[role] if own else factories.create_user("editor")
    incident = cases(creator)
    sees = MATRIX[role][1 if own else 0]
    for path in (f"/api/v1/incidents?q={NAME}", "/api/v1/incidents?q=اسم محمي"):
        refs = [row["public_ref"] for row in client.get(path, headers=auth(role)).get_json()]
        assert (incident.public_ref in refs) is sees, (role, own, path)
    # the other victim's name is searchable by everyone
    found = client.get("/api/v1/incidents?q=Known Reporter", headers=auth(role)).get_json()
    assert incident.public_ref in [row["public_ref"] for row in found]


@pytest.mark.parametrize(("role", "own"), CASES)
def test_the_journalist_search_does_not_say_a_protected_victim_exists(client, auth, users, cases, role, own):
    """Not even a withheld row or a count: either would say that someone of that name is protected."""
    creator = users[role] if own else factories.create_user("editor")
    incident = cases(creator)
    sees = MATRIX[role][1 if own else 0]
    response = client.get(f"/api/v1/journalists?q={NAME}", headers=auth(role))
    assert (len(response.get_json()) == 1) is sees
    assert (response.headers["X-Total-Count"] == "1") is sees
    single = client.get(f"/api/v1/journalists/{incident.victims[0].journalist_id}", headers=auth(role))
    assert single.status_code == (200 if sees else 404)
