"""API documentation page that works offline: Swagger UI files come from an installed
package and are served by the app itself (no CDN, no inline script)."""

from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, render_template, send_from_directory, url_for

blp = Blueprint("api_docs_ui", __name__)
SWAGGER_DIR = Path(swagger_ui_bundle.swagger_ui_path)
SWAGGER_FILES = {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                 "favicon-32x32.png", "favicon-16x16.png"}  # fmt: skip


@blp.route("/api/v1/docs")
def docs():
    return render_template("api/docs.html", spec_url=url_for("api-docs.openapi_json"))


@blp.route("/api/v1/docs/assets/<path:filename>")
def docs_asset(filename):
    if filename not in SWAGGER_FILES:
        from werkzeug.exceptions import NotFound

        raise NotFound()
    return send_from_directory(SWAGGER_DIR, filename, max_age=86400)
