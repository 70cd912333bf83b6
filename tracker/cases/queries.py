"""Reads of incidents shared by the API, pages, reports and the CLI."""

import json
from datetime import date

import flask
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tracker.audit.models import AuditEntry
from tracker.cases.models import Incident, IncidentViolation, Perpetrator, Victim, ViolationType
from tracker.cases.taxonomy import expand_codes, is_root, root_bits
from tracker.core import blind, paging
from tracker.core.text import like_pattern, search_terms
from tracker.extensions import db
from tracker.geo.resolver import admin1_codes
from tracker.people.models import Journalist
from tracker.people.queries import protected_people
from tracker.public.redaction import withheld_victim

_VERSION = sa.select(
    sa.select(sa.func.max(Incident.updated_at)).scalar_subquery(),
    sa.select(sa.func.max(Incident.id)).scalar_subquery(),
    sa.select(sa.func.max(Journalist.updated_at)).scalar_subquery(),
)


def data_version() -> str:
    """``data_version_now()``, read once per request."""
    in_request = flask.has_request_context()
    if in_request and "data_version" in flask.g:
        return flask.g.data_version
    value = data_version_now()
    if in_request:
        flask.g.data_version = value
    return value


def data_version_now() -> str:
    """Changes whenever anything a list, a count or a public output shows may have changed.
    Every write to an incident (its victims, sources and workflow included) sets its
    ``updated_at``, journalists have their own, and incidents are archived, never deleted: three
    index lookups (no count, which scans)."""
    # one aggregate per subquery (SQLite answers a lone max() from the index, not by a scan),
    # the three in one statement: one round trip
    last, top, people = db.session.execute(_VERSION).one()
    return f"{top or 0}-{last.timestamp() if last else 0}-{people.timestamp() if people else 0}"


def incident_conditions(filters: dict) -> list:
    """SQL conditions for the filters of DESIGN.md (the same on every listing)."""
    conditions = []
    if filters.get("year"):
        year = filters["year"]
        conditions.append(Incident.date_start.between(date(year, 1, 1), date(year, 12, 31)))
    # date_from / date_to select incidents whose period overlaps the range.
    if filters.get("date_from"):
        conditions.append(sa.func.coalesce(Incident.date_end, Incident.date_start) >= filters["date_from"])
    if filters.get("date_to"):
        conditions.append(Incident.date_start <= filters["date_to"])
    if filters.get("country"):
        conditions.append(Incident.country.in_(filters["country"]))
    if filters.get("admin1"):  # a code or a name in either language
        codes = admin1_codes(filters["admin1"], tuple(filters.get("country") or ()))
        conditions.append(Incident.admin1.in_(codes or (filters["admin1"],)))
    if filters.get("violation_type"):
        requested = filters["violation_type"]
        # Top-level codes (a parent includes its children) are a bit test on violation_mask,
        # answered from the country index; sub-types also need the exact codes.
        conditions.append(Incident.violation_mask.op("&")(root_bits(requested)) != 0)
        if not all(is_root(code) for code in requested):
            codes = expand_codes(requested)
            conditions.append(
                Incident.id.in_(
                    sa.select(IncidentViolation.incident_id).where(IncidentViolation.code.in_(codes))
                )
            )
    # "id IN (subquery)" rather than a correlated EXISTS: SQLite runs the subquery once
    # instead of once per candidate row (3x faster at 100k); PostgreSQL plans both the same.
    if filters.get("perpetrator_type"):
        types = filters["perpetrator_type"]
        conditions.append(
            Incident.id.in_(sa.select(Perpetrator.incident_id).where(Perpetrator.type.in_(types)))
        )
    if filters.get("workflow_status"):
        conditions.append(Incident.workflow_status.in_(filters["workflow_status"]))
    if filters.get("verification"):
        conditions.append(Incident.verification.in_(filters["verification"]))
    # Protected victims' names are searched only where the reader may see them (README "Roles"):
    # "all", the id of a researcher (the cases they created), or nobody (the default).
    reader = filters.get("protected_reader")
    for term in search_terms(filters.get("q")):
        pattern = like_pattern(term)
        match = Incident.search_text.like(pattern, escape="\\")
        # a protected name is found by an exact word (blind index), by any key still configured
        tokens = blind.query_tokens(term)
        protected = sa.or_(
            sa.false(), *(Incident.protected_search_text.like(like_pattern(t)) for t in tokens)
        )
        if reader == "all":
            match = sa.or_(match, protected)
        elif isinstance(reader, int):
            match = sa.or_(match, sa.and_(Incident.created_by_id == reader, protected))
        conditions.append(match)
    if filters.get("created_by_id"):
        conditions.append(Incident.created_by_id == filters["created_by_id"])
    conditions.extend(filters.get("extra_conditions") or ())  # e.g. a tag (tracker.desk.queries)
    if filters.get("id_range"):  # the cases an import created (with created_by_id: by that user)
        first, last = filters["id_range"]
        conditions.append(Incident.id.between(first, last))
    return conditions


def _sort_keys(sort: str | None) -> tuple[list, bool]:
    """The list's sort columns (the chosen one, then id to break ties) and their direction."""
    sort = sort or "-date_start"
    column = getattr(Incident, sort.lstrip("-"))
    return ([column, Incident.id] if column is not Incident.id else [column]), sort.startswith("-")


def _order_by(sort: str | None):
    keys, descending = _sort_keys(sort)
    return [key.desc() if descending else key.asc() for key in keys]


# Columns of one row of the internal list (schemas.cases.IncidentSummarySchema documents them).
SUMMARY_COLUMNS = (
    "id", "public_ref", "title_ar", "title_en", "headline_type", "date_start", "date_end",
    "date_precision", "country", "admin1", "admin2", "locality", "latitude", "longitude",
    "geo_precision", "public_geo_precision", "verification", "case_status", "workflow_status",
    "is_confidential", "version", "updated_at",
)  # fmt: skip


def countries_with_cases() -> list[str]:
    """Country codes that have at least one case (the case list's country filter puts them first)."""
    return list(db.session.scalars(sa.select(Incident.country).distinct()))


def list_incidents(filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """One page of summary rows (plain dicts, with ``violation_types``) and the total.

    The page's ids come from an index by a keyset seek (``tracker.core.paging``: a deep page
    costs what page 1 does), then only its rows are read, with their violation codes, as plain
    columns rather than ORM objects (a 50-row page is the API's hottest read). The total is
    counted once per data version and filter set. Conditions given as SQL (``extra_conditions``:
    a tag, which a tag's edit does not version) are read with a plain offset and counted each time.
    """
    conditions = incident_conditions(filters)
    # Core statements on the session's connection (same transaction), skipping the ORM layer.
    connection = db.session.connection()
    keys, descending = _sort_keys(filters.get("sort"))
    stmt = sa.select(*keys).where(*conditions).order_by(*_order_by(filters.get("sort")))
    offset = (page - 1) * page_size

    def count() -> int:  # count(*), not count(id): PostgreSQL can then answer from an index alone
        return connection.scalar(sa.select(sa.func.count()).select_from(Incident).where(*conditions))

    if filters.get("extra_conditions"):
        total, ids = count(), [row.id for row in connection.execute(stmt.offset(offset).limit(page_size))]
    else:
        key = ("incidents", data_version(), _filter_key(filters))
        total = paging.counted(key, count)
        ids = [row.id for row in paging.page_keys(stmt, keys, descending, offset, page_size, key)]
    return summary_rows(connection, ids), total


def summary_rows(connection, ids: list[int]) -> list[dict]:
    """The summary rows of ``ids``, in that order, with their ``violation_types``."""
    if not ids:
        return []
    postgres = connection.dialect.name == "postgresql"
    stmt, given = (_ROWS_OF_ARRAY, ids) if postgres else (_ROWS_OF_JSON, json.dumps(ids))
    found = {}
    for values in connection.execute(stmt, {"ids": given}).all():  # one fetch, not one per row
        row = dict(zip(SUMMARY_COLUMNS, values, strict=False))
        row["violation_types"] = sorted(values[-1].split(",")) if values[-1] else []
        found[row["id"]] = row
    return [found[i] for i in ids if i in found]


def _filter_key(filters: dict) -> str:
    return repr(sorted((k, v) for k, v in filters.items() if k not in ("page", "page_size")))


# Summary rows by id, with an incident's violation codes in one column ("F4,I1"): one statement,
# built once, whose ids are ONE parameter (an array on PostgreSQL, JSON text read by json_each on
# SQLite), so its text is the same for every page: nothing to expand and render per request,
# and PostgreSQL keeps it prepared (tracker.core.postgres).
_CODES = (
    sa.select(sa.func.aggregate_strings(IncidentViolation.code, ","))
    .where(IncidentViolation.incident_id == Incident.id)
    .scalar_subquery()
)
_SUMMARY = sa.select(*(getattr(Incident, name) for name in SUMMARY_COLUMNS), _CODES)
_ROWS_OF_ARRAY = _SUMMARY.where(Incident.id == sa.any_(sa.bindparam("ids", type_=sa.ARRAY(sa.Integer))))
_JSON_IDS = sa.func.json_each(sa.bindparam("ids", type_=sa.String)).table_valued("value")
_ROWS_OF_JSON = _SUMMARY.where(Incident.id.in_(sa.select(_JSON_IDS.c.value)))


def get_incident(incident_id: int, *, full: bool = True) -> Incident | None:
    options = []
    if full:
        options = [
            selectinload(Incident.victims).selectinload(Victim.status_events),
            selectinload(Incident.perpetrators),
            selectinload(Incident.sources),
        ]
    return db.session.get(Incident, incident_id, options=options)


def incident_by_ref(public_ref: str) -> Incident | None:
    return db.session.scalar(sa.select(Incident).where(Incident.public_ref == public_ref))


def history(incident_id: int) -> list[AuditEntry]:
    stmt = (
        sa.select(AuditEntry)
        .where(AuditEntry.entity_type == "incident", AuditEntry.entity_id == incident_id)
        .order_by(AuditEntry.id)
    )
    return list(db.session.scalars(stmt))


def workflow_counts(filters: dict | None = None) -> dict[str, int]:
    """How many incidents are in each workflow status (for the review queue's tabs)."""
    stmt = (
        sa.select(Incident.workflow_status, sa.func.count())
        .where(*incident_conditions(filters or {}))
        .group_by(Incident.workflow_status)
    )
    return dict(db.session.execute(stmt).all())


def violation_labels() -> dict[str, tuple[str, str, str | None]]:
    """code -> (English label, Arabic label, parent code), as edited by admins, in taxonomy order."""
    stmt = sa.select(
        ViolationType.code, ViolationType.label_en, ViolationType.label_ar, ViolationType.parent_code
    ).order_by(ViolationType.sort_order)
    return {code: (en, ar, parent) for code, en, ar, parent in db.session.execute(stmt).all()}


def protecting_creators(journalist_ids) -> dict[int, set]:
    """journalist id -> creators (user ids, None for imports) of the cases where that journalist
    is an identity-protected victim; a person protected with no such case now (protection stays
    with the person: ``Journalist.is_protected``) -> {None}, a creator nobody is. Journalists
    protected nowhere are left out."""
    ids = list(journalist_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(Victim.journalist_id, Incident.created_by_id)
        .join(Incident, Incident.id == Victim.incident_id)
        .where(Victim.journalist_id.in_(ids), Victim.is_identity_protected.is_(True))
    )
    found: dict[int, set] = {}
    for journalist_id, creator in rows:
        found.setdefault(journalist_id, set()).add(creator)
    for journalist_id in protected_people(ids) - set(found):
        found[journalist_id] = {None}
    return found


def protection_of(incident_ids: list[int]) -> dict[int, tuple[int | None, bool]]:
    """incident id -> (who created it, whether it has a withheld victim: protected there or a
    person protected in another case, ``redaction.withheld_victim``)."""
    if not incident_ids:
        return {}
    protects = (
        sa.select(Victim.id)
        .join(Journalist, Journalist.id == Victim.journalist_id)
        .where(Victim.incident_id == Incident.id, withheld_victim())
        .exists()
    )
    rows = db.session.execute(
        sa.select(Incident.id, Incident.created_by_id, protects).where(Incident.id.in_(incident_ids))
    )
    return {incident_id: (creator, bool(flag)) for incident_id, creator, flag in rows}


def visible_journalist_conditions(reader) -> list:
    """SQL conditions that leave out journalists whose protected identity ``reader``
    (``permissions.protected_search_reader``) may not see: even a withheld row, or a count, would
    say that someone of that name is a protected victim. Protection is per person (a protected
    person stays protected when no case flags them any more); a researcher sees a person only
    protected in cases they created (as ``visibility.journalists``)."""
    if reader == "all":
        return []
    flagged = (
        sa.select(Victim.journalist_id)
        .join(Incident, Incident.id == Victim.incident_id)
        .where(Victim.is_identity_protected.is_(True))
    )
    # the person form of ``redaction.withheld_victim``, on the journalists' own rows
    protected = sa.or_(Journalist.is_protected.is_(True), Journalist.id.in_(flagged))
    if not isinstance(reader, int):
        return [sa.not_(protected)]
    by_others = flagged.where(sa.or_(Incident.created_by_id.is_(None), Incident.created_by_id != reader))
    mine = flagged.where(Incident.created_by_id == reader)
    return [sa.or_(sa.not_(protected), sa.and_(Journalist.id.in_(mine), Journalist.id.not_in(by_others)))]
