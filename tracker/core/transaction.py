"""The one commit at the boundary of a request or command."""

from contextlib import contextmanager

from tracker.extensions import db


@contextmanager
def transaction():
    """Commit what the block wrote, or roll all of it back if anything raises."""
    try:
        yield db.session
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
