"""Helpers for import tests: check and import bytes as the CLI and pages do."""

from pathlib import Path

import pytest

from tests import factories
from tests.map_fixtures import plain_client  # noqa: F401
from tracker.core.transaction import transaction
from tracker.transfer import files, operations, plan

DATA = Path(__file__).parent / "data"


def check(data: bytes, name: str = "cases.csv", mapping: str | None = None) -> plan.Report:
    return plan.check(files.read(data, name, files.Mapping.load(mapping)))


def run(data: bytes, name: str = "cases.csv", actor=factories.SYSTEM, mapping: str | None = None):
    report = check(data, name, mapping)
    assert report.ok, report.errors
    with transaction():
        return report, operations.run_import(report, actor)


@pytest.fixture
def messy() -> bytes:
    return (DATA / "messy.csv").read_bytes()
