"""The job runners: a job's work is committed with its `done` state or not at all; progress is
seen while it runs; cancelling stops it and rolls back; jobs survive a restart; RQ workers run
the same jobs against the real Redis."""

import os
import subprocess
import sys
import time
import uuid

import pytest
import redis
import sqlalchemy as sa
from rq import Queue, SimpleWorker

from tests import factories
from tests.conftest import TEST_DATABASE_URL, IsolatedClient
from tests.jobs.conftest import titles
from tests.web.conftest import csrf_token, login
from tracker.audit.models import AuditEntry
from tracker.core import sqlite
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.jobs import live, local, operations, queries, runner
from tracker.jobs.models import Job

pytestmark = pytest.mark.no_rollback
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/5"


def _enqueue(kind, params, user=None, **kw) -> int:
    with transaction():
        return operations.enqueue(kind, params, user=user, **kw).id


def _job(job_id) -> Job:
    db.session.rollback()
    with sqlite.reading():  # as the pages do: a read never waits for a running job
        job = db.session.get(Job, job_id, populate_existing=True)
        db.session.expunge(job)
        db.session.rollback()
    return job


def _wait(job_id, states, seconds=20.0) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = _job(job_id)
        if job.state in states:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still {job.state}")


def test_done_job_commits_its_work_with_its_result(job_app_factory):
    job_app_factory()
    job_id = _enqueue("test.write", {"title": "JOB-DONE"})
    assert _job(job_id).state == "queued" and "JOB-DONE" not in titles()
    assert runner.drain() == 1
    job = _job(job_id)
    assert job.state == "done" and job.result["id"] and (job.progress_done, job.progress_total) == (2, 2)
    assert job.started_at <= job.finished_at and job.runner.endswith(f":{os.getpid()}")
    assert "JOB-DONE" in titles()
    audit = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.entity_type == "job")).all()
    assert audit == ["enqueue"]


def test_a_read_only_job_ends_done_when_another_process_wrote_while_it_read(job_app_factory):
    """A rebuild of the prepared data reads for minutes while editors publish: its own state is
    then written in a transaction of its own, not by upgrading its old read (SQLite refuses that
    at once: "database is locked", the rebuild reported failed after doing its work)."""
    job_app_factory()
    other = _enqueue("test.write", {"title": "JOB-OTHER"})
    job_id = _enqueue("test.read_while_written", {"job": 0})
    with transaction():
        db.session.get(Job, job_id).params = {"job": job_id}
    assert runner.execute(job_id) == "done", _job(job_id).error
    assert _job(job_id).result == {"read": True} and _job(other).message == "meanwhile"


@pytest.mark.parametrize("end", ["refuse", "crash"])
def test_a_failed_job_leaves_nothing_written_and_says_why_in_arabic(job_app_factory, end):
    job_app_factory()
    user = factories.create_user(role="editor", locale="ar")
    job_id = _enqueue("test.write", {"title": f"JOB-{end}", "end": end}, user=user)
    runner.drain()
    job = _job(job_id)
    assert job.state == "failed" and f"JOB-{end}" not in titles()
    if end == "refuse":
        assert job.error == "في الملف أخطاء: لم يُستورد شيء."
    else:
        assert "boom" not in job.error and str(job_id) in job.error and "لم" in job.error


def test_a_queued_job_is_cancelled_at_once(job_app_factory):
    job_app_factory()
    user = factories.create_user(role="editor")
    job_id = _enqueue("test.write", {"title": "JOB-NEVER"})
    with transaction():
        assert operations.request_cancel(db.session.get(Job, job_id), user)
    assert runner.drain() == 0
    assert _job(job_id).state == "cancelled" and "JOB-NEVER" not in titles()
    with transaction():
        assert not operations.request_cancel(db.session.get(Job, job_id), user)  # already over
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.entity_type == "job")).all()
    assert actions == ["enqueue", "cancel"]


def test_the_local_runner_shows_progress_and_cancels_a_running_job(job_app_factory):
    """Through the pages, while the job holds the database (on SQLite: its write lock)."""
    app = job_app_factory(JOBS_RUNNER="local")
    user = factories.create_user(role="editor")
    db.session.refresh(user)
    db.session.expunge(user)  # read here, so that this thread holds no transaction (SQLite's lock)
    db.session.rollback()
    app.test_client_class = IsolatedClient
    client = app.test_client()
    assert login(client, user).status_code == 302  # the process's first request started its runner
    job_id = _enqueue("test.slow", {"title": "JOB-SLOW"}, user=user)  # committed: dispatched to the runner
    job = _wait(job_id, ("running",))
    for _attempt in range(100):
        seen = client.get(f"/jobs/{job_id}.json").get_json()
        if seen["done"] > 12:
            break
        time.sleep(0.05)
    assert seen["total"] == 600 and 12 < seen["done"] < 600 and seen["message"] == "waiting"
    assert seen["state"] == "running" and 0 < seen["percent"] < 100
    token = csrf_token(client, f"/jobs/{job_id}")
    if TEST_DATABASE_URL:
        response = client.post(f"/jobs/{job_id}/cancel", data={"csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)
    else:
        # SQLite: any logged-in POST waits for the job's write lock (README); the job is told
        # through the live store, lets go, and the request is then recorded.
        live.store(app).cancel(job.key)
        with transaction():
            assert operations.request_cancel(db.session.get(Job, job_id), None)
    job = _wait(job_id, ("cancelled", "failed", "done"))
    assert job.state == "cancelled" and job.cancel_requested and job.error is None
    assert 0 < job.progress_done < 600
    assert "JOB-SLOW" not in titles()  # what it wrote before the cancel was rolled back
    assert live.store(app).get(job.key) is None
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.entity_type == "job")).all()
    assert actions == ["enqueue", "cancel"]


def test_a_command_without_a_runner_leaves_its_jobs_to_the_web_process(job_app_factory):
    """A command (no request: no runner of its own) that queues a job, e.g. a rebuild after a
    change, does not start threads that would die with it half-way: the job waits for the web
    process's runner."""
    app = job_app_factory(JOBS_RUNNER="local")
    job_id = _enqueue("test.write", {"title": "JOB-FROM-A-COMMAND"})
    time.sleep(0.3)
    assert "jobs.local" not in app.extensions and _job(job_id).state == "queued"
    local.start(app)  # the web process (its first request)
    assert _wait(job_id, ("done", "failed")).state == "done" and "JOB-FROM-A-COMMAND" in titles()


def test_jobs_survive_a_restart(job_app_factory):
    app = job_app_factory(JOBS_RUNNER="manual")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    queued = _enqueue("test.write", {"title": "JOB-AFTER-RESTART"})
    abandoned = _enqueue("test.write", {"title": "JOB-ABANDONED"})
    with transaction():
        operations.claim(abandoned, f"{runner.socket.gethostname()}:{dead.pid}")  # its process died
    app.config["JOBS_RUNNER"] = "local"  # the app starts again, without Redis
    local.start(app)  # its job process marks the abandoned job failed, then runs the queued one
    assert _wait(abandoned, ("failed",)).state == "failed"
    assert "انقطعت المهمة" in _job(abandoned).error  # in the starter's language (Arabic by default)
    assert _wait(queued, ("done", "failed")).state == "done" and "JOB-AFTER-RESTART" in titles()


def test_a_runner_on_another_machine_that_went_silent_is_given_up(job_app_factory, monkeypatch):
    job_app_factory()
    job_id = _enqueue("test.write", {"title": "JOB-ELSEWHERE"})
    with transaction():
        operations.claim(job_id, "another-machine:123")
    assert runner.recover_abandoned() == 0  # just started: not stale yet
    monkeypatch.setattr(runner, "STALE_SECONDS", -1)
    assert runner.recover_abandoned() == 1 and _job(job_id).state == "failed"


def test_a_job_is_claimed_once(job_app_factory):
    job_app_factory()
    job_id = _enqueue("test.write", {"title": "JOB-ONCE"})
    with transaction():
        assert operations.claim(job_id, "a:1") is not None
    with transaction():
        assert operations.claim(job_id, "b:2") is None
    assert runner.execute(job_id) is None


def test_dedupe_key_gives_the_job_already_waiting(job_app_factory):
    job_app_factory()
    first = _enqueue("test.write", {"title": "A"}, dedupe_key="report:x")
    assert _enqueue("test.write", {"title": "A"}, dedupe_key="report:x") == first
    runner.drain()
    assert _enqueue("test.write", {"title": "A"}, dedupe_key="report:x") != first


def test_a_rebuild_asked_for_while_one_runs_is_queued_behind_it(job_app_factory):
    """A running rebuild may have read the data before the change that asks again: with
    ``share_running=False`` only a job still waiting is shared (one queued at a time)."""
    job_app_factory()
    running = _enqueue("test.write", {"title": "R"}, dedupe_key="rebuild", share_running=False)
    with transaction():
        operations.claim(running, runner.runner_id())
    queued = _enqueue("test.write", {"title": "R"}, dedupe_key="rebuild", share_running=False)
    assert queued != running
    assert _enqueue("test.write", {"title": "R"}, dedupe_key="rebuild", share_running=False) == queued


@pytest.fixture
def redis_queue():
    try:
        connection = redis.Redis.from_url(REDIS_URL)
        connection.ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Redis at " + REDIS_URL)
    name = f"tracker-test-{uuid.uuid4().hex[:8]}"
    yield name, connection
    Queue(name, connection=connection).delete(delete_jobs=True)


def test_rq_workers_run_jobs_only_after_the_commit(job_app_factory, redis_queue):
    name, connection = redis_queue
    job_app_factory(JOBS_RUNNER="rq", REDIS_URL=REDIS_URL, JOBS_QUEUE=name)
    queue = Queue(name, connection=connection)
    with pytest.raises(RuntimeError), transaction():
        operations.enqueue("test.write", {"title": "JOB-ROLLED-BACK"})
        raise RuntimeError("the request failed")
    assert queue.count == 0  # never handed over: its row was rolled back
    done = _enqueue("test.write", {"title": "JOB-RQ"})
    failed = _enqueue("test.write", {"title": "JOB-RQ-FAIL", "end": "refuse"})
    assert queue.count == 2
    SimpleWorker([queue], connection=connection).work(burst=True, with_scheduler=False)
    assert _job(done).state == "done" and "JOB-RQ" in titles()
    assert _job(failed).state == "failed" and "JOB-RQ-FAIL" not in titles()


def test_rq_cancel_reaches_the_worker_through_redis(job_app_factory, redis_queue):
    name, connection = redis_queue
    app = job_app_factory(JOBS_RUNNER="rq", REDIS_URL=REDIS_URL, JOBS_QUEUE=name)
    job_id = _enqueue("test.slow", {"title": "JOB-RQ-SLOW"})
    with transaction():
        operations.request_cancel(db.session.get(Job, job_id), None)  # queued: cancelled at once
    job_id = _enqueue("test.slow", {"title": "JOB-RQ-SLOW", "steps": 5})
    key = _job(job_id).key
    live.store(app).cancel(key)  # as a cancel from another machine arriving mid-run
    SimpleWorker([Queue(name, connection=connection)], connection=connection).work(
        burst=True, with_scheduler=False
    )
    assert _job(job_id).state == "cancelled" and "JOB-RQ-SLOW" not in titles()
    assert queries.queued_ids() == []
