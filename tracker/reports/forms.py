from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField
from wtforms.validators import NumberRange, Optional, Regexp


class BuildReportForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[NumberRange(min=1900, max=2999)])
    country = HiddenField(validators=[Optional(), Regexp(r"^[A-Z]{2}$")])
    lang = SelectField(_l("Language"), choices=[("ar", "العربية"), ("en", "English")])
    edition = SelectField(
        _l("Edition"), choices=[("public", _l("Public edition")), ("internal", _l("Internal edition"))]
    )
