"""`flask backup create` while the app keeps writing, `flask backup restore` into an empty
instance, then both verify commands pass and the counts and hashes match the backup."""

import io
import os
import threading

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from schemas.cases import IncidentInputSchema
from tests.conftest import make_app
from tests.evidence.conftest import phone_photo
from tests.factories import incident_data
from tests.scratch import postgres_databases
from tracker.audit.operations import Actor
from tracker.backup import sealing
from tracker.cases import operations as case_ops
from tracker.core.transaction import transaction
from tracker.evidence import operations as evidence_ops
from tracker.extensions import db

pytestmark = pytest.mark.no_rollback
ACTOR = Actor(None, "system", "system:backup-test")


def _instance(folder, url=None):
    folder.mkdir()
    app = make_app(url or f"sqlite:///{folder / 'tracker.sqlite3'}", EVIDENCE_DIR=str(folder / "evidence"),
                   ENCRYPTION_KEY_FILE=str(folder / "encryption.key"))  # fmt: skip
    return app


def _create_incident(n: int):
    data = IncidentInputSchema().load(incident_data(title_en=f"case {n}"))
    return case_ops.create_incident(data, ACTOR)


def _invoke(app, args, passphrase):
    """Run a command in ``app`` (its own context: the CLI reuses a context already pushed)."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=args, input=f"{passphrase}\n" if passphrase else None)


def _count(table: str) -> int:
    return db.session.scalar(sa.text(f"SELECT COUNT(*) FROM {table}"))


@pytest.mark.parametrize("passphrase", [None, "correct horse battery staple"])
def test_backup_under_writes_then_restore_and_verify(tmp_path, passphrase):
    _round_trip(tmp_path, passphrase)


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set")
def test_backup_and_restore_on_postgresql(tmp_path):
    with postgres_databases("backup_source", "backup_target") as urls:
        _round_trip(tmp_path, "a passphrase", *urls)


def _round_trip(tmp_path, passphrase, source_url=None, target_url=None):
    source = _instance(tmp_path / "source", source_url)
    with source.app_context():
        upgrade(directory=os.path.join(source.root_path, "..", "migrations"))
    with source.app_context():
        for n in range(5):
            with transaction():
                incident = _create_incident(n)
                evidence_ops.add_attachment(incident, phone_photo() + bytes([n]), f"IMG_{n}.jpg", None, ACTOR)
    stop, written = threading.Event(), []

    def keep_writing():
        with source.app_context():
            n = 100
            while not stop.is_set():
                with transaction():
                    _create_incident(n)
                written.append(n)
                n += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    out = tmp_path / "backup.pftbak"
    try:
        args = ["backup", "create", str(out)] + (["--passphrase-stdin"] if passphrase else [])
        result = _invoke(source, args, passphrase)
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    assert written, "the writer ran during the backup"
    with out.open("rb") as f:
        assert sealing.is_sealed(f.read(32)) == bool(passphrase)

    target = _instance(tmp_path / "target", target_url)
    if passphrase:
        wrong = _invoke(target, ["backup", "restore", str(out), "--passphrase-stdin"], "wrong")
        assert wrong.exit_code == 1 and "passphrase" in wrong.output
    args = ["backup", "restore", str(out)] + (["--passphrase-stdin"] if passphrase else [])
    result = _invoke(target, args, passphrase)
    assert result.exit_code == 0, result.output
    for command in (["audit", "verify"], ["evidence", "verify"]):
        check = _invoke(target, command, None)
        assert check.exit_code == 0 and "OK:" in check.output, (command, check.output)
    with target.app_context():
        restored = {t: _count(t) for t in ("incidents", "audit_entries", "evidence_attachments")}
        head = db.session.execute(sa.text("SELECT seq, head_hash FROM audit_head")).one()
    assert restored["evidence_attachments"] == 5 and restored["incidents"] >= 5
    assert f"{restored['incidents']} incidents" in result.output
    assert restored["audit_entries"] == head.seq and head.head_hash[:16] in result.output
    # Restoring again is refused: the instance is no longer empty.
    again = _invoke(target, args, passphrase)
    assert again.exit_code == 1 and "not empty" in again.output
    for app in (source, target):
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def test_an_encrypted_backup_cut_short_or_changed_is_refused(tmp_path):
    plain = os.urandom(3 * sealing.CHUNK + 100)
    sealed = io.BytesIO()
    sealing.seal(io.BytesIO(plain), sealed, "pass")
    data = sealed.getvalue()
    assert b"".join(sealing.unseal(io.BytesIO(data), "pass")) == plain
    first_chunk_end = len(sealing.MAGIC) + 16 + 4 + 12 + sealing.CHUNK + 16
    cut = data[:first_chunk_end]  # whole chunks dropped from the end
    for bad in (cut, data[:-1], data[:100] + bytes([data[100] ^ 1]) + data[101:]):
        with pytest.raises(sealing.BadPassphrase):
            b"".join(sealing.unseal(io.BytesIO(bad), "pass"))
    with pytest.raises(sealing.BadPassphrase):
        b"".join(sealing.unseal(io.BytesIO(data), "wrong"))
