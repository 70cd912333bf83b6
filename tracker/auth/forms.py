from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from tracker.auth.passwords import MIN_PASSWORD_LENGTH

LANGUAGE_CHOICES = [("ar", "العربية"), ("en", "English")]


class LoginForm(FlaskForm):
    # No address-syntax check here: accounts are validated when created, and a login form
    # that second-guesses addresses only locks people out (e.g. special-use domains).
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1000)])


class SecondFactorForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app, or a recovery code"),
        validators=[DataRequired(), Length(max=20)],
    )


class EnrolForm(FlaskForm):
    code = StringField(_l("The 6-digit code your app shows now"), validators=[DataRequired(), Length(max=20)])


class ConfirmPasswordForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=1000)])


def _new_password_fields():
    new = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(),
            Length(
                min=MIN_PASSWORD_LENGTH, message=_l("The password must have at least %(min)d characters.")
            ),
            Length(max=1000, message=_l("The password may have at most %(max)d characters.")),
        ],
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two passwords differ."))],
    )
    return new, confirm


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=1000)])
    new_password, confirm_password = _new_password_fields()


class AcceptInvitationForm(FlaskForm):
    new_password, confirm_password = _new_password_fields()


class AccountForm(FlaskForm):
    """Admin: create (invite) or edit an account."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Role"))
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    is_active = BooleanField(_l("Active"), default=True)
