"""Job kinds for the tests. Registered in the test process by ``tests.jobs.conftest`` and in a
local runner's process through ``JOBS_MODULES``, as an organisation's own kinds would be."""

import os
import time
from pathlib import Path

from flask_babel import gettext as _

from schemas.cases import IncidentInputSchema
from tests import factories
from tracker.audit.operations import Actor
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident
from tracker.jobs.registry import JobFailed, job


def _write(title: str) -> Incident:
    data = IncidentInputSchema().load(factories.incident_data(title_en=title))
    return case_ops.create_incident(data, Actor(None, "system", "system:tests"))


@job("test.write")
def write_then(params, progress):
    """Writes an incident, then ends as ``params["end"]`` says."""
    progress(0, 2, "writing")
    incident = _write(params["title"])
    progress(1, 2)
    if params.get("end") == "refuse":
        raise JobFailed(_("The file has errors: nothing was imported."))
    if params.get("end") == "crash":
        raise RuntimeError("boom")
    progress(2, 2)
    return {"id": incident.id}


@job("test.slow")
def slow(params, progress):
    """Writes, then reports progress until cancelled (or ``params["steps"]`` are done)."""
    _write(params["title"])
    steps = params.get("steps", 600)
    for step in range(steps):
        progress(step, steps, "waiting")
        time.sleep(0.05)
    return {"steps": steps}


@job("test.wait", writes=False)
def wait_for_file(params, progress):
    """Reads nothing and writes nothing: reports progress until the file ``params["until"]``
    exists (30 s at most); the pid of the process that ran it."""
    path = Path(params["until"])
    for step in range(600):
        if path.exists():
            break
        progress(step, 600, "waiting")
        time.sleep(0.05)
    return {"pid": os.getpid()}


@job("test.read_while_written", writes=False)
def read_while_another_writes(params, progress):
    """Reads (as a rebuild of the prepared data does), while another connection commits a write
    (an editor publishing meanwhile), then ends: its state must still be written."""
    import sqlalchemy as sa

    from tracker.extensions import db

    db.session.scalar(sa.select(sa.func.count()).select_from(Incident))  # the read's snapshot begins
    with db.engine.connect() as other:  # a writer elsewhere commits after it
        other.execute(sa.text("UPDATE jobs SET message = 'meanwhile' WHERE id <> :id"), {"id": params["job"]})
        other.commit()
    progress(1, 1)
    return {"read": True}
