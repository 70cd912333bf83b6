"""/api/v1/journalists and /api/v1/outlets: search and create reusable people records."""

from flask import jsonify
from flask_login import current_user
from flask_smorest import Blueprint
from werkzeug.exceptions import NotFound

from schemas.people import (
    JournalistInputSchema,
    JournalistSchema,
    OutletInputSchema,
    OutletSchema,
    PeopleQuerySchema,
)
from tracker.api import pagination
from tracker.audit.operations import Actor
from tracker.auth import permissions
from tracker.auth.permissions import can_manage_people
from tracker.cases import queries as case_queries
from tracker.cases import visibility
from tracker.core.exceptions import NotAllowed
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.people import operations, queries
from tracker.people.models import Journalist, Outlet

blp = Blueprint("people", __name__, description="Journalists and media outlets")


def _writer_actor() -> Actor:
    if not can_manage_people(current_user):
        raise NotAllowed()
    return Actor(current_user._get_current_object(), "api")


@blp.route("/journalists")
@blp.arguments(PeopleQuerySchema, location="query")
@blp.response(200, JournalistSchema(many=True))
def list_journalists(args):
    """Search journalists by name (Arabic-normalised, either language)."""
    hidden = case_queries.visible_journalist_conditions(permissions.protected_search_reader(current_user))
    items, total = queries.search_journalists(args.get("q"), args["page"], args["page_size"], hidden)
    rows = JournalistSchema(many=True).dump(items)
    response = jsonify(rows)
    response.headers.update(pagination.headers(total, args["page"], args["page_size"]))
    return response


@blp.route("/journalists", methods=["POST"])
@blp.arguments(JournalistInputSchema)
@blp.response(201, JournalistSchema)
def create_journalist(data):
    actor = _writer_actor()
    with transaction():
        journalist = operations.create_journalist(data, actor)
    return journalist


@blp.route("/journalists/<id:journalist_id>")
@blp.response(200, JournalistSchema)
def get_journalist(journalist_id):
    journalist = db.session.get(Journalist, journalist_id)
    if journalist is None:
        raise NotFound()
    row = JournalistSchema().dump(journalist)
    shown = visibility.journalists(current_user, [row], case_queries.protecting_creators([journalist_id]))
    if not shown:  # as if unknown: its existence is what must not be told
        raise NotFound()
    return jsonify(shown[0])


@blp.route("/outlets")
@blp.arguments(PeopleQuerySchema, location="query")
@blp.response(200, OutletSchema(many=True))
def list_outlets(args):
    """Search media outlets by name (Arabic-normalised, either language)."""
    items, total = queries.search_outlets(args.get("q"), args["page"], args["page_size"])
    return items, 200, pagination.headers(total, args["page"], args["page_size"])


@blp.route("/outlets", methods=["POST"])
@blp.arguments(OutletInputSchema)
@blp.response(201, OutletSchema)
def create_outlet(data):
    actor = _writer_actor()
    with transaction():
        outlet = operations.create_outlet(data, actor)
    return outlet


@blp.route("/outlets/<id:outlet_id>")
@blp.response(200, OutletSchema)
def get_outlet(outlet_id):
    outlet = db.session.get(Outlet, outlet_id)
    if outlet is None:
        raise NotFound()
    return outlet
