"""Who may do what. One place for the role rules used by the API, pages and CLI.

- viewer: read only
- researcher: create incidents; edit, submit and archive only their own drafts
- editor: edit any incident; verify, publish, unpublish, reject, archive
- admin: everything editors do, and restore archived cases and manage the site

Workflow: only the moves in ``TRANSITIONS``, for everyone (admins included): a case is published
after review and verification (draft -> in_review -> verified -> published), never in one jump.
With the two-person rule on (admin setting ``two_person_rule``), the author of a case cannot
verify it and the person who verified it cannot publish it. A published case may be edited only
by someone who may publish it (else it must be unpublished first, back to verified).
"""

from tracker.admin.queries import get_setting
from tracker.auth.models import User

STAFF_ROLES = ("admin", "editor", "researcher", "viewer")
WRITER_ROLES = ("admin", "editor", "researcher")

# (from, to) -> roles allowed to make the move; researchers are further limited to own drafts.
TRANSITIONS = {
    ("draft", "in_review"): ("researcher", "editor", "admin"),
    ("in_review", "draft"): ("editor", "admin"),
    ("in_review", "verified"): ("editor", "admin"),
    ("verified", "published"): ("editor", "admin"),
    ("published", "verified"): ("editor", "admin"),
    ("verified", "in_review"): ("editor", "admin"),
    ("draft", "rejected"): ("editor", "admin"),
    ("in_review", "rejected"): ("editor", "admin"),
    ("verified", "rejected"): ("editor", "admin"),
    ("rejected", "draft"): ("editor", "admin"),
    ("draft", "archived"): ("researcher", "editor", "admin"),
    ("in_review", "archived"): ("editor", "admin"),
    ("verified", "archived"): ("editor", "admin"),
    ("published", "archived"): ("editor", "admin"),
    ("rejected", "archived"): ("editor", "admin"),
    ("archived", "draft"): ("admin",),
}
# A reviewer sends a case back to its author: always with a note saying what to change.
SEND_BACK = ("in_review", "draft")


def is_own_draft(user: User, incident) -> bool:
    return incident.created_by_id == user.id and incident.workflow_status == "draft"


def can_create_incident(user: User) -> bool:
    return user.role in WRITER_ROLES


def two_person_rule() -> bool:
    """The admin setting: a case needs a second person to verify it and another to publish it."""
    return bool(get_setting("two_person_rule"))


def may_publish(user: User, incident) -> bool:
    """Whether ``user`` may make ``incident`` public (from verified, or keep it public when
    editing it): editors and admins, but not the person who verified it under the two-person rule."""
    if user.role not in TRANSITIONS[("verified", "published")]:
        return False
    return not (
        two_person_rule() and incident.verified_by_id is not None and incident.verified_by_id == user.id
    )


def can_edit_incident(user: User, incident) -> bool:
    if incident.workflow_status == "published":
        return may_publish(user, incident)  # a save of a public case goes live at once
    if user.role in ("admin", "editor"):
        return incident.workflow_status != "archived" or user.role == "admin"
    return user.role == "researcher" and is_own_draft(user, incident)


def is_listed_move(current: str, to_status: str) -> bool:
    return (current, to_status) in TRANSITIONS


def can_transition(user: User, incident, to_status: str) -> bool:
    current = incident.workflow_status
    if user.role not in TRANSITIONS.get((current, to_status), ()):
        return False
    if user.role == "researcher":
        return is_own_draft(user, incident)
    if current == "in_review" and to_status == "verified" and two_person_rule():
        return incident.created_by_id is None or incident.created_by_id != user.id
    if to_status == "published":
        return may_publish(user, incident)
    return True


def can_manage_people(user: User) -> bool:
    return user.role in WRITER_ROLES


def can_read_internal_report(user) -> bool:
    """The internal edition of the yearly report counts confidential cases and names protected
    victims: editors and admins only."""
    return bool(getattr(user, "is_authenticated", False)) and user.role in ("admin", "editor")


# --- who sees what (README "Roles"): the one place for reading rules --------------------------

FULL_READERS = ("admin", "editor")


def _role(user) -> str | None:
    return user.role if getattr(user, "is_authenticated", False) else None


def can_read_internal(user) -> bool:
    """The internal case list, case pages and the internal API: any staff member."""
    return _role(user) in STAFF_ROLES


def can_see_protected(user, incident) -> bool:
    """Protected victims' names and confidential notes of ``incident`` (an object or a mapping
    with ``created_by_id``): editors and admins always, researchers in cases they created,
    viewers never."""
    role = _role(user)
    if role in FULL_READERS:
        return True
    if role != "researcher":
        return False
    created_by = incident.get("created_by_id") if isinstance(incident, dict) else incident.created_by_id
    return created_by is not None and created_by == user.id


def sees_every_protected_name(user) -> bool:
    """Whether ``user`` sees protected data in every case (no per-case check needed)."""
    return _role(user) in FULL_READERS


def can_export_internal(user) -> bool:
    """The internal export (every name and note of every case): editors and admins. The CLI,
    run by whoever administers the server, has no user and is not limited."""
    return _role(user) in FULL_READERS


def protected_search_reader(user):
    """Whose protected names a text search by ``user`` may match: "all" (editors, admins), the
    user's id (researchers: the cases they created) or None (viewers)."""
    role = _role(user)
    if role in FULL_READERS:
        return "all"
    return user.id if role == "researcher" else None


# --- evidence (tracker/evidence) --------------------------------------------------------------


def can_attach_evidence(user, incident) -> bool:
    """Add files to a case: editors and admins in any case that is not archived, researchers in
    the cases they created."""
    role = _role(user)
    if role in FULL_READERS:
        return incident.workflow_status != "archived" or role == "admin"
    return role == "researcher" and incident.created_by_id is not None and incident.created_by_id == user.id


def can_download_evidence(user, incident) -> bool:
    """Receive an original (or its thumbnail): a photo or a document can name or show a protected
    person, so the rule for protected data of the case applies (``can_see_protected``)."""
    return can_see_protected(user, incident)


def can_publish_evidence(user) -> bool:
    """Mark an attachment public (its cleaned copy) or internal again: editors and admins."""
    return _role(user) in FULL_READERS


# --- the desk (tracker/desk): discussion notes and assignment -----------------------------------


def can_discuss(user, incident) -> bool:
    """Read and write the internal notes of a case: a note may name a protected victim or quote a
    confidential source, so the rule for protected data of the case applies."""
    return can_see_protected(user, incident)


def can_assign(user, incident) -> bool:
    """Give a case to a colleague: whoever may edit it."""
    return bool(getattr(user, "is_authenticated", False)) and can_edit_incident(user, incident)


def may_be_assigned(user) -> bool:
    """Who a case can be given to: an active staff member (every staff role may read a case)."""
    return bool(user.is_active) and user.role in STAFF_ROLES


def can_follow_job(user, job) -> bool:
    """A job's page, progress, result and cancel button: the staff member who started it, or an
    admin (a dry run lists names from the file; an export is every case)."""
    role = _role(user)
    if role not in STAFF_ROLES:
        return False
    return role == "admin" or (job.created_by_id is not None and job.created_by_id == user.id)
