"""The full public downloads as files: every public incident in each public format (CSV, XLSX,
GeoJSON, JSON), built by ``build_full`` and served as static files (``tracker.public.api``), so
that a download never builds records in the request.

A build is a public file (``tracker.public.operations``): registered with the incidents it holds
before it is written, into a folder of its own (``<downloads>/<file id>/``), each file written to
a temporary name and renamed into place, with a gzip copy of the text formats. Only the folder of
the build recorded ``ready`` is served; when a case it holds leaves the public, that build is
withdrawn in the same transaction, and the full download streams from the database (as filtered
downloads do) until the next build.

``build_full`` is a plain function taking an optional ``progress(done, total, message=None)``:
the ``public.downloads`` job runs it after every change of public data (queued by
``operations.queue_downloads_rebuild``, one queued at a time); ``flask map downloads`` too.
"""

import gzip
import os
import shutil
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from tracker.core import sqlite
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.public import formats, operations, queries
from tracker.public.models import PublicFile

KIND, KEY = "download", "full"
REBUILD = operations.DOWNLOADS_JOB
FORMATS = ("csv", "xlsx", "geojson", "json")
COMPRESSED = ("csv", "geojson", "json")  # XLSX is a zip already
Progress = Callable[..., None]


def root() -> Path:
    return Path(current_app.config.get("DOWNLOADS_DIR") or Path(current_app.instance_path) / "downloads")


def file_name(fmt: str, compressed: bool = False) -> str:
    return f"incidents.{fmt}" + (".gz" if compressed else "")


def ready() -> PublicFile | None:
    """The build that may be served now, or None (never built, being built, or withdrawn)."""
    return db.session.scalars(
        sa.select(PublicFile).where(PublicFile.kind == KIND, PublicFile.key == KEY, PublicFile.status == "ready")
        .order_by(PublicFile.id.desc()).limit(1)
    ).first()  # fmt: skip


def path(build: PublicFile, fmt: str, compressed: bool = False) -> Path:
    return root() / str(build.id) / file_name(fmt, compressed)


def describe() -> dict[str, dict]:
    """format -> {size (bytes), built_at}: what the download links state. Empty when no build may
    be served (the links then lead to downloads streamed from the database)."""
    build = ready()
    if build is None:
        return {}
    found = {}
    for fmt in FORMATS:
        target = path(build, fmt)
        if target.is_file():
            found[fmt] = {"size": target.stat().st_size, "built_at": build.built_at}
    return found


def _write(folder: Path, fmt: str, records) -> None:
    """One format into ``folder``: temporary names first, renamed into place once complete."""
    target = folder / file_name(fmt)
    temporary = folder / f".{file_name(fmt)}.part"
    packed_target = folder / file_name(fmt, True)
    packed_temporary = folder / f".{file_name(fmt, True)}.part"
    try:
        _write_parts(fmt, records, temporary, packed_temporary)
    except BaseException:
        for part in (temporary, packed_temporary):
            part.unlink(missing_ok=True)
        raise
    if fmt in COMPRESSED:
        os.replace(packed_temporary, packed_target)
    os.replace(temporary, target)


def _write_parts(fmt: str, records, temporary: Path, packed_temporary: Path) -> None:
    """The file the download streams (``formats.DOWNLOADS``: one writer for both), and its gzip
    copy for the compressed formats."""
    write = formats.DOWNLOADS[fmt][0]
    with open(temporary, "wb") as out, ExitStack() as stack:
        packed = None
        if fmt in COMPRESSED:
            raw = stack.enter_context(open(packed_temporary, "wb"))
            packed = stack.enter_context(gzip.GzipFile(fileobj=raw, mode="wb", mtime=0))
        for piece in write(records):
            data = formats.encoded(piece)
            out.write(data)
            if packed is not None:
                packed.write(data)
        stack.close()
        out.flush()
        os.fsync(out.fileno())


def build_full(progress: Progress | None = None) -> int | None:
    """Build every full public download; return the id of the build (a ``PublicFile``), or None
    when a newer build ended first. Commits: the build is registered before it is written (so a
    case leaving the public meanwhile withdraws it) and finished after
    (``operations.finish_file``: served only if nothing it holds left). The reads in between
    never take SQLite's write lock (minutes at full size)."""
    with transaction():
        held = set(queries.public_ids())
        file_id = operations.start_file(KIND, KEY, held).id
    folder = root() / str(file_id)
    folder.mkdir(parents=True, exist_ok=True)
    total, done = len(held) * len(FORMATS), 0
    for fmt in FORMATS:

        def counted(records, fmt=fmt):
            nonlocal done
            for record in records:
                yield record
                done += 1
                if progress is not None and done % 1000 == 0:
                    progress(done, total, fmt)

        with sqlite.reading():
            _write(folder, fmt, counted(queries.iter_records({}, only_ids=held)))
            db.session.rollback()  # the reads' transaction: end it, do not hold a snapshot for hours
    with transaction():
        finished = operations.finish_file(file_id)
    if finished is None:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    _remove_old(file_id)
    if progress is not None:
        progress(total, total, None)
    return file_id


def _remove_old(current: int) -> None:
    """Folders of earlier builds (their records are gone: ``finish_file``)."""
    for folder in root().iterdir() if root().is_dir() else ():
        if folder.is_dir() and folder.name.isdigit() and int(folder.name) < current:
            shutil.rmtree(folder, ignore_errors=True)
