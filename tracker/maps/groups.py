"""The five violation groups of the public map (a colour and a layer each).

Every top-level taxonomy code belongs to exactly one group; an incident is drawn in the group of
its most serious type (``headline_type``)."""

from flask_babel import lazy_gettext as _l

# group -> (top-level codes, colour, English label for code paths that need no locale)
GROUP_ROOTS = {
    "killing": ("L1", "L2"),
    "detention": ("F1", "F2", "F3", "F4"),
    "assault": ("I1", "I2"),
    "threats": ("I3", "I4", "I5", "F5", "D1", "D2", "E1", "X"),
    "censorship": ("P1", "P2", "P3", "C1", "C2", "C3", "C4", "C5"),
}
GROUPS = tuple(GROUP_ROOTS)
COLOURS = {
    "killing": "#b2182b",
    "detention": "#7b3294",
    "assault": "#e66101",
    "threats": "#1f78b4",
    "censorship": "#33a02c",
}
LABELS = {
    "killing": _l("Killing"),
    "detention": _l("Detention, abduction, disappearance"),
    "assault": _l("Assault and torture"),
    "threats": _l("Threats, legal action and other"),
    "censorship": _l("Censorship and property"),
}


def group_roots(group: str) -> tuple[str, ...]:
    return GROUP_ROOTS[group]


def group_of(code: str | None) -> str:
    root = (code or "X").split(".")[0]
    for group, roots in GROUP_ROOTS.items():
        if root in roots:
            return group
    return "threats"
