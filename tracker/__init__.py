"""Press-freedom incident tracker: application factory."""

import secrets

from flask import Flask

from tracker.config import INSTANCE_DIR, load_config


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder="../templates",
        static_folder="static",
    )
    app.config.update(load_config(config))
    ensure_secret_key(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def ensure_secret_key(app: Flask) -> None:
    if app.config.get("SECRET_KEY"):
        return
    local = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    if app.debug or app.testing or local:
        # Local/embedded set-up: a random key kept in instance/ so sessions survive restarts.
        # A server database means a real deployment, which must set SECRET_KEY itself.
        key_file = INSTANCE_DIR / "secret_key"
        if not key_file.exists():
            INSTANCE_DIR.mkdir(exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(48))
            key_file.chmod(0o600)
        app.config["SECRET_KEY"] = key_file.read_text().strip()
        return
    raise RuntimeError("SECRET_KEY is not set: export SECRET_KEY=<a long random string>")


def register_extensions(app: Flask) -> None:
    from tracker.core import i18n, postgres, sqlite
    from tracker.extensions import api, babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    import_models()
    sqlite.configure(app)
    postgres.configure(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    api.init_app(app)

    from tracker.auth import loaders  # noqa: F401  (registers the user/token loaders)
    from tracker.desk import operations as desk_operations
    from tracker.jobs import (
        dispatch,
        kinds,  # noqa: F401  (registers the job kinds)
    )
    from tracker.maps import operations as map_operations
    from tracker.public import operations as public_operations

    dispatch.init_app(app)  # queued jobs go to a runner once their transaction commits

    public_operations.subscribe()  # public files are withdrawn when a case leaves the public
    desk_operations.subscribe()  # workflow moves notify the people concerned
    map_operations.subscribe()  # prepared public data: changed cases left out, rebuild asked for


def import_models() -> None:
    """Import every model module so the metadata (and Alembic) sees all tables."""
    import tracker.admin.models  # noqa: F401
    import tracker.audit.models  # noqa: F401
    import tracker.auth.models  # noqa: F401
    import tracker.cases.models  # noqa: F401
    import tracker.desk.models  # noqa: F401
    import tracker.evidence.models  # noqa: F401
    import tracker.geo.models  # noqa: F401
    import tracker.jobs.models  # noqa: F401
    import tracker.people.models  # noqa: F401
    import tracker.public.models  # noqa: F401
    import tracker.reports.models  # noqa: F401


def register_blueprints(app: Flask) -> None:
    from tracker.admin.views import blp as admin_blp
    from tracker.api import register as register_api
    from tracker.auth.views import blp as auth_blp
    from tracker.cases.views import blp as cases_blp
    from tracker.core import assets, health, security, vendor
    from tracker.core.views import blp as core_blp
    from tracker.desk.views import blp as desk_blp
    from tracker.evidence.views import blp as evidence_blp
    from tracker.intake.views import blp as intake_blp
    from tracker.jobs.views import blp as jobs_blp
    from tracker.public.api import blp as public_api_blp
    from tracker.public.views import blp as public_blp
    from tracker.reports.views import blp as reports_blp
    from tracker.transfer.views import blp as transfer_blp

    security.register_converters(app)
    register_api(app)
    app.register_blueprint(auth_blp)
    app.register_blueprint(core_blp)
    app.register_blueprint(public_blp)
    app.register_blueprint(public_api_blp)
    app.register_blueprint(cases_blp)
    app.register_blueprint(desk_blp)
    app.register_blueprint(transfer_blp)
    app.register_blueprint(evidence_blp)
    app.register_blueprint(intake_blp)
    app.register_blueprint(admin_blp)
    app.register_blueprint(jobs_blp)
    app.register_blueprint(health.blp)
    vendor.register(app)
    assets.register(app)  # versioned addresses of static and vendored files, kept a year
    app.register_blueprint(reports_blp)


def register_errorhandlers(app: Flask) -> None:
    from tracker.core import errors, security

    errors.register(app)
    security.register(app)


def register_commands(app: Flask) -> None:
    from tracker import cli

    cli.register(app)
