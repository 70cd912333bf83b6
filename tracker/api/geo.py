"""/api/v1/geo: place suggestions for the case form and reverse geocoding of a map click."""

from flask_smorest import Blueprint

from schemas.geo import LookupQuerySchema, LookupSchema, ReverseQuerySchema, ReverseSchema
from tracker.core.transaction import transaction
from tracker.geo import providers
from tracker.geo.reverse import reverse

blp = Blueprint("geo", __name__, description="Geocoding (internal, staff only)")


@blp.route("/geo/lookup")
@blp.arguments(LookupQuerySchema, location="query")
@blp.response(200, LookupSchema)
def lookup(args):
    """Ranked candidates for a place (`q`), governorate (`admin1`) and country, in Arabic or English.

    `ambiguous: true` means the top candidates are different places: let the researcher choose.
    """
    with transaction():  # an outside provider's answer is cached
        return providers.geocode(args["q"], args["admin1"], args["country"], args["limit"])


@blp.route("/geo/reverse")
@blp.arguments(ReverseQuerySchema, location="query")
@blp.response(200, ReverseSchema)
def reverse_point(args):
    """Country and governorate of a point (from the nearest known place); empty if none is near."""
    return reverse(args["lat"], args["lon"]) or {}
