"""Without Redis, jobs run in a process of their own that the web process starts (the
``local`` runner): a long rebuild never shares a web process's interpreter with its visitors,
one such process runs jobs for every web process of the machine, and it ends with its web
process."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.jobs.conftest import titles
from tests.jobs.test_runner import _enqueue, _wait
from tracker.jobs import local

pytestmark = pytest.mark.no_rollback


def _pid(job) -> int:
    return int(job.runner.rpartition(":")[2])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie (not yet reaped) is gone too
        return stat.read().split(")")[-1].split()[0] != "Z"


def _gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


def test_a_local_job_runs_in_a_process_of_its_own(job_app_factory):
    app = job_app_factory(JOBS_RUNNER="local")
    local.start(app)  # as the web process's first request does
    job = _wait(_enqueue("test.write", {"title": "JOB-ELSEWHERE"}), ("done", "failed"), seconds=60)
    assert job.state == "done", job.error
    assert _pid(job) != os.getpid()
    assert "JOB-ELSEWHERE" in titles()
    own = os.getpriority(os.PRIO_PROCESS, 0)
    assert os.getpriority(os.PRIO_PROCESS, _pid(job)) == min(own + 10, 19)  # visitors first (JOBS_LOCAL_NICE)


def test_the_job_process_is_woken_when_a_job_is_queued(job_app_factory):
    """It does not wait for its next look at the queue (here a minute away): a job queued by a
    command or another web process is taken at once."""
    app = job_app_factory(JOBS_RUNNER="local", JOBS_LOCAL_POLL_SECONDS=60)
    runner_process = local.start(app)
    first = _wait(_enqueue("test.write", {"title": "JOB-FIRST"}), ("done", "failed"), seconds=60)
    assert first.state == "done", first.error  # the process is up and has looked once
    started = time.monotonic()
    second = _wait(_enqueue("test.write", {"title": "JOB-WOKEN"}), ("done", "failed"), seconds=30)
    assert second.state == "done" and time.monotonic() - started < 10
    assert {_pid(first), _pid(second)} <= set(runner_process.child_pids)


def test_two_jobs_run_side_by_side_each_in_a_process_of_its_own(job_app_factory, tmp_path):
    """A publish's rebuild does not wait for an import, nor share an interpreter with it."""
    app = job_app_factory(JOBS_RUNNER="local")
    runner_process = local.start(app)
    until = tmp_path / "go"
    ids = [_enqueue("test.wait", {"until": str(until)}) for _ in range(2)]
    running = [_wait(job_id, ("running",), seconds=60) for job_id in ids]
    until.touch()
    done = [_wait(job_id, ("done", "failed"), seconds=60) for job_id in ids]
    assert [job.state for job in done] == ["done", "done"]
    assert len({_pid(job) for job in running}) == 2
    assert {job.result["pid"] for job in done} == set(runner_process.child_pids)


def test_the_job_processes_of_every_web_process_share_the_slots(job_app_factory):
    """One slot: one job process runs the jobs of both web processes; the other takes over."""
    app = job_app_factory(JOBS_RUNNER="local", JOBS_LOCAL_PROCESSES=1)
    first = local.start(app)
    first_job = _wait(_enqueue("test.write", {"title": "JOB-A"}), ("done", "failed"), seconds=60)
    second = local.LocalProcess(app)  # a second web process of the same machine and database
    second.start()
    try:
        for title in ("JOB-B", "JOB-C"):
            job = _wait(_enqueue("test.write", {"title": title}), ("done", "failed"), seconds=60)
            assert _pid(job) == _pid(first_job) == first.child_pids[0]  # the second one's process waits
        first.stop()  # the first web process ends, and its job process with it
        taken = _wait(_enqueue("test.write", {"title": "JOB-D"}), ("done", "failed"), seconds=60)
        assert taken.state == "done" and _pid(taken) == second.child_pids[0] != _pid(first_job)
    finally:
        second.stop()
    assert {"JOB-A", "JOB-B", "JOB-C", "JOB-D"} <= titles()


def test_the_job_process_ends_with_its_web_process(job_app_factory, tmp_path):
    """Killed outright (no chance to clean up), the web process leaves no job process behind; the
    job it was running is marked interrupted by the next one, and nothing it wrote is kept."""
    app = job_app_factory(JOBS_RUNNER="local")
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    script = tmp_path / "web.py"
    script.write_text(
        textwrap.dedent(f"""
        import sys, time
        from tests.conftest import make_app
        from tests.jobs import kinds
        from tracker.jobs import local
        app = make_app({url!r}, JOBS_RUNNER="local", JOBS_MODULES=["tests.jobs.kinds"])
        process = local.start(app)
        print(*process.child_pids, flush=True)
        time.sleep(600)
    """)
    )
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    web = subprocess.Popen([sys.executable, str(script)], cwd=root, stdout=subprocess.PIPE, text=True,
                           env={**os.environ, "PYTHONPATH": root})  # fmt: skip
    try:
        children = [int(pid) for pid in web.stdout.readline().split()]
        assert len(children) == 2  # JOBS_LOCAL_PROCESSES
        job_id = _enqueue("test.slow", {"title": "JOB-CUT-SHORT"})
        job = _wait(job_id, ("running",), seconds=60)
        assert _pid(job) in children
        web.send_signal(signal.SIGKILL)
        web.wait(10)
        assert all(_gone_within(child, 10) for child in children), "a job process outlived its web process"
    finally:
        if web.poll() is None:
            web.kill()
    local.start(app)  # the web process starts again
    job = _wait(job_id, ("failed",), seconds=60)
    assert "JOB-CUT-SHORT" not in titles()
