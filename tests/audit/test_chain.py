"""The audit trail's hash chain: every writer extends it, `flask audit verify` finds any edit or
deletion and names the first broken entry, `flask audit anchor` signs the head."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests import factories
from tests.scratch import postgres_databases
from tracker.audit import chain, signing
from tracker.audit.models import AuditEntry
from tracker.audit.queries import head, verify_chain
from tracker.demo import generator as demo
from tracker.extensions import db

ROOT = Path(__file__).resolve().parent.parent.parent
DROP_TRIGGERS = {
    "sqlite": ["DROP TRIGGER audit_entries_no_update", "DROP TRIGGER audit_entries_no_delete"],
    "postgresql": ["DROP TRIGGER audit_entries_no_change ON audit_entries"],
}


def _drop_append_only_triggers():
    """What someone with the database file would do (rolled back with the test's transaction)."""
    for statement in DROP_TRIGGERS[db.session.get_bind().dialect.name]:
        db.session.execute(sa.text(statement))


def _some_entries():
    for _ in range(4):
        factories.create_incident()


def _entries():
    return db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.seq)).all()


def test_each_entry_carries_the_hash_of_the_one_before():
    factories.create_incident(workflow_status="published")
    entries = _entries()
    assert len(entries) >= 4
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.seq == before.seq + 1 and after.prev_hash == before.entry_hash
    last = entries[-1]
    assert chain.entry_hash(
        {f: getattr(last, f) for f in chain.CONTENT_FIELDS}, last.seq, last.prev_hash
    ) == (last.entry_hash)
    assert head() == (last.seq, last.entry_hash)
    assert verify_chain().ok


def test_bulk_writers_extend_the_chain():
    """The demo loader and the batch incident writer insert audit rows in bulk."""
    demo.load(15, seed=3)
    db.session.commit()
    report = verify_chain()
    assert report.ok, report.problem
    assert report.entries == db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) >= 15


def test_verify_names_the_first_edited_entry(app):
    _some_entries()
    victim = _entries()[-3]
    _drop_append_only_triggers()
    db.session.execute(
        sa.text("UPDATE audit_entries SET actor = 'someone else' WHERE id = :id"), {"id": victim.id}
    )
    report = verify_chain()
    assert not report.ok and report.broken_id == victim.id and "changed" in report.problem
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and f"entry id {victim.id}" in result.output


def test_a_recomputed_hash_still_breaks_the_next_link():
    """Rewriting an entry and its own hash is not enough: the next entry points at the old hash."""
    _some_entries()
    entries = _entries()
    victim, following = entries[-3], entries[-2]
    _drop_append_only_triggers()
    row = {f: getattr(victim, f) for f in chain.CONTENT_FIELDS} | {"note": "forged"}
    forged = chain.entry_hash(row, victim.seq, victim.prev_hash)
    db.session.execute(sa.text("UPDATE audit_entries SET note = 'forged', entry_hash = :h WHERE id = :id"),
                       {"h": forged, "id": victim.id})  # fmt: skip
    report = verify_chain()
    assert report.broken_id == following.id and "previous-entry hash" in report.problem


@pytest.mark.parametrize("which", ["middle", "last"])
def test_a_deleted_entry_is_found(which):
    _some_entries()
    entries = _entries()
    gone = entries[-3] if which == "middle" else entries[-1]
    _drop_append_only_triggers()
    db.session.execute(sa.text("DELETE FROM audit_entries WHERE id = :id"), {"id": gone.id})
    report = verify_chain()
    assert not report.ok
    if which == "middle":
        assert report.broken_id == entries[-2].id
    else:
        assert report.broken_id is None and "removed" in report.problem


def test_anchor_signs_the_head_with_the_configured_key(app, tmp_path, monkeypatch):
    factories.create_incident()
    runner = app.test_cli_runner()
    key = tmp_path / "audit.pem"
    assert runner.invoke(args=["audit", "keygen", str(key)]).exit_code == 0
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    monkeypatch.setitem(app.config, "AUDIT_SIGNING_KEY_FILE", str(key))
    result = runner.invoke(args=["audit", "anchor"])
    assert result.exit_code == 0, result.output
    anchor = json.loads(result.output)
    assert (anchor["seq"], anchor["head_hash"]) == head()
    assert signing.check_anchor(anchor)
    assert not signing.check_anchor({**anchor, "seq": anchor["seq"] - 1})


def test_anchor_without_a_key_says_how_to_make_one(app, monkeypatch):
    monkeypatch.setitem(app.config, "AUDIT_SIGNING_KEY_FILE", None)
    result = app.test_cli_runner().invoke(args=["audit", "anchor"])
    assert result.exit_code == 1 and "audit keygen" in result.output


def _run_scenario(url: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "tests.audit_chain_scenario", url], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _check(summary: dict) -> None:
    assert summary["errors"] == []
    assert summary["ok"], summary["problem"]
    assert summary["entries"] == summary["head_seq"] >= summary["expected"]


@pytest.mark.slow
@pytest.mark.no_rollback
def test_parallel_writers_keep_the_chain_linear_on_sqlite(tmp_path):
    _check(_run_scenario(f"sqlite:///{tmp_path / 'chain.sqlite3'}"))


@pytest.mark.slow
@pytest.mark.no_rollback
@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set")
def test_parallel_writers_keep_the_chain_linear_on_postgresql():
    with postgres_databases("chain") as (url,):
        _check(_run_scenario(url))
