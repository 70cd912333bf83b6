"""Factories that write through the real operations (so audit entries exist too)."""

import itertools

from tracker.audit.operations import Actor
from tracker.auth import operations as auth_ops
from tracker.cases import operations as case_ops
from tracker.extensions import db
from tracker.people import operations as people_ops

_counter = itertools.count(1)
PASSWORD = "correct horse battery staple"
SYSTEM = Actor(None, "system", "system:tests")


def create_user(role="researcher", **over):
    n = next(_counter)
    user = auth_ops.create_user(
        over.pop("email", f"{role}{n}@example.org"), over.pop("name", f"{role.title()} {n}"),
        role, over.pop("password", PASSWORD), SYSTEM, **over,
    )  # fmt: skip
    db.session.commit()
    return user


def bearer(user) -> dict:
    _row, token = auth_ops.create_api_token(user, SYSTEM)
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


def create_journalist(**over):
    data = {"name_ar": "سامي الحداد", "name_en": "Sami al-Haddad", "gender": "male",
            "profession": "journalist"}  # fmt: skip
    data.update(over)
    journalist = people_ops.create_journalist(data, SYSTEM)
    db.session.commit()
    return journalist


def incident_data(**over) -> dict:
    data = {
        "title_ar": "اعتقال مراسل في مأرب",
        "title_en": "Reporter detained in Marib",
        "summary_ar": "اعتقلت قوات الأمن المراسل أثناء تغطيته احتجاجاً.",
        "violation_types": ["F4"],
        "date_start": "2024-03-05",
        "date_precision": "day",
        "country": "YE",
        "admin1": "مأرب",
        "locality": "مأرب",
        "latitude": 15.4591,
        "longitude": 45.3253,
        "geo_precision": "locality",
        "public_geo_precision": "admin1",
        "perpetrators": [{"type": "state_security", "name": None}],
        "sources": [{"url": "https://example.org/report", "title": "تقرير", "reliability": 4}],
        "verification": "confirmed",
    }
    data.update(over)
    return data


# Review cannot be skipped: the moves that take a new draft to each status.
WORKFLOW_PATHS = {"verified": ("in_review", "verified"), "published": ("in_review", "verified", "published")}


def create_incident(user=None, workflow_status=None, **over):
    """A saved incident; dates are given as strings, as the API would receive them.

    ``workflow_status`` moves it on from draft (e.g. "published") by a system transition.
    """
    from schemas.cases import IncidentInputSchema

    data = IncidentInputSchema().load(incident_data(**over))
    actor = Actor(user, "system", "system:tests") if user is not None else SYSTEM
    incident = case_ops.create_incident(data, actor)
    for status in WORKFLOW_PATHS.get(workflow_status, (workflow_status,)) if workflow_status else ():
        if status != "draft":
            case_ops.transition_incident(incident, status, SYSTEM)
    db.session.commit()
    return incident
