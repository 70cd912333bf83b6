from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField
from wtforms.validators import NumberRange, Optional


class SettingsForm(FlaskForm):
    require_2fa = BooleanField(_l("Two-factor authentication is mandatory for all staff"))
    two_person_rule = BooleanField(
        _l(
            "Two-person rule: the author of a case cannot verify it, and whoever verified it cannot publish it"
        )
    )
    follow_up_days = IntegerField(
        _l("Follow-up after how many days without news of someone held"),
        validators=[Optional(), NumberRange(min=7, max=3650)],
    )


class TaxonomyForm(FlaskForm):
    """Only the CSRF token: the label inputs are named ``<code>-label_ar`` / ``<code>-label_en``."""
