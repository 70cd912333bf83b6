"""Browser tests: the real app served on a local port, driven by headless Chromium (Playwright).

They need Chromium (Debian package ``chromium``) and are skipped, saying so, when it is missing.
Screenshots go to ``test-artifacts/screenshots`` for people to look at.
"""

import os
import re
import shutil
import threading
import time
from pathlib import Path

import pyotp
import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from tests import factories
from tests.conftest import make_app
from tracker.admin import operations as admin_ops
from tracker.auth import operations as auth_ops
from tracker.extensions import db

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.no_rollback)


def migrated_app(database: Path, **overrides):
    """An app on its own SQLite file (committed data, seen by the server thread), tiles off."""
    app = make_app(f"sqlite:///{database}", MAP_TILE_URL="off", **overrides)
    with app.app_context():
        upgrade(directory=os.path.join(app.root_path, "..", "migrations"))
    return app


def serve(app):
    """Serve ``app`` on a free local port in a thread; yields its base URL (for fixtures)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    return migrated_app(tmp_path_factory.mktemp("browser") / "browser.sqlite3", WTF_CSRF_ENABLED=True)


@pytest.fixture(scope="session")
def live_server(live_app):
    yield from serve(live_app)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        # On a laptop the browser tests are skipped, saying why; under CI a skip would prove
        # nothing about the pages, so a missing browser is a failure (.ci/run installs it).
        message = "Chromium not installed (apt-get install chromium): browser tests not run"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed (make test installs it)"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """``new_page()`` -> a page in a fresh browser profile (own cookies); JS errors fail the test."""
    contexts, errors = [], []

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def people(live_app):
    """An admin who requires 2FA, an editor and a second editor already enrolled, a researcher not yet."""
    with live_app.app_context():
        actor = factories.SYSTEM
        accounts = {}
        for key, role, name in (("admin", "admin", "مديرة النظام"), ("editor", "editor", "محرر الأخبار"),
                                ("editor2", "editor", "محررة ثانية"), ("author", "editor", "كاتب القضايا"), ("mapper", "researcher", "راسم الخرائط"),
                                ("monitor", "researcher", "راصدة الأخبار"), ("checker", "editor", "مدقق الأخبار"),
                                ("researcher", "researcher", "باحثة ميدانية"),
                                ("corrector", "researcher", "مصححة النماذج")):  # fmt: skip
            user = auth_ops.create_user(f"{key}@flow.example", name, role, factories.PASSWORD, actor)
            secret = None
            if key != "researcher":
                secret = pyotp.random_base32()
                auth_ops.enable_2fa(user, secret, pyotp.TOTP(secret).now(), actor)
            accounts[key] = {"email": user.email, "secret": secret, "id": user.id}
        admin_ops.set_setting("require_2fa", True, actor)
        db.session.commit()
    return accounts


def log_in(page, base, account, step_offset=30):
    page.goto(f"{base}/auth/login")
    page.fill("#email", account["email"])
    page.fill("#password", factories.PASSWORD)
    page.click("main form button[type=submit]")
    if account["secret"]:
        page.wait_for_url(re.compile(r"/auth/2fa$"))
        # a code from the next 30-second step: the enrolment used the current one
        page.fill("#code", pyotp.TOTP(account["secret"]).at(time.time() + step_offset))
        page.click("main form button[type=submit]")
