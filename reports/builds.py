"""Building report files: data, then PDF, then an atomic write (never a partial file).

``write_report`` is what the CLI runs. The web page starts the same work in a background thread
(``start_build``); a marker file next to the target says a build is running, so every worker
process of the server sees the same status.
"""

import os
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from reports import pdf
from reports.statistics import Scope, annex, compute

ANNEX_LIMIT_DEFAULT = 2000
STALE_BUILD_SECONDS = 30 * 60  # a marker older than this belongs to a build that died


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
    data = pdf.build(stats, rows, lang, config["ORGANISATION_NAME"],
                     progress=lambda f: report(0.35 + 0.63 * f, "pdf"))  # fmt: skip
    report(1.0, "done")
    return data


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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


def start_build(app: Flask, scope: Scope, lang: str, background: bool = True) -> bool:
    """Start building one file unless a build of it is already running. Returns whether it started."""
    folder = reports_dir(app)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(scope, lang)
    marker = path.with_suffix(".building")
    if marker.exists() and time.time() - marker.stat().st_mtime < STALE_BUILD_SECONDS:
        return False
    marker.write_text(str(os.getpid()))
    path.with_suffix(".failed").unlink(missing_ok=True)

    def run():
        try:
            with app.app_context():
                write_report(scope, lang, path, app.config)
        except Exception:
            path.with_suffix(".failed").write_text(traceback.format_exc())
            app.logger.exception("report build failed: %s", path.name)
        finally:
            marker.unlink(missing_ok=True)

    if background:
        threading.Thread(target=run, name=f"report-{path.stem}", daemon=True).start()
    else:
        run()
    return True
