"""Reads for import, duplicate detection and export."""

from collections.abc import Iterator
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tracker.cases.models import Incident, IncidentViolation, Victim
from tracker.cases.queries import incident_conditions
from tracker.core.text import normalise
from tracker.extensions import db
from tracker.people.models import Journalist, Outlet, open_names
from tracker.transfer import duplicates

CHUNK = 500


def incidents_by_ref(refs) -> dict[str, int]:
    """File reference -> id of the incident it names (by public reference or external reference)."""
    refs = list(refs)
    found = {}
    for start in range(0, len(refs), CHUNK):
        chunk = refs[start : start + CHUNK]
        rows = db.session.execute(
            sa.select(Incident.id, Incident.public_ref, Incident.external_ref).where(
                sa.or_(Incident.public_ref.in_(chunk), Incident.external_ref.in_(chunk))
            )
        )
        for incident_id, public_ref, external_ref in rows:
            found[external_ref if external_ref in chunk else public_ref] = incident_id
    return found


def journalists_by_name() -> dict[str, int]:
    """Normalised Arabic or English name -> the oldest journalist of that name (merged ones left out)."""
    rows = db.session.execute(
        sa.select(Journalist.id, Journalist.name_ar, Journalist.name_en, Journalist.seal_key)
        .where(Journalist.merged_into_id.is_(None))
        .order_by(Journalist.id.desc())
    )
    table = {}
    for journalist_id, *stored in rows:
        for name in open_names(*stored):
            if name:
                table[normalise(name)] = journalist_id
    return table


def journalists_by_id(ids) -> dict[int, tuple[set[str], int | None]]:
    """Recorded journalists among ``ids``: id -> (normalised names, the record it was merged into)."""
    ids, found = list(ids), {}
    for start in range(0, len(ids), CHUNK):
        rows = db.session.execute(
            sa.select(Journalist.id, Journalist.name_ar, Journalist.name_en, Journalist.seal_key,
                      Journalist.merged_into_id).where(Journalist.id.in_(ids[start : start + CHUNK]))
        )  # fmt: skip
        for jid, name_ar, name_en, seal_key, merged_into in rows:  # a protected person's names are sealed
            found[jid] = ({normalise(n) for n in open_names(name_ar, name_en, seal_key) if n}, merged_into)
    return found


def outlets_by_id(ids) -> dict[int, set[str]]:
    """Recorded outlets among ``ids``: id -> normalised names."""
    ids, found = list(ids), {}
    for start in range(0, len(ids), CHUNK):
        rows = db.session.execute(
            sa.select(Outlet.id, Outlet.name_ar, Outlet.name_en).where(
                Outlet.id.in_(ids[start : start + CHUNK])
            )
        )
        for oid, name_ar, name_en in rows:
            found[oid] = {normalise(n) for n in (name_ar, name_en) if n}
    return found


def outlets_by_name() -> dict[str, int]:
    rows = db.session.execute(sa.select(Outlet.id, Outlet.name_ar, Outlet.name_en).order_by(Outlet.id.desc()))
    return {normalise(name): oid for oid, ar, en in rows for name in (ar, en) if name}


def duplicate_candidates(countries, first: date, last: date) -> list[duplicates.Candidate]:
    """Stored incidents (not archived) in these countries that overlap [first, last], with their
    victims' names and their types, as duplicate candidates."""
    window = [
        Incident.country.in_(list(countries)),
        Incident.date_start <= last + _WEEK,
        sa.func.coalesce(Incident.date_end, Incident.date_start) >= first - _YEAR,
        Incident.workflow_status != "archived",
    ]
    rows = db.session.execute(
        sa.select(Incident.id, Incident.public_ref, Incident.country, Incident.admin1, Incident.date_start,
                  Incident.date_end, Incident.date_precision).where(*window)
    ).all()  # fmt: skip
    if not rows:
        return []
    ids = sa.select(Incident.id).where(*window)
    names: dict[int, list[str]] = {}
    people: dict[int, list[str]] = {}  # a journalist's names, opened once however many cases they are in
    for incident_id, journalist_id, *stored in db.session.execute(
        sa.select(Victim.incident_id, Victim.journalist_id, Journalist.name_ar, Journalist.name_en,
                  Journalist.seal_key)
        .join(Journalist, Journalist.id == Victim.journalist_id)
        .where(Victim.incident_id.in_(ids))
    ):  # fmt: skip
        if journalist_id not in people:
            people[journalist_id] = [n for n in open_names(*stored) if n]
        names.setdefault(incident_id, []).extend(people[journalist_id])
    codes: dict[int, list[str]] = {}
    for incident_id, code in db.session.execute(
        sa.select(IncidentViolation.incident_id, IncidentViolation.code).where(
            IncidentViolation.incident_id.in_(ids)
        )
    ):
        codes.setdefault(incident_id, []).append(code)
    return [
        duplicates.candidate(str(i), ref, country, admin1, start, end, precision, codes.get(i, []),
                             names.get(i, []), incident_id=i)
        for i, ref, country, admin1, start, end, precision in rows
        if i in names
    ]  # fmt: skip


_YEAR, _WEEK = timedelta(days=366), timedelta(days=7)


def incident_candidate(incident: Incident) -> duplicates.Candidate:
    names = [n for v in incident.victims for n in (v.journalist.name_ar, v.journalist.name_en) if n]
    return duplicates.candidate(
        str(incident.id), incident.public_ref, incident.country, incident.admin1, incident.date_start,
        incident.date_end, incident.date_precision, incident.violation_types, names, incident_id=incident.id,
    )  # fmt: skip


def duplicates_of(incident: Incident) -> list[duplicates.Match]:
    """Likely duplicates of a stored incident, with the reasons."""
    me = incident_candidate(incident)
    if not me.names:  # without a named victim there is nobody to compare
        return []
    index = duplicates.Index()
    for other in duplicate_candidates([incident.country], me.start, me.end):
        index.add(other)
    return index.find(me)


def _full_record():
    return (
        selectinload(Incident.perpetrators),
        selectinload(Incident.sources),
        selectinload(Incident.victims).selectinload(Victim.status_events),
    )


def incidents_loaded(ids: list[int]) -> dict[int, Incident]:
    """Incidents by id with everything an update compares, in a few queries."""
    rows = db.session.scalars(sa.select(Incident).where(Incident.id.in_(ids)).options(*_full_record()))
    return {incident.id: incident for incident in rows}


def export_incidents(filters: dict, extra_conditions=(), progress=None) -> Iterator[Incident]:
    """Every incident matching the case list's filters, oldest first, loaded in chunks; each chunk
    leaves the session once written (memory stays flat however many there are). ``progress``:
    called with (done, total) after each chunk."""
    conditions = [*incident_conditions(filters), *extra_conditions]
    ids = db.session.scalars(
        sa.select(Incident.id).where(*conditions).order_by(Incident.date_start, Incident.id)
    ).all()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = db.session.scalars(
            sa.select(Incident)
            .where(Incident.id.in_(chunk))
            .order_by(Incident.date_start, Incident.id)
            .options(*_full_record())
        ).all()
        yield from rows
        for incident in rows:  # victims, sources, perpetrators and timelines go with it (cascade)
            db.session.expunge(incident)
        if progress is not None:
            progress(start + len(chunk), len(ids))
