"""Geocoding writes: the provider cache, and an incident's place filled in through the case
operations (so the change is versioned and audited like any edit); the map's governorate
boundaries file (audited like a setting). Never commits."""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident
from tracker.core.db import utcnow
from tracker.core.files import atomic_write
from tracker.extensions import db
from tracker.geo import boundaries
from tracker.geo.models import GeocodeCache
from tracker.geo.resolver import Candidate


def cache_answer(provider: str, query: str, result: list[dict]) -> GeocodeCache:
    entry = db.session.scalar(
        sa.select(GeocodeCache).where(GeocodeCache.provider == provider, GeocodeCache.query == query)
    )
    if entry is None:
        entry = GeocodeCache(provider=provider, query=query)
        db.session.add(entry)
    entry.result, entry.created_at = result, utcnow()
    db.session.flush()
    return entry


@dataclass
class Outcome:
    status: str  # geocoded | ambiguous | unresolved | skipped
    candidate: Candidate | None = None
    choices: list[Candidate] = field(default_factory=list)


def geocode_incident(
    incident: Incident,
    actor: Actor,
    *,
    overwrite: bool = False,
    use_providers: bool = True,
    dry_run: bool = False,
) -> Outcome:
    """Fill the point, precision, governorate and source of ``incident`` from its place text.

    A ``manual`` point is never touched; an existing point only with ``overwrite``. The public
    precision follows from the point found (``tracker.cases.derive``).
    """
    from tracker.geo import providers, resolver

    if incident.latitude is not None and (incident.geocode_source == "manual" or not overwrite):
        return Outcome("skipped")
    args = (incident.locality, incident.admin1, incident.country)
    found = providers.geocode(*args) if use_providers else resolver.lookup(*args)
    if found.ambiguous:
        return Outcome("ambiguous", choices=found.candidates[:5])
    best = found.best
    if best is None or (best.precision == "country" and (incident.locality or incident.admin1)):
        return Outcome("unresolved", choices=found.candidates[:5])
    data = {
        "latitude": best.latitude,
        "longitude": best.longitude,
        "geo_precision": best.precision,
        "geonames_id": best.geonames_id,
        "geocode_source": best.source,
    }
    if not incident.admin1 and best.admin1 is not None and best.precision != "country":
        data["admin1"] = best.admin1.code
    if not dry_run:
        case_ops.update_incident(incident, data, actor, incident.version)
    return Outcome("geocoded", best)


def _codes_in(path: Path) -> list[str]:
    """The governorate codes of the current boundaries file (none when there is none)."""
    try:
        return [f["id"] for f in json.loads(path.read_bytes())["features"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def save_boundaries(plan: boundaries.Plan, actor: Actor, path: Path) -> str:
    """Replace the boundaries file with ``plan``'s features (atomically: a reader sees the old
    file or the new one) and audit which governorates changed; returns the new file's hash.
    The caller commits (the audit entry) right after."""
    body = boundaries.encode(plan.document())
    digest = hashlib.sha256(body).hexdigest()[:16]
    before = _codes_in(path)
    after = [f["id"] for f in plan.features]
    audit.record(actor, "import", "admin1_boundaries", 0, {"codes": [before, after]}, note=digest)
    db.session.flush()
    atomic_write(path, body)
    return digest


def clear_boundaries(actor: Actor, path: Path) -> bool:
    """Remove the boundaries file (the map goes back to circles); False when there was none."""
    if not path.exists():
        return False
    audit.record(actor, "clear", "admin1_boundaries", 0, {"codes": [_codes_in(path), []]})
    db.session.flush()
    path.unlink()
    return True
