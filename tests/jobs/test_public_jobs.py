"""Public data rebuilt by jobs after a change: the full downloads' build, run by a runner on a
database of its own."""

import sqlite3

import pytest

from tests import factories
from tests.conftest import TEST_DATABASE_URL
from tracker.core.transaction import transaction
from tracker.jobs import runner
from tracker.public import downloads

pytestmark = pytest.mark.no_rollback


@pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite's write lock")
def test_the_downloads_job_reads_without_holding_the_write_lock(job_app_factory, tmp_path, monkeypatch):
    """Minutes of reading at full size: other writers are not held up meanwhile."""
    app = job_app_factory(DOWNLOADS_DIR=str(tmp_path / "downloads"))
    with transaction():
        factories.create_incident(workflow_status="published")
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    written, original = [], downloads._write

    def write_then_try(folder, fmt, records):
        original(folder, fmt, records)  # the build's read transaction is still open here
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            written.append(fmt)
        finally:
            other.close()

    monkeypatch.setattr(downloads, "_write", write_then_try)
    assert runner.drain() == 1
    assert written == list(downloads.FORMATS)
    with transaction():
        assert downloads.ready() is not None
