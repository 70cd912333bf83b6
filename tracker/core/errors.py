"""Error responses: JSON ``{"code", "message", "errors": {field: [messages]}}`` for the API,
an HTML page elsewhere. Messages follow the request's language."""

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError

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


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
