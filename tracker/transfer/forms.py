"""Forms of the transfer pages (Flask-WTF: CSRF token on every POST)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length


class ImportForm(FlaskForm):
    file = FileField(
        _l("File (.csv or .xlsx)"),
        validators=[
            FileRequired(_l("Choose a file.")),
            FileAllowed(["csv", "xlsx"], _l("Give a .csv or .xlsx file.")),
        ],
    )
    mapping = FileField(
        _l("Column mapping (.json, optional)"), validators=[FileAllowed(["json"], _l("A .json file."))]
    )


class ConfirmForm(FlaskForm):
    token = HiddenField(validators=[DataRequired(), Length(max=64)])


class MergeForm(FlaskForm):
    kind = SelectField(
        _l("Merge"), choices=[("incidents", _l("Two incidents")), ("journalists", _l("Two journalists"))],
        default="incidents",
    )  # fmt: skip
    keep = StringField(_l("Keep (reference, number or name)"), validators=[DataRequired(), Length(max=100)])
    other = StringField(
        _l("The duplicate, folded into it (reference, number or name)"),
        validators=[DataRequired(), Length(max=100)],
    )
