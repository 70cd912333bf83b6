"""Migrations and models agree, and the database itself enforces the record's invariants."""

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import DBAPIError, IntegrityError

from tests import factories
from tracker.extensions import db


def test_models_and_migrations_agree():
    """Autogenerate against the migrated database finds nothing to change."""
    context = MigrationContext.configure(db.session.connection(), opts={"compare_type": True})
    differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_taxonomy_seeded_bilingually():
    rows = db.session.execute(
        sa.text("SELECT code, parent_code, label_en, label_ar FROM violation_types")
    ).all()
    by_code = {r.code: r for r in rows}
    assert len(by_code) == 34
    assert by_code["L1.4"].parent_code == "L1"
    assert by_code["F2"].label_ar == "إخفاء قسري"
    assert by_code["X"].label_en == "Other"


def _insert_incident(**over):
    values = {
        "public_ref": "YE-2024-9999", "title_ar": "عنوان", "date_start": dt.date(2024, 1, 2),
        "date_precision": "day", "country": "YE", "public_geo_precision": "admin1",
        "verification": "confirmed", "case_status": "unknown", "workflow_status": "draft",
        "is_confidential": False, "search_text": "", "version": 1,
        "created_at": dt.datetime(2024, 1, 2), "updated_at": dt.datetime(2024, 1, 2),
    }  # fmt: skip
    values.update(over)
    columns = ", ".join(values)
    params = ", ".join(f":{k}" for k in values)
    with db.session.begin_nested():
        db.session.execute(sa.text(f"INSERT INTO incidents ({columns}) VALUES ({params})"), values)


@pytest.mark.parametrize(
    "bad",
    [
        {"date_end": dt.date(2023, 12, 31)},  # ends before it starts
        {"latitude": 91.0, "longitude": 45.0},
        {"latitude": 15.0, "longitude": -181.0},
        {"latitude": 15.0},  # point without longitude
        {"workflow_status": "deleted"},
        {"verification": "sure"},
        {"date_precision": "hour"},
        {"public_geo_precision": "street"},
        {"title_ar": None, "title_en": None},
        {"title_ar": "", "title_en": ""},
    ],
)
def test_database_refuses_invalid_incident(bad):
    with pytest.raises(IntegrityError):
        _insert_incident(**bad)


def test_public_ref_is_unique():
    _insert_incident()
    with pytest.raises(IntegrityError):
        _insert_incident()


def test_source_reliability_range_enforced():
    incident = factories.create_incident()
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.execute(
            sa.text(
                "INSERT INTO sources (incident_id, reliability, is_internal, position) VALUES (:i, 6, false, 0)"
            ),
            {"i": incident.id},
        )


@pytest.mark.parametrize("statement", ["UPDATE audit_entries SET actor = 'x'", "DELETE FROM audit_entries"])
def test_audit_entries_are_append_only_in_the_database(statement):
    factories.create_incident()
    with pytest.raises(DBAPIError, match="append-only"), db.session.begin_nested():
        db.session.execute(sa.text(statement))


def test_audit_entries_are_append_only_in_the_orm():
    from tracker.audit.models import AuditEntry

    factories.create_incident()
    entry = db.session.scalars(sa.select(AuditEntry)).first()
    entry.actor = "someone else"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()


def test_migration_root_codes_match_the_taxonomy():
    """Migration 0003 froze the list of top-level codes; bits must mean the same thing."""
    import importlib.util
    from pathlib import Path

    from tracker.cases.taxonomy import ROOT_CODES

    path = Path(__file__).resolve().parent.parent / "migrations" / "versions" / "0003_violation_mask.py"
    spec = importlib.util.spec_from_file_location("migration_0003", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.ROOT_CODES == ROOT_CODES


def test_violation_mask_follows_the_types():
    from tracker.cases import operations
    from tracker.cases.taxonomy import root_bits

    incident = factories.create_incident(violation_types=["F4.1", "I3.1"])
    assert incident.violation_mask == root_bits(["F4", "I3"])
    operations.update_incident(incident, {"violation_types": ["L1"]}, factories.SYSTEM, incident.version)
    assert incident.violation_mask == root_bits(["L1"])
