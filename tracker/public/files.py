"""Reads of public files' records: may a built public file be served, and in which state is it."""

import sqlalchemy as sa

from tracker.extensions import db
from tracker.public.models import PublicFile


def state(kind: str, key: str) -> str | None:
    """``ready`` if a build of the file may be served, ``withdrawn`` if the last one was withdrawn
    (and none is ready), ``building`` if only a first build is under way, None if never recorded."""
    statuses = set(db.session.scalars(sa.select(PublicFile.status).where(PublicFile.kind == kind,
                                                                          PublicFile.key == key)))  # fmt: skip
    for candidate in ("ready", "withdrawn", "building"):
        if candidate in statuses:
            return candidate
    return None


def may_serve(kind: str, key: str) -> bool:
    return state(kind, key) == "ready"
