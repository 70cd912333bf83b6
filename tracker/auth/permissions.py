"""Who may do what. One place for the role rules used by the API, pages and CLI.

- viewer: read only
- researcher: create incidents; edit, submit and archive only their own drafts
- editor: edit any incident; verify, publish, reject, archive
- admin: everything
"""

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


def is_own_draft(user: User, incident) -> bool:
    return incident.created_by_id == user.id and incident.workflow_status == "draft"


def can_create_incident(user: User) -> bool:
    return user.role in WRITER_ROLES


def can_edit_incident(user: User, incident) -> bool:
    if user.role in ("admin", "editor"):
        return incident.workflow_status != "archived" or user.role == "admin"
    return user.role == "researcher" and is_own_draft(user, incident)


def can_transition(user: User, incident, to_status: str) -> bool:
    current = incident.workflow_status
    if current == to_status:
        return False
    if user.role == "admin":
        return True
    allowed = TRANSITIONS.get((current, to_status), ())
    if user.role not in allowed:
        return False
    if user.role == "researcher":
        return is_own_draft(user, incident)
    return True


def can_manage_people(user: User) -> bool:
    return user.role in WRITER_ROLES


def can_read_internal_report(user) -> bool:
    """The internal edition of the yearly report counts confidential cases and names protected
    victims: editors and admins only."""
    return bool(getattr(user, "is_authenticated", False)) and user.role in ("admin", "editor")
