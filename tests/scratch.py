"""Scratch PostgreSQL databases for tests that run writers on connections of their own (their
commits must not reach the rolled-back test database): made empty, dropped afterwards."""

import contextlib
import os

import sqlalchemy as sa


def _base() -> sa.engine.URL:
    return sa.engine.make_url(
        os.environ["TEST_DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    )


@contextlib.contextmanager
def postgres_databases(*suffixes: str, driver: bool = True):
    """Empty databases named after TEST_DATABASE_URL's plus each suffix; yields their URLs
    (``postgresql+psycopg://``, or plain ``postgresql://`` with ``driver=False``)."""
    base = _base()
    names = [f"{base.database}_{suffix}" for suffix in suffixes]
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in names:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        urls = [base.set(database=name).render_as_string(hide_password=False) for name in names]
        if not driver:
            urls = [url.replace("postgresql+psycopg://", "postgresql://", 1) for url in urls]
        yield urls
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
