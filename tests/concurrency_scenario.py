"""Two real writers at once, on their own connections (run by tests/test_concurrency.py).

Usage: python -m tests.concurrency_scenario DATABASE_URL  -> prints a JSON summary.
"""

import json
import os
import sys
import threading

from flask_migrate import upgrade

from schemas.cases import IncidentInputSchema
from tests.factories import incident_data
from tracker import create_app
from tracker.audit.operations import Actor
from tracker.cases import operations
from tracker.cases.models import Incident
from tracker.core.transaction import transaction
from tracker.extensions import db


def main(url: str) -> dict:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "scenario", "RATELIMIT_ENABLED": False})
    actor = Actor(None, "system", "system:scenario")
    with app.app_context():
        upgrade(directory=os.path.join(app.root_path, "..", "migrations"))
        with transaction():
            incident_id = operations.create_incident(IncidentInputSchema().load(incident_data()), actor).id

    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def edit(name: str) -> None:
        """Like two researchers: both read version 1, then both PATCH with If-Match 1."""
        with app.app_context():
            with transaction():
                read_version = db.session.get(Incident, incident_id).version
            barrier.wait()
            with app.test_request_context(method="PATCH"):
                try:
                    with transaction():
                        incident = db.session.get(Incident, incident_id)
                        operations.update_incident(
                            incident, {"title_en": f"edit by {name}"}, actor, read_version
                        )
                    results[name] = "saved"
                except Exception as error:  # noqa: BLE001 - the kind of refusal is the result
                    results[name] = type(error).__name__
                    results["stale_current_version"] = getattr(error, "current_version", None)

    def create_many(count: int) -> None:
        with app.app_context():
            for _ in range(count):
                with transaction():
                    data = IncidentInputSchema().load(
                        incident_data(
                            country="QA",
                            date_start="2016-05-01",
                            admin1=None,
                            locality=None,
                            latitude=None,
                            longitude=None,
                            geo_precision=None,
                        )
                    )
                    operations.create_incident(data, actor)

    threads = [threading.Thread(target=edit, args=(n,)) for n in ("a", "b")]
    threads += [threading.Thread(target=create_many, args=(15,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with app.app_context():
        final = db.session.get(Incident, incident_id)
        refs = [
            r for (r,) in db.session.execute(db.select(Incident.public_ref).where(Incident.country == "QA"))
        ]
        stale = results.pop("stale_current_version", None)
        return {"edits": results, "stale_current_version": stale, "final_title": final.title_en, "final_version": final.version,
                "qa_refs": len(refs), "qa_distinct": len(set(refs))}  # fmt: skip


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
