"""``flask worker`` (an RQ worker: run as many as wanted, on any machine) and ``flask jobs``.

A CLI command that starts a job and waits for it (``flask incidents rederive``) uses ``run_and_wait``:
with Redis the job goes to the workers and the command follows its progress; without, it runs
in the command's own process.
"""

import json
import sys
import time

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from redis import Redis
from rq import SimpleWorker

from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.jobs import live, operations, queries, runner
from tracker.jobs.models import Job

jobs_cli = AppGroup("jobs", help="Background jobs.")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
@with_appcontext
def worker_command(burst):
    """Run jobs from the Redis queue (REDIS_URL), one at a time; start several for more."""
    app = current_app._get_current_object()
    if not app.config.get("REDIS_URL"):
        raise click.ClickException("REDIS_URL is not set: without Redis, jobs run inside the web process.")
    failed = runner.recover_abandoned()
    requeued = runner.requeue_waiting(app)
    db.session.remove()
    click.echo(f"Worker {runner.runner_id()}: {failed} interrupted jobs marked failed, {requeued} re-queued.")
    queue = runner.rq_queue(app)
    # SimpleWorker: the job runs in this process, in the application context of this command.
    SimpleWorker([queue], connection=Redis.from_url(app.config["REDIS_URL"])).work(
        burst=burst, with_scheduler=False
    )


def run_and_wait(kind: str, params: dict, label: str) -> Job:
    """Start a job of ``kind`` and wait for its end, showing its progress on standard error."""
    app = current_app._get_current_object()
    queued = runner.mode(app) == "rq"
    with transaction():
        job_id = operations.enqueue(kind, params, channel="cli", dispatch=queued).id
    if not queued:
        runner.execute(job_id)
    else:
        _follow(job_id, label)
    db.session.expire_all()
    return queries.get_job(job_id)


def _follow(job_id: int, label: str) -> None:
    store = live.store(current_app)
    while True:
        db.session.expire_all()
        job = queries.get_job(job_id)
        db.session.rollback()
        if job.finished:
            return
        seen = store.get(job.key) or {}
        click.echo(f"\r{label}: {job.state} {seen.get('done', 0)}/{seen.get('total', 0)}", nl=False, err=True)
        time.sleep(1)


def echo_end(job: Job) -> None:
    if job.state != "done":
        click.echo(f"Job {job.id} {job.state}: {job.error or ''}", err=True)
        sys.exit(1)


@jobs_cli.command("list")
@click.option("--limit", default=20, show_default=True)
def list_jobs(limit):
    """The latest jobs and their state."""
    for job in queries.recent_for(None, limit):
        click.echo(
            f"{job.id}\t{job.kind}\t{job.state}\t{job.progress_done}/{job.progress_total}\t{job.error or ''}"
        )


@jobs_cli.command("run")
@click.argument("kind")
@click.argument("params", default="{}")
def run_job(kind, params):
    """Start a job of KIND with PARAMS (JSON) and wait for it, e.g.
    `flask jobs run geo.geocode '{"mode": "missing"}'`."""
    try:
        values = json.loads(params)
    except ValueError as exc:
        raise click.BadParameter("must be a JSON object", param_hint="PARAMS") from exc
    try:
        job = run_and_wait(kind, values, kind)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    echo_end(job)
    click.echo(json.dumps(job.result, ensure_ascii=False))
