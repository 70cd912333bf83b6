"""Configuration: defaults, then environment variables, then an explicit dict (tests).

Only names listed in ``ENV_KEYS`` are read from the environment, so a stray variable
cannot silently change behaviour.
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"

DEFAULTS = {
    "SECRET_KEY": None,  # required outside debug/testing; see tracker.create_app
    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{INSTANCE_DIR / 'tracker.sqlite3'}",
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SQLALCHEMY_RECORD_QUERIES": False,
    "BABEL_DEFAULT_LOCALE": "ar",
    "BABEL_DEFAULT_TIMEZONE": "UTC",
    "LANGUAGES": ("ar", "en"),
    "ORGANISATION_NAME": "Press Freedom Tracker",
    # Sessions and cookies
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "WTF_CSRF_TIME_LIMIT": None,
    # Rate limiting: memory by default, Redis when REDIS_URL is set.
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    "LOGIN_RATE_LIMIT": "10 per minute",
    # JSON API
    "API_TITLE": "Press Freedom Tracker API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_PAGE_SIZE_DEFAULT": 50,
    "API_PAGE_SIZE_MAX": 200,
    "JSON_SORT_KEYS": False,
    # Largest accepted request body (an incident with many victims is far below this).
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "API_SPEC_OPTIONS": {
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "description": "flask users token EMAIL"},
                "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "session"},
            }
        },
        "security": [{"bearerAuth": []}, {"cookieAuth": []}],
    },
    # Public references: YE-2024-0042
    "PUBLIC_REF_DIGITS": 4,
    # Yearly report: incidents listed in the PDF's annex (most serious first; all are counted),
    # and whether the reports page builds PDFs in a background thread (tests build inline).
    "REPORT_ANNEX_LIMIT": 2000,
    "REPORT_BUILD_IN_BACKGROUND": True,
}

# environment variable -> config key
ENV_KEYS = {
    "SECRET_KEY": "SECRET_KEY",
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "REDIS_URL": "RATELIMIT_STORAGE_URI",
    "SESSION_COOKIE_SECURE": "SESSION_COOKIE_SECURE",
    "ORGANISATION_NAME": "ORGANISATION_NAME",
    "BABEL_DEFAULT_LOCALE": "BABEL_DEFAULT_LOCALE",
}
BOOLEAN_KEYS = {"SESSION_COOKIE_SECURE"}


def normalise_database_url(url: str) -> str:
    """Accept the common ``postgres://`` / ``postgresql://`` forms and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_config(overrides: dict | None = None) -> dict:
    config = dict(DEFAULTS)
    for env_name, key in ENV_KEYS.items():
        value = os.environ.get(env_name)
        if value is None or value == "":
            continue
        if key in BOOLEAN_KEYS:
            value = value.strip().lower() in {"1", "true", "yes", "on"}
        config[key] = value
    config.update(overrides or {})
    config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(config["SQLALCHEMY_DATABASE_URI"])
    return config
