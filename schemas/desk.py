"""Case notes (the internal discussion of a case): input (load) and output (dump) schemas, kept
apart. Only the internal API uses them; nothing here is ever public."""

from marshmallow import Schema, fields

from schemas.common import InputSchema, Text


class CaseNoteInputSchema(InputSchema):
    # Emptiness and length are the note operation's rules (one place, bilingual messages).
    body = Text(
        required=True, multiline=True, metadata={"description": "The note; `@handle` notifies a colleague"}
    )


class NoteAuthorSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class CaseNoteSchema(Schema):
    id = fields.Integer()
    incident_id = fields.Integer()
    kind = fields.String(metadata={"description": "`note`, or `send_back`: a reviewer's reason for sending the "
                                   "case back to its author"})  # fmt: skip
    body = fields.String()
    author = fields.Nested(NoteAuthorSchema, allow_none=True)
    created_at = fields.DateTime()
