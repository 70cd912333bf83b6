from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, StringField
from wtforms.validators import Length, NumberRange, Optional


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


class OrganisationForm(FlaskForm):
    """The organisation's identity for the yearly report and the public pages. Contact, how to cite
    and licence are texts of the report (``<kind>_<lang>`` fields), saved with their versions."""

    organisation_name_ar = StringField(_l("Name in Arabic"), validators=[Optional(), Length(max=200)])
    organisation_name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=200)])
    logo = FileField(_l("Logo (PNG or JPEG, at most 1 MB)"))
    remove_logo = BooleanField(_l("Remove the logo"))


class TaxonomyForm(FlaskForm):
    """Only the CSRF token: the label inputs are named ``<code>-label_ar`` / ``<code>-label_en``."""
