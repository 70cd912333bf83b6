"""Fixtures shared by the map and public-output tests (imported by their conftest files)."""

import pytest

from tracker.maps import index


@pytest.fixture(autouse=True)
def _fresh_map_index():
    """The map's cluster index is cached per process; each test has its own rolled-back data."""
    index.reset()
    yield
    index.reset()


@pytest.fixture
def plain_client(app):
    """A test client that runs requests in the test's own context (the isolating client of
    tests/conftest.py gives each request a context of its own)."""
    from flask.testing import FlaskClient

    return FlaskClient(app, app.response_class)
