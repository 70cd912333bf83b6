"""Export -> import into an empty database reproduces every field the tracker holds (issue 18):
the demo data set, in CSV and XLSX, on whichever database the tests run on."""

import csv
import io
import os

import pytest
import sqlalchemy as sa

from tests import factories
from tests.transfer.conftest import run
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident, Victim
from tracker.core.transaction import transaction
from tracker.demo import generator as demo
from tracker.extensions import db
from tracker.people.models import Journalist, Outlet
from tracker.public import guard
from tracker.transfer import exports, queries

TABLES = ("status_events", "victims", "sources", "perpetrators", "incident_violations", "incidents",
          "journalists", "outlets", "public_ref_counters")  # fmt: skip
PERSON = ("name_ar", "name_en", "gender", "profession", "media_type", "nationality", "is_foreign")
OUTLET = ("name_ar", "name_en", "media_type", "country")


def everything() -> dict:
    """Every incident by public reference, with its people and outlets written out, and who is
    the same person (or outlet) as whom: people are numbered in order of first appearance."""
    people = {j.id: j for j in db.session.scalars(sa.select(Journalist))}
    outlets = {o.id: o for o in db.session.scalars(sa.select(Outlet))}
    person_no: dict[int, int] = {}
    outlet_no: dict[int, int] = {}
    out = {}
    for incident in db.session.scalars(sa.select(Incident).order_by(Incident.public_ref)):
        data = case_ops.snapshot(incident)
        data["headline_type"] = incident.headline_type
        for victim in data["victims"]:
            person = people[victim.pop("journalist_id")]
            victim["person"] = person_no.setdefault(person.id, len(person_no))
            victim.update({f: getattr(person, f) for f in PERSON})
            outlet = outlets.get(person.outlet_id)
            victim["outlet"] = (
                None
                if outlet is None
                else (outlet_no.setdefault(outlet.id, len(outlet_no)), *(getattr(outlet, f) for f in OUTLET))
            )
        out[incident.public_ref] = data
    return out


def export(fmt: str) -> bytes:
    body = io.BytesIO()
    exports.write(queries.export_incidents({}), fmt, body)
    return body.getvalue()


def empty_database() -> None:
    for table in TABLES:
        db.session.execute(sa.text(f"DELETE FROM {table}"))


def unpublishable_to_verified() -> list[str]:
    """The demo generator writes a few published cases that the protected-name guard refuses to
    publish (a named victim's patronymic spells a protected co-victim's first and last name:
    «بلال جمال الأمين» beside the protected «جمال زياد الأمين»); an import rightly refuses to
    publish them too. They go back to ``verified`` before the export (their references are
    returned), so the round trip compares everything else field for field."""
    refs = []
    published = sa.select(Incident).where(Incident.workflow_status == "published")
    for incident in db.session.scalars(published.where(Incident.id.in_(
            sa.select(Victim.incident_id).where(Victim.is_identity_protected.is_(True))))):  # fmt: skip
        if guard.find_protected_names(incident):
            refs.append(incident.public_ref)
    if refs:
        db.session.execute(
            sa.update(Incident).where(Incident.public_ref.in_(refs)).values(workflow_status="verified")
        )
    db.session.expire_all()
    return refs


def round_trip(fmt: str) -> tuple[dict, dict]:
    unpublishable_to_verified()
    before = everything()
    body = export(fmt)
    empty_database()
    _report, result = run(body, f"export.{fmt}")
    assert result.created == len(before)
    db.session.expire_all()
    return before, everything()


def _same_names() -> None:
    """Two different people with one name in one incident (and one of them in a second one), an
    outlet with both names, and the fields no flat-form column held before."""
    outlet = case_ops.people_ops.create_outlet(
        {"name_ar": "قناة المهرية", "name_en": "Al-Mahriah TV", "media_type": "tv", "country": "YE"},
        factories.SYSTEM,
    )
    first = factories.create_journalist(name_ar="محمد علي", name_en="Mohammed Ali", outlet_id=outlet.id)
    second = factories.create_journalist(name_ar="محمد علي", name_en="Mohammed Ali")
    third = factories.create_journalist(name_ar="هدى", name_en=None, gender="female", nationality="LY",
                                        is_foreign=True)  # fmt: skip
    incident = factories.create_incident(
        victims=[{"journalist_id": first.id, "outcome": "detained", "is_identity_protected": True,
                  "status_events": [{"event": "detained_on", "date": "2024-03-05", "note": "نقطة تفتيش; ثم السجن"}]},
                 {"journalist_id": second.id, "outcome": "injured", "role_in_incident": "bystander"}],
        perpetrators=[{"type": "non_state_armed_group", "name_ar": "جماعة مسلحة", "name_en": "An armed group"}],
        unnamed_victims=2, date_precision="month", impunity=None, confidential_notes="ملاحظة سرية",
    )  # fmt: skip
    incident.external_ref = "LIST-2023/7"
    factories.create_incident(victims=[{"journalist_id": second.id, "outcome": "threatened"},
                                       {"journalist_id": third.id, "outcome": "threatened"}],
                              is_confidential=True, sources=[])  # fmt: skip
    db.session.commit()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_two_people_with_one_name_survive_a_round_trip(fmt):
    _same_names()
    before, after = round_trip(fmt)
    assert after == before
    (two,) = [i for i in after.values() if i["external_ref"]]
    assert two["victims"][0]["person"] != two["victims"][1]["person"]
    assert two["external_ref"] == "LIST-2023/7" and two["unnamed_victims"] == 2
    assert two["victims"][0]["outlet"][1:] == ("قناة المهرية", "Al-Mahriah TV", "tv", "YE")


def test_an_id_from_another_database_names_nobody_here():
    """A file's journalist id that is someone else here (another name) is not that person."""
    _same_names()
    rows = list(csv.DictReader(io.StringIO(export("csv").decode("utf-8-sig"))))
    empty_database()
    stranger = factories.create_journalist(name_ar="شخص آخر", name_en="Someone Else")
    rows[0]["victim_journalist_id"] = str(stranger.id)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    run(out.getvalue().encode(), "export.csv")
    db.session.expire_all()
    assert db.session.get(Journalist, stranger.id).name_ar == "شخص آخر"
    victims = [v for i in db.session.scalars(sa.select(Incident)) for v in i.victims]
    assert len(victims) == 4 and all(v.journalist_id != stranger.id for v in victims)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_small_demo_data_set_round_trips_field_for_field(fmt):
    with transaction():
        demo.load(300, seed=7)
    before, after = round_trip(fmt)
    assert after == before


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_demo_data_set_round_trips_field_for_field(fmt):
    """A demo data set large enough to hold the shapes that broke the old round trip (two people
    of one name in one incident, protected people, merged outlets). The issue's 20,000 takes the
    better part of an hour here: run it with ROUND_TRIP_SIZE=20000."""
    size = int(os.environ.get("ROUND_TRIP_SIZE", "2000"))
    with transaction():
        demo.load(size, seed=1)
    before, after = round_trip(fmt)
    assert len(after) == size
    differing = [ref for ref in before if after.get(ref) != before[ref]]
    assert not differing, (differing[:3], before[differing[0]], after.get(differing[0]))


def test_the_builder_writes_the_export_whole_or_not_at_all(tmp_path, monkeypatch):
    """``exports.build_file``: a complete file under its name, progress reported; a failure
    leaves neither a half file nor its temporary."""
    _same_names()
    target, calls = tmp_path / "export.csv", []
    count = exports.build_file(
        {}, "csv", target, progress=lambda done, total, message=None: calls.append(done)
    )
    assert count == 2 and calls == [2] and target.read_bytes() == export("csv")

    def broken(records, out):
        next(iter(records))
        raise OSError("disk full")

    monkeypatch.setattr(exports, "_csv", broken)
    with pytest.raises(OSError):
        exports.build_file({}, "csv", tmp_path / "other.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]
