"""Domain exceptions raised during a request, turned into HTTP errors."""

from flask import Flask
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from tracker.core.errors import ApiError, default_message, handle_http_exception
from tracker.core.exceptions import NotAllowed, StaleVersion, ValidationFailed


def register(app: Flask) -> None:
    @app.errorhandler(ValidationFailed)
    def _validation(error: ValidationFailed):
        return handle_http_exception(ApiError(422, default_message(422), error.errors))

    @app.errorhandler(NotAllowed)
    def _not_allowed(_error):
        return handle_http_exception(ApiError(403, default_message(403)))

    @app.errorhandler(StaleVersion)
    def _stale(error: StaleVersion):
        message = default_message(412)
        return handle_http_exception(
            ApiError(412, message, {"version": [message]}, current_version=error.current_version)
        )

    @app.errorhandler(StaleDataError)
    def _stale_write(_error):
        message = default_message(409)
        return handle_http_exception(ApiError(409, message, {"version": [message]}))

    @app.errorhandler(OperationalError)
    def _database_busy(error: OperationalError):
        if "locked" not in str(error.orig).lower():  # SQLite writer lock wait timed out
            raise error
        message = _("The database is busy. Try again in a moment.")
        return handle_http_exception(ApiError(503, message, headers={"Retry-After": "2"}))

    @app.errorhandler(IntegrityError)
    def _integrity(_error):
        message = _("The record conflicts with existing data and was not saved.")
        return handle_http_exception(ApiError(409, message))
