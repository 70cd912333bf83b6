"""``flask geo geocode``: geocode incidents in batches, one commit per batch.

Resumable: a batch that was committed stays done, and ``--missing`` picks up only what still
has no point; ``--all`` takes ``after_id`` to continue after the last committed incident. On
Ctrl-C the batch in progress is rolled back and the summary so far is returned.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa

from tracker.audit.operations import Actor
from tracker.cases.models import Incident
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.geo import operations

BATCH_SIZE = 200


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    review: list[dict] = field(default_factory=list)  # unresolved and ambiguous incidents
    last_id: int = 0
    interrupted: bool = False


def select_ids(mode: str, after_id: int = 0) -> sa.Select:
    query = sa.select(Incident.id).where(Incident.id > after_id).order_by(Incident.id)
    if mode == "missing":
        return query.where(Incident.latitude.is_(None))
    return query.where(sa.or_(Incident.geocode_source.is_(None), Incident.geocode_source != "manual"))


def run(mode: str, actor: Actor, *, dry_run=False, after_id=0, progress: Callable[[int], None] | None = None,
        batch_size=BATCH_SIZE) -> Summary:  # fmt: skip
    ids = list(db.session.scalars(select_ids(mode, after_id)))
    summary = Summary(last_id=after_id)
    try:
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            with transaction():
                results = _geocode_batch(chunk, mode, actor, dry_run)
                if dry_run:
                    db.session.rollback()
            for incident_id, ref, outcome, text in results:
                summary.counts[outcome.status] = summary.counts.get(outcome.status, 0) + 1
                if outcome.status in ("ambiguous", "unresolved"):
                    summary.review.append(_review_row(incident_id, ref, outcome, text))
            summary.last_id = chunk[-1]
            if progress:
                progress(len(chunk))
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary


def _geocode_batch(chunk, mode, actor, dry_run):
    incidents = db.session.scalars(sa.select(Incident).where(Incident.id.in_(chunk)).order_by(Incident.id))
    results = []
    for incident in incidents:
        text = {"locality": incident.locality, "admin1": incident.admin1, "country": incident.country}
        outcome = operations.geocode_incident(incident, actor, overwrite=(mode == "all"), dry_run=dry_run)
        results.append((incident.id, incident.public_ref, outcome, text))
    return results


def _review_row(incident_id, ref, outcome, text) -> dict:
    choices = [
        {"name_ar": c.name_ar, "name_en": c.name_en, "country": c.country,
         "admin1": c.admin1.code if c.admin1 else None, "precision": c.precision}
        for c in outcome.choices
    ]  # fmt: skip
    return {"id": incident_id, "public_ref": ref, "status": outcome.status, **text, "choices": choices}
