"""Intake: an article in (text, date, link) and the proposals out."""

import marshmallow as ma
from marshmallow import fields, validate

from schemas.common import InputSchema, Text

MAX_TEXT = 200_000


class IntakeInputSchema(InputSchema):
    text = Text(required=True, allow_none=False, multiline=True, max_length=MAX_TEXT)

    @ma.validates("text")
    def _not_empty(self, value, **_kwargs):
        if not value:
            raise ma.ValidationError("Paste the text of the article.")

    published_on = fields.Date(load_default=None, allow_none=True)
    url = fields.Url(load_default=None, allow_none=True, validate=validate.Length(max=2000))
    lang = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(["ar", "en"]))


class VictimProposalSchema(ma.Schema):
    name_ar = fields.String(allow_none=True)
    name_en = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)
    journalist_id = fields.Integer(allow_none=True)
    kind = fields.String(metadata={"description": "person or outlet"})


class PerpetratorProposalSchema(ma.Schema):
    type = fields.String()
    name = fields.String(allow_none=True)


class EvidenceSchema(ma.Schema):
    field = fields.String()
    text = fields.String(metadata={"description": "the sentence, as written in the article"})
    start = fields.Integer(metadata={"description": "offset of the sentence in the submitted text"})
    end = fields.Integer()
    phrase = fields.String(metadata={"description": "the words that support the field"})


class DuplicateSchema(ma.Schema):
    incident_id = fields.Integer()
    public_ref = fields.String()


class SourceProposalSchema(ma.Schema):
    url = fields.String(allow_none=True)
    publisher = fields.String(allow_none=True)
    published_on = fields.String(allow_none=True)
    title = fields.String(allow_none=True)


class ProposalSchema(ma.Schema):
    violation_types = fields.List(fields.String())
    victims = fields.List(fields.Nested(VictimProposalSchema))
    country = fields.String(allow_none=True)
    admin1 = fields.String(allow_none=True)
    admin1_name = fields.String(allow_none=True)
    locality = fields.String(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    geo_precision = fields.String(allow_none=True)
    date_start = fields.String(allow_none=True)
    date_precision = fields.String(allow_none=True)
    perpetrators = fields.List(fields.Nested(PerpetratorProposalSchema))
    evidence = fields.List(fields.Nested(EvidenceSchema))
    confidence = fields.Float()
    possible_duplicates = fields.List(fields.String(), metadata={"description": "public references"})
    duplicates = fields.List(fields.Nested(DuplicateSchema))
    source = fields.Nested(SourceProposalSchema)
    title = fields.String(allow_none=True)
    summary = fields.String(allow_none=True)


class IntakeResultSchema(ma.Schema):
    proposals = fields.List(fields.Nested(ProposalSchema))
