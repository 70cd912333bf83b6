"""An import killed or interrupted halfway leaves the database as it was (one transaction).

The import runs as ``flask incidents import`` in a subprocess on a scratch database (SQLite, and
PostgreSQL when TEST_DATABASE_URL is set), is killed (SIGKILL) or interrupted (SIGINT, Ctrl-C)
while it writes, and the counts are compared with those before.
"""

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.scratch import postgres_databases

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
pytestmark = [pytest.mark.slow, pytest.mark.no_rollback]
TABLES = ("incidents", "victims", "journalists", "sources", "audit_entries", "public_ref_counters")


def _synthetic_csv(rows: int) -> bytes:
    spec = importlib.util.spec_from_file_location("bench_import", ROOT / "bench" / "import.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_csv(rows)


def _env(url: str) -> dict:
    return {**os.environ, "DATABASE_URL": url, "FLASK_APP": "app.py", "SECRET_KEY": "test-interrupted"}


def _flask(url: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=_env(url), capture_output=True,
                          text=True, timeout=300)  # fmt: skip


def _counts(url: str) -> dict:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        counts = {t: conn.execute(sa.text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}
        # An interrupted import may leave one thing: the rebuild of the prepared public data its
        # rollback asks for (the ids it announced come back), a queued job and its audit entry.
        counts["audit_entries"] -= conn.execute(
            sa.text("SELECT COUNT(*) FROM audit_entries WHERE entity_type = 'job'")
        ).scalar_one()
    engine.dispose()
    return counts


def _interrupt_halfway(url: str, path: Path, sig: int) -> int:
    process = subprocess.Popen([sys.executable, "-m", "flask", "incidents", "import", str(path)], cwd=ROOT,
                               env=_env(url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        for line in process.stderr:
            if line.startswith("Importing"):
                break
        else:
            pytest.fail(f"the import never started writing: {process.stdout.read()[-2000:]}")
        time.sleep(1.5)  # well into the writes, far from the end
        assert process.poll() is None, "the import finished before it could be interrupted"
        process.send_signal(sig)
        return process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _scenario(url: str, tmp_path: Path) -> None:
    assert _flask(url, "db", "upgrade").returncode == 0
    seeded = _flask(url, "incidents", "import", str(DATA / "messy.csv"))
    assert seeded.returncode == 0, seeded.stderr[-2000:]
    before = _counts(url)
    big = tmp_path / "big.csv"
    big.write_bytes(_synthetic_csv(30000))
    for sig in (signal.SIGKILL, signal.SIGINT):
        code = _interrupt_halfway(url, big, sig)
        assert code != 0
        assert _counts(url) == before, sig
    again = _flask(url, "incidents", "import", str(DATA / "messy.csv"))
    assert again.returncode == 0 and "0 created" in again.stdout  # the database is usable, nothing doubled
    assert _counts(url) == before


def test_killing_an_import_on_sqlite_changes_nothing(tmp_path):
    _scenario(f"sqlite:///{tmp_path / 'interrupted.sqlite3'}", tmp_path)


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set: PostgreSQL not tested"
)
def test_killing_an_import_on_postgresql_changes_nothing(tmp_path):
    with postgres_databases("import", driver=False) as (url,):
        _scenario(url, tmp_path)
