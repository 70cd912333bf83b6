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
    # No pool_pre_ping: PostgreSQL connections are checked without a round trip
    # (tracker.core.postgres); a SQLite connection is a file, nothing to check.
    "SQLALCHEMY_ENGINE_OPTIONS": {},
    "SQLALCHEMY_RECORD_QUERIES": False,
    "BABEL_DEFAULT_LOCALE": "ar",
    "BABEL_DEFAULT_TIMEZONE": "UTC",
    "LANGUAGES": ("ar", "en"),
    "ORGANISATION_NAME": "Press Freedom Tracker",
    # The organisation's name in Arabic editions (the yearly report's cover and running header)
    "ORGANISATION_NAME_AR": "مرصد حرية الصحافة",
    # The yearly report's local split of perpetrators per country (a TSV like
    # reports/data/local_groups.tsv; None: that file)
    "REPORT_LOCAL_GROUPS_PATH": None,
    # Sessions and cookies
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "WTF_CSRF_TIME_LIMIT": None,
    # Rate limiting: this process's memory by default (tracker.core.ratelimit), Redis when REDIS_URL is set.
    "RATELIMIT_STORAGE_URI": "tracker-memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    "LOGIN_RATE_LIMIT": "10 per minute",
    "PUBLIC_API_RATE_LIMIT": "600 per minute",  # per client address, for /api/public/v1
    # Accounts: lockout after repeated failures, idle sessions end, invitation links expire.
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_LOCKOUT_MINUTES": 15,
    "IDLE_TIMEOUT_MINUTES": 30,
    "INVITE_VALID_DAYS": 7,
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
    # Absolute links (Atom feed, invitations) start with this, never with the request's Host header.
    "SITE_URL": "http://localhost:5000",
    # Imports: more rows, a workbook unpacking to more bytes, or a longer cell is refused at once.
    "IMPORT_MAX_ROWS": 200_000,
    "IMPORT_MAX_UNCOMPRESSED": 100 * 1024 * 1024,
    "IMPORT_MAX_CELL": 100_000,
    "IMPORT_MAX_UPLOAD_BYTES": 64
    * 1024
    * 1024,  # an import file's upload (checked by a job, not the request)
    "API_SPEC_OPTIONS": {
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "description": "flask users token EMAIL"},
                "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "session"},
            }
        },
        "security": [{"bearerAuth": []}, {"cookieAuth": []}],
    },
    # Map tiles (an optional online service): empty = no tiles, the maps still work offline.
    "MAP_TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "MAP_TILE_ATTRIBUTION": "© OpenStreetMap contributors",
    # Public references: YE-2024-0042
    "PUBLIC_REF_DIGITS": 4,
    # Geocoding: the offline gazetteer always answers first; outside providers (geopy service
    # names, comma-separated, e.g. "nominatim") only when listed here. API keys come from
    # GEOCODER_<SERVICE>_API_KEY in the environment (see tracker.geo.providers).
    "GEOCODER_PROVIDERS": "",
    "GEOCODER_USER_AGENT": "press-freedom-tracker",
    "GEOCODER_DOMAIN": None,  # e.g. a self-hosted Nominatim, "nominatim.example.org"
    "GEOCODER_SCHEME": "https",
    "GEOCODER_TIMEOUT": 10,
    "GEOCODER_MIN_DELAY_SECONDS": 1.0,  # never less than 1 s between calls to a provider
    "GAZETTEER_PATH": None,  # default: instance/geo/gazetteer-<version>.pickle
    "BOUNDARIES_PATH": None,  # governorate polygons of the map; default: instance/geo/boundaries.json
    "DOWNLOADS_DIR": None,  # the full public downloads (built by a job); default: instance/downloads
    # Yearly report: incidents listed in the PDF's annex (most serious first; all are counted).
    "REPORT_ANNEX_LIMIT": 2000,
    # Encryption at rest (tracker.core.crypto): "id:base64key,..." (first encrypts, all decrypt),
    # or a key file (default instance/encryption.key, made on first use by a local set-up).
    "ENCRYPTION_KEYS": None,
    "ENCRYPTION_KEY_FILE": None,
    # Audit trail: the Ed25519 private key (PEM file) that signs `flask audit anchor`.
    "AUDIT_SIGNING_KEY_FILE": None,
    # Evidence: where originals and derived copies are kept ("local": EVIDENCE_DIR, default
    # instance/evidence; "s3": an S3-compatible bucket, credentials from the usual AWS_* variables),
    # and the largest file and the most files in one upload.
    "EVIDENCE_STORAGE": "local",
    "EVIDENCE_DIR": None,
    "EVIDENCE_S3_BUCKET": None,
    "EVIDENCE_S3_ENDPOINT_URL": None,
    "EVIDENCE_S3_REGION": None,
    "EVIDENCE_S3_PREFIX": "evidence/",
    "EVIDENCE_MAX_BYTES": 50 * 1024 * 1024,
    "EVIDENCE_MAX_FILES": 10,
    # E-mail of notifications (tracker.desk.mail): none unless SMTP_HOST is set. SMTP_SECURITY is
    # "starttls", "ssl" or "none"; the password comes from the environment only.
    "SMTP_HOST": None,
    "SMTP_PORT": 587,
    "SMTP_SECURITY": "starttls",
    "SMTP_USERNAME": None,
    "SMTP_PASSWORD": None,
    "SMTP_TIMEOUT": 10,
    "MAIL_FROM": None,
    # Each e-mail is a job: tried MAIL_SEND_TRIES times, waiting MAIL_RETRY_SECONDS x the try's number
    # in between, then the job fails saying so (the in-app notification is kept whatever happens).
    "MAIL_SEND_TRIES": 3,
    "MAIL_RETRY_SECONDS": 10,
    # Jobs (tracker.jobs): RQ workers (`flask worker`) when REDIS_URL is set, otherwise job
    # processes the web processes start (tracker.jobs.local; JOBS_LOCAL_PROCESS off: threads of
    # each web process); JOBS_RUNNER forces "rq", "local" or "manual" (nothing runs by itself).
    "REDIS_URL": None,
    "JOBS_RUNNER": None,
    "JOBS_LOCAL_PROCESS": True,
    "JOBS_LOCAL_PROCESSES": 2,  # job processes that run jobs at once (a rebuild need not wait for an import)
    "JOBS_LOCAL_THREADS": 1,  # jobs each of them runs at a time
    "JOBS_LOCAL_NICE": 10,  # the job processes' niceness: visitors first when the cores are busy
    "JOBS_LOCAL_POLL_SECONDS": 2.0,  # how often it looks for jobs no one woke it for
    "JOBS_MODULES": (),  # modules imported by the job process that register job kinds of their own
    "JOBS_TIMEOUT_SECONDS": 6 * 3600,
    # Redis (REDIS_URL): shared state of every web process when set (rate limits, prepared data).
    # Prepared public data (tracker.maps.prepared): "shared" (Redis, else instance/prepared/) or
    # "per-process" (each process follows the database itself; the tests' default).
    "PREPARED_DATA": None,
    "PREPARED_FOLDER": None,  # default: instance/prepared
    "PREPARED_KEY_PREFIX": "tracker:prepared",
}

# environment variable -> config key
ENV_KEYS = {
    "SECRET_KEY": "SECRET_KEY",
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "REDIS_URL": "RATELIMIT_STORAGE_URI",
    "SESSION_COOKIE_SECURE": "SESSION_COOKIE_SECURE",
    "ORGANISATION_NAME": "ORGANISATION_NAME",
    "ORGANISATION_NAME_AR": "ORGANISATION_NAME_AR",
    "REPORT_LOCAL_GROUPS_PATH": "REPORT_LOCAL_GROUPS_PATH",
    "BABEL_DEFAULT_LOCALE": "BABEL_DEFAULT_LOCALE",
    "IDLE_TIMEOUT_MINUTES": "IDLE_TIMEOUT_MINUTES",
    "MAP_TILE_URL": "MAP_TILE_URL",
    "MAP_TILE_ATTRIBUTION": "MAP_TILE_ATTRIBUTION",
    "PUBLIC_API_RATE_LIMIT": "PUBLIC_API_RATE_LIMIT",
    "LOGIN_MAX_FAILURES": "LOGIN_MAX_FAILURES",
    "LOGIN_LOCKOUT_MINUTES": "LOGIN_LOCKOUT_MINUTES",
    "GEOCODER_PROVIDERS": "GEOCODER_PROVIDERS",
    "GEOCODER_USER_AGENT": "GEOCODER_USER_AGENT",
    "GEOCODER_DOMAIN": "GEOCODER_DOMAIN",
    "GEOCODER_SCHEME": "GEOCODER_SCHEME",
    "GAZETTEER_PATH": "GAZETTEER_PATH",
    "BOUNDARIES_PATH": "BOUNDARIES_PATH",
    "DOWNLOADS_DIR": "DOWNLOADS_DIR",
    "SITE_URL": "SITE_URL",
    "IMPORT_MAX_ROWS": "IMPORT_MAX_ROWS",
    "AUDIT_SIGNING_KEY_FILE": "AUDIT_SIGNING_KEY_FILE",
    "ENCRYPTION_KEYS": "ENCRYPTION_KEYS",
    "ENCRYPTION_KEY_FILE": "ENCRYPTION_KEY_FILE",
    "EVIDENCE_STORAGE": "EVIDENCE_STORAGE",
    "EVIDENCE_DIR": "EVIDENCE_DIR",
    "EVIDENCE_S3_BUCKET": "EVIDENCE_S3_BUCKET",
    "EVIDENCE_S3_ENDPOINT_URL": "EVIDENCE_S3_ENDPOINT_URL",
    "EVIDENCE_S3_REGION": "EVIDENCE_S3_REGION",
    "EVIDENCE_MAX_BYTES": "EVIDENCE_MAX_BYTES",
    "SMTP_HOST": "SMTP_HOST",
    "SMTP_PORT": "SMTP_PORT",
    "SMTP_SECURITY": "SMTP_SECURITY",
    "SMTP_USERNAME": "SMTP_USERNAME",
    "SMTP_PASSWORD": "SMTP_PASSWORD",
    "MAIL_FROM": "MAIL_FROM",
    "MAIL_SEND_TRIES": "MAIL_SEND_TRIES",
    "MAIL_RETRY_SECONDS": "MAIL_RETRY_SECONDS",
    "JOBS_RUNNER": "JOBS_RUNNER",
    "JOBS_LOCAL_PROCESS": "JOBS_LOCAL_PROCESS",
    "JOBS_LOCAL_PROCESSES": "JOBS_LOCAL_PROCESSES",
    "JOBS_LOCAL_THREADS": "JOBS_LOCAL_THREADS",
    "JOBS_LOCAL_NICE": "JOBS_LOCAL_NICE",
    "PREPARED_FOLDER": "PREPARED_FOLDER",
    "PREPARED_KEY_PREFIX": "PREPARED_KEY_PREFIX",
}
# Variables that set a second key too: REDIS_URL is the rate limiter's storage and the job queue.
ALSO_FROM_ENV = {"REDIS_URL": "REDIS_URL"}
BOOLEAN_KEYS = {"SESSION_COOKIE_SECURE", "JOBS_LOCAL_PROCESS"}
INTEGER_KEYS = {
    "EVIDENCE_MAX_BYTES",
    "IDLE_TIMEOUT_MINUTES",
    "LOGIN_MAX_FAILURES",
    "LOGIN_LOCKOUT_MINUTES",
    "IMPORT_MAX_ROWS",
    "SMTP_PORT",
    "JOBS_LOCAL_PROCESSES",
    "JOBS_LOCAL_THREADS",
    "JOBS_LOCAL_NICE",
    "MAIL_SEND_TRIES",
    "MAIL_RETRY_SECONDS",
}


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
        elif key in INTEGER_KEYS:
            try:
                value = int(value)
            except ValueError:
                raise SystemExit(f"{env_name} must be a whole number, not {value!r}") from None
        config[key] = value
    for env_name, key in ALSO_FROM_ENV.items():
        if os.environ.get(env_name):
            config[key] = os.environ[env_name]
    config.update(overrides or {})
    config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(config["SQLALCHEMY_DATABASE_URI"])
    return config
