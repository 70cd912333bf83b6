"""Upgrading a database that holds data keeps every row (SQLite rebuilds tables in batch
mode; with foreign keys on, dropping the old table would cascade-delete all child rows)."""

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from tests.conftest import make_app
from tracker.cases.taxonomy import root_bits

pytestmark = [pytest.mark.slow, pytest.mark.no_rollback]

CHILD_TABLES = ("incident_violations", "victims", "status_events", "perpetrators", "sources", "audit_entries")
ROWS_AT_0001 = [
    "INSERT INTO journalists (id, name_ar, gender, is_foreign, search_name, created_at, updated_at) "
    "VALUES (1, 'سامي', 'male', false, 'سامي', '2024-01-01', '2024-01-01')",
    "INSERT INTO incidents (id, public_ref, title_ar, date_start, date_precision, country, public_geo_precision, "
    "verification, case_status, workflow_status, is_confidential, search_text, version, created_at, updated_at) "
    "VALUES (1, 'YE-2024-0001', 'عنوان', '2024-03-05', 'day', 'YE', 'admin1', 'confirmed', 'ongoing', 'published', "
    "false, '', 1, '2024-03-06', '2024-03-06')",
    "INSERT INTO incident_violations (incident_id, code) VALUES (1, 'F4.1'), (1, 'I1')",
    "INSERT INTO victims (id, incident_id, journalist_id, role_in_incident, outcome, is_identity_protected, position) "
    "VALUES (1, 1, 1, 'target', 'detained', true, 0)",
    "INSERT INTO status_events (victim_id, event, date) VALUES (1, 'detained_on', '2024-03-05')",
    "INSERT INTO perpetrators (incident_id, type, position) VALUES (1, 'state_security', 0)",
    "INSERT INTO sources (incident_id, url, is_internal, position) VALUES (1, 'https://example.org', false, 0)",
    "INSERT INTO audit_entries (at, actor, channel, action, entity_type, entity_id, changes) "
    "VALUES ('2024-03-06', 'system:test', 'system', 'create', 'incident', 1, '{}')",
]


def test_upgrade_from_first_revision_keeps_every_row(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'upgrade.sqlite3'}")
    with app.app_context():
        from tracker.extensions import db

        directory = app.root_path + "/../migrations"
        upgrade(directory=directory, revision="0001")
        with db.engine.begin() as conn:
            for statement in ROWS_AT_0001:
                conn.execute(sa.text(statement))
        upgrade(directory=directory)
        with db.engine.connect() as conn:
            counts = {t: conn.scalar(sa.text(f"SELECT count(*) FROM {t}")) for t in CHILD_TABLES}
            mask = conn.scalar(sa.text("SELECT violation_mask FROM incidents WHERE id = 1"))
        assert counts == dict.fromkeys(CHILD_TABLES, 1) | {"incident_violations": 2}
        assert mask == root_bits(["F4.1", "I1"])
        downgrade(directory=directory, revision="0001")
        with db.engine.connect() as conn:
            assert conn.scalar(sa.text("SELECT count(*) FROM victims")) == 1
        db.engine.dispose()


def test_0018_folds_stored_search_text_and_takes_the_new_codes(tmp_path):
    """Search text stored before 0018 is folded (Ma'rib found as Marib); a "killed on" event and a
    filmmaker can be stored after it, and the downgrade maps them back to codes it knows."""
    app = make_app(f"sqlite:///{tmp_path / 'fold.sqlite3'}")
    with app.app_context():
        from tracker.extensions import db

        directory = app.root_path + "/../migrations"
        upgrade(directory=directory, revision="0017")
        with db.engine.begin() as conn:
            for statement in ROWS_AT_0001[:-1]:  # the audit table has more columns by 0017
                conn.execute(sa.text(statement))
            conn.execute(sa.text("UPDATE incidents SET search_text = 'reporter detained in ma''rib'"))
            conn.execute(sa.text("UPDATE journalists SET search_name = 'سامي sami al-haddad'"))
        upgrade(directory=directory, revision="0018")
        with db.engine.begin() as conn:
            assert conn.scalar(sa.text("SELECT search_text FROM incidents")) == "reporter detained in marib"
            assert conn.scalar(sa.text("SELECT search_name FROM journalists")) == "سامي sami al-hadad"
            conn.execute(sa.text("UPDATE journalists SET profession = 'filmmaker'"))
            conn.execute(sa.text("UPDATE status_events SET event = 'killed_on'"))
        downgrade(directory=directory, revision="0017")
        with db.engine.connect() as conn:
            assert conn.scalar(sa.text("SELECT profession FROM journalists")) == "other"
            assert conn.scalar(sa.text("SELECT event FROM status_events")) == "died_on"
        db.engine.dispose()


def test_0022_withdraws_files_holding_a_case_where_a_protected_person_is_a_plain_victim(tmp_path):
    """Protection became per person: a file built before may name, in another case, someone an
    earlier case protects. Such files are withdrawn; the others stay served."""
    app = make_app(f"sqlite:///{tmp_path / 'per_person.sqlite3'}")
    with app.app_context():
        from tracker.extensions import db

        directory = app.root_path + "/../migrations"
        upgrade(directory=directory, revision="0021")
        with db.engine.begin() as conn:
            for statement in ROWS_AT_0001[:-1]:  # case 1: journalist 1 is its protected victim
                conn.execute(sa.text(statement))
            for ref, victim in (("YE-2024-0002", "false"), ("YE-2024-0003", None)):
                number = int(ref[-1])
                conn.execute(sa.text(ROWS_AT_0001[1].replace("(1, 'YE-2024-0001'", f"({number}, '{ref}'")))
                if victim is not None:  # case 2 names him as a plain victim; case 3 has no victim
                    conn.execute(sa.text(
                        "INSERT INTO victims (id, incident_id, journalist_id, role_in_incident, outcome, "
                        f"is_identity_protected, position) VALUES (2, {number}, 1, 'target', 'detained', {victim}, 0)"
                    ))  # fmt: skip
            conn.execute(sa.text("UPDATE journalists SET is_protected = true"))
            for file_id, incident_id in ((1, 1), (2, 2), (3, 3)):
                conn.execute(sa.text(
                    "INSERT INTO public_files (id, kind, key, edition, status, built_at) "
                    f"VALUES ({file_id}, 'report', 'k{file_id}', 'public', 'ready', '2024-04-01')"
                ))  # fmt: skip
                conn.execute(sa.text(f"INSERT INTO public_file_incidents VALUES ({file_id}, {incident_id})"))
        upgrade(directory=directory, revision="0022")
        with db.engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT id, status, withdrawn_at FROM public_files ORDER BY id")
            ).all()
        assert [(r[0], r[1]) for r in rows] == [(1, "ready"), (2, "withdrawn"), (3, "ready")]
        assert rows[1][2] is not None
        db.engine.dispose()
