"""Security headers on every response.

The Content-Security-Policy allows no inline script and nothing from other origins; the API
documentation page additionally needs inline styles (Swagger UI sets style attributes).
"""

from flask import Flask, request

from tracker.core.vendor import tile_origin

BASE_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
RELAXED_STYLE_PATHS = ("/api/v1/docs",)


def content_security_policy(path: str) -> str:
    policy = dict(BASE_CSP)
    if origin := tile_origin():  # map tiles, when a tile server is configured
        policy["img-src"] += " " + origin
    if path.startswith(RELAXED_STYLE_PATHS):
        policy["style-src"] = "'self' 'unsafe-inline'"
    return "; ".join(f"{key} {value}" for key, value in policy.items())


def register(app: Flask) -> None:
    @app.after_request
    def _security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy(request.path))
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "no-referrer")
        if request.path.startswith("/api/") or request.path.startswith("/auth/"):
            headers.setdefault("Cache-Control", "no-store")
        return response
