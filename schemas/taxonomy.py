"""The taxonomy endpoint's output."""

from marshmallow import Schema, fields


class ViolationTypeSchema(Schema):
    code = fields.String()
    parent_code = fields.String(allow_none=True)
    label_en = fields.String()
    label_ar = fields.String()
    sdg_group = fields.String(allow_none=True)


class TermSchema(Schema):
    code = fields.String()
    label_en = fields.String()
    label_ar = fields.String()


class TaxonomySchema(Schema):
    violation_types = fields.List(fields.Nested(ViolationTypeSchema))
    sdg_groups = fields.List(fields.Nested(TermSchema))
    vocabularies = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(TermSchema)))
