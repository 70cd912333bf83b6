from tests.web.conftest import web  # noqa: F401  (logged-in page clients)
