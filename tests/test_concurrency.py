"""Concurrent writers on real, separate connections never overwrite each other silently.

The scenario runs in a subprocess on a scratch database (its commits must not reach the
rolled-back test database): SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scratch import postgres_databases

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.no_rollback]


def _run_scenario(url: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "tests.concurrency_scenario", url], cwd=ROOT,
                            capture_output=True, text=True, timeout=180)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _check(summary: dict) -> None:
    outcomes = sorted(summary["edits"].values())
    # One edit is saved; the other is refused as stale (412 with the current version), whether
    # its If-Match was checked before the UPDATE or the UPDATE itself found the version changed.
    assert outcomes == ["StaleVersion", "saved"], outcomes
    assert summary["stale_current_version"] == 2
    winner = next(name for name, outcome in summary["edits"].items() if outcome == "saved")
    assert summary["final_title"] == f"edit by {winner}"
    assert summary["final_version"] == 2
    assert summary["qa_refs"] == summary["qa_distinct"] == 30  # references never collide


def test_concurrent_writers_on_sqlite(tmp_path):
    _check(_run_scenario(f"sqlite:///{tmp_path / 'scenario.sqlite3'}"))


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set: PostgreSQL not tested"
)
def test_concurrent_writers_on_postgresql():
    with postgres_databases("scenario") as (url,):
        _check(_run_scenario(url))
