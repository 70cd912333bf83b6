"""/api/v1/reports/stats: every figure of the yearly report, the JSON `flask report stats` prints."""

from flask import jsonify
from flask_login import current_user
from flask_smorest import Blueprint

from reports.statistics import Scope, compute
from schemas.reports import ReportQuerySchema
from tracker.auth import permissions
from tracker.core.exceptions import NotAllowed

blp = Blueprint("statistics", __name__, description="Yearly statistics (the report's figures)")


@blp.route("/reports/stats")
@blp.arguments(ReportQuerySchema, location="query", as_kwargs=False)
@blp.response(200)
def report_stats(query):
    """Figures of the yearly report for `year` (optionally one `country`), as plain data.

    Every table names its counting unit (incidents, victims, violations) and what its
    percentages are a percentage of. `edition=internal` (editors and admins) counts every
    verified case, confidential ones included; `public` only published, non-confidential ones.
    """
    if query["edition"] == "internal" and not permissions.can_read_internal_report(current_user):
        raise NotAllowed()
    scope = Scope(query["year"], query.get("country"), query["edition"])
    return jsonify(compute(scope))
