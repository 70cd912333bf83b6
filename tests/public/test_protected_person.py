"""Protection is per person: a journalist who is an identity-protected victim in one case is
withheld in every public output of every case (a name public in case B would lead a reader to the
person whose details case A keeps); and the batch form of the incident writer (imports, the demo
loader) refuses a published case that names a protected person, like the single writer."""

import pytest
import sqlalchemy as sa

from tests import factories
from tests.public.test_protected_canary import assert_no_name_in_public_outputs
from tracker.audit.models import AuditEntry
from tracker.cases import operations
from tracker.cases.models import Incident, PublicRefCounter
from tracker.core.exceptions import ValidationFailed
from tracker.extensions import db
from tracker.people.models import Journalist


def _person(**over) -> Journalist:
    return factories.create_journalist(**over)  # سامي الحداد / Sami al-Haddad


def _counts() -> tuple:
    return tuple(
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Incident, AuditEntry, PublicRefCounter)
    )


def _item(journalist_id: int, protected: bool, status: str = "published", **over) -> dict:
    from schemas.cases import IncidentInputSchema

    data = IncidentInputSchema().load(factories.incident_data(**over))
    data["victims"] = [
        {"journalist_id": journalist_id, "outcome": "detained", "is_identity_protected": protected}
    ]
    data["workflow_status"] = status
    return data


def _protected_elsewhere() -> Journalist:
    """Sami al-Haddad, an identity-protected victim of a published case that does not name him."""
    person = _person()
    factories.create_incident(
        workflow_status="published", title_ar="اعتقال صحفي في مأرب", title_en="Journalist detained in Marib",
        victims=[{"journalist_id": person.id, "outcome": "detained", "is_identity_protected": True}],
    )  # fmt: skip
    return person


# --- 1. the batch writer runs the guard ------------------------------------------------------


def test_the_batch_writer_refuses_a_published_case_naming_its_protected_victim():
    person = _person()
    before = _counts()
    items = [
        _item(person.id, True, title_en="Reporter detained"),
        _item(person.id, True, "draft", title_en="Sami al-Haddad detained"),  # not public: allowed
        _item(person.id, True, title_en="Sami al-Haddad detained"),
    ]
    with pytest.raises(operations.BatchInvalid) as caught:
        operations.create_incidents(items, factories.SYSTEM)
    assert caught.value.index == 2
    assert list(caught.value.errors) == ["title_en"]
    assert "Sami al-Haddad" in caught.value.errors["title_en"][0]
    assert _counts() == before  # nothing written: no incident, audit entry or reference number
    db.session.rollback()
    assert len(operations.create_incidents(items[:2], factories.SYSTEM)) == 2


def test_the_batch_writer_refuses_naming_a_person_protected_in_another_case():
    person = _protected_elsewhere()
    before = _counts()
    with pytest.raises(operations.BatchInvalid) as caught:
        operations.create_incidents(
            [_item(person.id, False, summary_en="Sami Haddad was held.")], factories.SYSTEM
        )
    assert caught.value.index == 0 and list(caught.value.errors) == ["summary_en"]
    assert _counts() == before
    db.session.rollback()


def test_the_batch_writer_refuses_naming_a_person_protected_later_in_the_same_batch():
    person = _person()
    items = [_item(person.id, False, title_en="Sami al-Haddad detained"), _item(person.id, True, "draft")]
    with pytest.raises(operations.BatchInvalid) as caught:
        operations.create_incidents(items, factories.SYSTEM)
    assert caught.value.index == 0
    db.session.rollback()


# --- 3. one person, one decision, across all their cases ---------------------------------------


def test_publishing_a_case_naming_a_person_protected_elsewhere_is_refused():
    person = _protected_elsewhere()
    other = factories.create_incident(
        workflow_status="verified", title_en="Sami al-Haddad detained again",
        victims=[{"journalist_id": person.id, "outcome": "detained"}],
    )  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        operations.transition_incident(other, "published", factories.SYSTEM)
    assert list(caught.value.errors) == ["title_en"]
    db.session.rollback()


def test_an_import_cannot_publish_a_stored_case_naming_a_protected_person():
    """A file that takes a stored draft to published goes through the same rule."""
    person = _protected_elsewhere()
    draft = factories.create_incident(
        title_en="Sami al-Haddad detained again",
        victims=[{"journalist_id": person.id, "outcome": "detained"}],
    )
    with pytest.raises(ValidationFailed):
        operations.set_workflow_status(draft, "published", factories.SYSTEM, note="import")
    db.session.rollback()


def test_protecting_a_person_withdraws_the_name_from_their_other_cases(app, plain_client, tmp_path):
    """Case B names Sami al-Haddad as a plain victim (and in its texts, written before); then case
    A makes him an identity-protected victim: B, in every public output, withholds him."""
    person = _person()
    named = factories.create_incident(
        workflow_status="published", date_start="2024-02-01", title_en="Sami al-Haddad detained in Marib",
        summary_ar="اعتقلت قوات الأمن سامي الحداد.",
        victims=[{"journalist_id": person.id, "outcome": "detained",
                  "status_events": [{"event": "detained_on", "date": "2024-02-01"}]},
                 {"journalist": {"name_ar": "اسم معلن", "name_en": "Named Person"}, "outcome": "threatened"}],
    )  # fmt: skip
    assert "hadad" in named.search_text and not named.protected_search_text
    search_text = named.search_text
    protecting = factories.create_incident(
        workflow_status="published", date_start="2024-03-01", title_ar="اعتقال صحفي", title_en="Journalist held",
        victims=[{"journalist_id": person.id, "outcome": "detained", "is_identity_protected": True}],
    )  # fmt: skip
    db.session.refresh(named)
    # the other case's victim is searched by the blind index now, no longer in clear (its old
    # title still names him: staff search; the public outputs mask it)
    assert named.protected_search_text and named.search_text != search_text
    assert named.search_text.count("hadad") == 1
    assert db.session.scalar(
        sa.select(sa.func.count()).select_from(AuditEntry)
        .where(AuditEntry.entity_type == "incident", AuditEntry.entity_id == named.id, AuditEntry.action == "protect")
    ) == 1  # fmt: skip
    everything = assert_no_name_in_public_outputs(
        app, plain_client, tmp_path, [named.public_ref, protecting.public_ref]
    )
    assert "named person" in everything
    # the record itself is unchanged: staff who may see protected names still see him there
    assert not named.victims[0].is_identity_protected
    assert named.victims[0].journalist.name_en == "Sami al-Haddad"


def test_an_import_naming_a_person_protected_in_a_stored_case_writes_nothing():
    """The dry run cannot know who a file's victim is; the import matches him to the stored person,
    protected in another case, and the writer refuses the published case naming him."""
    from tests.transfer.conftest import check
    from tracker.transfer import operations as transfer_ops

    _protected_elsewhere()
    db.session.commit()
    before = _counts()
    header = "incident_ref,title_en,violation_types,date_start,country,victim_name_ar,victim_name_en,victim_outcome,workflow_status\n"
    report = check(
        (
            header
            + "Q-1,Sami al-Haddad held again,F4,2024-05-01,YE,سامي الحداد,Sami al-Haddad,detained,published\n"
        ).encode()
    )
    assert report.ok, report.errors
    with pytest.raises(transfer_ops.ImportFailed) as caught:
        transfer_ops.run_import(report, factories.SYSTEM)
    assert caught.value.record.ref == "Q-1" and list(caught.value.errors) == ["title_en"]
    db.session.rollback()
    assert _counts() == before


def test_resealing_keeps_a_person_protected_elsewhere_in_the_blind_index():
    """``flask keys rotate`` rebuilds the blind index by the same per-person rule as the writer."""
    person = _protected_elsewhere()
    named = factories.create_incident(victims=[{"journalist_id": person.id, "outcome": "detained"}])
    index = named.protected_search_text
    assert index
    operations.reseal_incidents(0, 100, factories.SYSTEM)
    db.session.refresh(named)
    assert named.protected_search_text == index
    db.session.rollback()
