"""One PATCH that changes the title and replaces a victim by a new journalist is one change:
one new version, one audit entry (a journalist flushed for its id used to write the incident twice)."""

import sqlalchemy as sa

from tests import factories
from tracker.audit.models import AuditEntry
from tracker.extensions import db


def test_replacing_a_victim_is_one_version_and_one_audit_entry(client, auth):
    incident = factories.create_incident(
        victims=[{"journalist": {"name_ar": "سامي الحداد"}, "outcome": "detained"}]
    )
    before = incident.version
    entries = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.entity_id == incident.id, AuditEntry.entity_type == "incident")
    )
    body = {
        "title_ar": "عنوان آخر",
        "victims": [{"journalist": {"name_ar": "خالد المقطري"}, "outcome": "injured"}],
    }
    response = client.patch(
        f"/api/v1/incidents/{incident.id}", json=body, headers=auth("admin", **{"If-Match": f'"{before}"'})
    )
    assert response.status_code == 200, response.json
    assert response.json["version"] == before + 1
    after = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.entity_id == incident.id, AuditEntry.entity_type == "incident")
    )
    assert after == entries + 1
