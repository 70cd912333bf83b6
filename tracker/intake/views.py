"""/intake: paste or upload a news article, see the proposed cases beside it with the sentences
behind each field, correct them, then open the case form pre-filled (nothing is saved before the
researcher saves it there) or add the article as a source of a case already recorded."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from tracker.audit.operations import Actor
from tracker.auth import permissions
from tracker.auth.decorators import role_required
from tracker.cases import labels as case_labels
from tracker.cases import operations as case_operations
from tracker.cases import queries as case_queries
from tracker.cases.forms import values_from_incident
from tracker.core.exceptions import NotAllowed, StaleVersion, ValidationFailed
from tracker.core.i18n import current_language
from tracker.core.transaction import transaction
from tracker.core.vendor import tile_url
from tracker.intake import forms, queries
from tracker.intake.html import html_to_text

blp = Blueprint("intake", __name__, url_prefix="/intake")
blp.context_processor(case_labels.template_helpers)
WRITERS = permissions.WRITER_ROLES


def _read_upload() -> tuple[str | None, str | None]:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return None, None
    name = upload.filename.lower()
    if not name.endswith(forms.UPLOAD_TYPES):
        return None, _("Upload a .txt or .html file.")
    data = upload.stream.read(forms.MAX_UPLOAD + 1)
    if len(data) > forms.MAX_UPLOAD:
        return None, _("The file is too large (at most 512 KB).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, _("The file is not UTF-8 text.")
    return (html_to_text(text) if name.endswith((".html", ".htm")) else text), None


def _highlighted(text: str, proposals) -> list[tuple[str, str | None]]:
    """The article cut into (text, mark id or None) pieces, each evidence sentence marked once."""
    spans = sorted({(e.start, e.end) for p in proposals for e in p.evidence})
    pieces, cursor = [], 0
    for start, end in spans:
        if start < cursor:
            continue
        if start > cursor:
            pieces.append((text[cursor:start], None))
        pieces.append((text[start:end], f"ev-{start}-{end}"))
        cursor = end
    pieces.append((text[cursor:], None))
    return pieces


@blp.route("/", methods=["GET", "POST"])
@role_required(*WRITERS)
def index():
    text = request.form.get("text", "") if request.method == "POST" else ""
    published_raw = request.form.get("published_on", "").strip()
    url = request.form.get("url", "").strip()
    errors: dict[str, str] = {}
    proposals = None
    if request.method == "POST":
        uploaded, error = _read_upload()
        if error:
            errors["file"] = error
        elif uploaded is not None:
            text = uploaded
        published = None
        if published_raw:
            try:
                published = date.fromisoformat(published_raw)
            except ValueError:
                errors["published_on"] = _("Give the date as YYYY-MM-DD.")
        if url and not url.startswith(("http://", "https://")):
            errors["url"] = _("Give a link starting with http:// or https://.")
        if not text.strip() and "file" not in errors:
            errors["text"] = _("Paste the article's text or upload a file.")
        if len(text) > 200_000:
            errors["text"] = _("The article is too long (at most 200,000 characters).")
        if not errors:
            proposals = queries.propose(text, published, url or None)
    status = 422 if errors else 200
    return render_template(
        "intake/index.html", text=text, published_on=published_raw, url=url, errors=errors, proposals=proposals,
        pieces=_highlighted(text, proposals or []), lang=current_language(),
        labels=case_queries.violation_labels(),
    ), status  # fmt: skip


@blp.route("/draft", methods=["POST"])
@role_required(*WRITERS)
def draft():
    """The normal case form, pre-filled with the proposal; it saves through /cases/new."""
    values = forms.draft_values(request.form, current_language())
    flash(_("Check every field against the article, then save: nothing is saved until you do."), "info")
    return render_template(
        "cases/form.html", v=values, errors={}, incident=None, conflict=None, labels=case_queries.violation_labels(),
        tile_url=tile_url(), form_action=url_for("cases.new"),
    )  # fmt: skip


@blp.route("/add-source", methods=["POST"])
@role_required(*WRITERS)
def add_source():
    """Add the article as a new source of a case already recorded (the one incident writer)."""
    incident_id = request.form.get("incident_id", "")
    version = request.form.get("version", "")
    if not incident_id.isdigit():
        abort(400)
    incident = case_queries.get_incident(int(incident_id))
    if incident is None:
        abort(404)
    if not permissions.can_edit_incident(current_user, incident):
        abort(403)
    source = forms.source_values(request.form)
    if not source["url"] and not source["title"]:
        flash(_("The article has no link or title to record as a source."), "error")
        return redirect(url_for("cases.show", incident_id=incident.id))
    existing = values_from_incident(incident)["sources"]
    if source["url"] and any(s["url"] == source["url"] for s in existing):
        flash(_("This article is already a source of the case."), "info")
        return redirect(url_for("cases.show", incident_id=incident.id))
    sources = [_source_payload(s) for s in existing] + [_source_payload(source)]
    try:
        with transaction():
            case_operations.update_incident(
                incident, {"sources": sources}, Actor(current_user._get_current_object(), "web"),
                int(version) if version.isdigit() else -1,
            )  # fmt: skip
    except (StaleVersion, StaleDataError):
        flash(_("Someone else changed this case in the meantime. Check it and try again."), "error")
        return redirect(url_for("cases.show", incident_id=incident.id))
    except ValidationFailed:
        flash(_("The source could not be added. Add it in the case form."), "error")
        return redirect(url_for("cases.show", incident_id=incident.id))
    except NotAllowed:
        abort(403)
    flash(_("The article was added to the case as a source."), "info")
    return redirect(url_for("cases.show", incident_id=incident.id))


def _source_payload(s: dict) -> dict:
    published = None
    if s.get("published_on"):
        try:
            published = date.fromisoformat(s["published_on"])
        except ValueError:
            published = None
    reliability = s.get("reliability")
    return {
        "url": s.get("url") or None, "title": s.get("title") or None, "publisher": s.get("publisher") or None,
        "published_on": published, "reliability": int(reliability) if str(reliability or "").isdigit() else None,
        "is_internal": bool(s.get("is_internal")),
    }  # fmt: skip
