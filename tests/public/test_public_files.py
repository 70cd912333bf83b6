"""Public files outlive no case (issue 11, finding 9): a file built holds a list of incidents; when
one of them leaves the public the file is withdrawn in the same transaction."""

import pytest
import sqlalchemy as sa

from tests import factories
from tracker.audit.models import AuditEntry
from tracker.cases import operations as case_ops
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.public import files as public_files
from tracker.public import operations
from tracker.public.models import PublicFile

SYSTEM = factories.SYSTEM


@pytest.fixture
def published():
    return factories.create_incident(
        workflow_status="published",
        title_en="Public case",
        victims=[{"journalist": {"name_ar": "صحفي", "name_en": "Reporter"}, "outcome": "detained"}],
    )


@pytest.fixture
def other():
    return factories.create_incident(workflow_status="published", title_en="Another case")


def _file(*incidents, key="report-2024-all-public-en.pdf"):
    with transaction():
        file = operations.register_file("report", key, [i.id for i in incidents], year=2024, lang="en")
    return file


def _withdrawals(file):
    return db.session.scalars(
        sa.select(AuditEntry).where(
            AuditEntry.entity_type == "public_file",
            AuditEntry.entity_id == file.id,
            AuditEntry.action == "withdraw",
        )  # fmt: skip
    ).all()


def test_a_registered_file_is_served_and_audited(published):
    file = _file(published)
    assert file.status == "ready" and public_files.may_serve("report", file.key)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "public_file"))
    assert entry.action == "build" and entry.changes["incidents"] == [None, 1]


@pytest.mark.parametrize(
    "leave",
    [
        lambda i: case_ops.transition_incident(i, "verified", SYSTEM),  # unpublished
        lambda i: case_ops.transition_incident(i, "archived", SYSTEM),
        lambda i: case_ops.update_incident(i, {"is_confidential": True}, SYSTEM, i.version),
        lambda i: case_ops.update_incident(
            i,
            {
                "victims": [
                    {
                        "journalist_id": i.victims[0].journalist_id,
                        "outcome": "detained",
                        "is_identity_protected": True,
                    }
                ]
            },
            SYSTEM,
            i.version,
        ),  # fmt: skip
    ],
    ids=["unpublished", "archived", "made_confidential", "protection_added"],
)
def test_a_case_leaving_the_public_withdraws_every_file_holding_it(published, other, leave):
    holding, also_holding, unrelated = (
        _file(published),
        _file(published, other, key="map"),
        _file(other, key="x"),
    )
    with transaction():
        leave(published)
        # in the same transaction, before the commit: no window where the file is served
        assert not public_files.may_serve("report", holding.key)
    for file in (holding, also_holding):
        db.session.refresh(file)
        assert file.status == "withdrawn" and file.withdrawn_at is not None
        assert [e.changes for e in _withdrawals(file)] == [{"status": ["ready", "withdrawn"]}]
    db.session.refresh(unrelated)
    assert unrelated.status == "ready"


def test_a_rolled_back_change_withdraws_nothing(published):
    file = _file(published)
    with pytest.raises(RuntimeError), transaction():
        case_ops.transition_incident(published, "verified", SYSTEM)
        raise RuntimeError("the request failed")
    db.session.refresh(file)
    assert file.status == "ready"


def test_a_corrected_title_leaves_files_served(published):
    file = _file(published)
    with transaction():
        case_ops.update_incident(published, {"title_en": "Corrected title"}, SYSTEM, published.version)
    db.session.refresh(file)
    assert file.status == "ready"


def test_a_merge_withdraws_files_holding_either_case(published, other):
    file = _file(other)
    with transaction():
        case_ops.merge_incidents(published, other, SYSTEM)
    db.session.refresh(file)
    assert file.status == "withdrawn"


def test_a_rebuild_replaces_a_withdrawn_file(published, other):
    file = _file(published)
    with transaction():
        case_ops.transition_incident(published, "verified", SYSTEM)
    with transaction():
        started = operations.start_file("report", file.key, [other.id])
    assert public_files.state("report", file.key) == "withdrawn"  # the old file is not served meanwhile
    with transaction():
        operations.finish_file(started.id)
    assert public_files.may_serve("report", file.key)
    assert db.session.scalars(sa.select(PublicFile.id).where(PublicFile.key == file.key)).all() == [
        started.id
    ]


def test_a_case_leaving_during_a_build_keeps_the_new_file_withdrawn(published):
    with transaction():
        started = operations.start_file("report", "r.pdf", [published.id])
    with transaction():
        case_ops.transition_incident(published, "verified", SYSTEM)
    with transaction():
        operations.finish_file(started.id)
    assert public_files.state("report", "r.pdf") == "withdrawn"


def test_the_static_map_export_is_recorded_and_withdrawn(app, published, tmp_path):
    out = tmp_path / "map"
    result = app.test_cli_runner().invoke(args=["map", "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    key = str(out.resolve())
    assert public_files.may_serve("map_export", key)
    with transaction():
        case_ops.transition_incident(published, "verified", SYSTEM)
    assert public_files.state("map_export", key) == "withdrawn"


def test_two_builds_at_once_the_newer_one_stays_served_whichever_ends_first(published, other):
    """Two runners may build the same file at the same time (a change arrived during a build): the
    build that ends last never replaces a newer one nor removes its record."""
    for ends_first in ("older", "newer"):
        with transaction():
            older = operations.start_file("download", "full", [published.id]).id
            newer = operations.start_file("download", "full", [published.id, other.id]).id
        order = (older, newer) if ends_first == "older" else (newer, older)
        for file_id in order:
            with transaction():
                operations.finish_file(file_id)
        rows = db.session.execute(sa.select(PublicFile.id, PublicFile.status).where(PublicFile.key == "full"))
        assert dict(rows.all()) == {newer: "ready"}, ends_first
