"""A public file (report PDF, static map) holding a case whose public place is made coarser is
withdrawn at once: it may show the place at the precision it had (issue 15)."""

import pytest

from tests import factories
from tracker.cases import operations as case_ops
from tracker.core.transaction import transaction
from tracker.public import files as public_files
from tracker.public import operations


@pytest.fixture
def published():
    return factories.create_incident(workflow_status="published", title_ar="اعتقال مصور في عدن", admin1="عدن",
                                     locality="عدن", latitude=12.78, longitude=45.03,
                                     public_geo_precision="locality")  # fmt: skip


def _file(incident, key):
    with transaction():
        return operations.register_file("report", key, [incident.id], year=2024, lang="ar")


@pytest.mark.parametrize(("to", "withdrawn"), [("country", True), ("admin1", True)])
def test_a_coarser_public_place_withdraws_files_holding_the_case(published, to, withdrawn):
    file = _file(published, f"report-{to}.pdf")
    with transaction():
        case_ops.update_incident(published, {"public_geo_precision": to}, factories.SYSTEM, published.version)
        assert public_files.may_serve("report", file.key) is not withdrawn


def test_a_finer_public_place_leaves_files_served(published):
    file = _file(published, "report-finer.pdf")
    with transaction():
        case_ops.update_incident(published, {"public_geo_precision": "exact", "geo_precision": "exact"},
                                 factories.SYSTEM, published.version)  # fmt: skip
    assert public_files.may_serve("report", file.key)
