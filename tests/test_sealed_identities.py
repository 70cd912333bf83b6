"""Protected identities stored sealed (issue 14, item 2): bound to row and column, opened for the
roles that may see them, found by staff through the keyed blind index by any normalised spelling
(exact words), never by the public; `flask keys rotate` moves values and index to a new key."""

import pytest
import sqlalchemy as sa

from tests import factories
from tracker.audit.models import AuditEntry
from tracker.audit.operations import opened_changes
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident, Source
from tracker.core import crypto
from tracker.core.text import normalise
from tracker.extensions import db
from tracker.people.models import Journalist

NAME_AR, NAME_EN = "نورة عبدالكريم الشميري", "Noura Abdulkarim al-Shumairi"
NOTE = "العنوان الحالي للعائلة: حي الروضة"


@pytest.fixture
def keys(app, monkeypatch):
    def configure(*lines):
        monkeypatch.setitem(app.config, "ENCRYPTION_KEYS", ",".join(lines))
        app.extensions.pop("keyring", None)

    yield configure
    app.extensions.pop("keyring", None)


def _case(**over):
    return factories.create_incident(
        confidential_notes=NOTE,
        victims=[{"journalist": {"name_ar": NAME_AR, "name_en": NAME_EN, "gender": "female"},
                  "outcome": "abducted", "is_identity_protected": True}],
        sources=[{"title": "شهادة أخت الصحفية", "publisher": "الأسرة", "is_internal": True},
                 {"url": "https://example.org/a", "title": "Public report"}],
        **over,
    )  # fmt: skip


def _raw(table: str, row_id: int, *columns) -> tuple:
    return db.session.execute(
        sa.text(f"SELECT {', '.join(columns)} FROM {table} WHERE id = :id"), {"id": row_id}
    ).one()


def test_stored_sealed_read_in_clear(keys):
    keys(crypto.new_key_line("k1"))
    incident = _case()
    journalist = incident.victims[0].journalist
    notes, protected_search = _raw("incidents", incident.id, "confidential_notes", "protected_search_text")
    name_ar, name_en, search_name = _raw("journalists", journalist.id, "name_ar", "name_en", "search_name")
    internal, public = sorted(incident.sources, key=lambda s: not s.is_internal)
    title, publisher = _raw("sources", internal.id, "title", "publisher")
    for stored in (notes, name_ar, name_en, title, publisher):
        assert stored.startswith("enc1:k1:")
    assert _raw("sources", public.id, "title") == ("Public report",)  # public sources stay clear
    for clear in ("نوره", "noura", "shumairi", "الشميري"):
        assert clear not in protected_search and clear not in search_name
    db.session.expire_all()
    incident = db.session.get(Incident, incident.id)
    assert incident.confidential_notes == NOTE and incident.victims[0].journalist.name_ar == NAME_AR
    assert {s.title for s in incident.sources} == {"شهادة أخت الصحفية", "Public report"}


def test_a_sealed_value_moved_to_another_row_does_not_open(keys):
    keys(crypto.new_key_line("k1"))
    first, second = _case(), factories.create_incident(confidential_notes="other")
    stored = _raw("incidents", first.id, "confidential_notes")[0]
    db.session.execute(sa.text("UPDATE incidents SET confidential_notes = :v WHERE id = :id"),
                       {"v": stored, "id": second.id})  # fmt: skip
    db.session.expire_all()
    with pytest.raises(crypto.SealError):
        db.session.get(Incident, second.id)


def test_audit_entries_hold_notes_and_names_sealed_and_open_for_readers(keys):
    keys(crypto.new_key_line("k1"))
    incident = _case()
    entries = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()
    assert NOTE not in str([e.changes for e in entries]) and NAME_AR not in str([e.changes for e in entries])
    created = next(e for e in entries if e.entity_type == "incident" and e.entity_id == incident.id)
    assert opened_changes(created)["confidential_notes"] == [None, NOTE]
    named = next(e for e in entries if e.entity_type == "journalist" and e.action == "create")
    assert opened_changes(named)["name_ar"] == [None, NAME_AR]


@pytest.mark.parametrize(
    "spelling", ["نورة", "نوره", "نُورَة", "Noura", "Nora", "الشميري", "Shumairi", "al-Shumairi"]
)
def test_staff_find_a_protected_victim_by_any_spelling_a_viewer_never(client, auth, spelling):
    incident = _case(workflow_status="published")
    found = client.get("/api/v1/incidents", query_string={"q": spelling}, headers=auth("editor")).get_json()
    assert incident.id in [row["id"] for row in found]
    viewer = client.get("/api/v1/incidents", query_string={"q": spelling}, headers=auth("viewer")).get_json()
    assert incident.id not in [row["id"] for row in viewer]


def test_the_blind_index_matches_whole_words_only(client, auth):
    incident = _case()
    for part in ("نو", "Shum", "عبدالكر"):
        found = client.get("/api/v1/incidents", query_string={"q": part}, headers=auth("editor")).get_json()
        assert incident.id not in [row["id"] for row in found], part


def test_staff_journalist_search_finds_a_protected_person(client, auth):
    incident = _case()
    journalist_id = incident.victims[0].journalist_id
    found = client.get("/api/v1/journalists", query_string={"q": "نوره الشميري"}, headers=auth("editor"))
    assert journalist_id in [j["id"] for j in found.get_json()]


def test_rotation_moves_everything_to_the_new_key_in_batches(app, keys):
    old, new = crypto.new_key_line("old"), crypto.new_key_line("new")
    keys(old)
    incidents = [_case(), factories.create_incident(confidential_notes="second note")]
    # a legacy row written before encryption: clear values and a clear search text
    legacy = factories.create_incident()
    db.session.execute(sa.text("UPDATE incidents SET confidential_notes = 'legacy note', seal_key = NULL "
                               "WHERE id = :id"), {"id": legacy.id})  # fmt: skip
    db.session.commit()
    keys(new, old)  # the new key first: it encrypts, the old one still opens
    db.session.expire_all()
    assert db.session.get(Incident, incidents[0].id).confidential_notes == NOTE
    editor = factories.create_user("editor")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["keys", "rotate", "--batch", "1"])
    assert result.exit_code == 0, result.output
    assert "Incidents: 1 read" in result.output and "Journalists: done" in result.output
    stored = [_raw("incidents", i.id, "confidential_notes")[0] for i in (*incidents, legacy)]
    assert all(s.startswith("enc1:new:") for s in stored)
    source = db.session.scalar(sa.select(Source.id).where(Source.is_internal))
    assert _raw("sources", source, "title")[0].startswith("enc1:new:")
    journalist = incidents[0].victims[0].journalist_id
    assert _raw("journalists", journalist, "name_ar")[0].startswith("enc1:new:")
    index = _raw("incidents", incidents[0].id, "protected_search_text")[0]
    assert index and all(token.startswith("new.") for token in index.split())
    # again: nothing left to do
    again = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert "Incidents: done, 0 of 3" in again.output and "Journalists: done, 0 of 1" in again.output
    # the old key gone: everything still opens and is still found
    keys(new)
    db.session.expire_all()
    assert db.session.get(Incident, legacy.id).confidential_notes == "legacy note"
    assert db.session.get(Journalist, journalist).name_en == NAME_EN
    found = app.test_client().get(
        "/api/v1/incidents", query_string={"q": "نوره"}, headers=factories.bearer(editor)
    )
    assert incidents[0].id in [row["id"] for row in found.get_json()]


def test_a_search_keeps_working_mid_rotation(app, client, auth, keys):
    old, new = crypto.new_key_line("old"), crypto.new_key_line("new")
    keys(old)
    incident = _case()
    keys(new, old)  # not rotated yet: the index is still under the old key
    found = client.get("/api/v1/incidents", query_string={"q": normalise(NAME_AR)}, headers=auth("editor"))
    assert incident.id in [row["id"] for row in found.get_json()]


def test_merging_a_protected_journalist_keeps_the_names_sealed(keys):
    keys(crypto.new_key_line("k1"))
    protected = _case().victims[0].journalist
    keep = factories.create_journalist(name_ar=None, name_en="N. al-Shumairi")
    editor = factories.create_user("editor")
    case_ops.merge_journalists(keep, protected, factories.Actor(editor, "web"))
    db.session.commit()
    name_ar, search_name = _raw("journalists", keep.id, "name_ar", "search_name")
    assert name_ar.startswith("enc1:k1:") and "shumairi" not in search_name


def test_a_very_long_protected_name_fits_its_search_column():
    words = " ".join(f"اسم{n}" for n in range(40))
    incident = factories.create_incident(victims=[{"journalist": {"name_ar": words}, "outcome": "detained",
                                                   "is_identity_protected": True}])  # fmt: skip
    search_name = _raw("journalists", incident.victims[0].journalist_id, "search_name")[0]
    assert 0 < len(search_name) <= 700 and all(len(t.split(".")[1]) == 16 for t in search_name.split())
