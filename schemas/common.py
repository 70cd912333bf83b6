"""Field types and helpers shared by the schemas of every domain."""

import re

import marshmallow as ma
from marshmallow import fields, validate

from tracker.core.vocab import COUNTRY_CODES

MAX_INT = 2**31 - 1
MAX_PAGE_SIZE = 200
# Control characters (except tab and newlines) are refused: NUL in particular cannot be
# stored in PostgreSQL text and would otherwise surface as a server error.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Text(fields.String):
    """A trimmed string without control characters; empty means null."""

    default_error_messages = {
        "control": "Contains characters that are not allowed.",
        "too_long": "Longer than maximum length {max}.",
    }

    def __init__(self, *args, max_length: int | None = None, multiline: bool = False, **kwargs):
        kwargs.setdefault("allow_none", True)
        super().__init__(*args, **kwargs)
        self.max_length = max_length
        self.multiline = multiline

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if _CONTROL.search(text) or (not self.multiline and ("\n" in text or "\r" in text)):
            raise self.make_error("control")
        text = text.strip()
        if self.max_length and len(text) > self.max_length:
            raise self.make_error("too_long", max=self.max_length)
        return text or None

    def _validate(self, value):
        if value is not None:  # empty text became null: length and choice rules do not apply
            super()._validate(value)


class CountryCode(fields.String):
    default_error_messages = {"country": "Not a valid ISO 3166-1 country code."}

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip().upper()
        if code not in COUNTRY_CODES:
            raise self.make_error("country")
        return code


def one_of(vocabulary) -> validate.OneOf:
    return validate.OneOf(list(vocabulary))


def Id(**kwargs) -> fields.Integer:  # noqa: N802  (a field factory, read like a type)
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_INT), **kwargs)


class PageSchema(ma.Schema):
    """``page`` and ``page_size`` query parameters of every list."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


class InputSchema(ma.Schema):
    """Base for request bodies: unknown fields are an error, not silently dropped."""

    class Meta:
        unknown = ma.RAISE
