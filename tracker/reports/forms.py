from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField
from wtforms.validators import AnyOf, NumberRange, Optional, Regexp


class BuildReportForm(FlaskForm):
    """The hidden fields of a build button on the reports page."""

    year = IntegerField(validators=[NumberRange(min=1900, max=2999)])
    country = HiddenField(validators=[Optional(), Regexp(r"^[A-Z]{2}$")])
    lang = HiddenField(validators=[AnyOf(["ar", "en"])])
    edition = HiddenField(validators=[AnyOf(["public", "internal"])])
