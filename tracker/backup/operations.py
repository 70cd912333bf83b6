"""``flask backup create`` and ``flask backup restore``.

A backup is one tar file (encrypted to a passphrase when one is given, ``sealing``):

    manifest.json        format, time, database kind, schema revision, audit chain head, and the
                         SHA-256 and size of every other file in the backup
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
    database.pgdump      PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot)
    store/<key>          every file of the evidence store (originals, public copies, thumbnails)

The database is copied first, the store after it: files are written to the store before the rows
that name them, and never removed, so every file the copied database refers to is in the backup
(files added during the backup may be there too, unreferenced and harmless) while the app keeps
writing.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

import sqlalchemy as sa

from tracker.audit import chain
from tracker.backup import sealing
from tracker.core.db import utcnow
from tracker.evidence.storage import storage
from tracker.extensions import db

FORMAT = 1
STORE_PREFIXES = ("originals/", "public/", "thumbs/")


class BackupError(Exception):
    """The backup cannot be made or restored (the message says why)."""


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _url() -> sa.engine.URL:
    return db.engine.url


def _libpq_url(url: sa.engine.URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


FACTS = {
    "revision": "SELECT version_num FROM alembic_version",
    "audit_seq": "SELECT seq FROM audit_head WHERE id = 1",
    "audit_hash": "SELECT head_hash FROM audit_head WHERE id = 1",
    "incidents": "SELECT COUNT(*) FROM incidents",
    "audit_entries": "SELECT COUNT(*) FROM audit_entries",
    "evidence_attachments": "SELECT COUNT(*) FROM evidence_attachments",
}


def _copy_database(folder: Path) -> tuple[str, Path, dict]:
    """(database kind, the copy, facts read from exactly the copied state)."""
    url = _url()
    if url.get_backend_name() == "sqlite":
        target = folder / "database.sqlite3"
        source = sqlite3.connect(url.database)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # one step: a consistent snapshot even while others write
            facts = {name: copy.execute(sql).fetchone()[0] for name, sql in FACTS.items()}
        finally:
            copy.close()
            source.close()
        return "sqlite", target, facts
    if url.get_backend_name() == "postgresql":
        target = folder / "database.pgdump"
        # One snapshot for the facts and for pg_dump: a repeatable-read transaction exports it.
        with db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
            snapshot = conn.execute(sa.text("SELECT pg_export_snapshot()")).scalar()
            facts = {name: conn.execute(sa.text(sql)).scalar() for name, sql in FACTS.items()}
            result = subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}",
                                     f"--file={target}", _libpq_url(url)], capture_output=True, text=True)  # fmt: skip
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()[-500:]}")
        return "postgresql", target, facts
    raise BackupError(f"cannot back up a {url.get_backend_name()} database")


def create(out: Path, passphrase: str | None = None) -> dict:
    """Write a backup of this instance to ``out``; returns its manifest."""
    with tempfile.TemporaryDirectory(prefix="backup-") as tmp:
        folder = Path(tmp)
        dialect, database, facts = _copy_database(folder)
        manifest = {"format": FORMAT, "created_at": utcnow().isoformat(), "database": dialect, **facts,
                    "files": {}}  # fmt: skip
        store = storage()
        (folder / "store").mkdir()
        for prefix in STORE_PREFIXES:
            for key in store.keys(prefix):
                data = store.get(key)
                if data is None:
                    continue
                digest = hashlib.sha256(data).hexdigest()
                if key.startswith("originals/") and digest != key.rsplit("/", 1)[-1]:
                    raise BackupError(
                        f"the stored original {key} no longer has its hash: run flask evidence verify"
                    )
                path = folder / "store" / key
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                manifest["files"][f"store/{key}"] = {"sha256": digest, "size": len(data)}
        manifest["files"][database.name] = {"sha256": _sha256_file(database), "size": database.stat().st_size}
        plain = folder / "backup.tar"
        with tarfile.open(plain, "w") as tar:
            body = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
            info = tarfile.TarInfo("manifest.json")
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
            tar.add(database, arcname=database.name)
            for name in manifest["files"]:
                if name.startswith("store/"):
                    tar.add(folder / name, arcname=name)
        temporary = out.with_name(f".{out.name}.partial")
        with plain.open("rb") as source, temporary.open("wb") as target:
            if passphrase:
                sealing.seal(source, target, passphrase)
            else:
                shutil.copyfileobj(source, target)
        os.chmod(temporary, 0o600)
        os.replace(temporary, out)  # written whole, or not at all
    return manifest


def _plain_tar(path: Path, passphrase: str | None, folder: Path) -> Path:
    with path.open("rb") as f:
        encrypted = sealing.is_sealed(f.read(len(sealing.MAGIC)))
    if not encrypted:
        return path
    if not passphrase:
        raise BackupError("this backup is encrypted: give its passphrase")
    plain = folder / "backup.tar"
    with path.open("rb") as source, plain.open("wb") as target:
        try:
            for chunk in sealing.unseal(source, passphrase):
                target.write(chunk)
        except sealing.BadPassphrase as exc:
            raise BackupError(str(exc)) from exc
    return plain


def _extract(tar_path: Path, folder: Path) -> dict:
    with tarfile.open(tar_path) as tar:
        for member in tar.getmembers():
            if not member.isfile() or member.name.startswith("/") or ".." in Path(member.name).parts:
                raise BackupError(f"unexpected entry in the backup: {member.name!r}")
        tar.extractall(folder, filter="data")
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError("unknown backup format")
    for name, facts in manifest["files"].items():
        path = folder / name
        if not path.is_file() or _sha256_file(path) != facts["sha256"]:
            raise BackupError(f"{name} is missing from the backup or does not match its hash")
    return manifest


def _database_is_empty() -> bool:
    return not sa.inspect(db.engine).get_table_names()


def restore(path: Path, passphrase: str | None = None) -> dict:
    """Restore the backup at ``path`` into this (empty) instance; returns its manifest."""
    url = _url()
    with tempfile.TemporaryDirectory(prefix="restore-") as tmp:
        folder = Path(tmp)
        manifest = _extract(_plain_tar(path, passphrase, folder), folder)
        if manifest["database"] != url.get_backend_name():
            raise BackupError(
                f"this is a {manifest['database']} backup; the instance uses {url.get_backend_name()}"
            )
        db.session.remove()
        if not _database_is_empty():
            raise BackupError("the database is not empty: restore into a new, empty instance")
        db.engine.dispose()
        if manifest["database"] == "sqlite":
            shutil.copyfile(folder / "database.sqlite3", url.database)
        else:
            result = subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={_libpq_url(url)}",
                                     str(folder / "database.pgdump")], capture_output=True, text=True)  # fmt: skip
            if result.returncode != 0:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()[-500:]}")
        store = storage()
        for name in manifest["files"]:
            if name.startswith("store/"):
                store.put(name[len("store/") :], (folder / name).read_bytes())
    return manifest


def describe(manifest: dict) -> str:
    head = manifest.get("audit_hash") or chain.GENESIS
    return (f"{manifest['database']} database at revision {manifest.get('revision')}: "
            f"{manifest.get('incidents')} incidents, {manifest.get('evidence_attachments')} attachments, "
            f"{manifest.get('audit_entries')} audit entries (chain head {head[:16]}…), "
            f"{sum(1 for n in manifest['files'] if n.startswith('store/'))} stored evidence files")  # fmt: skip
