"""Incidents: input (load) and output (dump) schemas, kept apart. Field names follow DESIGN.md."""

from datetime import date

from marshmallow import Schema, fields, validate
from webargs.fields import DelimitedList

from schemas.common import MAX_INT, CountryCode, Id, InputSchema, PageSchema, Text, one_of
from schemas.people import JournalistInputSchema, JournalistSchema
from tracker.cases.taxonomy import VIOLATION_CODES
from tracker.core.vocab import (
    CASE_STATUS,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    IMPUNITY,
    OUTCOMES,
    PERPETRATOR_TYPES,
    ROLES_IN_INCIDENT,
    STATUS_EVENTS,
    VERIFICATION,
    WORKFLOW_STATUS,
)

EARLIEST_DATE = date(1900, 1, 1)
SORT_FIELDS = ("date_start", "created_at", "updated_at", "public_ref", "id")
_date_range = validate.Range(min=EARLIEST_DATE, max=date(2999, 12, 31))


# --- input ------------------------------------------------------------------------------


class StatusEventInputSchema(InputSchema):
    event = fields.String(required=True, validate=one_of(STATUS_EVENTS))
    date = fields.Date(required=True, validate=_date_range)
    note = Text(max_length=2000, multiline=True)


class VictimInputSchema(InputSchema):
    journalist_id = Id(allow_none=True, metadata={"description": "An existing journalist"})
    journalist = fields.Nested(
        JournalistInputSchema,
        allow_none=True,
        metadata={"description": "Or a new journalist, created with the incident"},
    )
    role_in_incident = fields.String(load_default="target", validate=one_of(ROLES_IN_INCIDENT))
    outcome = fields.String(required=True, validate=one_of(OUTCOMES))
    is_identity_protected = fields.Boolean(load_default=False)
    status_events = fields.List(
        fields.Nested(StatusEventInputSchema), load_default=list, validate=validate.Length(max=100)
    )


class PerpetratorInputSchema(InputSchema):
    type = fields.String(required=True, validate=one_of(PERPETRATOR_TYPES))
    name = Text(max_length=300)  # either language: stored as name_ar or name_en by its script
    name_ar = Text(max_length=300)
    name_en = Text(max_length=300)


class SourceInputSchema(InputSchema):
    url = fields.Url(allow_none=True, schemes={"http", "https"}, validate=validate.Length(max=2000))
    title = Text(max_length=500)
    publisher = Text(max_length=300)
    published_on = fields.Date(allow_none=True, validate=_date_range)
    reliability = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=1, max=5))
    is_internal = fields.Boolean(load_default=False)


class IncidentInputSchema(InputSchema):
    title_ar = Text(max_length=500)
    title_en = Text(max_length=500)
    summary_ar = Text(max_length=20000, multiline=True)
    summary_en = Text(max_length=20000, multiline=True)
    violation_types = fields.List(
        fields.String(validate=one_of(VIOLATION_CODES)),
        required=True,
        validate=validate.Length(min=1, max=len(VIOLATION_CODES)),
    )
    date_start = fields.Date(required=True, validate=_date_range)
    date_end = fields.Date(allow_none=True, validate=_date_range)
    date_precision = fields.String(validate=one_of(DATE_PRECISIONS))
    country = CountryCode(required=True)
    admin1 = Text(max_length=200)  # a code (YE-MA) or a name in either language; stored as the code
    admin2 = Text(max_length=200)
    locality = Text(max_length=200)
    latitude = fields.Float(allow_none=True, validate=validate.Range(min=-90, max=90))
    longitude = fields.Float(allow_none=True, validate=validate.Range(min=-180, max=180))
    geo_precision = fields.String(allow_none=True, validate=one_of(GEO_PRECISIONS))
    public_geo_precision = fields.String(validate=one_of(GEO_PRECISIONS))
    geonames_id = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=1, max=MAX_INT))
    geocode_source = Text(max_length=50)
    perpetrators = fields.List(fields.Nested(PerpetratorInputSchema), validate=validate.Length(max=50))
    victims = fields.List(fields.Nested(VictimInputSchema), validate=validate.Length(max=500))
    sources = fields.List(fields.Nested(SourceInputSchema), validate=validate.Length(max=200))
    verification = fields.String(validate=one_of(VERIFICATION))
    case_status = fields.String(validate=one_of(CASE_STATUS))
    impunity = fields.String(allow_none=True, validate=one_of(IMPUNITY))
    is_confidential = fields.Boolean()
    confidential_notes = Text(max_length=20000, multiline=True)
    # victims counted but not named ("3 journalists"): README "Counting"
    unnamed_victims = fields.Integer(strict=True, validate=validate.Range(min=0, max=500))


class IncidentPatchSchema(IncidentInputSchema):
    """PATCH body: any subset of the fields; a list given replaces the stored list."""

    def __init__(self, *args, **kwargs):
        kwargs["partial"] = tuple(IncidentInputSchema._declared_fields)
        super().__init__(*args, **kwargs)


class TransitionInputSchema(InputSchema):
    to = fields.String(required=True, validate=one_of(WORKFLOW_STATUS))
    note = Text(max_length=500)


class IncidentQuerySchema(PageSchema):
    year = fields.Integer(validate=validate.Range(min=1900, max=2999))
    date_from = fields.Date()
    date_to = fields.Date()
    country = DelimitedList(CountryCode())
    admin1 = fields.String(validate=validate.Length(max=200))
    violation_type = DelimitedList(
        fields.String(validate=one_of(VIOLATION_CODES)),
        metadata={"description": "Comma-separated codes; a parent code includes its children"},
    )
    perpetrator_type = DelimitedList(fields.String(validate=one_of(PERPETRATOR_TYPES)))
    workflow_status = DelimitedList(fields.String(validate=one_of(WORKFLOW_STATUS)))
    verification = DelimitedList(fields.String(validate=one_of(VERIFICATION)))
    q = fields.String(
        validate=validate.Length(max=200), metadata={"description": "Arabic-normalised text search"}
    )
    sort = fields.String(
        load_default="-date_start",
        validate=one_of([f"{sign}{f}" for f in SORT_FIELDS for sign in ("", "-")]),
    )


# --- output -----------------------------------------------------------------------------


class UserRefSchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)


class StatusEventSchema(Schema):
    event = fields.String()
    date = fields.Date()
    note = fields.String(allow_none=True)


class VictimSchema(Schema):
    journalist_id = fields.Integer()
    journalist = fields.Nested(JournalistSchema)
    role_in_incident = fields.String()
    outcome = fields.String()
    is_identity_protected = fields.Boolean()
    status_events = fields.List(fields.Nested(StatusEventSchema))


class PerpetratorSchema(Schema):
    type = fields.String()
    name = fields.String(allow_none=True)
    name_ar = fields.String(allow_none=True)
    name_en = fields.String(allow_none=True)


class SourceSchema(Schema):
    url = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    publisher = fields.String(allow_none=True)
    published_on = fields.Date(allow_none=True)
    reliability = fields.Integer(allow_none=True)
    is_internal = fields.Boolean()


class IncidentSummarySchema(Schema):
    """One row of the internal list."""

    id = fields.Integer()
    public_ref = fields.String()
    title_ar = fields.String(allow_none=True)
    title_en = fields.String(allow_none=True)
    violation_types = fields.List(fields.String())
    headline_type = fields.String(allow_none=True)
    date_start = fields.Date()
    date_end = fields.Date(allow_none=True)
    date_precision = fields.String()
    country = fields.String()
    admin1 = fields.String(allow_none=True)
    admin2 = fields.String(allow_none=True)
    locality = fields.String(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    geo_precision = fields.String(allow_none=True)
    public_geo_precision = fields.String()
    verification = fields.String()
    case_status = fields.String()
    workflow_status = fields.String()
    is_confidential = fields.Boolean()
    version = fields.Integer()
    updated_at = fields.DateTime()


class IncidentSchema(IncidentSummarySchema):
    """The full internal record."""

    summary_ar = fields.String(allow_none=True)
    summary_en = fields.String(allow_none=True)
    geonames_id = fields.Integer(allow_none=True)
    geocode_source = fields.String(allow_none=True)
    impunity = fields.String(allow_none=True)
    confidential_notes = fields.String(allow_none=True)
    perpetrators = fields.List(fields.Nested(PerpetratorSchema))
    victims = fields.List(fields.Nested(VictimSchema))
    unnamed_victims = fields.Integer()  # counted, not named (README "Counting")
    sources = fields.List(fields.Nested(SourceSchema))
    created_at = fields.DateTime()
    created_by = fields.Nested(UserRefSchema, allow_none=True)
    updated_by = fields.Nested(UserRefSchema, allow_none=True)


class AuditEntrySchema(Schema):
    id = fields.Integer()
    at = fields.DateTime()
    actor = fields.String(allow_none=True)
    channel = fields.String(allow_none=True)
    action = fields.String()
    note = fields.String(allow_none=True)
    changes = fields.Method("dump_changes")

    def dump_changes(self, entry):
        return {field: {"before": pair[0], "after": pair[1]} for field, pair in entry.changes.items()}
