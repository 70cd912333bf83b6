"""Likely duplicates (same person, overlapping dates, same place, shared types) and merging them."""

import sqlalchemy as sa

from tests import factories
from tests.transfer.conftest import check
from tracker.audit.models import AuditEntry
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident, Victim
from tracker.extensions import db
from tracker.people.models import Journalist
from tracker.transfer.queries import duplicates_of

HEADER = "incident_ref,title_en,violation_types,date_start,date_precision,country,admin1,victim_name_en,victim_outcome\n"


def _stored(**over):
    data = dict(
        title_ar="اعتقال سامي الحداد", date_start="2024-03-05", admin1="مأرب", violation_types=["F4"],
        victims=[{"journalist": {"name_ar": "سامي الحداد"}, "outcome": "detained",
                  "status_events": [{"event": "detained_on", "date": "2024-03-05"}]}],
    )  # fmt: skip
    data.update(over)
    return factories.create_incident(**data)


def test_spelling_variants_of_the_same_name_and_date_are_found():
    stored = _stored()
    rows = [
        "A,Sami al-Haddad detained,F4.1,2024-03-05,day,YE,مأرب,Samy El Hadad,detained",  # same, Latin spelling
        "B,Detention in March,F4,2024-03-01,month,YE,مأرب,Sami Alhaddad,detained",  # month contains the day
        "C,Other year,F4,2023-03-05,day,YE,مأرب,Sami al-Haddad,detained",  # different date
        "D,Other governorate,F4,2024-03-05,day,YE,عدن,Sami al-Haddad,detained",  # different governorate
        "E,Threat only,I3,2024-03-05,day,YE,مأرب,Sami al-Haddad,threatened",  # no shared type
        "F,Someone else,F4,2024-03-05,day,YE,مأرب,Salem Haddad,detained",  # another person
    ]
    report = check((HEADER + "\n".join(rows) + "\n").encode())
    assert report.ok, report.errors
    found = {(d.ref, d.other) for d in report.duplicates}
    assert (("A", stored.public_ref) in found) and (("B", stored.public_ref) in found)
    assert ("B", "A") in found  # duplicates within the file too
    assert not {ref for ref, _other in found} & {"C", "D", "E", "F"}
    reasons = dict(next(d for d in report.duplicates if d.ref == "A").reasons)
    assert reasons["journalist"] == f"Samy El Hadad ~ {'سامي الحداد'}" and reasons["types"] == "F4"


def test_a_saved_case_finds_its_duplicates_with_reasons():
    first = _stored()
    second = _stored(date_start="2024-03-06", date_precision="week",
                     victims=[{"journalist": {"name_en": "Sami Al-Haddad"}, "outcome": "detained"}])  # fmt: skip
    other = _stored(
        country="LY", admin1=None, locality=None, latitude=None, longitude=None, geo_precision=None
    )
    matches = duplicates_of(second)
    assert [m.other.incident_id for m in matches] == [first.id]
    assert [code for code, _detail in matches[0].reasons] == ["journalist", "dates", "place", "types"]
    assert other.id not in [m.other.incident_id for m in duplicates_of(first)]


def test_merging_two_incidents_keeps_victims_sources_and_history(users):
    keep = _stored(sources=[{"url": "https://example.org/a"}])
    other = _stored(
        title_en="Marib reporter held", summary_en="More detail.", violation_types=["I1"],
        sources=[{"url": "https://example.org/a"}, {"url": "https://example.org/b", "is_internal": True}],
        victims=[{"journalist": {"name_ar": "سامي الحداد 2"}, "outcome": "tortured",
                  "status_events": [{"event": "released_on", "date": "2024-04-01"}]}],
    )  # fmt: skip
    other_victim = other.victims[0].id
    case_ops.merge_incidents(keep, other, factories.Actor(users["editor"], "web"))
    db.session.commit()
    db.session.expire_all()
    keep, other = db.session.get(Incident, keep.id), db.session.get(Incident, other.id)
    assert keep.violation_types == ["F4", "I1"] and keep.summary_en == "More detail."
    assert [s.url for s in keep.sources] == ["https://example.org/a", "https://example.org/b"]
    assert keep.sources[1].is_internal
    assert other_victim in [v.id for v in keep.victims]  # the same row, timeline included
    assert db.session.get(Victim, other_victim).status_events[0].event == "released_on"
    assert other.workflow_status == "archived" and other.victims == []
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "merge")).all()
    assert sorted(e.entity_id for e in entries) == sorted([keep.id, other.id])
    assert all(e.note == f"{other.public_ref} → {keep.public_ref}" for e in entries)
    history = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.entity_id == other.id,
                                                                     AuditEntry.entity_type == "incident")).all()  # fmt: skip
    assert history[0] == "create" and history[-1] == "merge"


def test_merging_two_journalists_moves_every_victim_record(users):
    a = factories.create_journalist(name_ar="سامي الحداد", name_en=None, profession=None)
    b = factories.create_journalist(name_ar=None, name_en="Sami al-Haddad", profession="photographer")
    one = _stored(victims=[{"journalist_id": a.id, "outcome": "detained"}])
    two = _stored(date_start="2023-01-01", victims=[{"journalist_id": b.id, "outcome": "injured"}])
    both = _stored(date_start="2022-01-01", victims=[
        {"journalist_id": a.id, "outcome": "detained", "status_events": [{"event": "detained_on", "date": "2022-01-01"}]},
        {"journalist_id": b.id, "outcome": "detained", "status_events": [{"event": "released_on", "date": "2022-02-01"}]},
    ])  # fmt: skip
    case_ops.merge_journalists(a, b, factories.Actor(users["editor"], "web"))
    db.session.commit()
    db.session.expire_all()
    a, b = db.session.get(Journalist, a.id), db.session.get(Journalist, b.id)
    assert (a.name_en, a.profession, b.merged_into_id) == ("Sami al-Haddad", "photographer", a.id)
    for incident_id in (one.id, two.id):
        assert [v.journalist_id for v in db.session.get(Incident, incident_id).victims] == [a.id]
    (victim,) = db.session.get(Incident, both.id).victims
    assert [e.event for e in victim.status_events] == ["detained_on", "released_on"]
    merges = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "merge")).all()
    assert {(e.entity_type, e.entity_id) for e in merges} >= {("journalist", a.id), ("journalist", b.id),
                                                              ("incident", both.id), ("incident", two.id)}  # fmt: skip


def test_only_editors_merge(users):
    import pytest

    from tracker.core.exceptions import NotAllowed

    keep, other = _stored(), _stored()
    with pytest.raises(NotAllowed):
        case_ops.merge_incidents(keep, other, factories.Actor(users["researcher"], "web"))


def test_a_duplicates_reasons_are_shown_in_the_readers_words():
    from flask_babel import force_locale

    from tracker.transfer.report_text import reason_detail

    with force_locale("ar"):
        place = reason_detail("place", "YE / YE-SA")
        assert place.startswith("اليمن / ") and "YE" not in place
        assert "F1" not in reason_detail("types", "F1, F4") and "،" in reason_detail("types", "F1, F4")
    with force_locale("en"):
        assert reason_detail("place", "LY") == "Libya"
        assert reason_detail("types", "F4") == "Arbitrary arrest / detention"
