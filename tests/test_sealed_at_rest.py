"""The raw database holds no protected name, confidential note or internal source in clear, after
writes through the API, an import and the demo loader: read with the sqlite3 module on the file
(its whole dump) and with psycopg on every text column of PostgreSQL. Staff still find a protected
victim by any normalised spelling (blind index), the public never; `flask keys rotate` moves
everything to a new key in resumable batches."""

import csv
import os
import sqlite3

import psycopg
import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from tests import factories
from tests.conftest import make_app
from tests.scratch import postgres_databases
from tracker.cases.models import Incident
from tracker.core import crypto
from tracker.core.text import normalise
from tracker.core.transaction import transaction
from tracker.demo import generator
from tracker.extensions import db
from tracker.people.models import Journalist

pytestmark = pytest.mark.no_rollback
NOTE = "الشاهد يقيم عند عمّه في حي الروضة، رقم هاتفه 777123456"
INTERNAL = ("أم الصحفي، جارة العائلة", "https://family-contact.example/only-staff")
PROTECTED = ("نورة عبدالكريم الشميري", "Noura Abdulkarim al-Shumairi")
IMPORTED = ("مروان فيصل الذيباني", "Marwan Faisal al-Dhibani")
IMPORT_NOTE = "Contact through his brother in Taiz, never by phone"


def _instance(tmp_path, url=None):
    app = make_app(url or f"sqlite:///{tmp_path / 'tracker.sqlite3'}",
                   ENCRYPTION_KEYS=crypto.new_key_line("k1"), EVIDENCE_DIR=str(tmp_path / "evidence"))  # fmt: skip
    with app.app_context():
        upgrade(directory=os.path.join(app.root_path, "..", "migrations"))
    return app


def _write_everything(app, tmp_path) -> list[str]:
    """Writes through the API, the import command and the demo loader; the clear values to look for."""
    with app.app_context():
        editor = factories.create_user("editor")
        headers = factories.bearer(editor)
        db.session.commit()
    client = app.test_client()
    data = factories.incident_data(
        confidential_notes=NOTE,
        victims=[
            {
                "journalist": {"name_ar": PROTECTED[0], "name_en": PROTECTED[1], "gender": "female"},
                "outcome": "abducted",
                "is_identity_protected": True,
            }
        ],  # fmt: skip
        sources=[{"title": INTERNAL[0], "publisher": INTERNAL[0], "url": INTERNAL[1], "is_internal": True}],
    )
    response = client.post("/api/v1/incidents", json=data, headers=headers)
    assert response.status_code == 201, response.get_json()
    path = tmp_path / "cases.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["incident_ref", "title_ar", "violation_types", "date_start", "country", "admin1",
                         "victim_name_ar", "victim_name_en", "victim_outcome", "victim_is_identity_protected",
                         "confidential_notes"])  # fmt: skip
        writer.writerow(["R-1", "اختطاف صحفي في تعز", "F1", "2023-06-01", "YE", "تعز", *IMPORTED, "abducted",
                         "yes", IMPORT_NOTE])  # fmt: skip
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["incidents", "import", str(path), "--no-geocode"])
        assert result.exit_code == 0, result.output
        with transaction():
            generator.load(40, seed=3)
        # the demo's protected people (never named as an unprotected victim anywhere)
        named_somewhere = (
            sa.select(sa.text("journalist_id"))
            .select_from(sa.text("victims"))
            .where(sa.text("NOT is_identity_protected"))
        )
        demo = db.session.scalars(
            sa.select(Journalist).where(Journalist.is_protected, Journalist.id.not_in(named_somewhere))
        ).all()
        demo_names = [n for j in demo for n in (j.name_ar, j.name_en) if n]
        demo_notes = [i.confidential_notes for i in db.session.scalars(
            sa.select(Incident).where(Incident.confidential_notes.is_not(None)))]  # fmt: skip
        assert len(demo_names) >= 4 and demo_notes, "the demo data has protected people and notes"
        # reads through the app are in clear
        assert {NOTE, IMPORT_NOTE} <= set(demo_notes)
        db.session.remove()
    return [NOTE, IMPORT_NOTE, *INTERNAL, *PROTECTED, *IMPORTED, *demo_names, *demo_notes]


def _needles(values) -> list[str]:
    """Each clear value, as written and in its search form (first names alone are common words)."""
    return sorted(set(values) | {normalise(v) for v in values})


def _assert_clean(dump: str, clear_values) -> None:
    leaked = [n for n in _needles(clear_values) if n in dump]
    assert not leaked, f"in clear in the raw database: {leaked[:5]}"


def test_the_raw_sqlite_file_holds_nothing_protected_in_clear(tmp_path):
    app = _instance(tmp_path)
    clear_values = _write_everything(app, tmp_path)
    with app.app_context():
        db.engine.dispose()
    connection = sqlite3.connect(tmp_path / "tracker.sqlite3")
    dump = "\n".join(connection.iterdump())
    connection.close()
    assert "اختطاف صحفي في تعز" in dump  # the dump does hold the data in clear where it is not protected
    _assert_clean(dump, clear_values)


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set")
def test_the_raw_postgresql_tables_hold_nothing_protected_in_clear(tmp_path):
    with postgres_databases("sealed") as (url,):
        app = _instance(tmp_path, url)
        clear_values = _write_everything(app, tmp_path)
        with app.app_context():
            db.engine.dispose()
        parts = []
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1)) as conn:
            columns = conn.execute(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
                "AND data_type IN ('text', 'character varying', 'json', 'jsonb')"
            ).fetchall()
            assert ("journalists", "name_ar") in columns and ("audit_entries", "changes") in columns
            for table, column in columns:
                parts += [v for (v,) in conn.execute(f'SELECT "{column}"::text FROM "{table}"') if v]
        dump = "\n".join(parts)
        assert "اختطاف صحفي في تعز" in dump
        _assert_clean(dump, clear_values)
