"""Every error response of the application, in one module: JSON ``{"code", "message",
"errors": {field: [messages]}}`` under /api/ (the internal API and the public one alike), an HTML
page elsewhere. Messages follow the request's language (Arabic by default, then
``Accept-Language``). Domain exceptions raised during a request are turned into these here too."""

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError

from tracker.core.exceptions import NotAllowed, StaleVersion, ValidationFailed
from tracker.core.i18n import translate_errors

log = logging.getLogger(__name__)


class ApiError(HTTPException):
    """An error raised by API code with a status, a message and optional field errors."""

    def __init__(self, code: int, message: str, errors: dict | None = None,
                 headers: dict | None = None, **extra):  # fmt: skip
        super().__init__(description=message)
        self.code = code
        self.errors = errors
        self.response_headers = headers or {}
        self.extra = extra


def default_message(code: int) -> str:
    messages = {
        400: _("The request could not be understood."),
        401: _("Please log in or send a valid API token."),
        403: _("You do not have permission to do this."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        409: _("This record was changed by someone else. Reload it and apply your changes again."),
        410: _("This file was withdrawn. A new version is being prepared."),
        412: _("This record was changed by someone else. Reload it and apply your changes again."),
        413: _("The request is too large."),
        415: _("Send the request body as JSON."),
        422: _("Some fields are not valid."),
        428: _("Send the If-Match header with the version you edited."),
        429: _("Too many requests. Please wait and try again."),
        500: _("Something went wrong on our side. The error was logged."),
    }
    return messages.get(code, _("The request could not be completed."))


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _flatten_webargs(messages) -> dict:
    """webargs nests errors by location ({"json": {...}}); the API answers by field."""
    if not isinstance(messages, dict):
        return {"_body": list(messages) if isinstance(messages, list | tuple) else [str(messages)]}
    flat: dict = {}
    for location, errors in messages.items():
        if isinstance(errors, dict):
            flat.update(errors)
        else:
            flat["_body" if location == "json" else location] = errors
    return flat


def json_error(error: HTTPException):
    code = error.code or 500
    errors = getattr(error, "errors", None)
    extra = getattr(error, "extra", {}) or {}
    data = getattr(error, "data", None) or {}
    headers = dict(data.get("headers") or {})
    headers.update(getattr(error, "response_headers", {}))
    if "messages" in data:  # webargs validation error
        code = 422
        errors = _flatten_webargs(data["messages"])
    message = error.description if isinstance(error, ApiError) else default_message(code)
    body = {
        "code": code,
        "message": message,
        "errors": translate_errors(errors) if errors else {"_request": [message]},
    }
    body.update(extra)
    response = jsonify(body)
    response.status_code = code
    for key, value in headers.items():
        response.headers[key] = value
    if isinstance(error, HTTPException) and hasattr(error, "get_headers") and code == 405:
        allowed = [v for k, v in error.get_headers() if k == "Allow"]
        if allowed:
            response.headers["Allow"] = allowed[0]
    return response


def handle_http_exception(error: HTTPException):
    if wants_json():
        return json_error(error)
    message = error.description if isinstance(error, ApiError) else default_message(error.code or 500)
    try:
        return render_template("errors/error.html", code=error.code, message=message), error.code
    except Exception:  # the error page itself failed: answer in plain text rather than loop
        log.exception("Error page failed to render")
        return f"{error.code} {message}", error.code, {"Content-Type": "text/plain; charset=utf-8"}


def handle_unexpected(error: Exception):
    log.exception("Unhandled error on %s %s", request.method, request.path)
    return handle_http_exception(InternalServerError())


def field_error(code: int, field: str, message: str | None = None) -> ApiError:
    """An error about one field (e.g. a public API filter), in the reader's language."""
    return ApiError(code, default_message(code), {field: [message or _("Invalid value.")]})


# --- domain exceptions ---------------------------------------------------------------------------


def _validation(error: ValidationFailed):
    return handle_http_exception(ApiError(422, default_message(422), error.errors))


def _not_allowed(_error):
    return handle_http_exception(ApiError(403, default_message(403)))


def _stale(error: StaleVersion):
    message = default_message(412)
    return handle_http_exception(
        ApiError(412, message, {"version": [message]}, current_version=error.current_version)
    )


def _stale_write(_error):
    message = default_message(409)
    return handle_http_exception(ApiError(409, message, {"version": [message]}))


def _database_busy(error: OperationalError):
    if "locked" not in str(error.orig).lower():  # SQLite writer lock wait timed out
        return handle_unexpected(error)
    message = _("The database is busy. Try again in a moment.")
    return handle_http_exception(ApiError(503, message, headers={"Retry-After": "2"}))


def _integrity(_error):
    message = _("The record conflicts with existing data and was not saved.")
    return handle_http_exception(ApiError(409, message))


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(ValidationFailed, _validation)
    app.register_error_handler(NotAllowed, _not_allowed)
    app.register_error_handler(StaleVersion, _stale)
    app.register_error_handler(StaleDataError, _stale_write)
    app.register_error_handler(OperationalError, _database_busy)
    app.register_error_handler(IntegrityError, _integrity)
    app.register_error_handler(Exception, handle_unexpected)
