"""HTTP caching of the public side, one rule for every public page, the public API and the map data.

An anonymous GET gets an ``ETag`` and a ``Last-Modified`` derived from the version of the public
data (``version()``: a token that changes whenever anything public may have changed, and when it
changed), the request's path and query, and the language chosen; a repeated request with a
matching ``If-None-Match`` (or an unchanged ``If-Modified-Since``) is answered 304 before any work.
``Cache-Control: public, max-age, stale-while-revalidate`` lets a reverse proxy keep the answer,
``Vary`` names what else decides it (language: ``Accept-Language``, and the session cookie that
keeps a visitor's language choice on pages).

The process also keeps the last ``KEPT`` such anonymous answers in memory, under the same key as
the ETag: a visitor who asks what another just got is answered without any work (the key holds
the data version, so nothing changed or withdrawn is ever answered from it).

Anyone logged in (a session, or an API token), or a response that sets a cookie, gets
``private, no-store``: a staff member's answer is never kept for someone else. Staff pages and
internal downloads are ``no-store`` already (``tracker.core.security``).
"""

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, request, session
from flask_babel import get_locale
from flask_login import current_user

MAX_AGE = 60  # seconds a browser or proxy may serve the answer without asking
STALE_WHILE_REVALIDATE = 300  # and serve it stale while it asks, after that
PUBLIC = f"public, max-age={MAX_AGE}, stale-while-revalidate={STALE_WHILE_REVALIDATE}"
PRIVATE = "private, no-store"
ETAG_KEY = "_public_etag"
KEPT = 512  # answers kept per process
KEPT_BYTES = 256 * 1024  # larger answers (downloads) are not kept
_kept: OrderedDict = OrderedDict()  # (blueprint, ETag) -> (status, headers, body)
_kept_lock = threading.Lock()


def is_anonymous() -> bool:
    user = getattr(current_user, "_get_current_object", lambda: None)()
    logged_in = user is not None and getattr(user, "is_authenticated", False)
    return not logged_in and "Authorization" not in request.headers


def _language() -> str:
    locale = get_locale()
    return str(locale) if locale else ""


def etag(token: str) -> str:
    key = f"{token}|{_language()}|{request.path}|{request.query_string.decode()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def cache_public(blp: Blueprint, version: Callable[[], tuple[str, float]], vary: str) -> None:
    """Give every GET of ``blp`` the rule above. ``version()`` -> (token, epoch seconds of the
    last change)."""

    @blp.before_request
    def _not_modified():
        if request.method not in ("GET", "HEAD") or not is_anonymous():
            return None
        token, changed = version()
        tag = etag(token)
        request.environ[ETAG_KEY] = (tag, changed)
        if request.if_none_match:
            fresh = request.if_none_match.contains(tag)
        elif request.if_modified_since:
            fresh = request.if_modified_since >= _last_modified(changed)
        else:
            fresh = False
        if not fresh:
            with _kept_lock:
                found = _kept.get(_kept_key(blp, tag))
                if found is not None:
                    _kept.move_to_end(_kept_key(blp, tag))
            if found is None:
                return None
            status, headers, body = found
            return Response(body, status=status, headers=headers)
        response = Response(status=304)
        response.set_etag(tag)
        response.last_modified = _last_modified(changed)
        return response

    @blp.after_request
    def _headers(response: Response) -> Response:
        if request.method not in ("GET", "HEAD"):
            return response
        # A handler that validates its own answer (a static layer, a prepared file: its own ETag,
        # encoding by Accept-Encoding, ranges) keeps its headers, and its answer is not kept here.
        # It is the same for every visitor: it varies only as it says (a cookie or a language
        # named here would make a browser ask again for a file it keeps for a year).
        own = bool(response.headers.get("ETag")) or "Content-Encoding" in response.headers
        if not own:
            response.vary.update(v.strip() for v in vary.split(","))
        if not is_anonymous() or session.modified or "Set-Cookie" in response.headers:
            own_rule = response.headers.get("Cache-Control", "")
            if (
                own and own_rule and "no-store" not in own_rule
            ):  # the same for everyone: a browser may keep it
                response.headers["Cache-Control"] = own_rule.replace("public", "private", 1)
            else:
                response.headers["Cache-Control"] = PRIVATE
            return response
        found = request.environ.get(ETAG_KEY)
        if found is None or response.status_code not in (200, 304):
            return response
        tag, changed = found
        if response.status_code == 200 and not own:
            response.set_etag(tag)
            response.last_modified = _last_modified(changed)
        response.headers.setdefault("Cache-Control", PUBLIC)
        kept = not own and "Content-Disposition" not in response.headers  # a download may become a file
        if response.status_code == 200 and kept and not response.is_streamed and request.method == "GET":
            body = response.get_data()
            if len(body) <= KEPT_BYTES:
                with _kept_lock:
                    _kept[_kept_key(blp, tag)] = (200, list(response.headers.items()), body)
                    while len(_kept) > KEPT:
                        _kept.popitem(last=False)
        return response


def _kept_key(blp: Blueprint, tag: str) -> tuple:
    # the application too: one per process in production, several in the tests. Not id(app): a
    # new application can reuse a discarded one's id and be served its pages (another tile
    # server's address, say), since apps sharing a Redis share their versions and so the ETags.
    app = current_app._get_current_object()
    token = app.extensions.get("http_cache.token")
    if token is None:
        token = app.extensions.setdefault("http_cache.token", uuid.uuid4().hex)
    return (token, blp.name, tag)


def forget() -> None:
    """Drop this process's kept answers (something they show changed without a new version)."""
    with _kept_lock:
        _kept.clear()


def _last_modified(changed: float) -> datetime:
    return datetime.fromtimestamp(int(changed or 0), UTC)
