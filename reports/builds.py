"""Building report files: data, then PDF, then an atomic write (never a partial file).

``write_report`` is what the CLI runs. The web page queues a ``report.build`` job
(``tracker.jobs.kinds``), which runs ``start_build``; a marker file next to the target says a
build is running, so every process of the server sees the same status.
"""

import os
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from reports import pdf
from reports.statistics import TREND_YEARS, Scope, annex, compute
from tracker.admin import queries as organisation
from tracker.cases.models import Incident
from tracker.core.files import atomic_write
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.public import files as public_files
from tracker.public import operations as public_operations
from tracker.reports import queries as report_texts

ANNEX_LIMIT_DEFAULT = 2000
STALE_BUILD_SECONDS = 30 * 60  # a marker older than this belongs to a build that died


def organisation_name(config, lang: str) -> str:
    """The organisation's name in the edition's language: the admins' setting, else the
    configuration (ORGANISATION_NAME_AR for Arabic)."""
    return organisation.organisation_name(lang, config)


def render(scope: Scope, lang: str, config, progress: Callable[[float, str], None] | None = None) -> bytes:
    """The report's PDF bytes for ``scope`` in ``lang``."""
    reached = [0.0]

    def report(fraction: float, step: str) -> None:
        # reportlab's own estimate of the work left can shrink: never go backwards
        reached[0] = max(reached[0], fraction)
        if progress is not None:
            progress(reached[0], step)

    report(0.02, "statistics")
    stats = compute(scope)
    report(0.25, "annex")
    rows = annex(scope, config.get("REPORT_ANNEX_LIMIT", ANNEX_LIMIT_DEFAULT))
    report(0.35, "pdf")
    texts = report_texts.texts(scope.year, lang)
    data = pdf.build(stats, rows, lang, organisation_name(config, lang), texts=texts,
                     progress=lambda f: report(0.35 + 0.63 * f, "pdf"), logo=organisation.organisation_logo())  # fmt: skip
    report(1.0, "done")
    return data


def write_report(scope: Scope, lang: str, out: Path, config, progress=None) -> int:
    data = render(scope, lang, config, progress)
    atomic_write(Path(out), data)
    return len(data)


# --- files built from the web page --------------------------------------------------------------


def reports_dir(app: Flask) -> Path:
    return Path(app.instance_path) / "reports"


def file_name(scope: Scope, lang: str) -> str:
    return f"report-{scope.year}-{scope.country or 'all'}-{scope.edition}-{lang}.pdf"


def status(app: Flask, scope: Scope, lang: str) -> dict:
    """``{"state": "ready"|"building"|"failed"|"missing", "size", "built_at"}`` of one file."""
    path = reports_dir(app) / file_name(scope, lang)
    marker, failure = path.with_suffix(".building"), path.with_suffix(".failed")
    result = {"state": "missing", "name": path.name}
    if marker.exists() and time.time() - marker.stat().st_mtime < STALE_BUILD_SECONDS:
        result["state"] = "building"
    elif failure.exists():
        result["state"] = "failed"
    if path.exists():
        stat = path.stat()
        result.update(size=stat.st_size, built_at=stat.st_mtime)
        if result["state"] != "building":
            result["state"] = "ready"
    return result


def held_incident_ids(scope: Scope) -> list[int]:
    """The incidents a report of ``scope`` may show or count (its year and the trend years)."""
    first = date(scope.year - TREND_YEARS + 1, 1, 1)
    stmt = sa.select(Incident.id).where(
        *scope.selection(), Incident.date_start.between(first, date(scope.year, 12, 31))
    )
    return list(db.session.scalars(stmt))


def public_state(scope: Scope, lang: str) -> str | None:
    """The public file record's state (``tracker.public.files.state``); None for the internal edition."""
    return public_files.state("report", file_name(scope, lang)) if scope.public else None


def start_build(app: Flask, scope: Scope, lang: str) -> bool:
    """Build one file, here (a job's body), unless a build of it is already running. Returns
    whether it was built or tried (a failure is written next to the target)."""
    folder = reports_dir(app)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(scope, lang)
    marker = path.with_suffix(".building")
    if marker.exists() and time.time() - marker.stat().st_mtime < STALE_BUILD_SECONDS:
        return False
    marker.write_text(str(os.getpid()))
    path.with_suffix(".failed").unlink(missing_ok=True)

    def build():
        record = None
        if scope.public:  # which cases the file holds, so that it is withdrawn when one leaves
            with transaction():
                record = public_operations.start_file(
                    "report", path.name, held_incident_ids(scope), year=scope.year, lang=lang
                ).id
        write_report(scope, lang, path, app.config)
        if record is not None:
            with transaction():
                public_operations.finish_file(record)

    try:
        build()
    except Exception:
        path.with_suffix(".failed").write_text(traceback.format_exc())
        app.logger.exception("report build failed: %s", path.name)
    finally:
        marker.unlink(missing_ok=True)
    return True
