"""/api/v1/incidents/<id>/notes: the internal discussion of a case (list, add), with the rule of
the case page: whoever may read the case's protected data. Never in the public API."""

from flask import url_for
from flask_login import current_user
from flask_smorest import Blueprint
from werkzeug.exceptions import NotFound

from schemas.desk import CaseNoteInputSchema, CaseNoteSchema
from tracker.audit.operations import Actor
from tracker.auth import permissions
from tracker.cases import queries as case_queries
from tracker.core.exceptions import NotAllowed
from tracker.core.transaction import transaction
from tracker.desk import operations, queries

blp = Blueprint("notes", __name__, description="Case notes (internal discussion, staff only, never public)")


def _discussable(incident_id: int):
    incident = case_queries.get_incident(incident_id, full=False)
    if incident is None:
        raise NotFound()
    if not permissions.can_discuss(current_user, incident):
        raise NotAllowed()
    return incident


@blp.route("/incidents/<id:incident_id>/notes")
@blp.response(200, CaseNoteSchema(many=True))
def list_notes(incident_id):
    """The case's notes, oldest first, including reviewers' reasons for sending it back
    (`kind: send_back`). For those who may read the case's protected data."""
    _discussable(incident_id)
    return queries.notes_of(incident_id)


@blp.route("/incidents/<id:incident_id>/notes", methods=["POST"])
@blp.arguments(CaseNoteInputSchema)
@blp.response(201, CaseNoteSchema)
def add_note(data, incident_id):
    """Add a note (audited). Colleagues named `@handle` who may read the case are notified."""
    incident = _discussable(incident_id)
    with transaction():
        note = operations.add_note(
            incident, data["body"] or "", Actor(current_user._get_current_object(), "api")
        )
    return note, 201, {"Location": url_for("notes.list_notes", incident_id=incident_id)}
