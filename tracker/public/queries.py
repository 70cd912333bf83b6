"""Reads for every public output. Each one starts from ``public_conditions`` (published, not
confidential) and turns rows into records with ``tracker.public.redaction`` only."""

import re
from datetime import date
from types import SimpleNamespace

import flask
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tracker.cases.models import Incident, IncidentViolation, Perpetrator, Source, Victim
from tracker.cases.queries import data_version, data_version_now, incident_conditions
from tracker.cases.taxonomy import VIOLATION_CODES
from tracker.core import paging
from tracker.core.kept import Kept
from tracker.core.vocab import COUNTRY_CODES, PERPETRATOR_TYPES
from tracker.evidence.models import Attachment
from tracker.extensions import db
from tracker.geo import gazetteer
from tracker.geo.coarsen import public_point
from tracker.maps.groups import GROUPS, group_roots
from tracker.people.models import Journalist, open_names
from tracker.public import guard, redaction
from tracker.public.formats import compact_json

YEAR_RANGE = (1900, 2999)


class BadFilter(ValueError):
    pass


def _year(value: str | None, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except ValueError:
        raise BadFilter(name) from None
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise BadFilter(name)
    return year


def _many(args, name: str, allowed, upper: bool = False) -> list[str]:
    values = []
    for raw in args.getlist(name):
        for value in raw.split(","):
            value = value.strip().upper() if upper else value.strip()
            if not value:
                continue
            if value not in allowed:
                raise BadFilter(name)
            values.append(value)
    return sorted(set(values))


def parse_filters(args) -> dict:
    """Public filters from a query string (``year_from``, ``year_to``, ``group``, ``violation_type``,
    ``country``, ``perpetrator_type``; lists comma-separated or repeated). BadFilter if invalid."""
    filters = {
        "year_from": _year(args.get("year_from"), "year_from"),
        "year_to": _year(args.get("year_to"), "year_to"),
        "group": _many(args, "group", GROUPS),
        "violation_type": _many(args, "violation_type", VIOLATION_CODES, upper=True),
        "country": _many(args, "country", COUNTRY_CODES, upper=True),
        "perpetrator_type": _many(args, "perpetrator_type", PERPETRATOR_TYPES),
    }
    return {key: value for key, value in filters.items() if value}


def filter_key(filters: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in filters.items()))


def public_conditions(filters: dict | None = None) -> list:
    filters = filters or {}
    conditions = redaction.public_incident_conditions()
    if filters.get("year_from"):
        conditions.append(Incident.date_start >= date(filters["year_from"], 1, 1))
    if filters.get("year_to"):
        conditions.append(Incident.date_start <= date(filters["year_to"], 12, 31))
    shared = {k: filters.get(k) for k in ("country", "perpetrator_type")}
    types = list(filters.get("violation_type") or [])
    if filters.get("group"):
        # a group is "any of its top-level types": one bit test on violation_mask
        roots = [code for group in filters["group"] for code in group_roots(group)]
        conditions.extend(incident_conditions({"violation_type": roots}))
    if types:
        shared["violation_type"] = types
    conditions.extend(incident_conditions(shared))
    return conditions


def fingerprint() -> str:
    """``fingerprint_now()``, read once per request."""
    return data_version()


def fingerprint_now() -> str:
    """Changes whenever anything a public output shows may have changed
    (``tracker.cases.queries.data_version_now``)."""
    return data_version_now()


def protected_names(incident_ids) -> dict[int, list[str]]:
    """Incident id -> the names of its protected victims, for outputs that print stored titles
    without a whole record (map popups), so they can mask them (``redaction.mask_text``)."""
    names: dict[int, list[str]] = {}
    if not incident_ids:
        return names
    stmt = (
        sa.select(Victim.incident_id, Journalist.name_ar, Journalist.name_en, Journalist.seal_key)
        .join(Journalist, Journalist.id == Victim.journalist_id)
        .where(Victim.incident_id.in_(list(incident_ids)), redaction.withheld_victim())
    )
    for incident_id, *stored in db.session.execute(stmt):
        names.setdefault(incident_id, []).extend(n for n in open_names(*stored) if n)
    return names


def _with_details(stmt):
    return stmt.options(
        selectinload(Incident.victims).joinedload(Victim.journalist),
        selectinload(Incident.perpetrators),
        selectinload(Incident.sources),
    )


def naming_protected_elsewhere(progress=None, batch: int = 500) -> list[tuple[str, list[str]]]:
    """(public reference, fields) of each public case whose public texts name a person protected
    in another case (``guard.find_registry_names``): cases published before that rule was
    enforced, or that name a person protected since. ``progress(done, total)`` after each batch."""
    ids = db.session.scalars(sa.select(Incident.id).where(*public_conditions()).order_by(Incident.id)).all()
    found = []
    with guard.registry_pinned():
        for start in range(0, len(ids), batch):
            stmt = sa.select(Incident).where(Incident.id.in_(ids[start : start + batch]))
            for incident in db.session.scalars(
                _with_details(stmt).options(selectinload(Incident.victims).selectinload(Victim.status_events))
            ):
                if matches := guard.find_registry_names(incident):
                    found.append((incident.public_ref, [m.field for m in matches]))
            db.session.expunge_all()  # a batch at a time in memory
            if progress is not None:
                progress(min(start + batch, len(ids)), len(ids))
    return found


def records(incidents) -> list[dict]:
    g = gazetteer.get() if incidents else None
    return [redaction.public_record(i, public_point(i, g)) for i in incidents]


# --- the public list: pages by number or by keyset, counted at a bounded cost -------------------

COUNT_EXACT_UP_TO = 10_000  # above: an estimate, labelled as such (config PUBLIC_COUNT_EXACT_UP_TO)
_CURSOR = re.compile(r"^(\d{4}-\d{2}-\d{2})\.(\d{1,18})$")


def _in_list_order(filters: dict, *columns):
    """The public incidents of ``filters`` in the list's order (newest first), as index columns
    only: the covering indexes of migration 0021 answer it without reading the table."""
    columns = columns or (Incident.id, Incident.date_start)
    return sa.select(*columns).where(*public_conditions(filters)).order_by(Incident.date_start.desc(),
                                                                             Incident.id.desc())  # fmt: skip


def encode_cursor(date_start: date, incident_id: int) -> str:
    """Where a page ends: ``<date>.<id>`` of its last incident (``?after=`` resumes after it)."""
    return f"{date_start.isoformat()}.{incident_id}"


def decode_cursor(text: str) -> tuple[date, int]:
    match = _CURSOR.match(text or "")
    try:
        return date.fromisoformat(match.group(1)), int(match.group(2))
    except (AttributeError, ValueError):
        raise BadFilter("after") from None


def _records_of(rows, page_size: int, kept_under: str | None) -> tuple[list[str], str | None]:
    """The records of the first ``page_size`` (id, date) rows, as JSON texts in that order
    (``record_texts``), and the cursor after them when more follow (``rows`` holds one row
    more than a page when there is more)."""
    page = record_texts([row.id for row in rows[:page_size]], kept_under)
    more = len(rows) > page_size
    return page, (encode_cursor(rows[page_size - 1].date_start, rows[page_size - 1].id) if more else None)


RECORDS_KEPT = 4096  # public records kept per process, as JSON texts (3.5 KB or so each in memory)
_kept = Kept(RECORDS_KEPT)


def record_texts(ids: list[int], kept_under: str | None = None) -> list[str]:
    """The public records (``compact_json``) of those of ``ids`` that are public, in that order.

    With ``kept_under``, the version of the public answers (``tracker.maps.prepared.http_version``,
    moved after the commit of every change of public data), each record is kept in this process
    under it and the data version (``fingerprint``, which moves with every write, whoever makes
    it), and is built again only when either moves: a record is built once per version, however
    many pages, filters and queries show it. The versions are read before the records: what is
    kept under them is never older than they are."""
    key = (kept_under, fingerprint()) if kept_under is not None else None
    texts = {}
    if key is not None:
        texts = {k[-1]: text for k, text in _kept.found([(*key, i) for i in ids]).items()}
    missing = [i for i in ids if i not in texts]
    if missing:  # the public rule again, on each row: these records are read by id
        found = {row.id: row for row in db.session.execute(_BY_ID, {"ids": missing})
                 if redaction.is_public(row.workflow_status, row.is_confidential)}  # fmt: skip
        rows = [found[i] for i in missing if i in found]
        built = {
            row.id: compact_json(record)
            for row, record in zip(rows, _build(rows, gazetteer.get()), strict=True)
        }
        if key is not None:
            _kept.keep({(*key, i): text for i, text in built.items()})
        texts.update(built)
    return [texts[i] for i in ids if i in texts]


def forget() -> None:
    """Drop the records kept in this process (tests: a rollback takes data back to a version)."""
    _kept.clear()


def page_of_records(
    filters: dict, page: int, page_size: int, kept_under: str | None = None
) -> tuple[list[str], str | None]:
    """Page ``page``: its ids are read from the index by a keyset seek from the nearest
    remembered position (``tracker.core.paging``: page 1,000 costs what page 1 does), then only
    its own records are built or taken from those kept (``record_texts``). Returns (records as
    JSON texts, cursor of the next page)."""
    rows = paging.page_keys(
        _in_list_order(filters), (Incident.date_start, Incident.id), True, (page - 1) * page_size,
        page_size + 1, ("public", fingerprint(), filter_key(filters)),
    )  # fmt: skip
    return _records_of(rows, page_size, kept_under)


def page_after(
    filters: dict, after: tuple[date, int], page_size: int, kept_under: str | None = None
) -> tuple[list[str], str | None]:
    """The page that follows the incident ``after`` (date, id) in the list's order: a keyset
    page costs the same wherever it is in the list. As ``page_of_records``."""
    stmt = _in_list_order(filters).where(sa.tuple_(Incident.date_start, Incident.id) < sa.tuple_(*after))
    return _records_of(db.session.execute(stmt.limit(page_size + 1)).all(), page_size, kept_under)


def count_public(filters: dict) -> tuple[int, bool]:
    """How many public incidents ``filters`` selects, and whether that is an estimate. Exact up to
    ``PUBLIC_COUNT_EXACT_UP_TO`` (a count of at most that many index entries); above it, an
    estimate from the dates: the share of the filtered period the first entries cover. Kept per
    data version (``fingerprint``), so a list's pages share one count."""
    cap = int(flask.current_app.config.get("PUBLIC_COUNT_EXACT_UP_TO", COUNT_EXACT_UP_TO))
    return paging.counted(
        ("public", fingerprint(), filter_key(filters), cap), lambda: _count_public(filters, cap)
    )


def _count_public(filters: dict, cap: int) -> tuple[int, bool]:
    dates = _in_list_order(filters, Incident.date_start)
    at_cap = db.session.scalar(dates.offset(cap).limit(1))
    if at_cap is None:
        capped = dates.limit(cap + 1).subquery()
        return db.session.scalar(sa.select(sa.func.count()).select_from(capped)), False
    newest = db.session.scalar(dates.limit(1))
    oldest = db.session.scalar(
        sa.select(Incident.date_start)
        .where(*public_conditions(filters))
        .order_by(Incident.date_start)
        .limit(1)
    )
    covered = (newest - at_cap).days + 1  # the first ``cap`` incidents span these days
    estimate = cap * ((newest - oldest).days + 1) / covered
    return max(cap + 1, int(float(f"{estimate:.3g}"))), True


def count(filters: dict) -> int:
    """The exact number of public incidents of ``filters`` (statistics, tests: not the list)."""
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Incident).where(*public_conditions(filters))
    )


# --- every public record, streamed: columns read with SQLAlchemy Core, never ORM objects ----------

_INCIDENT_COLUMNS = ("id", "public_ref", "title_ar", "title_en", "summary_ar", "summary_en", "headline_type",
                     "date_start", "date_end", "date_precision", "country", "admin2", "locality",
                     "public_precision", "public_latitude", "public_longitude", "public_admin1", "unnamed_victims",
                     "verification", "case_status", "impunity", "workflow_status", "is_confidential")  # fmt: skip


def _columns() -> list:
    return [getattr(Incident, c) for c in _INCIDENT_COLUMNS]


class _Row(SimpleNamespace):
    """An incident, victim, journalist, perpetrator or source read as plain columns: what
    ``redaction.public_record`` reads of the ORM objects, for a fraction of their cost."""

    @property
    def name(self):  # a perpetrator's name, as Perpetrator.name
        return self.name_ar or self.name_en


# The statements of a set of incidents' rows, made once: their ids are one expanding parameter
# (``ids``), not a literal per id to coerce, compile into the statement's cache key and bind.
_IDS = sa.bindparam("ids", expanding=True)
_CODES = (
    sa.select(IncidentViolation.incident_id, IncidentViolation.code)
    .where(IncidentViolation.incident_id.in_(_IDS))
    .order_by(IncidentViolation.incident_id, IncidentViolation.code)
)
_PERPETRATORS = (
    sa.select(Perpetrator.incident_id, Perpetrator.type, Perpetrator.name_ar, Perpetrator.name_en)
    .where(Perpetrator.incident_id.in_(_IDS))
    .order_by(Perpetrator.incident_id, Perpetrator.position, Perpetrator.id)
)
_VICTIMS = (
    sa.select(Victim.incident_id, Victim.outcome, Victim.role_in_incident, Victim.is_identity_protected,
              Journalist.name_ar, Journalist.name_en, Journalist.seal_key, Journalist.gender,
              Journalist.profession, Journalist.is_protected)
    .join(Journalist, Journalist.id == Victim.journalist_id)
    .where(Victim.incident_id.in_(_IDS))
    .order_by(Victim.incident_id, Victim.position, Victim.id)
)  # fmt: skip
_SOURCES = (
    sa.select(Source.incident_id, Source.url, Source.title, Source.publisher, Source.published_on,
              Source.is_internal)
    .where(Source.incident_id.in_(_IDS), Source.is_internal.is_(False))
    .order_by(Source.incident_id, Source.position, Source.id)
)  # fmt: skip


# The incident rows (``_columns``) of ``ids``, by primary key. The public conditions are checked
# on the rows read, not in SQL: given them, SQLite picks an index of the public list over the key
# and walks every published incident for a page of fifty.
_BY_ID = sa.select(*_columns()).where(Incident.id.in_(_IDS))


def _children(ids: list[int]) -> dict[str, dict[int, list]]:
    """Violation codes, perpetrators, victims (with their journalist) and sources of ``ids``, in
    the order the ORM relationships give them."""
    found: dict[str, dict[int, list]] = {k: {} for k in ("codes", "perpetrators", "victims", "sources")}
    if not ids:
        return found
    given = {"ids": ids}
    for incident_id, code in db.session.execute(_CODES, given):
        found["codes"].setdefault(incident_id, []).append(code)
    for row in db.session.execute(_PERPETRATORS, given):
        found["perpetrators"].setdefault(row.incident_id, []).append(_Row(**row._mapping))
    for row in db.session.execute(_VICTIMS, given):
        # names opened: a protected person's are stored sealed, and masking needs them in clear
        name_ar, name_en = open_names(row.name_ar, row.name_en, row.seal_key)
        person = _Row(
            name_ar=name_ar,
            name_en=name_en,
            gender=row.gender,
            profession=row.profession,
            is_protected=row.is_protected,
        )
        found["victims"].setdefault(row.incident_id, []).append(
            _Row(journalist=person, outcome=row.outcome, role_in_incident=row.role_in_incident,
                 is_identity_protected=row.is_identity_protected)
        )  # fmt: skip
    for row in db.session.execute(_SOURCES, given):
        found["sources"].setdefault(row.incident_id, []).append(_Row(**row._mapping))
    return found


def iter_records(filters: dict, chunk: int = 1000, only_ids=None):
    """Every public record for ``filters``, newest first, read in chunks by a keyset on (date, id):
    memory stays flat however many there are, and no ORM object is built. ``only_ids``: leave
    out incidents not in this set (a file holds what it registered, nothing published since)."""
    last = None
    g = gazetteer.get()
    while True:
        stmt = sa.select(*_columns()).where(*public_conditions(filters))
        if last is not None:
            stmt = stmt.where(sa.tuple_(Incident.date_start, Incident.id) < sa.tuple_(*last))
        rows = db.session.execute(
            stmt.order_by(Incident.date_start.desc(), Incident.id.desc()).limit(chunk)
        ).all()
        if not rows:
            return
        last = (rows[-1].date_start, rows[-1].id)
        if only_ids is not None:
            rows = [row for row in rows if row.id in only_ids]
        yield from _build(rows, g)


def _build(rows, g):
    """Public records of incident rows (``_columns``), in their order, by the one public path."""
    children = _children([row.id for row in rows])
    for row in rows:
        incident = _Row(**row._mapping, violation_types=children["codes"].get(row.id, []),
                        perpetrators=children["perpetrators"].get(row.id, []),
                        victims=children["victims"].get(row.id, []), sources=children["sources"].get(row.id, []))  # fmt: skip
        yield redaction.public_record(incident, public_point(incident, g))


def public_incident(public_ref: str) -> dict | None:
    stmt = sa.select(Incident).where(Incident.public_ref == public_ref, *public_conditions())
    incident = db.session.scalars(_with_details(stmt)).first()
    return records([incident])[0] if incident else None


def newest(limit: int = 50) -> list[tuple[dict, object]]:
    """The most recently published or updated public incidents, with their update time."""
    stmt = sa.select(Incident).where(*public_conditions()).order_by(Incident.updated_at.desc()).limit(limit)
    incidents = db.session.scalars(_with_details(stmt)).all()
    return [(record, i.updated_at) for record, i in zip(records(incidents), incidents, strict=True)]


def year_bounds() -> tuple[int, int] | None:
    """First and last year of the public incidents (read when public data is prepared)."""
    first, last = db.session.execute(
        sa.select(sa.func.min(Incident.date_start), sa.func.max(Incident.date_start)).where(
            *public_conditions()
        )
    ).one()
    return (first.year, last.year) if first else None


def countries() -> list[str]:
    """Countries of the public incidents (read when public data is prepared)."""
    stmt = sa.select(Incident.country).where(*public_conditions()).distinct().order_by(Incident.country)
    return list(db.session.scalars(stmt))


def public_ids(filters: dict | None = None) -> list[int]:
    """Ids of the public incidents of ``filters`` (what a public file built now holds)."""
    return list(db.session.scalars(sa.select(Incident.id).where(*public_conditions(filters))))


def public_evidence(public_ref: str) -> list[dict]:
    """The public copies of a public incident's evidence (``redaction.public_evidence``)."""
    stmt = (
        sa.select(Attachment).join(Incident, Attachment.incident_id == Incident.id)
        .where(Incident.public_ref == public_ref, *redaction.public_evidence_conditions())
        .order_by(Attachment.id)
    )  # fmt: skip
    return [redaction.public_evidence(a) for a in db.session.scalars(stmt)]


def public_evidence_copy(attachment_id: int) -> dict | None:
    """The public form of one attachment, or None when the public may not receive it."""
    stmt = sa.select(Attachment).where(
        Attachment.id == attachment_id, *redaction.public_evidence_conditions()
    )
    found = db.session.scalars(stmt).first()
    return redaction.public_evidence(found) if found else None
