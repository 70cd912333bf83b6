"""Yearly report: query parameters of the statistics endpoint and the page."""

import marshmallow as ma
from marshmallow import fields, validate

from schemas.common import CountryCode

EDITIONS = ("public", "internal")


class ReportQuerySchema(ma.Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=1900, max=2999))
    country = CountryCode(metadata={"description": "ISO 3166-1 alpha-2 code; all countries if absent"})
    edition = fields.String(
        load_default="public",
        validate=validate.OneOf(EDITIONS),
        metadata={
            "description": "public: published, non-confidential cases; internal (editors): all verified"
        },
    )
