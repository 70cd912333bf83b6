"""What a staff member may read of a case (README, "Roles"): protected victims' names and
confidential notes only where ``tracker.auth.permissions.can_see_protected`` allows. Every staff
view (case page, internal API, history, desk, dossier, journalist search, duplicates) masks
through these helpers.

Which victims are protected is decided per person, by the public side's rule
(``tracker.public.guard.is_withheld``): a journalist who is an identity-protected victim in any
case is masked in every case whose protected data the reader may not see, not only where their
victim row is flagged (else their name in case B would lead to the person case A protects)."""

from flask_babel import lazy_gettext as _l

from tracker.audit.operations import opened_changes
from tracker.auth.permissions import can_see_protected, sees_every_protected_name
from tracker.people.queries import protected_people
from tracker.public.guard import is_withheld

WITHHELD = _l("(name withheld)")
HIDDEN = _l("(confidential: not shown to your role)")
PERSON_FIELDS = ("name_ar", "name_en", "gender", "profession", "outlet", "media_type", "nationality")


def protected_ids(incident) -> set[int]:
    """The journalists of ``incident`` who are withheld (``guard.is_withheld``: protected here or
    in any other case)."""
    return {v.journalist_id for v in incident.victims if is_withheld(v)}


def victim_withheld(user, incident, victim) -> bool:
    """Whether ``user`` may not read the name of ``victim`` (an object or a mapping with
    ``is_identity_protected`` and ``journalist``) of ``incident`` (object or mapping with
    ``created_by_id``)."""
    return is_withheld(victim) and not can_see_protected(user, incident)


def withheld_ids(user, incident) -> set[int]:
    """The journalists of ``incident`` whose names ``user`` may not read."""
    return set() if can_see_protected(user, incident) else protected_ids(incident)


def mask_journalist(data: dict) -> dict:
    masked = {**data, **{f: None for f in PERSON_FIELDS if f in data}}
    masked["name_ar"] = masked["name_en"] = str(WITHHELD)
    return masked


def incident_dump(user, incident, data: dict) -> dict:
    """The internal API's dump of ``incident`` as ``user`` may read it."""
    if can_see_protected(user, incident):
        return data
    data = {**data, "confidential_notes": None}
    hidden = protected_ids(incident)
    data["victims"] = [
        {**v, "journalist": mask_journalist(v["journalist"])} if v.get("journalist_id") in hidden else v
        for v in data.get("victims") or []
    ]
    return data


class _MaskedEntry:
    """An audit entry with its diff masked (entries themselves are append-only: never changed)."""

    def __init__(self, entry, changes):
        self._entry, self.changes = entry, changes

    def __getattr__(self, name):
        return getattr(self._entry, name)


def _mask_pair(field: str, pair):
    if field == "confidential_notes":
        return [str(HIDDEN) if value else value for value in pair]
    return pair


def history(user, incident, entries) -> list:
    """Audit entries of ``incident`` for ``user``: confidential notes masked (names of protected
    victims are masked in ``journalist_names``)."""
    if can_see_protected(user, incident):
        return [_MaskedEntry(e, opened_changes(e)) for e in entries]
    return [_MaskedEntry(e, {f: _mask_pair(f, p) for f, p in opened_changes(e).items()}) for e in entries]


def history_journalist_ids(entries) -> set[int]:
    """Journalists named as protected victims anywhere in these entries."""
    ids = set()
    for entry in entries:
        for side in (entry.changes or {}).get("victims") or []:
            for victim in side or []:
                if isinstance(victim, dict) and victim.get("is_identity_protected"):
                    ids.add(victim.get("journalist_id"))
    return ids


def journalist_names(user, incident, names: dict, entries=()) -> dict:
    """id -> name for the history, with protected victims (now or in any past state, here or in
    another case) withheld."""
    if can_see_protected(user, incident):
        return names
    hidden = protected_ids(incident) | history_journalist_ids(entries) | protected_people(names)
    return {i: (str(WITHHELD) if i in hidden else name) for i, name in names.items()}


def journalists(user, rows: list, protected_for: dict[int, set]) -> list:
    """Journalist search results (dumped dicts): one protected in a case the user may not see in
    full is left out. ``protected_for``: journalist id -> creators of the cases protecting them
    (``cases.queries.protecting_creators``: None for a person protected with no case saying so)."""
    if sees_every_protected_name(user):
        return rows
    mine = getattr(user, "id", None) if getattr(user, "role", None) == "researcher" else None
    # Left out, not masked: a withheld row would still say that someone of that name is a
    # protected victim.
    # (``mine`` None is no one: a case with no creator, an import's, is not a viewer's own)
    return [
        r
        for r in rows
        if r["id"] not in protected_for or (mine is not None and protected_for[r["id"]] <= {mine})
    ]


def duplicates(user, incident, matches: list, others: dict[int, tuple]) -> list:
    """Possible duplicates of ``incident`` that ``user`` may be shown. A match says "the same
    person is in that other case": where either case protects a victim whose name the reader may
    not see, that would tell them who the protected victim is, so such a match is not shown.
    ``others``: incident id -> (created_by_id, has a withheld victim) of the other cases."""
    if sees_every_protected_name(user):
        return matches
    if protected_ids(incident) and not can_see_protected(user, incident):
        return []
    shown = []
    for match in matches:
        creator, protects = others.get(match.other.incident_id, (None, True))
        if not protects or can_see_protected(user, {"created_by_id": creator}):
            shown.append(match)
    return shown
