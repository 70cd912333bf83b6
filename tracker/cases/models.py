"""Incidents and everything hanging off them, the violation taxonomy and the audit trail."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.core import sealed
from tracker.core.db import UTCDateTime, enum_check, utcnow
from tracker.core.vocab import (
    CASE_STATUS,
    DATE_PRECISIONS,
    GEO_PRECISION_ORDER,
    GEO_PRECISIONS,
    IMPUNITY,
    OUTCOMES,
    PERPETRATOR_TYPES,
    ROLES_IN_INCIDENT,
    STATUS_EVENTS,
    VERIFICATION,
    WORKFLOW_STATUS,
)
from tracker.extensions import db
from tracker.people.models import Journalist


class ViolationType(db.Model):
    """Taxonomy entry. ``code`` is fixed forever; labels may be edited."""

    __tablename__ = "violation_types"

    code: Mapped[str] = mapped_column(sa.String(10), primary_key=True)
    parent_code: Mapped[str | None] = mapped_column(sa.ForeignKey("violation_types.code"))
    label_en: Mapped[str] = mapped_column(sa.String(200))
    label_ar: Mapped[str] = mapped_column(sa.String(200))
    sdg_group: Mapped[str] = mapped_column(sa.String(30))
    severity: Mapped[int]  # lower is more serious (SDG 16.10.1 rank, then taxonomy order)
    sort_order: Mapped[int]


def _rank(column: str) -> str:
    """SQL: the rank of a precision column (0 = exact ... 4 = country)."""
    whens = " ".join(f"WHEN '{p}' THEN {n}" for n, p in enumerate(GEO_PRECISION_ORDER))
    return f"(CASE {column} {whens} END)"


class Incident(db.Model):
    __tablename__ = "incidents"
    __table_args__ = (
        sa.CheckConstraint("COALESCE(title_ar, '') <> '' OR COALESCE(title_en, '') <> ''", name="has_title"),
        sa.CheckConstraint("date_end IS NULL OR date_end >= date_start", name="date_order"),
        sa.CheckConstraint("latitude IS NULL OR (latitude BETWEEN -90 AND 90)", name="latitude_range"),
        sa.CheckConstraint("longitude IS NULL OR (longitude BETWEEN -180 AND 180)", name="longitude_range"),
        sa.CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name="point_complete"),
        sa.CheckConstraint("version >= 1", name="version_positive"),
        sa.CheckConstraint("unnamed_victims >= 0", name="unnamed_victims_positive"),
        enum_check("date_precision", DATE_PRECISIONS),
        enum_check("geo_precision", GEO_PRECISIONS, nullable=True),
        enum_check("public_geo_precision", GEO_PRECISIONS),
        enum_check("verification", VERIFICATION),
        enum_check("case_status", CASE_STATUS),
        enum_check("impunity", IMPUNITY, nullable=True),
        enum_check("workflow_status", WORKFLOW_STATUS),
        # The precision rule, held by the database whatever the writer: the public never sees a
        # place finer than recorded, nor finer than the case allows.
        sa.CheckConstraint(
            f"geo_precision IS NULL OR {_rank('public_geo_precision')} >= {_rank('geo_precision')}",
            name="public_not_finer_than_recorded",
        ),
        enum_check("public_precision", GEO_PRECISIONS, nullable=True),
        sa.CheckConstraint(
            f"public_precision IS NULL OR {_rank('public_precision')} >= {_rank('public_geo_precision')}",
            name="public_point_not_finer_than_allowed",
        ),
        sa.CheckConstraint(
            "(public_latitude IS NULL) = (public_longitude IS NULL) "
            "AND (public_latitude IS NULL) = (public_precision IS NULL)",
            name="public_point_complete",
        ),
        sa.CheckConstraint(
            "public_admin1 IS NULL OR public_precision <> 'country'", name="public_admin1_below_country"
        ),
        # id and violation_mask included so that lists filtered by country (and type) are
        # counted from the index alone.
        sa.Index("ix_incidents_country_date_start_id", "country", "date_start", "id", "violation_mask"),
        # The lists' default order, for a keyset seek on (date, id) from the index alone (0023).
        sa.Index("ix_incidents_date_start_id", "date_start", "id"),
        # The public list, its keyset pages and its count, read from the index alone (the public
        # conditions, the list's order, then the public filters): migration 0021. The first also
        # serves what (workflow_status, date_start) served.
        sa.Index(
            "ix_incidents_public_date",
            "workflow_status",
            "date_start",
            "id",
            "is_confidential",
            "violation_mask",
            "country",
        ),
        sa.Index(
            "ix_incidents_public_country",
            "workflow_status",
            "country",
            "date_start",
            "id",
            "is_confidential",
            "violation_mask",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_ref: Mapped[str] = mapped_column(sa.String(20), unique=True)
    # The reference of an imported file, when it was not a public reference (re-imports match it).
    external_ref: Mapped[str | None] = mapped_column(sa.String(100), unique=True)
    title_ar: Mapped[str | None] = mapped_column(sa.String(500))
    title_en: Mapped[str | None] = mapped_column(sa.String(500))
    summary_ar: Mapped[str | None] = mapped_column(sa.Text)
    summary_en: Mapped[str | None] = mapped_column(sa.Text)
    # Derived from violation types by operations (SDG 16.10.1 ranking); stored for filters/stats.
    headline_type: Mapped[str | None] = mapped_column(sa.ForeignKey("violation_types.code"), index=True)
    # Derived too: one bit per top-level type present (tracker.cases.taxonomy.root_bits).
    violation_mask: Mapped[int] = mapped_column(default=0, server_default=sa.text("0"))

    date_start: Mapped[date] = mapped_column()
    date_end: Mapped[date | None]
    date_precision: Mapped[str] = mapped_column(sa.String(5), default="day")

    country: Mapped[str] = mapped_column(sa.String(2))
    # A gazetteer code (ISO 3166-2 where one exists, e.g. YE-MA); names come from the gazetteer.
    admin1: Mapped[str | None] = mapped_column(sa.String(20), index=True)
    # A governorate as written in data from before codes, when it matched no gazetteer entry
    # (staff see it and choose the governorate; never used by statistics or public outputs).
    admin1_unmatched: Mapped[str | None] = mapped_column(sa.String(200))
    admin2: Mapped[str | None] = mapped_column(sa.String(200))
    locality: Mapped[str | None] = mapped_column(sa.String(200))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    geo_precision: Mapped[str | None] = mapped_column(sa.String(8))
    public_geo_precision: Mapped[str] = mapped_column(sa.String(8), default="admin1")
    geonames_id: Mapped[int | None]
    geocode_source: Mapped[str | None] = mapped_column(sa.String(50))
    # Derived by tracker.cases.derive when written; every public output reads these.
    public_precision: Mapped[str | None] = mapped_column(sa.String(8))
    public_latitude: Mapped[float | None]
    public_longitude: Mapped[float | None]
    public_admin1: Mapped[str | None] = mapped_column(sa.String(20), index=True)

    verification: Mapped[str] = mapped_column(sa.String(10), default="unverified")
    case_status: Mapped[str] = mapped_column(sa.String(7), default="unknown")
    impunity: Mapped[str | None] = mapped_column(sa.String(12))
    workflow_status: Mapped[str] = mapped_column(sa.String(9), default="draft")
    is_confidential: Mapped[bool] = mapped_column(default=False)
    # Victims a monitor counted but did not name ("a journalist", "3 journalists"): counted in the
    # statistics as victims, never journalists of the list (README "Counting").
    unnamed_victims: Mapped[int] = mapped_column(default=0, server_default=sa.text("0"))
    # Stored sealed (tracker.core.sealed): read and written in clear through the ORM.
    confidential_notes: Mapped[str | None] = mapped_column(sa.Text)
    # The row's part of the binding of its sealed values (made when first sealed).
    seal_key: Mapped[str | None] = mapped_column(sa.String(32))

    # Normalised text of titles, summaries, places and victim names (internal search only).
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    # Identity-protected victims' names as a keyed blind index (tracker.core.blind), never in
    # clear: searched (exact words) only for readers who may see them.
    protected_search_text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # who last moved the case to verified (the two-person rule: they may not publish it)
    verified_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    violation_links: Mapped[list["IncidentViolation"]] = relationship(
        cascade="all, delete-orphan", order_by="IncidentViolation.code", lazy="selectin"
    )
    perpetrators: Mapped[list["Perpetrator"]] = relationship(
        cascade="all, delete-orphan", order_by="Perpetrator.position"
    )
    sources: Mapped[list["Source"]] = relationship(cascade="all, delete-orphan", order_by="Source.position")
    victims: Mapped[list["Victim"]] = relationship(
        cascade="all, delete-orphan", order_by="Victim.position", back_populates="incident"
    )
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    # A stale write raises StaleDataError: the UPDATE carries "WHERE version = <read version>".
    __mapper_args__ = {"version_id_col": version}

    @property
    def violation_types(self) -> list[str]:
        return [link.code for link in self.violation_links]

    def __repr__(self) -> str:
        return f"<Incident {self.id} {self.public_ref}>"


class IncidentViolation(db.Model):
    __tablename__ = "incident_violations"
    __table_args__ = (sa.Index("ix_incident_violations_code_incident_id", "code", "incident_id"),)

    incident_id: Mapped[int] = mapped_column(
        sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(sa.ForeignKey("violation_types.code"), primary_key=True)


class Perpetrator(db.Model):
    __tablename__ = "perpetrators"
    __table_args__ = (
        enum_check("type", PERPETRATOR_TYPES),
        sa.Index("ix_perpetrators_type_incident_id", "type", "incident_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(sa.ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(sa.String(25))
    # A named perpetrator (e.g. an armed group) in Arabic and in English.
    name_ar: Mapped[str | None] = mapped_column(sa.String(300))
    name_en: Mapped[str | None] = mapped_column(sa.String(300))
    position: Mapped[int] = mapped_column(default=0)

    @property
    def name(self) -> str | None:
        """Either name (Arabic first); outputs in one language use ``name_in``."""
        return self.name_ar or self.name_en

    def name_in(self, lang: str) -> str | None:
        return (self.name_ar or self.name_en) if lang == "ar" else (self.name_en or self.name_ar)


SOURCE_SEALED = ("url", "title", "publisher")


class Source(db.Model):
    __tablename__ = "sources"
    __table_args__ = (
        sa.CheckConstraint("reliability IS NULL OR reliability BETWEEN 1 AND 5", name="reliability_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(sa.ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    # Text: an internal source's values are stored sealed, longer than typed (inputs keep limits).
    url: Mapped[str | None] = mapped_column(sa.Text)
    title: Mapped[str | None] = mapped_column(sa.Text)
    publisher: Mapped[str | None] = mapped_column(sa.Text)
    published_on: Mapped[date | None]
    reliability: Mapped[int | None]
    # Internal sources (a witness, a family contact) never appear in public output; their url,
    # title and publisher are stored sealed (tracker.core.sealed).
    is_internal: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    seal_key: Mapped[str | None] = mapped_column(sa.String(32))


class Victim(db.Model):
    """One journalist affected by one incident."""

    __tablename__ = "victims"
    __table_args__ = (
        sa.UniqueConstraint("incident_id", "journalist_id"),
        enum_check("outcome", OUTCOMES),
        enum_check("role_in_incident", ROLES_IN_INCIDENT),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(sa.ForeignKey("incidents.id", ondelete="CASCADE"))
    journalist_id: Mapped[int] = mapped_column(sa.ForeignKey("journalists.id"), index=True)
    role_in_incident: Mapped[str] = mapped_column(sa.String(10), default="target")
    outcome: Mapped[str] = mapped_column(sa.String(20))
    is_identity_protected: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)

    incident: Mapped[Incident] = relationship(back_populates="victims")
    journalist: Mapped[Journalist] = relationship(lazy="joined")
    status_events: Mapped[list["StatusEvent"]] = relationship(
        cascade="all, delete-orphan", order_by="(StatusEvent.date, StatusEvent.id)", lazy="selectin"
    )


class StatusEvent(db.Model):
    """A dated step in one victim's timeline (detained, charged, released...)."""

    __tablename__ = "status_events"
    __table_args__ = (enum_check("event", STATUS_EVENTS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victims.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(sa.String(15))
    date: Mapped[date]
    note: Mapped[str | None] = mapped_column(sa.Text)


class PublicRefCounter(db.Model):
    """Last sequence number used per country and year; references are never reused."""

    __tablename__ = "public_ref_counters"

    country: Mapped[str] = mapped_column(sa.String(2), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


sealed.protect(Incident, ("confidential_notes",))
sealed.protect(Source, SOURCE_SEALED, when=lambda row: bool(row["is_internal"]))
