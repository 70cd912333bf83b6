"""Desk tests log in through the real forms, like the page tests."""

from tests.map_fixtures import plain_client  # noqa: F401
from tests.web.conftest import web  # noqa: F401
