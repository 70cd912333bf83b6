"""/api/v1/incidents: list, create, read, edit (optimistic locking), archive, workflow, history."""

from flask import jsonify, request
from flask_login import current_user
from flask_smorest import Blueprint
from werkzeug.exceptions import NotFound

from schemas.cases import (
    AuditEntrySchema,
    IncidentInputSchema,
    IncidentPatchSchema,
    IncidentQuerySchema,
    IncidentSchema,
    IncidentSummarySchema,
    TransitionInputSchema,
)
from schemas.rows import RowDumper
from tracker.api import pagination
from tracker.audit.operations import Actor
from tracker.auth import permissions
from tracker.cases import operations, queries, visibility
from tracker.core.errors import ApiError, default_message
from tracker.core.exceptions import NotAllowed
from tracker.core.transaction import transaction

blp = Blueprint("incidents", __name__, description="Incidents (internal, staff only)")


def _actor() -> Actor:
    return Actor(current_user._get_current_object(), "api")


def _incident_or_404(incident_id: int, *, full: bool = True):
    incident = queries.get_incident(incident_id, full=full)
    if incident is None:
        raise NotFound()
    return incident


def _visible(incident, status: int = 200, headers: dict | None = None):
    """The record as the current user may read it (protected names, confidential notes), as a
    response (dumped once, through the schema's whitelist, then masked)."""
    response = jsonify(visibility.incident_dump(current_user, incident, IncidentSchema().dump(incident)))
    response.status_code = status
    response.headers.update(headers or _etag_headers(incident))
    return response


def _etag_headers(incident) -> dict:
    return {"ETag": f'"{incident.version}"'}


def _if_match_version() -> int:
    """The version the client edited, from `If-Match` (required for edits)."""
    header = request.headers.get("If-Match")
    if not header or header.strip() == "*":
        raise ApiError(428, default_message(428), {"If-Match": [default_message(428)]})
    tag = header.split(",")[0].strip().removeprefix("W/").strip('"')
    if not tag.isdigit():
        raise ApiError(428, default_message(428), {"If-Match": [default_message(428)]})
    return int(tag)


def _require_writer():
    if not permissions.can_create_incident(current_user):
        raise NotAllowed()


SUMMARY = RowDumper(IncidentSummarySchema)


@blp.route("/incidents")
# An instance, not the class: webargs would build a schema (and copy its fields) per request.
@blp.arguments(IncidentQuerySchema(), location="query", as_kwargs=False)
@blp.response(200, IncidentSummarySchema(many=True))
def list_incidents(filters):
    """List incidents with filters, search, sorting and pagination (`page`, `page_size` <= 200).

    The total is in the `X-Total-Count` header (and `X-Pagination`).
    """
    filters["protected_reader"] = permissions.protected_search_reader(current_user)
    rows, total = queries.list_incidents(filters, filters["page"], filters["page_size"])
    # Rows are dumped through the schema's whitelist by RowDumper (fast path), so the
    # Response goes out as is.
    response = jsonify(SUMMARY.dump(rows))
    response.headers.update(pagination.headers(total, filters["page"], filters["page_size"]))
    return response


@blp.route("/incidents", methods=["POST"])
@blp.arguments(IncidentInputSchema)
@blp.response(201, IncidentSchema)
def create_incident(data):
    """Create an incident (a draft). Victims may reference journalists or create them inline."""
    _require_writer()
    with transaction():
        incident = operations.create_incident(data, _actor())
    incident = _incident_or_404(incident.id)
    return _visible(
        incident, 201, {**_etag_headers(incident), "Location": f"/api/v1/incidents/{incident.id}"}
    )


@blp.route("/incidents/<id:incident_id>")
@blp.response(200, IncidentSchema)
def get_incident(incident_id):
    """The full record. The `ETag` is the version to send back in `If-Match`."""
    incident = _incident_or_404(incident_id)
    tag = request.headers.get("If-None-Match", "").strip().removeprefix("W/").strip('"')
    if tag and tag == str(incident.version):
        return "", 304, _etag_headers(incident)
    return _visible(incident)


@blp.route("/incidents/<id:incident_id>", methods=["PATCH"])
@blp.arguments(IncidentPatchSchema)
@blp.response(200, IncidentSchema)
def patch_incident(data, incident_id):
    """Change some fields. Requires `If-Match: "<version>"`; a stale version gets 412
    with `current_version` and nothing is written."""
    incident = _incident_or_404(incident_id)
    if not permissions.can_edit_incident(current_user, incident):
        raise NotAllowed()
    expected = _if_match_version()
    with transaction():
        operations.update_incident(incident, data, _actor(), expected)
    incident = _incident_or_404(incident_id)
    return _visible(incident)


@blp.route("/incidents/<id:incident_id>", methods=["DELETE"])
@blp.response(200, IncidentSchema)
def archive_incident(incident_id):
    """Archive the incident. Nothing is ever hard-deleted through the API."""
    incident = _incident_or_404(incident_id)
    if not permissions.can_transition(current_user, incident, "archived"):
        raise NotAllowed()
    expected = _if_match_version() if request.headers.get("If-Match") else None
    with transaction():
        operations.archive_incident(incident, _actor(), expected_version=expected)
    incident = _incident_or_404(incident_id)
    return _visible(incident)


@blp.route("/incidents/<id:incident_id>/transitions", methods=["POST"])
@blp.arguments(TransitionInputSchema)
@blp.response(200, IncidentSchema)
def transition_incident(data, incident_id):
    """Move the incident in the workflow (draft, in_review, verified, published, rejected,
    archived), as the user's role allows."""
    incident = _incident_or_404(incident_id)
    if not permissions.can_transition(current_user, incident, data["to"]):
        raise NotAllowed()
    expected = _if_match_version() if request.headers.get("If-Match") else None
    with transaction():
        operations.transition_incident(
            incident, data["to"], _actor(), note=data.get("note"), expected_version=expected
        )
    incident = _incident_or_404(incident_id)
    return _visible(incident)


@blp.route("/incidents/<id:incident_id>/history")
@blp.response(200, AuditEntrySchema(many=True))
def incident_history(incident_id):
    """Every write to the incident, oldest first, with field-level before/after."""
    incident = _incident_or_404(incident_id)
    return visibility.history(current_user, incident, queries.history(incident_id))
