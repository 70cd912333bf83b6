"""The deployment of the README's "Running on several machines", for real: PostgreSQL, Redis, two
gunicorn web processes and two `flask worker` processes. An import, a report build and a publish
run at the same time through HTTP; both web processes then serve the new public data."""

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.jobs.conftest import MIGRATIONS
from tests.scratch import postgres_databases

pytestmark = [
    pytest.mark.slow,
    pytest.mark.no_rollback,
    pytest.mark.skipif(
        not (os.environ.get("TEST_DATABASE_URL") and os.environ.get("REDIS_URL")),
        reason="needs TEST_DATABASE_URL and REDIS_URL (run by .ci/run)",
    ),
]
ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DATA = ROOT / "tests" / "transfer" / "data" / "messy.csv"
ADMIN, PASSWORD = "admin@several.example", "a long enough password 1"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _flask(env, *args, stdin=None) -> str:
    done = subprocess.run([str(BIN / "flask"), *args], cwd=ROOT, env=env, input=stdin, capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def _wait_ready(base: str, seconds=60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/readyz", timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{base} never ready")


def _session(base: str) -> requests.Session:
    session = requests.Session()
    token = CSRF.search(session.get(base + "/auth/login").text).group(1)
    response = session.post(base + "/auth/login", data={"email": ADMIN, "password": PASSWORD, "csrf_token": token},
                            allow_redirects=False)  # fmt: skip
    assert response.status_code == 302, response.text[:300]
    return session


def _token(session, base, path) -> str:
    return CSRF.search(session.get(base + path).text).group(1)


def _follow(session, base, job_path, seconds=240) -> dict:
    """Poll a job's JSON (on whichever web process) until it ends."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = session.get(f"{base}{job_path}.json").json()
        if state["finished"]:
            return state
        time.sleep(0.3)
    raise AssertionError(f"{job_path} did not finish")


def test_two_web_processes_and_two_workers(tmp_path):
    with postgres_databases("several", driver=False) as (url,):
        env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "several-machines-test",
               "ENCRYPTION_KEYS": "t1:G9C356d9udRx203Pxd1pZZ9BtoZ7pG1VpsqEj8_Xhkw=", "FLASK_APP": "app.py",
               "WEB_CONCURRENCY": "1", "WEB_THREADS": "4", "MAP_TILE_URL": ""}  # fmt: skip
        env.pop("TEST_DATABASE_URL", None)
        _flask(env, "db", "upgrade", "--directory", MIGRATIONS)
        _flask(
            env,
            "users",
            "create",
            "--email",
            ADMIN,
            "--role",
            "admin",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
        api_token = _flask(env, "users", "token", ADMIN).strip().splitlines()[-1]
        ports = [_port(), _port()]
        processes = [
            subprocess.Popen([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "app:app"], cwd=ROOT,
                             env={**env, "PORT": str(port), "HOST": "127.0.0.1"})
            for port in ports
        ] + [subprocess.Popen([str(BIN / "flask"), "worker"], cwd=ROOT, env=env) for _ in range(2)]  # fmt: skip
        try:
            web_a, web_b = (f"http://127.0.0.1:{port}" for port in ports)
            for base in (web_a, web_b):
                _wait_ready(base)
            _run_concurrently(web_a, web_b, api_token)
            for base in (web_a, web_b):  # every web process serves the new public data
                public = requests.get(base + "/api/public/v1/incidents?page_size=100").text
                assert "Reporter detained in Marib" in public, base  # imported as published
                assert "Published during the import" in public, base
                report = requests.get(base + "/reports/download/report-2024-all-public-en.pdf")
                assert report.status_code == 200 and report.content.startswith(b"%PDF"), base
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=30)


def _run_concurrently(web_a: str, web_b: str, api_token: str) -> None:
    bearer = {"Authorization": f"Bearer {api_token}"}
    case = {"title_en": "Published during the import", "title_ar": "نُشرت أثناء الاستيراد", "violation_types": ["F4"],
            "date_start": "2024-04-01", "date_precision": "day", "country": "YE", "admin1": "مأرب",
            "public_geo_precision": "admin1", "verification": "confirmed",
            "sources": [{"url": "https://example.org/x", "reliability": 4}]}  # fmt: skip
    created = requests.post(web_b + "/api/v1/incidents", json=case, headers=bearer)
    assert created.status_code == 201, created.text
    incident_id = created.json()["id"]
    for step in ("in_review", "verified"):
        assert requests.post(f"{web_b}/api/v1/incidents/{incident_id}/transitions", json={"to": step},
                             headers=bearer).status_code == 200  # fmt: skip
    outcome: dict[str, object] = {}

    def import_file():
        session = _session(web_a)
        token = _token(session, web_a, "/transfer/import")
        posted = session.post(web_a + "/transfer/import", data={"csrf_token": token},
                              files={"file": ("cases.csv", DATA.read_bytes(), "text/csv")}, allow_redirects=False)  # fmt: skip
        job = re.search(r"job=(\d+)", posted.headers["Location"]).group(1)
        assert _follow(session, web_b, f"/jobs/{job}")["state"] == "done"  # followed on the other process
        page = session.get(f"{web_a}/transfer/import?job={job}").text
        hidden = page.split('name="token" type="hidden" value="')[1].split('"')[0]
        confirmed = session.post(web_a + "/transfer/import/confirm", data={"csrf_token": token, "token": hidden},
                                 allow_redirects=False)  # fmt: skip
        outcome["import"] = _follow(
            session, web_a, confirmed.headers["Location"].split("?")[0].removeprefix(web_a)
        )

    def build_report():
        session = _session(web_b)
        token = _token(session, web_b, "/reports/?year=2024")
        posted = session.post(web_b + "/reports/build", data={"csrf_token": token, "year": 2024, "country": "",
                              "lang": "en", "edition": "public"}, allow_redirects=False)  # fmt: skip
        outcome["report"] = _follow(session, web_a, posted.headers["Location"].removeprefix(web_b))

    def publish():
        response = requests.post(f"{web_a}/api/v1/incidents/{incident_id}/transitions", json={"to": "published"},
                                 headers=bearer)  # fmt: skip
        outcome["publish"] = response.status_code

    threads = [threading.Thread(target=work) for work in (import_file, build_report, publish)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert outcome["publish"] == 200
    assert outcome["import"]["state"] == "done", outcome["import"]
    assert outcome["report"]["state"] == "done", outcome["report"]
