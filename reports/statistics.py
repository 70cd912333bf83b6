"""All figures of the yearly report, computed with SQL aggregates and returned as plain data.

``compute(Scope(year, country, edition))`` returns a JSON-ready dict. The CLI, the API, the web
statistics page and the PDF all use it, so the numbers are the same everywhere.

Counting units (DESIGN.md) are named on every table:
- *incidents*: events;
- *victims*: distinct journalists affected (a person hit twice counts once), plus the victims a
  monitor counted without naming them (``Incident.unnamed_victims``: "a journalist" is one,
  "3 journalists" three; a row about an outlet alone, none);
- *violations*: incident x violation type x victim (an incident with no named victim, e.g. a
  blocked website, counts once per type).

Editions: ``public`` counts only what the public may see (tracker.public.redaction);
``internal`` counts every verified case (verified or published), confidential ones included.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache

import sqlalchemy as sa
from babel import Locale
from babel.dates import format_date
from flask import current_app

from reports import local_groups
from tracker.audit.queries import head as audit_head
from tracker.cases.models import Incident, IncidentViolation, Perpetrator, StatusEvent, Victim, ViolationType
from tracker.cases.taxonomy import SDG_GROUPS
from tracker.core import vocab
from tracker.extensions import db
from tracker.geo.gazetteer import admin1_name
from tracker.people.models import Journalist, Outlet, open_names
from tracker.public import redaction

EDITIONS = ("public", "internal")
INTERNAL_WORKFLOW = ("verified", "published")
# Verification levels a report counts; unverified cases are left out and their number stated.
COUNTED_VERIFICATION = ("confirmed", "likely", "possible")
# State actors for the SDG 16.10.1 split: the state perpetrator types, and foreign states.
STATE_TYPES = (*vocab.STATE_PERPETRATOR_TYPES, "foreign_state")
HELD_KIND_RANK = {"disappeared_on": 3, "abducted_on": 2, "detained_on": 1, "sentenced_on": 1}
# Who holds a journalist on 1 December (CPJ's census counts the first row only, RSF also counts
# hostages of non-state groups; the disappeared are those whose whereabouts are unknown).
HELD_LABELS = {
    "state_custody": ("In state custody", "محتجز لدى جهات حكومية"),
    "non_state": ("Held by non-state groups", "محتجز لدى جماعات غير حكومية"),
    "disappeared": ("Disappeared", "مخفي قسرياً"),
    "holder_unknown": ("Held, holder not known", "محتجز لدى جهة غير معروفة"),
}
HELD_WITHOUT_NEWS_DAYS = 365
PERPETRATOR_SIDES = {
    "state": ("State actors", "جهات حكومية"),
    "non_state": ("Non-state actors", "جهات غير حكومية"),
    "unknown": ("Unknown", "مجهول"),
}
ORIGINS = {"local": ("Local", "محلي"), "foreign": ("Foreign", "أجنبي")}
COUNTRY_LEVEL = ("country level", "على مستوى الدولة")
UNKNOWN_MONTH = ("Month not known", "شهر غير معروف")
NOT_RECORDED = ("Not recorded", "غير مسجل")
LOCAL_OTHER = ("Other named perpetrators", "جهات مسماة أخرى")
LOCAL_NOT_NAMED = ("Perpetrator not named", "جهة غير مسماة")
NAMED_PERPETRATORS_SHOWN = 15
TREND_YEARS = 5


@dataclass(frozen=True)
class Scope:
    year: int
    country: str | None = None
    edition: str = "public"

    def __post_init__(self):
        if self.edition not in EDITIONS:
            raise ValueError(f"edition must be one of {EDITIONS}")

    @property
    def public(self) -> bool:
        return self.edition == "public"

    def selection(self) -> list:
        """Conditions on Incident for the edition and country, any year."""
        conditions = (
            redaction.public_incident_conditions()
            if self.public
            else [Incident.workflow_status.in_(INTERNAL_WORKFLOW)]
        )
        conditions.append(Incident.verification.in_(COUNTED_VERIFICATION))
        if self.country:
            conditions.append(Incident.country == self.country)
        return conditions

    def conditions(self, year: int | None = None) -> list:
        year = year or self.year
        return [*self.selection(), Incident.date_start.between(date(year, 1, 1), date(year, 12, 31))]


# --- percentages -------------------------------------------------------------------------------


def percent(part: int, base: int) -> float | None:
    """``part`` as a percentage of ``base``, one decimal, halves rounded up (None if base is 0).

    The one rounding rule of every table: the same count of the same base always reads the
    same; shares of a whole may then add up to 99.9 or 100.1.
    """
    if not base:
        return None
    return float((Decimal(part) * 100 / Decimal(base)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def shares(counts: list[int], base: int | None = None) -> list[float | None]:
    """Shares of a whole, one decimal, adding up to exactly 100.0 (largest remainder).

    When the counts do not add up to ``base`` (an incident with several perpetrators), each share
    is rounded on its own (``percent``) and the table must say why they do not add up.
    """
    total = sum(counts)
    base = total if base is None else base
    if not base:
        return [None] * len(counts)
    if total != base:
        return [percent(c, base) for c in counts]
    exact = [Fraction(c * 1000, base) for c in counts]
    tenths = [int(e) for e in exact]
    left = 1000 - sum(tenths)
    for i in sorted(range(len(counts)), key=lambda i: (-(exact[i] - tenths[i]), i))[:left]:
        tenths[i] += 1
    return [t / 10 for t in tenths]


def change(previous: int, current: int) -> dict:
    return {
        "previous": previous,
        "current": current,
        "difference": current - previous,
        "percent": percent(current - previous, previous),
    }


def _table(unit: str, rows: list[dict], base: int, note: str | None = None) -> dict:
    """Rows with ``count``; adds ``percent`` of ``base`` (counted in ``unit``). Rows that split the
    base get shares adding up to 100.0; ``adds_up`` says whether they do."""
    for row, share in zip(rows, shares([r["count"] for r in rows], base), strict=True):
        row["percent"] = share
    adds_up = sum(r["count"] for r in rows) == base
    table = {"unit": unit, "percent_of": f"{unit} ({base})", "base": base, "rows": rows, "adds_up": adds_up}
    if note:
        table["note"] = note
    return table


def _row(code, labels: tuple[str, str] | None, count: int, **extra) -> dict:
    en, ar = labels if labels else (str(code), str(code))
    return {"code": code, "label_en": en, "label_ar": ar, "count": count, **extra}


# --- queries -----------------------------------------------------------------------------------


def _session_rows(stmt):
    return db.session.execute(stmt).all()


def _victim_counts():
    killed = sa.func.sum(sa.case((Victim.outcome == "killed", 1), else_=0))
    return (
        sa.select(Victim.incident_id, sa.func.count().label("n"), killed.label("k"))
        .group_by(Victim.incident_id)
        .subquery()
    )


def _is_killing(code):
    return sa.or_(code == "L1", code.like("L1.%"))


def _violation_weight(victims):
    """Violations contributed by one (incident, type): its victims, named or not, at least one.
    A killing type counts only the victims who were killed (an injured co-victim is not a killing);
    the victims a monitor counted without names in a killing were killed (``_totals``)."""
    total = sa.func.coalesce(victims.c.n, 0) + Incident.unnamed_victims
    killed = sa.func.coalesce(victims.c.k, 0) + Incident.unnamed_victims
    weight = sa.case((_is_killing(IncidentViolation.code), killed), else_=total)
    return sa.case((weight > 0, weight), else_=1)


def _unnamed(conditions, *where) -> int:
    """Victims counted but not named (README "Counting"): each one is a victim of its own."""
    return int(
        db.session.scalar(
            sa.select(sa.func.coalesce(sa.func.sum(Incident.unnamed_victims), 0)).where(*conditions, *where)
        )
    )


def _totals(scope: Scope, year: int, held: list | None = None) -> dict:
    conditions = scope.conditions(year)
    incidents = db.session.scalar(sa.select(sa.func.count()).select_from(Incident).where(*conditions))
    victims = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Victim.journalist_id))).join(Incident).where(*conditions)
    )
    counts = _victim_counts()
    violations = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(_violation_weight(counts)), 0))
        .select_from(IncidentViolation)
        .join(Incident, Incident.id == IncidentViolation.incident_id)
        .outerjoin(counts, counts.c.incident_id == Incident.id)
        .where(*conditions)
    )
    killed = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Victim.journalist_id)))
        .join(Incident)
        .where(*conditions, Victim.outcome == "killed")
    )
    # unnamed victims of a killing (the most serious type heads the incident) were killed
    killed += _unnamed(conditions, Incident.headline_type.like("L1%"))
    return {
        "incidents": incidents,
        "victims": victims + _unnamed(conditions),
        "violations": int(violations),
        "journalists_killed": killed,
        "held_on_1_december": len(held if held is not None else held_on_1_december(scope, year)),
    }


def _type_labels() -> dict[str, ViolationType]:
    return {
        t.code: t for t in db.session.scalars(sa.select(ViolationType).order_by(ViolationType.sort_order))
    }


def _violation_types(scope: Scope, types: dict, totals: dict) -> dict:
    conditions = scope.conditions()
    counts = _victim_counts()
    per_code = _session_rows(
        sa.select(
            IncidentViolation.code,
            sa.func.count(sa.distinct(IncidentViolation.incident_id)),
            sa.func.sum(_violation_weight(counts)),
        )
        .join(Incident, Incident.id == IncidentViolation.incident_id)
        .outerjoin(counts, counts.c.incident_id == Incident.id)
        .where(*conditions)
        .group_by(IncidentViolation.code)
    )
    root = sa.func.coalesce(ViolationType.parent_code, ViolationType.code)
    per_root = dict(
        _session_rows(
            sa.select(root, sa.func.count(sa.distinct(IncidentViolation.incident_id)))
            .join(ViolationType, ViolationType.code == IncidentViolation.code)
            .join(Incident, Incident.id == IncidentViolation.incident_id)
            .where(*conditions)
            .group_by(root)
        )
    )
    by_code = {code: (n, int(v)) for code, n, v in per_code}
    rows = []
    for code, t in types.items():
        if t.parent_code is None:
            children = [c for c, ct in types.items() if ct.parent_code == code or c == code]
            violations = sum(by_code.get(c, (0, 0))[1] for c in children)
            rows.append(_row(code, (t.label_en, t.label_ar), per_root.get(code, 0), violations=violations,
                             parent=None))  # fmt: skip
        elif code in by_code:
            n, violations = by_code[code]
            rows.append(_row(code, (t.label_en, t.label_ar), n, violations=violations, parent=t.parent_code))
    incidents, all_violations = totals["incidents"], totals["violations"]
    for r in rows:
        r["percent"] = percent(r["count"], incidents)
        r["violations_percent"] = percent(r["violations"], all_violations)
    return {
        "unit": "incidents",
        "percent_of": f"incidents ({incidents})",
        "base": incidents,
        "violations_base": all_violations,
        "note": "An incident may have several types: incident percentages add up to more than 100. "
        "Violations (incident x type x victim) of the parent groups add up to 100.",
        "rows": rows,
    }


def _grouped(stmt, labels: dict | None, unit: str, base: int, note: str | None = None, order=None) -> dict:
    counts = dict(_session_rows(stmt))
    codes = order if order is not None else sorted(counts, key=lambda c: (-counts[c], str(c)))
    rows = [
        _row(code, (labels or {}).get(code), counts.get(code, 0))
        for code in codes
        if counts.get(code, 0) or order is not None
    ]
    return _table(unit, rows, base, note)


def _perpetrator_side():
    """Per incident: state if any state actor, else non-state if any known actor, else unknown."""
    is_state = sa.func.max(sa.case((Perpetrator.type.in_(STATE_TYPES), 1), else_=0))
    is_other = sa.func.max(sa.case((Perpetrator.type.not_in([*STATE_TYPES, "unknown"]), 1), else_=0))
    sides = (
        sa.select(Perpetrator.incident_id, is_state.label("state"), is_other.label("other"))
        .group_by(Perpetrator.incident_id)
        .subquery()
    )
    side = sa.case((sides.c.state == 1, "state"), (sides.c.other == 1, "non_state"), else_="unknown").label(
        "side"
    )
    return sides, side


def _incident_sides(conditions) -> dict[int, str]:
    sides, side = _perpetrator_side()
    stmt = (
        sa.select(Incident.id, side).outerjoin(sides, sides.c.incident_id == Incident.id).where(*conditions)
    )
    return dict(_session_rows(stmt))


def _sdg(scope: Scope) -> dict:
    """SDG 16.10.1, one row per person: each victim is classed once, by the most serious group
    that happened to them in the year. A victim is under "killing" only if that victim was
    killed; the other victims of a killing are classed by the incident's other types. Victims
    counted without a name are classed by their incident's most serious type."""
    conditions = scope.conditions()
    rank = {code: r for code, (_parent, r, _en, _ar) in SDG_GROUPS.items()}
    groups: dict[int, set[str]] = defaultdict(set)
    for incident_id, group in _session_rows(
        sa.select(IncidentViolation.incident_id, ViolationType.sdg_group)
        .distinct()
        .join(ViolationType, ViolationType.code == IncidentViolation.code)
        .join(Incident, Incident.id == IncidentViolation.incident_id)
        .where(*conditions)
    ):
        groups[incident_id].add(group)
    sides = _incident_sides(conditions)
    victims = _session_rows(
        sa.select(Victim.journalist_id, Victim.incident_id, Victim.outcome, Journalist.gender)
        .join(Incident, Incident.id == Victim.incident_id)
        .join(Journalist, Journalist.id == Victim.journalist_id)
        .where(*conditions)
        .order_by(Incident.date_start, Incident.id, Victim.position)
    )
    person: dict[int, tuple[int, str, str, str]] = {}  # journalist -> (rank, group, gender, side)
    for journalist_id, incident_id, outcome, gender in victims:
        if outcome == "killed":
            group = "killing"
        else:
            others = [g for g in groups.get(incident_id, ()) if g != "killing"]
            group = min(others, key=rank.get) if others else "other"
        current = person.get(journalist_id)
        if current is None or rank[group] < current[0]:
            person[journalist_id] = (
                rank[group],
                group,
                gender or "unknown",
                sides.get(incident_id) or "unknown",
            )
    cells: dict[str, dict[str, int]] = {code: defaultdict(int) for code in SDG_GROUPS}
    for _rank, group, gender, side in person.values():
        cells[group]["count"] += 1
        cells[group][f"sex:{gender}"] += 1
        cells[group][f"side:{side}"] += 1
    headline = sa.select(Incident.id, ViolationType.sdg_group, Incident.unnamed_victims).join(
        ViolationType, ViolationType.code == Incident.headline_type
    )
    incidents: dict[str, int] = defaultdict(int)
    for incident_id, group, unnamed in _session_rows(headline.where(*conditions)):
        incidents[group] += 1
        if unnamed:  # nothing is known of them but their number and their incident
            cells[group]["count"] += unnamed
            cells[group]["sex:unknown"] += unnamed
            cells[group][f"side:{sides.get(incident_id) or 'unknown'}"] += unnamed
    rows = []
    for code, (_parent, _rank, en, ar) in SDG_GROUPS.items():
        c = cells[code]
        rows.append(_row(code, (en, ar), c["count"], incidents=incidents.get(code, 0),
                         female=c["sex:female"], male=c["sex:male"], sex_unknown=c["sex:unknown"],
                         state=c["side:state"], non_state=c["side:non_state"],
                         perpetrator_unknown=c["side:unknown"]))  # fmt: skip
    total_victims = sum(r["count"] for r in rows)
    table = _table("victims", rows, total_victims)
    table["note"] = (
        "SDG 16.10.1: each victim is counted once, in the most serious group that happened to them "
        "(killing > torture > enforced disappearance > arbitrary detention > kidnapping > other); a "
        "victim is under killing only if killed. State actors: state security, judicial and other "
        "state bodies, and foreign states. Incidents: each incident once, by its most serious type."
    )
    return table


UNNAMED = ("Not named", "غير مسمّى")


def _victims_by(scope: Scope, column, labels: dict, total: int) -> dict:
    stmt = (
        sa.select(column, sa.func.count(sa.distinct(Victim.journalist_id)))
        .select_from(Victim)
        .join(Incident, Incident.id == Victim.incident_id)
        .join(Journalist, Journalist.id == Victim.journalist_id)
        .where(*scope.conditions())
        .group_by(column)
    )
    table = _grouped(stmt, labels, "victims", total)
    if unnamed := _unnamed(scope.conditions()):  # nothing is known of them but their number
        table["rows"].append(_row("unnamed", UNNAMED, unnamed, percent=percent(unnamed, total)))
    return table


def _countries(codes, lang_names: dict) -> dict:
    return {c: (lang_names["en"].get(c, c), lang_names["ar"].get(c, c)) for c in codes if c}


def _country_names() -> dict:
    return {lang: Locale(lang).territories for lang in ("en", "ar")}


def _governorates(scope: Scope, base: int, names: dict) -> dict:
    """Incidents per governorate code, named in each language by the gazetteer. Incidents placed
    only at country level are not a governorate: they are counted apart (``country_level``), not
    ranked among the governorates; the shares are of the incidents with a governorate."""
    admin1 = redaction.public_admin1() if scope.public else Incident.admin1
    stmt = (
        sa.select(Incident.country, admin1, sa.func.count())
        .where(*scope.conditions())
        .group_by(Incident.country, admin1)
    )
    rows, country_level = [], 0
    for country, place, n in _session_rows(stmt):
        if place is None:
            country_level += n
            continue
        en_country, ar_country = names["en"].get(country, country), names["ar"].get(country, country)
        en, ar = _admin1_names(place)
        label = (f"{en} ({en_country})", f"{ar} ({ar_country})")
        rows.append(_row(f"{country}:{place}", label, n, country=country, admin1=place))
    rows.sort(key=lambda r: (-r["count"], r["code"]))
    located = base - country_level
    note = (
        f"Shares of the {located} incidents placed in a governorate; {country_level} more are placed "
        "only at country level" + (" (as precisely as the public may see them)." if scope.public else ".")
    )
    table = _table("incidents", rows, located, note)
    table["country_level"] = country_level
    return table


def _months(scope: Scope, base: int) -> dict:
    month = sa.case(
        (Incident.date_precision == "year", 0), else_=sa.extract("month", Incident.date_start)
    ).label("month")
    counts = {int(m): n for m, n in _session_rows(
        sa.select(month, sa.func.count()).where(*scope.conditions()).group_by(month)
    )}  # fmt: skip
    en = Locale("en").months["format"]["wide"]
    ar = Locale("ar").months["format"]["wide"]
    rows = [_row(m, (en[m], ar[m]), counts.get(m, 0)) for m in range(1, 13)]
    undated = counts.get(0, 0)
    if undated:
        rows.append(_row(0, UNKNOWN_MONTH, undated))
    s = "" if undated == 1 else "s"
    table = _table("incidents", rows, base, f"By month of the start date; {undated} incident{s} dated only "
                   "to the year, shown apart as month not known.")  # fmt: skip
    table["undated"] = undated
    return table


def _named_perpetrator_rows(conditions) -> list[tuple[int, str, str | None, str | None, str]]:
    """(incident id, country, name_ar, name_en, type) of every named perpetrator under ``conditions``."""
    named = sa.or_(Perpetrator.name_ar.is_not(None), Perpetrator.name_en.is_not(None))
    return _session_rows(
        sa.select(Perpetrator.incident_id, Incident.country, Perpetrator.name_ar, Perpetrator.name_en, Perpetrator.type)
        .join(Incident, Incident.id == Perpetrator.incident_id)
        .where(*conditions, named)
    )  # fmt: skip


def _by_identity(rows) -> tuple[dict[str, set[int]], dict[str, dict]]:
    """Named perpetrators grouped by who they are (reports.local_groups.identify), not by spelling:
    key -> incident ids, and key -> its names (the known actor's, else the spelling recorded most)
    and its most recorded type."""
    incidents: dict[str, set[int]] = defaultdict(set)
    spellings: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, Counter] = defaultdict(Counter)
    identities = {}
    for incident_id, country, name_ar, name_en, kind in rows:
        identity = local_groups.identify(name_ar, name_en, country)
        incidents[identity.key].add(incident_id)
        spellings[identity.key][(name_ar, name_en)] += 1
        kinds[identity.key][kind] += 1
        identities[identity.key] = identity
    labels = {}
    for key, identity in identities.items():
        if key.startswith("actor:"):
            name_ar, name_en = identity.name_ar, identity.name_en
        else:  # the spelling recorded most often (the earliest in order on a tie), each name filled in
            pairs = sorted(
                spellings[key].items(), key=lambda item: (-item[1], item[0][0] or "", item[0][1] or "")
            )
            name_ar = next((a for (a, _e), _n in pairs if a), None)
            name_en = next((e for (_a, e), _n in pairs if e), None)
        kind = sorted(kinds[key].items(), key=lambda item: (-item[1], item[0]))[0][0]
        labels[key] = {"name_ar": name_ar, "name_en": name_en, "type": kind}
    return incidents, labels


def _named_perpetrators(scope: Scope, base: int, rows: list) -> dict:
    """The named perpetrators most often recorded, each once whatever its spelling; those beyond
    the cut-off are summed up in ``others`` (how many, and how many distinct incidents name them)."""
    incidents, labels = _by_identity(rows)
    ranked = sorted(incidents, key=lambda k: (-len(incidents[k]), labels[k]["name_ar"] or "",
                                              labels[k]["name_en"] or "", k))  # fmt: skip
    shown, rest = ranked[:NAMED_PERPETRATORS_SHOWN], ranked[NAMED_PERPETRATORS_SHOWN:]
    protected = _protected_names(scope) if scope.public else []
    rows = []
    for key in shown:
        name_ar, name_en, kind = labels[key]["name_ar"], labels[key]["name_en"], labels[key]["type"]
        count = len(incidents[key])
        shown_ar = redaction.mask_text(name_ar or name_en, protected, "report", "perpetrators.name_ar")
        shown_en = redaction.mask_text(name_en or name_ar, protected, "report", "perpetrators.name_en")
        rows.append(_row(name_ar or name_en if not scope.public else shown_ar, (shown_en, shown_ar), count, type=kind,
                         type_label_en=vocab.PERPETRATOR_TYPES[kind][0],
                         type_label_ar=vocab.PERPETRATOR_TYPES[kind][1],
                         name_en_recorded=bool(name_en), identity=key))  # fmt: skip
    others = {"names": len(rest), "incidents": len(set().union(*(incidents[k] for k in rest)))}
    note = f"The {len(shown)} named perpetrators most often recorded; an incident may name several."
    if rest:
        note += f" And {others['names']} others: {others['incidents']} incidents."
    table = _table("incidents", rows, base, note)
    table["others"] = others
    return table


def _incident_violations(conditions) -> dict[int, int]:
    """Violations per incident (incident x type x victim, as in the totals)."""
    victims = _victim_counts()
    stmt = (
        sa.select(Incident.id, sa.func.sum(_violation_weight(victims)))
        .select_from(IncidentViolation)
        .join(Incident, Incident.id == IncidentViolation.incident_id)
        .outerjoin(victims, victims.c.incident_id == Incident.id)
        .where(*conditions)
        .group_by(Incident.id)
    )
    return {incident_id: int(n or 0) for incident_id, n in _session_rows(stmt)}


def _local_split(scope: Scope, country: str, path: str | None) -> dict | None:
    """The country's own split of perpetrators (reports.local_groups), counted in violations as a
    syndicate counts them, with incidents beside: each configured group, then other named
    perpetrators, then incidents that name none. An incident naming two groups counts in both."""
    groups = local_groups.groups(country, path)
    if not groups:
        return None
    conditions = [*scope.conditions(), Incident.country == country]
    violations = _incident_violations(conditions)
    members: dict[str, set[int]] = defaultdict(set)
    for incident_id, c, name_ar, name_en, _kind in _named_perpetrator_rows(conditions):
        members[local_groups.group_of(name_ar, name_en, c, path) or "other"].add(incident_id)
    named = set().union(*members.values()) if members else set()
    members["not_named"] = set(violations) - named
    rows = []
    for key, labels in [*((g.key, (g.name_en, g.name_ar)) for g in groups), ("other", LOCAL_OTHER),
                        ("not_named", LOCAL_NOT_NAMED)]:  # fmt: skip
        ids = members.get(key, set())
        rows.append(_row(key, labels, sum(violations.get(i, 0) for i in ids), incidents=len(ids)))
    base = sum(violations.values())
    table = _table("violations", rows, base)
    table["incidents_base"] = len(violations)
    table["overlap"] = not table["adds_up"]
    return table


def _protected_names(scope: Scope) -> list[str]:
    """Names of the protected victims of the scope's incidents, which a named perpetrator of the
    public edition must not spell out (a name there is masked)."""
    stmt = (
        sa.select(Journalist.name_ar, Journalist.name_en, Journalist.seal_key).distinct()
        .join(Victim, Victim.journalist_id == Journalist.id).join(Incident, Incident.id == Victim.incident_id)
        .where(*scope.conditions(), redaction.withheld_victim())
    )  # fmt: skip
    return [n for row in _session_rows(stmt) for n in open_names(*row) if n]


def _perpetrator_lists(incident_ids: list[int]) -> dict[int, list[str]]:
    result = defaultdict(list)
    for chunk in _chunks(incident_ids):
        stmt = (
            sa.select(Perpetrator.incident_id, Perpetrator.type)
            .where(Perpetrator.incident_id.in_(chunk))
            .order_by(Perpetrator.incident_id, Perpetrator.position)
        )
        for incident_id, kind in _session_rows(stmt):
            if kind not in result[incident_id]:
                result[incident_id].append(kind)
    return result


def _chunks(ids: list[int], size: int = 900):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _person(scope: Scope, name_ar, name_en, protected: bool) -> dict:
    if scope.public:
        return {
            "name_ar": redaction.victim_name(name_ar, name_en, protected, "ar"),
            "name_en": redaction.victim_name(name_ar, name_en, protected, "en"),
        }
    return {"name_ar": name_ar or name_en, "name_en": name_en or name_ar, "identity_protected": protected}


def _place(scope: Scope, admin1: str | None, public_admin1: str | None) -> dict:
    """The governorate of a listed incident (the public one in the public edition): its code and
    its names in both languages, from the gazetteer."""
    code = public_admin1 if scope.public else admin1
    en, ar = _admin1_names(code)
    return {"admin1": code, "admin1_en": en, "admin1_ar": ar}


@lru_cache(maxsize=4096)
def _admin1_names(code: str | None) -> tuple[str | None, str | None]:
    """A governorate's names (the gazetteer's lookup is not free: once per code, not per row)."""
    return admin1_name(code, "en"), admin1_name(code, "ar")


def _killings(scope: Scope) -> list[dict]:
    stmt = (
        sa.select(
            Incident.id,
            Incident.public_ref,
            Incident.date_start,
            Incident.country,
            Incident.admin1,
            Incident.public_admin1,
            Incident.headline_type,
            Incident.impunity,
            Incident.date_precision,
            Incident.is_confidential,
            Incident.workflow_status,
            Journalist.name_ar,
            Journalist.name_en,
            Journalist.seal_key,
            redaction.withheld_victim().label("is_identity_protected"),
            Outlet.name_ar.label("outlet_ar"),
            Outlet.name_en.label("outlet_en"),
        )  # fmt: skip
        .select_from(Victim)
        .join(Incident, Incident.id == Victim.incident_id)
        .join(Journalist, Journalist.id == Victim.journalist_id)
        .outerjoin(Outlet, Outlet.id == Journalist.outlet_id)
        .where(*scope.conditions(), Victim.outcome == "killed")
        .order_by(Incident.date_start, Incident.id, Victim.position)
    )
    rows = _session_rows(stmt)
    perpetrators = _perpetrator_lists(sorted({r.id for r in rows}))
    return [
        {
            "public_ref": r.public_ref, "date": r.date_start.isoformat(), "date_precision": r.date_precision,
            "country": r.country, **_place(scope, r.admin1, r.public_admin1), "type": r.headline_type,
            "perpetrator_types": perpetrators.get(r.id, []), "impunity": r.impunity,
            "outlet_ar": r.outlet_ar or r.outlet_en, "outlet_en": r.outlet_en or r.outlet_ar,
            **({} if scope.public else {"confidential": r.is_confidential,
                                        "unpublished": r.workflow_status != "published"}),
            **_person(scope, *open_names(r.name_ar, r.name_en, r.seal_key), r.is_identity_protected),
        }
        for r in rows
    ]  # fmt: skip


def held_people(conditions: list, cutoff: date) -> dict[int, tuple[str, date, date]]:
    """Who is held on ``cutoff``, decided per person across all their cases matching ``conditions``
    (conditions on Incident): the rule of ``held_on_1_december``, shared with the staff desk's
    follow-ups. Returns the victim row that holds each held person -> (the holding event, since
    when, the day of their last holding or ending event)."""
    in_scope = conditions
    relevant = (*vocab.HOLDING_EVENTS, *vocab.ENDING_EVENTS)
    events = _session_rows(
        sa.select(Victim.journalist_id, Victim.id, StatusEvent.event, StatusEvent.date)
        .join(Victim, Victim.id == StatusEvent.victim_id)
        .join(Incident, Incident.id == Victim.incident_id)
        .where(*in_scope, StatusEvent.event.in_(relevant), StatusEvent.date <= cutoff)
        .order_by(Victim.journalist_id, StatusEvent.date, StatusEvent.id)
    )
    # dead: recorded killed on a case, or a death event (killed, died, found dead) on any case
    killed = set(
        db.session.scalars(
            sa.select(Victim.journalist_id)
            .distinct()
            .join(Incident)
            .where(*in_scope, Victim.outcome == "killed")
        )
    ) | {journalist_id for journalist_id, _v, event, _d in events if event in vocab.DEATH_EVENTS}
    people: dict[int, list] = defaultdict(list)
    for journalist_id, victim_id, event, day in events:
        if journalist_id not in killed:
            people[journalist_id].append((day, event, victim_id))
    held = {}  # victim row that holds the person -> (event, since, last event)
    for timeline in people.values():
        last_day = timeline[-1][0]
        on_last = [(e, v) for d, e, v in timeline if d == last_day]
        if any(e in vocab.ENDING_EVENTS for e, _v in on_last):
            continue
        event, victim_id = max(on_last, key=lambda ev: HELD_KIND_RANK[ev[0]])
        since = last_day
        for day, e, _v in reversed(timeline):
            if e in vocab.ENDING_EVENTS:
                break
            since = day
        held[victim_id] = (event, since, last_day)
    return held


def held_on_1_december(scope: Scope, year: int | None = None) -> list[dict]:
    """Journalists held on 1 December of the year, decided per person across all their cases.

    A person's holding and ending events (every case of the edition up to that day, whatever its
    year) are read together: the last day with such an event on or before 1 December decides;
    an ending event (released, escaped, found dead, died, killed, acquitted) on that day wins. A
    person recorded killed, or with a death event, on any case up to that day is not held. The row
    says who holds them:
    ``disappeared`` when the last holding event is a disappearance, otherwise ``state_custody``
    or ``non_state`` from the perpetrators of the case that holds them (``holder_unknown``
    when none is known). ``since`` is the first holding event after the last release.
    """
    year = year or scope.year
    cutoff = date(year, 12, 1)
    held = held_people([*scope.selection(), Incident.date_start <= cutoff], cutoff)
    details = []
    for chunk in _chunks(sorted(held)):
        details += _session_rows(
            sa.select(
                Victim.id.label("victim_id"),
                Incident.id,
                Incident.public_ref,
                Incident.country,
                Incident.admin1,
                Incident.public_admin1,
                Incident.is_confidential,
                Incident.workflow_status,
                Victim.journalist_id,
                redaction.withheld_victim().label("is_identity_protected"),
                Journalist.name_ar,
                Journalist.name_en,
                Journalist.seal_key,
                Outlet.name_ar.label("outlet_ar"),
                Outlet.name_en.label("outlet_en"),
            )  # fmt: skip
            .join(Incident, Incident.id == Victim.incident_id)
            .join(Journalist, Journalist.id == Victim.journalist_id)
            .outerjoin(Outlet, Outlet.id == Journalist.outlet_id)
            .where(Victim.id.in_(chunk))
        )
    perpetrators = _perpetrator_lists(sorted({r.id for r in details}))
    proceedings = _proceedings(sorted(held), cutoff, with_notes=not scope.public)
    rows = []
    for r in details:
        event, since, last_day = held[r.victim_id]
        types = perpetrators.get(r.id, [])
        if event == "disappeared_on":
            status = "disappeared"
        elif any(t in STATE_TYPES for t in types):
            status = "state_custody"
        elif any(t != "unknown" for t in types):
            status = "non_state"
        else:
            status = "holder_unknown"
        rows.append({
            "public_ref": r.public_ref, "since": since.isoformat(), "last_event": last_day.isoformat(),
            "status": status, "country": r.country, **_place(scope, r.admin1, r.public_admin1),
            "perpetrator_types": types,
            "outlet_ar": r.outlet_ar or r.outlet_en, "outlet_en": r.outlet_en or r.outlet_ar,
            **({} if scope.public else {"confidential": r.is_confidential,
                                        "unpublished": r.workflow_status != "published"}),
            **_person(scope, *open_names(r.name_ar, r.name_en, r.seal_key), r.is_identity_protected),
            **proceedings.get(r.victim_id, {}),
        })  # fmt: skip
    rows.sort(key=lambda row: (row["since"], row["public_ref"] or ""))
    return rows


def _proceedings(victim_ids: list[int], cutoff: date, with_notes: bool) -> dict[int, dict]:
    """Per held victim row, the last charge and sentence recorded on or before ``cutoff``:
    ``charged_on`` / ``sentenced_on`` dates and, internal edition only, ``charges`` / ``sentence``
    (the notes of those events: free text written for staff, never reviewed for the public)."""
    found: dict[int, dict] = defaultdict(dict)
    for chunk in _chunks(victim_ids):
        stmt = (
            sa.select(StatusEvent.victim_id, StatusEvent.event, StatusEvent.date, StatusEvent.note)
            .where(StatusEvent.victim_id.in_(chunk), StatusEvent.event.in_(("charged_on", "sentenced_on")),
                   StatusEvent.date <= cutoff)
            .order_by(StatusEvent.date, StatusEvent.id)
        )  # fmt: skip
        for victim_id, event, day, note in _session_rows(stmt):
            found[victim_id][event] = day.isoformat()
            if with_notes:
                found[victim_id]["charges" if event == "charged_on" else "sentence"] = (
                    note or ""
                ).strip() or None
    return found


def _country_sections(
    scope: Scope, names: dict, held: list[dict], governorates: dict, named_rows: list
) -> list:
    """One section per country with cases in the year (most incidents first): incidents, victims,
    killed, held on 1 December, the perpetrator types and named perpetrators most recorded there
    (the split that matters locally), its governorates and its incidents over the last years."""
    conditions = scope.conditions()
    by_country = sa.select(Incident.country, sa.func.count()).where(*conditions).group_by(Incident.country)
    incidents = dict(_session_rows(by_country))
    if not incidents:
        return []
    victims = dict(_session_rows(
        sa.select(Incident.country, sa.func.count(sa.distinct(Victim.journalist_id)))
        .join(Incident, Incident.id == Victim.incident_id).where(*conditions).group_by(Incident.country)
    ))  # fmt: skip
    unnamed = dict(_session_rows(sa.select(Incident.country, sa.func.sum(Incident.unnamed_victims))
                                 .where(*conditions).group_by(Incident.country)))  # fmt: skip
    unnamed_killed = dict(_session_rows(
        sa.select(Incident.country, sa.func.sum(Incident.unnamed_victims))
        .where(*conditions, Incident.headline_type.like("L1%")).group_by(Incident.country)
    ))  # fmt: skip
    killed = dict(_session_rows(
        sa.select(Incident.country, sa.func.count(sa.distinct(Victim.journalist_id)))
        .join(Incident, Incident.id == Victim.incident_id)
        .where(*conditions, Victim.outcome == "killed").group_by(Incident.country)
    ))  # fmt: skip
    types: dict[str, list] = defaultdict(list)
    for country, kind, n in _session_rows(
        sa.select(Incident.country, Perpetrator.type, sa.func.count(sa.distinct(Perpetrator.incident_id)))
        .join(Incident, Incident.id == Perpetrator.incident_id).where(*conditions)
        .group_by(Incident.country, Perpetrator.type)
    ):  # fmt: skip
        types[country].append({"type": kind, "label_en": vocab.PERPETRATOR_TYPES[kind][0],
                               "label_ar": vocab.PERPETRATOR_TYPES[kind][1], "count": n})  # fmt: skip
    rows_by_country: dict[str, list] = defaultdict(list)
    for row in named_rows:
        rows_by_country[row[1]].append(row)
    named: dict[str, list] = {}
    for country, rows in rows_by_country.items():  # each perpetrator once, whatever its spelling
        ids, labels = _by_identity(rows)
        named[country] = [{"name_ar": labels[k]["name_ar"], "name_en": labels[k]["name_en"], "count": len(ids[k])}
                          for k in ids]  # fmt: skip
    path = current_app.config.get("REPORT_LOCAL_GROUPS_PATH")
    protected = _protected_names(scope) if scope.public else []
    first = scope.year - TREND_YEARS + 1
    year = sa.extract("year", Incident.date_start)
    trend: dict[str, dict] = defaultdict(dict)
    for country, y, n in _session_rows(
        sa.select(Incident.country, year, sa.func.count())
        .where(*scope.selection(), Incident.date_start.between(date(first, 1, 1), date(scope.year, 12, 31)))
        .group_by(Incident.country, year)
    ):  # fmt: skip
        trend[country][int(y)] = n
    held_by_country: dict[str, list] = defaultdict(list)
    for row in held:
        held_by_country[row["country"]].append(row["status"])
    sections = []
    for country in sorted(incidents, key=lambda c: (-incidents[c], c)):
        top_named = sorted(
            named.get(country, []), key=lambda r: (-r["count"], r["name_ar"] or "", r["name_en"] or "")
        )[:5]
        for r in top_named if protected else ():  # the public edition masks a protected name
            r["name_ar"] = redaction.mask_text(r["name_ar"], protected, "report", "perpetrators.name_ar")
            r["name_en"] = redaction.mask_text(r["name_en"], protected, "report", "perpetrators.name_en")
        statuses = held_by_country[country]
        sections.append({
            "country": country, "label_en": names["en"].get(country, country),
            "label_ar": names["ar"].get(country, country), "incidents": incidents[country],
            "victims": victims.get(country, 0) + int(unnamed.get(country) or 0),
            "killed": killed.get(country, 0) + int(unnamed_killed.get(country) or 0),
            "held": len(statuses), "held_by_status": {k: statuses.count(k) for k in HELD_LABELS if k in statuses},
            "perpetrator_types": sorted(types[country], key=lambda r: (-r["count"], r["type"]))[:5],
            "named_perpetrators": top_named,
            "local_split": _local_split(scope, country, path),
            "governorates": [r for r in governorates["rows"] if r["country"] == country][:5],
            "trend": [{"year": y, "incidents": trend[country].get(y, 0)} for y in range(first, scope.year + 1)],
        })  # fmt: skip
    return sections


def _trend(scope: Scope) -> dict:
    first = scope.year - TREND_YEARS + 1
    year = sa.extract("year", Incident.date_start).label("year")
    period = [*scope.selection(), Incident.date_start.between(date(first, 1, 1), date(scope.year, 12, 31))]
    incidents = {int(y): n for y, n in _session_rows(
        sa.select(year, sa.func.count()).where(*period).group_by(year)
    )}  # fmt: skip
    victims = {int(y): n for y, n in _session_rows(
        sa.select(year, sa.func.count(sa.distinct(Victim.journalist_id)))
        .select_from(Victim).join(Incident, Incident.id == Victim.incident_id).where(*period).group_by(year)
    )}  # fmt: skip
    unnamed = {int(y): int(n or 0) for y, n in _session_rows(
        sa.select(year, sa.func.sum(Incident.unnamed_victims)).where(*period).group_by(year)
    )}  # fmt: skip
    return {
        "unit": "incidents and victims per year",
        "rows": [
            {"year": y, "incidents": incidents.get(y, 0), "victims": victims.get(y, 0) + unnamed.get(y, 0)}
            for y in range(first, scope.year + 1)
        ],
    }


def _previous_year(scope: Scope, totals: dict, types: dict, violation_types: dict, sdg: dict) -> dict:
    """The same headline figures for the year before, and the change."""
    previous = Scope(scope.year - 1, scope.country, scope.edition)
    before = _totals(previous, previous.year)
    before_types = {r["code"]: r["count"] for r in _violation_types(previous, types, before)["rows"]}
    before_sdg = {r["code"]: r["count"] for r in _sdg(previous)["rows"]}
    return {
        "year": previous.year,
        "note": "percent: change as a percentage of the previous year's figure",
        "totals": {key: change(before[key], totals[key]) for key in totals},
        "violation_types": {
            r["code"]: change(before_types.get(r["code"], 0), r["count"])
            for r in violation_types["rows"]
            if r["parent"] is None
        },
        "sdg_16_10_1": {r["code"]: change(before_sdg.get(r["code"], 0), r["count"]) for r in sdg["rows"]},
    }


def compute(scope: Scope) -> dict:
    """Every figure of the report for ``scope``, as plain JSON-ready data."""
    types = _type_labels()
    held = held_on_1_december(scope)
    totals = _totals(scope, scope.year, held)
    incidents, victims = totals["incidents"], totals["victims"]
    violation_types = _violation_types(scope, types, totals)
    sdg = _sdg(scope)
    names = _country_names()
    conditions = scope.conditions()
    headline = (
        sa.select(Incident.headline_type, sa.func.count()).where(*conditions).group_by(Incident.headline_type)
    )
    perpetrator_types = (
        sa.select(Perpetrator.type, sa.func.count(sa.distinct(Perpetrator.incident_id)))
        .join(Incident, Incident.id == Perpetrator.incident_id)
        .where(*conditions)
        .group_by(Perpetrator.type)
    )
    countries = sa.select(Incident.country, sa.func.count()).where(*conditions).group_by(Incident.country)
    verification = (
        sa.select(Incident.verification, sa.func.count()).where(*conditions).group_by(Incident.verification)
    )
    killing_incidents = [*conditions, ViolationType.sdg_group == "killing"]
    impunity_column = sa.func.coalesce(Incident.impunity, "not_recorded")
    impunity = (
        sa.select(impunity_column, sa.func.count())
        .join(ViolationType, ViolationType.code == Incident.headline_type)
        .where(*killing_incidents)
        .group_by(impunity_column)
    )
    killing_total = sum(r["incidents"] for r in sdg["rows"] if r["code"] == "killing")
    type_labels = {code: (t.label_en, t.label_ar) for code, t in types.items()}
    origin = sa.case((Journalist.is_foreign.is_(True), "foreign"), else_="local")
    governorates = _governorates(scope, incidents, names)
    named_rows = _named_perpetrator_rows(conditions)  # read once: the year's table and each country's
    killings = _killings(scope)
    held_counts = defaultdict(int)
    for row in held:
        held_counts[row["status"]] += 1
    held_kinds = [k for k in HELD_LABELS if k != "holder_unknown" or held_counts.get(k)]
    unverified = db.session.scalar(
        sa.select(sa.func.count()).select_from(Incident).where(
            *(redaction.public_incident_conditions() if scope.public else
              [Incident.workflow_status.in_(INTERNAL_WORKFLOW)]),
            *([Incident.country == scope.country] if scope.country else []),
            Incident.date_start.between(date(scope.year, 1, 1), date(scope.year, 12, 31)),
            Incident.verification.not_in(COUNTED_VERIFICATION),
        )
    )  # fmt: skip
    return {
        "scope": {
            "year": scope.year,
            "country": scope.country,
            "edition": scope.edition,
            "selection": "published and not confidential"
            if scope.public
            else "verified or published, confidential included",
            "verification_counted": list(COUNTED_VERIFICATION),
            "unverified_excluded": unverified,
        },
        "units": {
            "incidents": "events",
            "victims": "distinct journalists affected",
            "violations": "incident x violation type x victim (at least one per type)",
        },
        "totals": totals,
        "violation_types": violation_types,
        "headline_types": _grouped(
            headline, type_labels, "incidents", incidents, "Each incident once, by its most serious type."
        ),  # fmt: skip
        "sdg_16_10_1": sdg,
        "perpetrator_types": _grouped(
            perpetrator_types,
            vocab.PERPETRATOR_TYPES,
            "incidents",
            incidents,
            f"An incident may have several perpetrators, so the rows add up to more than the {incidents} "
            "incidents and the shares (each of all incidents) to more than 100.",
        ),  # fmt: skip
        "named_perpetrators": _named_perpetrators(scope, incidents, named_rows),
        "countries": _grouped(
            countries, _countries([c for c, *_ in _session_rows(countries)], names), "incidents", incidents
        ),  # fmt: skip
        "governorates": governorates,
        "countries_sections": _country_sections(scope, names, held, governorates, named_rows),
        "months": _months(scope, incidents),
        "victims_by_gender": _victims_by(scope, Journalist.gender, vocab.GENDERS, victims),
        "victims_by_profession": _victims_by(
            scope, sa.func.coalesce(Journalist.profession, "other"), vocab.PROFESSIONS, victims
        ),
        "victims_by_media_type": _victims_by(
            scope, sa.func.coalesce(Journalist.media_type, "other"), vocab.MEDIA_TYPES, victims
        ),
        "victims_by_origin": _victims_by(scope, origin, ORIGINS, victims),
        "verification": _grouped(
            verification,
            vocab.VERIFICATION,
            "incidents",
            incidents,
            f"Levels counted: {', '.join(COUNTED_VERIFICATION)}; {unverified} unverified incidents of the "
            "year are not counted anywhere in this report.",
            order=list(COUNTED_VERIFICATION),
        ),  # fmt: skip
        "impunity_for_killings": _grouped(
            impunity,
            {**vocab.IMPUNITY, "not_recorded": NOT_RECORDED},
            "incidents",
            killing_total,
            "Incidents whose most serious type is a killing.",
            order=[*vocab.IMPUNITY, "not_recorded"],
        ),  # fmt: skip
        "killings": {
            "unit": "victims",
            "rows": killings,
            "unnamed": _unnamed(conditions, Incident.headline_type.like("L1%")),
        },
        "held_on_1_december": {
            "date": date(scope.year, 12, 1).isoformat(),
            "unit": "victims",
            "by_status": _table(
                "victims",
                [_row(k, HELD_LABELS[k], held_counts.get(k, 0)) for k in held_kinds],
                len(held),
            ),
            "rows": held,
        },
        "previous_year": _previous_year(scope, totals, types, violation_types, sdg),
        "trend": _trend(scope),
        # data-quality warnings name cases: the internal edition only
        **({} if scope.public else {"warnings": quality_warnings(scope, held)}),
        # the internal edition says which state of the audit trail it was built from
        **({} if scope.public else {"audit_head": dict(zip(("seq", "hash"), audit_head(), strict=True))}),
    }


def annex(scope: Scope, limit: int) -> dict:
    """The incidents of the year for the report's annex, most serious first (at most ``limit``),
    with names and places redacted for the public edition."""
    conditions = scope.conditions()
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Incident).where(*conditions))
    stmt = (
        sa.select(
            Incident.id,
            Incident.public_ref,
            Incident.date_start,
            Incident.date_precision,
            Incident.country,
            Incident.admin1,
            Incident.public_admin1,
            Incident.headline_type,
            Incident.title_ar,
            Incident.title_en,
        )  # fmt: skip
        .join(ViolationType, ViolationType.code == Incident.headline_type, isouter=True)
        .where(*conditions)
        .order_by(ViolationType.severity, Incident.date_start, Incident.id)
        .limit(limit)
    )
    incidents = _session_rows(stmt)
    names: dict[int, list[dict]] = defaultdict(list)
    protected: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks([r.id for r in incidents]):
        people = (
            sa.select(
                Victim.incident_id,
                redaction.withheld_victim(),
                Journalist.name_ar,
                Journalist.name_en,
                Journalist.seal_key,
            )
            .join(Journalist, Journalist.id == Victim.journalist_id)
            .where(Victim.incident_id.in_(chunk))
            .order_by(Victim.incident_id, Victim.position)
        )
        for incident_id, is_protected, *stored in _session_rows(people):
            name_ar, name_en = open_names(*stored)
            names[incident_id].append(_person(scope, name_ar, name_en, is_protected))
            if is_protected and scope.public:
                protected[incident_id] += [n for n in (name_ar, name_en) if n]

    def title(r, field):  # the public edition masks a protected name left in a title
        return redaction.mask_text(getattr(r, field), protected.get(r.id), r.id, field)

    rows = [
        {
            "public_ref": r.public_ref, "date": r.date_start.isoformat(), "date_precision": r.date_precision,
            "country": r.country, **_place(scope, r.admin1, r.public_admin1),
            "type": r.headline_type, "title_ar": title(r, "title_ar"), "title_en": title(r, "title_en"),
            "victims": names[r.id],
        }
        for r in incidents
    ]  # fmt: skip
    return {"total": total, "rows": rows}


def available_years() -> list[int]:
    """Years with published, non-confidential incidents, newest first (for the public page)."""
    year = sa.extract("year", Incident.date_start)
    stmt = sa.select(year).where(*redaction.public_incident_conditions()).group_by(year).order_by(year.desc())
    return [int(y) for y in db.session.scalars(stmt)]


def available_countries() -> list[str]:
    stmt = (
        sa.select(Incident.country)
        .where(*redaction.public_incident_conditions())
        .group_by(Incident.country)
        .order_by(Incident.country)
    )
    return list(db.session.scalars(stmt))


TITLE_COUNT = re.compile(r"(\d+)\s+(?:journalists|reporters|photographers|صحفيين|صحفيا|صحفياً|إعلاميين)")
WARNINGS = {
    "killing_without_killed": (
        "{ref}: a killing with no victim recorded killed",
        "{ref}: حادثة قتل دون ضحية مسجلة بأنها قُتلت",
    ),
    "killed_without_killing": (
        "{ref}: a victim recorded killed in an incident without a killing type",
        "{ref}: ضحية مسجلة بأنها قُتلت في حادثة لا تتضمن نوع القتل",
    ),
    "held_without_news": (
        "{ref}: {name} counted as held, with no recorded event since {day}",
        "{ref}: {name} محتسب محتجزاً دون أي حدث مسجل منذ {day}",
    ),
    "title_victim_count": (
        "{ref}: the title speaks of {said} journalists, {recorded} victims are recorded",
        "{ref}: يذكر العنوان {said} صحفيين بينما سُجل {recorded} ضحايا",
    ),
}


def _warning(kind: str, **values) -> dict:
    """A warning in both languages; ``name`` and ``day`` are given per language (name_en/_ar,
    a date printed as in the report)."""
    en, ar = WARNINGS[kind]
    per_lang = {}
    for lang in ("en", "ar"):
        own = dict(values)
        if "name_en" in values:
            own["name"] = values[f"name_{lang}"] or values["name_en"] or values["name_ar"]
        if "day" in values:
            own["day"] = format_date(date.fromisoformat(values["day"]), "d MMMM y", locale=lang)
        per_lang[lang] = own
    return {"kind": kind, "public_ref": values.get("ref"), "message_en": en.format(**per_lang["en"]),
            "message_ar": ar.format(**per_lang["ar"])}  # fmt: skip


def quality_warnings(scope: Scope, held: list[dict] | None = None) -> list[dict]:
    """Data-quality warnings for the report's year: records whose figures would contradict each
    other or look stale. Printed by the CLI at build time, listed in the internal edition."""
    conditions = scope.conditions()
    counts = _victim_counts()
    killing = sa.select(IncidentViolation.incident_id).where(_is_killing(IncidentViolation.code))
    warnings = []
    for (ref,) in _session_rows(
        sa.select(Incident.public_ref)
        .outerjoin(counts, counts.c.incident_id == Incident.id)
        .where(
            *conditions,
            Incident.id.in_(killing),
            sa.func.coalesce(counts.c.k, 0) + Incident.unnamed_victims == 0,
        )
        .order_by(Incident.date_start, Incident.id)
    ):
        warnings.append(_warning("killing_without_killed", ref=ref))
    for (ref,) in _session_rows(
        sa.select(Incident.public_ref)
        .join(counts, counts.c.incident_id == Incident.id)
        .where(*conditions, counts.c.k > 0, Incident.id.not_in(killing))
        .order_by(Incident.date_start, Incident.id)
    ):
        warnings.append(_warning("killed_without_killing", ref=ref))
    cutoff = date(scope.year, 12, 1)
    for row in held if held is not None else held_on_1_december(scope):
        if date.fromisoformat(row["last_event"]) < cutoff - timedelta(days=HELD_WITHOUT_NEWS_DAYS):
            warnings.append(_warning("held_without_news", ref=row["public_ref"], name_en=row["name_en"],
                                     name_ar=row["name_ar"], day=row["last_event"]))  # fmt: skip
    for ref, title_en, title_ar, named, unnamed in _session_rows(
        sa.select(Incident.public_ref, Incident.title_en, Incident.title_ar, sa.func.coalesce(counts.c.n, 0),
                  Incident.unnamed_victims)
        .outerjoin(counts, counts.c.incident_id == Incident.id)
        .where(*conditions)
        .order_by(Incident.date_start, Incident.id)
    ):  # fmt: skip
        said = {int(m) for title in (title_en, title_ar) if title for m in TITLE_COUNT.findall(title)}
        recorded = named + unnamed
        if said and recorded not in said:
            warnings.append(_warning("title_victim_count", ref=ref, said=min(said), recorded=recorded))
    return warnings
