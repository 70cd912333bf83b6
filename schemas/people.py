"""Journalists and outlets: input (load) and output (dump) schemas, kept apart."""

from marshmallow import Schema, fields

from schemas.common import CountryCode, Id, InputSchema, PageSchema, Text, one_of
from tracker.core.vocab import GENDERS, MEDIA_TYPES, PROFESSIONS


class OutletInputSchema(InputSchema):
    name_ar = Text(max_length=300)
    name_en = Text(max_length=300)
    media_type = fields.String(allow_none=True, validate=one_of(MEDIA_TYPES))
    country = CountryCode(allow_none=True)


class JournalistInputSchema(InputSchema):
    name_ar = Text(max_length=300)
    name_en = Text(max_length=300)
    gender = fields.String(load_default="unknown", validate=one_of(GENDERS))
    profession = fields.String(allow_none=True, validate=one_of(PROFESSIONS))
    outlet_id = Id(allow_none=True)
    media_type = fields.String(allow_none=True, validate=one_of(MEDIA_TYPES))
    nationality = CountryCode(allow_none=True)
    is_foreign = fields.Boolean(load_default=False)


class PeopleQuerySchema(PageSchema):
    q = fields.String(load_default=None, metadata={"description": "Arabic-normalised name search"})


class OutletSchema(Schema):
    id = fields.Integer()
    name_ar = fields.String(allow_none=True)
    name_en = fields.String(allow_none=True)
    media_type = fields.String(allow_none=True)
    country = fields.String(allow_none=True)


class JournalistSchema(Schema):
    id = fields.Integer()
    name_ar = fields.String(allow_none=True)
    name_en = fields.String(allow_none=True)
    gender = fields.String()
    profession = fields.String(allow_none=True)
    outlet = fields.Nested(OutletSchema, allow_none=True)
    media_type = fields.String(allow_none=True)
    nationality = fields.String(allow_none=True)
    is_foreign = fields.Boolean()
