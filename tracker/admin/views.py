"""Admin pages: accounts (invite, role, deactivate, reset 2FA), settings, taxonomy labels."""

from datetime import datetime

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from tracker.admin import operations as admin_ops
from tracker.admin.forms import OrganisationForm, SettingsForm, TaxonomyForm
from tracker.admin.queries import get_setting, organisation_logo_sha256
from tracker.audit.models import AuditEntry
from tracker.audit.operations import Actor
from tracker.auth import operations as auth_ops
from tracker.auth.decorators import role_required
from tracker.auth.forms import AccountForm
from tracker.auth.models import User
from tracker.cases.models import ViolationType
from tracker.core.exceptions import ValidationFailed
from tracker.core.i18n import current_language
from tracker.core.security import site_url
from tracker.core.templating import isolate, language_name
from tracker.core.transaction import transaction
from tracker.core.vocab import ROLES, label
from tracker.extensions import db
from tracker.reports import operations as report_ops
from tracker.reports import queries as report_queries
from tracker.reports.models import ORGANISATION_KINDS

blp = Blueprint("admin", __name__, url_prefix="/admin")
ACCOUNT_ACTIONS = {
    "create": _l("account created"), "update": _l("account changed"), "login": _l("logged in"),
    "login_failed": _l("failed login"), "lockout": _l("locked after failed logins"),
    "password": _l("password changed"), "invite": _l("invitation link issued"),
    "2fa_enable": _l("two-factor authentication on"), "2fa_disable": _l("two-factor authentication off"),
    "recovery_code": _l("recovery code used"),
}  # fmt: skip


ACCOUNT_FIELDS = {
    "email": _l("E-mail"), "name": _l("Name"), "role": _l("Role"), "locale": _l("Language"),
    "is_active": _l("Active"), "locked_until": _l("Locked until"),
    "invite_expires_at": _l("Invitation valid until"), "totp_confirmed_at": _l("Two-factor authentication since"),
}  # fmt: skip


def account_change(field: str, before, after) -> Markup:
    """One change of an account's history in the reader's words: "Language: — → العربية"."""
    return Markup("{}: {} → {}").format(
        ACCOUNT_FIELDS.get(field, field), _account_value(field, before), _account_value(field, after)
    )


def _account_value(field: str, value):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field == "role":
        return label(ROLES, value, current_language())
    if field == "locale":
        return language_name(value)
    if field.endswith(("_at", "_until")) and isinstance(value, str):
        try:
            return format_datetime(datetime.fromisoformat(value), "short")
        except ValueError:
            return isolate(value)
    return isolate(value)


LOWEST_ROLE = list(ROLES)[-1]  # ROLES runs from the most to the least allowed (viewer)


def _actor() -> Actor:
    return Actor(current_user, "web")


def _role_choices(lang: str):
    return [(code, label(ROLES, code, lang)) for code in ROLES]


def _show_errors(form, exc: ValidationFailed) -> None:
    for name, messages in exc.errors.items():
        target = getattr(form, name, None)
        if target is not None and hasattr(target, "errors"):
            target.errors = list(target.errors) + list(messages)
        else:
            for message in messages:
                flash(message, "error")


def _invite_link(token: str) -> str:
    return site_url("auth.accept_invitation", token=token)


@blp.route("/")
@role_required("admin")
def index():
    return redirect(url_for("admin.users"))


@blp.route("/users")
@role_required("admin")
def users():
    accounts = db.session.query(User).order_by(User.is_active.desc(), User.name).all()
    return render_template("admin/users.html", accounts=accounts)


@blp.route("/users/new", methods=["GET", "POST"])
@role_required("admin")
def invite():
    form = AccountForm()
    form.role.choices = _role_choices(current_language())
    form.locale.choices = [(code, language_name(code)) for code in ("ar", "en")]
    if not form.is_submitted():
        form.role.data = LOWEST_ROLE  # the least a newcomer can do; raising it is a choice
    if form.validate_on_submit():
        try:
            with transaction():
                user, token = auth_ops.invite_user(
                    form.email.data, form.name.data, form.role.data, _actor(), locale=form.locale.data
                )
        except ValidationFailed as exc:
            _show_errors(form, exc)
        else:
            return render_template("admin/invited.html", account=user, link=_invite_link(token))
    return render_template("admin/account_form.html", form=form, account=None, history=[])


@blp.route("/users/<id:user_id>", methods=["GET", "POST"])
@role_required("admin")
def edit_user(user_id):
    account = db.get_or_404(User, user_id)
    form = AccountForm(obj=account)
    form.role.choices = _role_choices(current_language())
    form.locale.choices = [(code, language_name(code)) for code in ("ar", "en")]
    del form.email  # the address identifies the account and is not edited here
    if form.validate_on_submit():
        data = {"name": form.name.data, "role": form.role.data, "locale": form.locale.data}
        data["is_active"] = bool(form.is_active.data)
        try:
            with transaction():
                auth_ops.update_account(account, data, _actor())
        except ValidationFailed as exc:
            db.session.rollback()
            _show_errors(form, exc)
        else:
            flash(_("Saved."), "info")
            return redirect(url_for("admin.users"))
    return render_template(
        "admin/account_form.html", form=form, account=account, history=_account_history(account)
    )


def _account_history(account) -> list:
    """The latest writes to this account (logins, role changes, 2FA, lockouts)."""
    stmt = (
        sa.select(AuditEntry)
        .where(AuditEntry.entity_type == "user", AuditEntry.entity_id == account.id)
        .order_by(AuditEntry.id.desc())
        .limit(30)
    )
    return list(db.session.scalars(stmt))


@blp.route("/users/<id:user_id>/invite", methods=["POST"])
@role_required("admin")
def renew_invite(user_id):
    account = db.get_or_404(User, user_id)
    with transaction():
        token = auth_ops.renew_invitation(account, _actor())
    return render_template("admin/invited.html", account=account, link=_invite_link(token))


@blp.route("/users/<id:user_id>/reset-2fa", methods=["POST"])
@role_required("admin")
def reset_2fa(user_id):
    account = db.get_or_404(User, user_id)
    with transaction():
        auth_ops.disable_2fa(account, _actor())
    flash(_("Two-factor authentication was reset for %(name)s.", name=account.name), "info")
    return redirect(url_for("admin.edit_user", user_id=account.id))


@blp.route("/settings", methods=["GET", "POST"])
@role_required("admin")
def settings():
    names = ("require_2fa", "two_person_rule", "follow_up_days")
    form = SettingsForm(data={name: get_setting(name) for name in names})
    if form.validate_on_submit():
        with transaction():
            for name in names:
                value = form[name].data
                if name == "follow_up_days":  # left empty: unchanged
                    if value is not None:
                        admin_ops.set_setting(name, int(value), _actor())
                else:
                    admin_ops.set_setting(name, bool(value), _actor())
        flash(_("Saved."), "info")
        return redirect(url_for("admin.settings"))
    return render_template("admin/settings.html", form=form, **_organisation_page(OrganisationForm(
        data={name: get_setting(name) for name in ("organisation_name_ar", "organisation_name_en")})))  # fmt: skip


def _organisation_page(form: OrganisationForm) -> dict:
    texts = {lang: report_queries.texts(0, lang) for lang in ("ar", "en")}
    versions = {lang: report_queries.versions(0, lang) for lang in ("ar", "en")}
    titles = {"contact": _("Contact"), "citation": _("How to cite this report"), "licence": _("Licence")}
    return {"organisation": form, "texts": texts, "versions": versions, "kinds": ORGANISATION_KINDS,
            "titles": titles, "logo_sha256": organisation_logo_sha256()}  # fmt: skip


@blp.route("/settings/organisation", methods=["POST"])
@role_required("admin")
def organisation():
    """The organisation's names, logo, contact, how to cite and licence: all saved or none."""
    form = OrganisationForm()
    status = 200
    if form.validate_on_submit():
        actor = _actor()
        try:
            with transaction():
                for name in ("organisation_name_ar", "organisation_name_en"):
                    admin_ops.set_setting(name, form[name].data or "", actor)
                upload = form.logo.data
                if upload and getattr(upload, "filename", ""):
                    admin_ops.set_organisation_logo(upload.read(), actor)
                elif form.remove_logo.data:
                    admin_ops.remove_organisation_logo(actor)
                for lang in ("ar", "en"):
                    for kind in ORGANISATION_KINDS:
                        field = f"{kind}_{lang}"
                        if field in request.form:
                            version = request.form.get(f"{field}_version", type=int)
                            report_ops.save_text(0, lang, kind, request.form[field], actor, version)
        except ValidationFailed as exc:
            for key, messages in exc.errors.items():
                target = getattr(form, key, None)  # "logo" or a name field
                if target is not None:
                    target.errors = list(messages)
            status = 422
        except report_ops.StaleText:
            flash(
                _("Someone else saved these texts meanwhile: nothing was saved. Here are their texts."),
                "error",
            )
            status = 409
        else:
            flash(_("Saved."), "info")
            return redirect(url_for("admin.settings"))
    else:
        status = 422 if request.method == "POST" else 200
    settings_form = SettingsForm(
        data={name: get_setting(name) for name in ("require_2fa", "two_person_rule")}
    )
    return render_template("admin/settings.html", form=settings_form, **_organisation_page(form)), status


@blp.route("/taxonomy", methods=["GET", "POST"])
@role_required("admin")
def taxonomy():
    types = db.session.query(ViolationType).order_by(ViolationType.sort_order).all()
    form = TaxonomyForm()
    errors: dict = {}
    values = {vt.code: {"label_ar": vt.label_ar, "label_en": vt.label_en} for vt in types}
    if form.validate_on_submit():
        submitted = {
            vt.code: {
                field: request.form.get(f"{vt.code}-{field}", values[vt.code][field])
                for field in ("label_ar", "label_en")
            }
            for vt in types
        }
        try:
            with transaction():
                changed = admin_ops.update_violation_labels(submitted, _actor())
        except ValidationFailed as exc:
            errors, values = exc.errors, submitted
        else:
            flash(
                ngettext("Saved: %(num)s label changed.", "Saved: %(num)s labels changed.", changed), "info"
            )
            return redirect(url_for("admin.taxonomy"))
    return render_template("admin/taxonomy.html", form=form, types=types, values=values, errors=errors)


@blp.context_processor
def _labels():
    return {"account_actions": ACCOUNT_ACTIONS, "account_change": account_change}
