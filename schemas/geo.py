"""Geocoding endpoints: lookup and reverse queries (input) and their answers (output)."""

import marshmallow as ma
from marshmallow import fields, validate

from schemas.common import Text


class LookupQuerySchema(ma.Schema):
    q = Text(max_length=200, load_default=None)
    country = Text(max_length=100, load_default=None)
    admin1 = Text(max_length=200, load_default=None)
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=50))

    @ma.validates_schema
    def _something_to_look_up(self, data, **_kwargs):
        if not (data.get("q") or data.get("admin1") or data.get("country")):
            raise ma.ValidationError("Give a place, a governorate or a country.", "q")


class ReverseQuerySchema(ma.Schema):
    lat = fields.Float(required=True, validate=validate.Range(min=-90, max=90))
    lon = fields.Float(required=True, validate=validate.Range(min=-180, max=180))


class AdminRefSchema(ma.Schema):
    code = fields.String()
    name_ar = fields.String(allow_none=True)
    name_en = fields.String(allow_none=True)


class CandidateSchema(ma.Schema):
    name_ar = fields.String(allow_none=True)
    name_en = fields.String(allow_none=True)
    country = fields.String()
    admin1 = fields.Nested(AdminRefSchema, allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    precision = fields.String(allow_none=True)
    source = fields.String(allow_none=True)
    geonames_id = fields.Integer(allow_none=True)
    score = fields.Float(allow_none=True)


class LookupSchema(ma.Schema):
    ambiguous = fields.Boolean()
    candidates = fields.List(fields.Nested(CandidateSchema))


class ReverseSchema(ma.Schema):
    country = fields.String(allow_none=True)
    admin1 = fields.Nested(AdminRefSchema, allow_none=True)
    locality_ar = fields.String(allow_none=True)
    locality_en = fields.String(allow_none=True)
    geonames_id = fields.Integer(allow_none=True)
    distance_km = fields.Float(allow_none=True)
