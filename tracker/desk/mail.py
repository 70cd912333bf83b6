"""E-mail of notifications over SMTP, when ``SMTP_HOST`` is configured.

Each e-mail is a job (``desk.mail``, ``tracker.jobs.kinds``) queued in the writer's transaction:
handed to a runner once that transaction commits (a rolled-back write, or a savepoint rolled back
in a bulk action, sends nothing), never sent by the request. The in-app notification is written
by the writer whatever happens to the e-mail; a refused or failed send is tried again
(``MAIL_SEND_TRIES``), then the job ends failed, saying so. Messages carry no case content (no
title, name or note: e-mail leaves the organisation's servers), only what happened and a link to
the case for people who log in; the job's parameters hold ids only.
"""

import smtplib
import time
from email.message import EmailMessage

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from tracker.auth.models import User
from tracker.cases.models import Incident
from tracker.extensions import db
from tracker.jobs.operations import enqueue

JOB = "desk.mail"

SUBJECTS = {
    "assigned": lambda ref: _("A case was assigned to you: %(ref)s", ref=ref),
    "sent_back": lambda ref: _("Your case was sent back: %(ref)s", ref=ref),
    "published": lambda ref: _("Your case was published: %(ref)s", ref=ref),
    "mentioned": lambda ref: _("You were mentioned in a note: %(ref)s", ref=ref),
    "submitted": lambda ref: _("A case is waiting for review: %(ref)s", ref=ref),
}


class NotSent(Exception):
    """Every try failed; ``tries`` says how many."""

    def __init__(self, tries: int):
        super().__init__(tries)
        self.tries = tries


def configured() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def queue(notification, user) -> None:
    """Queue the e-mail of ``notification`` (flushed) to ``user``; sent after the commit."""
    if not configured() or not user.email:
        return
    enqueue(JOB, {"notification": notification.id, "user": user.id, "kind": notification.kind,
                  "incident": notification.incident_id}, channel="system")  # fmt: skip


def message_for(params: dict) -> EmailMessage | None:
    """The e-mail a job sends, in the reader's language; None when its reader or case is gone."""
    user, incident = db.session.get(User, params["user"]), db.session.get(Incident, params["incident"])
    if user is None or incident is None or not user.email or not user.is_active:
        return None
    config = current_app.config
    link = f"{config['SITE_URL'].rstrip('/')}/cases/{incident.id}"
    with force_locale(user.locale or "ar"):
        subject = SUBJECTS[params["kind"]](incident.public_ref)
        body = "\n\n".join([subject, _("Open the case: %(link)s", link=link)])
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.get("MAIL_FROM") or f"no-reply@{config['SMTP_HOST']}"
    message["To"] = user.email
    message.set_content(body)
    return message


def deliver(message: EmailMessage) -> int:
    """Send ``message``, trying again after a refusal or a connection failure; how many tries it
    took. Raises ``NotSent`` when none succeeded."""
    config = current_app.config
    tries = max(1, int(config.get("MAIL_SEND_TRIES") or 3))
    wait = float(config.get("MAIL_RETRY_SECONDS") or 0)
    for attempt in range(1, tries + 1):
        try:
            send(message, config)
            return attempt
        except (OSError, smtplib.SMTPException) as exc:
            current_app.logger.warning("notification e-mail not sent (try %s of %s): %s", attempt, tries, exc)
            if attempt < tries:
                time.sleep(wait * attempt)
    raise NotSent(tries)


def send(message: EmailMessage, settings) -> None:
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
