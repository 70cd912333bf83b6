"""E-mail of notifications over SMTP, when ``SMTP_HOST`` is configured.

A message is prepared in the writer's transaction and sent only after that transaction commits
(a rolled-back write sends nothing); a failure to send is logged and never undoes the write.
Messages carry no case content (no title, name or note: e-mail leaves the organisation's
servers), only what happened and a link to the case for people who log in.
"""

import logging
import smtplib
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from tracker.extensions import db

log = logging.getLogger(__name__)
PENDING = "desk_mail"

SUBJECTS = {
    "assigned": lambda ref: _("A case was assigned to you: %(ref)s", ref=ref),
    "sent_back": lambda ref: _("Your case was sent back: %(ref)s", ref=ref),
    "published": lambda ref: _("Your case was published: %(ref)s", ref=ref),
    "mentioned": lambda ref: _("You were mentioned in a note: %(ref)s", ref=ref),
    "submitted": lambda ref: _("A case is waiting for review: %(ref)s", ref=ref),
}


def configured() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def queue(notification, user, public_ref: str, link: str) -> None:
    """Prepare the e-mail of ``notification`` to ``user``; it is sent after the commit."""
    if not configured() or not user.email:
        return
    config = current_app.config
    with force_locale(user.locale or "ar"):
        subject = SUBJECTS[notification.kind](public_ref)
        body = "\n\n".join([subject, _("Open the case: %(link)s", link=link)])
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.get("MAIL_FROM") or f"no-reply@{config['SMTP_HOST']}"
    message["To"] = user.email
    message.set_content(body)
    settings = {k: config.get(k) for k in ("SMTP_HOST", "SMTP_PORT", "SMTP_SECURITY", "SMTP_USERNAME",
                                           "SMTP_PASSWORD", "SMTP_TIMEOUT")}  # fmt: skip
    db.session().info.setdefault(PENDING, []).append((notification, message, settings))


def send(message: EmailMessage, settings: dict) -> None:
    security = (settings.get("SMTP_SECURITY") or "none").lower()
    smtp_class = smtplib.SMTP_SSL if security == "ssl" else smtplib.SMTP
    with smtp_class(
        settings["SMTP_HOST"], int(settings["SMTP_PORT"]), timeout=settings["SMTP_TIMEOUT"]
    ) as smtp:
        if security == "starttls":
            smtp.starttls()
        if settings.get("SMTP_USERNAME"):
            smtp.login(settings["SMTP_USERNAME"], settings.get("SMTP_PASSWORD") or "")
        smtp.send_message(message)


def _after_commit(session) -> None:
    for notification, message, settings in session.info.pop(PENDING, []):
        # written in a savepoint that was rolled back (a failed case of a bulk action): not sent
        if not sa.inspect(notification).persistent:
            continue
        try:
            send(message, settings)
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("notification e-mail to %s not sent: %s", message["To"], exc)


def _after_rollback(session) -> None:
    session.info.pop(PENDING, None)


def subscribe() -> None:
    """Send queued messages after every commit (once per process, whatever the number of apps)."""
    if not sa.event.contains(Session, "after_commit", _after_commit):
        sa.event.listen(Session, "after_commit", _after_commit)
        sa.event.listen(Session, "after_rollback", _after_rollback)
