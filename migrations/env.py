"""Alembic environment for Flask-Migrate: the app's engine and metadata, batch mode on SQLite."""

import logging

import sqlalchemy as sa
from alembic import context
from flask import current_app

config = context.config
# Any fixed number: PostgreSQL's advisory lock that lets one `flask db upgrade` run at a time.
UPGRADE_LOCK = 7_460_271_015
logger = logging.getLogger("alembic.env")
target_db = current_app.extensions["migrate"].db
config.set_main_option(
    "sqlalchemy.url", target_db.engine.url.render_as_string(hide_password=False).replace("%", "%%")
)


def run_migrations_offline():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_db.metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def skip_empty_revision(context_, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", skip_empty_revision)
    with target_db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table by copy, drop and rename; with foreign keys on, the
            # drop would cascade-delete every child row. The pragma only works outside a
            # transaction, so it is set on the driver connection before Alembic begins one.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        elif connection.dialect.name == "postgresql":
            # Several nodes may run `flask db upgrade` at once: the second waits here, then reads
            # the version the first left and has nothing to do. (SQLite is one machine's file.)
            connection.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": UPGRADE_LOCK})
            connection.commit()
        try:
            context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        raise RuntimeError(f"migration left broken foreign keys: {problems[:10]}")
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")
            elif connection.dialect.name == "postgresql":
                connection.rollback()
                connection.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": UPGRADE_LOCK})
                connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
