"""/api/v1/intake: a news article in, proposed draft incidents out (nothing is saved)."""

from flask_smorest import Blueprint

from schemas.intake import IntakeInputSchema, IntakeResultSchema
from tracker.intake import queries

blp = Blueprint(
    "intake_api", __name__, description="News article intake (writers only; proposes, never saves)"
)


@blp.route("/intake", methods=["POST"])
@blp.arguments(IntakeInputSchema)
@blp.response(200, IntakeResultSchema)
def intake(args):
    """Proposals for the incidents an article reports, each field with the sentence behind it.

    An article that reports no violation (government news, conferences, statistics, calls for
    release) gives an empty list. Nothing is saved: a researcher confirms each proposal.
    """
    proposals = queries.propose(args["text"], args["published_on"], args["url"], args["lang"])
    return queries.as_json(proposals)
