"""Flat-form rows (one per victim) -> incident records, with every problem named by row and column.

A row is a dict column -> cell value (``columns.ALL_COLUMNS``). Rows with the same
``incident_ref`` are one incident: its fields are taken from the first row that fills them, and a
later row saying something else is an error. A record's ``data`` has the shape
``schemas.cases.IncidentInputSchema`` loads to (codes, dates, victims with a new journalist each);
which journalist a victim really is, is settled when writing (``tracker.transfer.operations``).

Cells are checked by the API schema's own fields (lengths, characters, URLs, ranges), one field
at a time: loading whole records through the schema would cost several times more per row.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from marshmallow import ValidationError, fields, validate

from schemas.cases import IncidentInputSchema
from tracker.cases import operations as case_ops
from tracker.cases.taxonomy import VIOLATION_TYPES, headline_type, implied_outcome
from tracker.core.exceptions import ValidationFailed
from tracker.core.i18n import current_language, translate_message
from tracker.core.text import has_arabic, normalise
from tracker.core.vocab import OUTCOMES, label
from tracker.geo import gazetteer
from tracker.geo.resolver import admin1_codes, place_matches
from tracker.intake.actors import identify
from tracker.intake.actors import lexicon as actor_lexicon
from tracker.transfer import file_warnings, labels, unnamed
from tracker.transfer.columns import OUTLET_COLUMNS, SOURCE_COLUMNS, VICTIM_COLUMNS
from tracker.transfer.dates import BadDate, day_first, parse_date

_LIST_SPLIT = re.compile(r"(?<!\\)[;؛]")
_DIGITS = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)}, "٫": ".", "،": ".", "−": "-"})
TEXT_COLUMNS = ("title_ar", "title_en", "summary_ar", "summary_en", "admin1", "admin2", "locality",
                "confidential_notes", "geocode_source", "victim_name_ar", "victim_name_en", "victim_outlet",
                "victim_outlet_en", "external_ref")  # fmt: skip
CODE_COLUMNS = ("date_precision", "geo_precision", "public_geo_precision", "verification", "workflow_status",
                "case_status", "impunity", "victim_gender", "victim_profession", "victim_media_type",
                "victim_outcome", "victim_role", "victim_outlet_media_type")  # fmt: skip
INTEGER_COLUMNS = ("geonames_id", "unnamed_victims", "victim_journalist_id", "victim_outlet_id")
BOOL_COLUMNS = ("is_confidential", "victim_is_foreign", "victim_is_identity_protected")
_VICTIM_SET = frozenset(VICTIM_COLUMNS)
# what makes a row without a reference an incident of its own (else it continues the one above)
_OWN_INCIDENT = frozenset(("title_ar", "title_en", "date_start", "violation_types"))
_GENDERED = frozenset(("victim_profession", "victim_outcome"))  # cells that may say a woman
_JOINED = frozenset(("summary_ar", "summary_en", "confidential_notes"))  # rows' notes, joined
# cells read once per distinct value (their parsed values are codes, dates, flags or lists of
# codes: nothing a record changes in place)
_REPEATING = frozenset((*CODE_COLUMNS, *BOOL_COLUMNS, "date_start", "date_end", "country", "violation_types",
                        "victim_nationality", "victim_outlet_country"))  # fmt: skip
# cells that say something about a person (an outlet alone is a row about the outlet)
_PERSON_COLUMNS = tuple(c for c in VICTIM_COLUMNS if c not in (*OUTLET_COLUMNS, "victim_media_type"))
_EMPTY_VICTIM = dict.fromkeys(VICTIM_COLUMNS)
_NOTHING = object()
_incident_fields = IncidentInputSchema().fields


def _nested(name: str, inner: str | None = None):
    schema = _incident_fields[name].inner.schema
    return schema.fields[inner].schema.fields if inner else schema.fields


# column -> the schema field that checks its value (list columns: each item)
FIELDS = {
    **{c: _incident_fields[c] for c in ("title_ar", "title_en", "summary_ar", "summary_en", "admin1", "admin2",
                                        "locality", "confidential_notes", "geocode_source", "latitude",
                                        "longitude", "geonames_id", "date_start", "date_end")},
    "victim_name_ar": _nested("victims", "journalist")["name_ar"],
    "victim_name_en": _nested("victims", "journalist")["name_en"],
    "victim_outlet": _nested("victims", "journalist")["name_ar"],
    "victim_outlet_en": _nested("victims", "journalist")["name_ar"],
    "unnamed_victims": _incident_fields["unnamed_victims"],
    "external_ref": fields.String(validate=validate.Length(max=100)),
    "perpetrator_names": _nested("perpetrators")["name"],
    "perpetrator_names_en": _nested("perpetrators")["name_en"],
    "source_urls": _nested("sources")["url"],
    "source_titles": _nested("sources")["title"],
    "source_publishers": _nested("sources")["publisher"],
    "source_dates": _nested("sources")["published_on"],
}  # fmt: skip
_EVENT_NOTE = _nested("victims")["status_events"].inner.schema.fields["note"]


@dataclass
class Problem:
    row: int
    column: str
    message: str
    level: str = "error"  # error | warning


@dataclass
class Record:
    ref: str
    rows: list[int]
    data: dict = field(default_factory=dict)  # IncidentInputSchema input, then its output
    workflow_status: str = "draft"
    victim_rows: list[int] = field(default_factory=list)
    raw: dict = field(default_factory=dict)  # column -> cell as first given
    # victims' outlets: {name, name_en, id (recorded id, from an internal export), media_type, country}
    outlets: list[dict | None] = field(default_factory=list)
    date_given: tuple[date, str] | None = None
    unnamed_outlets: list[str] = field(default_factory=list)  # outlets of rows naming no one


def is_row_number(ref: str) -> bool:
    """A reference that is only a number ("1", "٢٣") is a row number of one list: the next list
    numbers its rows 1, 2, 3 again, so it may never identify a recorded case; nor may the one
    given to a row without a reference (``unreferenced``)."""
    return normalise(ref).removeprefix(_UNREFERENCED).isdigit()


# A row with an incident of its own and no reference is keyed by its row number after "#": a
# reference no cell can give (a row whose reference starts with "#" is the template's help).
_UNREFERENCED = "#"


def unreferenced(row: int) -> str:
    return f"{_UNREFERENCED}{row}"


def is_unreferenced(ref: str) -> bool:
    return ref.startswith(_UNREFERENCED)


@dataclass(frozen=True)
class NamedPerpetrator:
    """A value of the perpetrator type column that names who did it rather than a type."""

    name: str


def split_list(value) -> list[str]:
    if value is None:
        return []
    return [item.strip().replace("\\;", ";") for item in _LIST_SPLIT.split(str(value))]


def join_list(items) -> str:
    return ";".join(("" if i is None else str(i)).replace(";", "\\;") for i in items)


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


class Parser:
    """Turns rows into records; ``problems`` collects every error and warning on the way."""

    def __init__(self, defaults: frozenset = frozenset()):
        self.defaults = defaults  # columns a mapping fills on every row (they say nothing of a row)
        self.problems: list[Problem] = []
        self.records: dict[str, Record] = {}
        self._first_row: dict[tuple[str, str], int] = {}
        self._unreadable: set[str] = set()  # refs with a cell that could not be read
        self.gazetteer = gazetteer.get()
        self.made_titles: list[int] = []  # rows whose incident got a title made up
        self.points_without_precision: list[int] = []  # rows whose point is taken as exact
        self.typed_from_names: list[tuple[int, str, str]] = []  # (row, perpetrator name, type given)
        self.guessed: dict[tuple, int] = {}  # (column, text as written, code, other code) -> first row
        self._last_ref: str | None = None  # the reference of the row above
        self.continued: list[int] = []  # rows without a reference: a further victim of the incident above
        self.own: list[int] = []  # rows without a reference: an incident of their own
        self.joined: list[int] = []  # rows whose notes were added to their incident's
        self.countries_from_place: list[int] = []  # incidents whose country their place says
        self.ambiguous_dates: dict[str, int] = {}  # 05/03/2024: either order reads it -> first row
        self.day_first_seen = False  # a date only day-first reads (13/03/2024) settles the order
        self.actors = actor_lexicon()
        self._read: dict[tuple, tuple] = {}  # (column, type, cell) -> (parsed, its problems), see _cell
        self._checked: dict[tuple, tuple] = {}  # (checker, type, value) -> its messages

    def error(self, row: int, column: str, message: str, level: str = "error") -> None:
        self.problems.append(Problem(row, column, message, level))

    # --- cells ---------------------------------------------------------------------------------

    def _cell(self, row: int, column: str, value):
        """The parsed value of one cell (None if empty); an unreadable cell is an error."""
        text = _text(value)
        if text is None:
            return None
        if column not in _REPEATING:
            return self._read_cell(row, column, value, text)
        # a vocabulary, a date or a flag: the same few values on thousands of rows, read once each
        key = (column, type(value), value)
        found = self._read.get(key)
        if found is None:
            before = len(self.problems)
            parsed = self._read_cell(row, column, value, text)
            found = self._read[key] = (
                parsed,
                [(p.column, p.message, p.level) for p in self.problems[before:]],
            )
            return parsed
        parsed, problems = found
        for problem in problems:
            self.error(row, *problem)
        return list(parsed) if isinstance(parsed, list) else parsed

    def _read_cell(self, row: int, column: str, value, text: str):
        parsed = self._parse(row, column, value, text)
        checker = FIELDS.get(column)
        if checker is not None and parsed is not None:
            for item in parsed if isinstance(parsed, list) else [parsed]:
                self._check(row, column, checker, item)
        return parsed

    def _check(self, row: int, column: str, checker, value) -> None:
        if value is None:
            return
        if isinstance(value, tuple):  # (date, precision)
            value = value[0]
        if isinstance(value, date):
            value = value.isoformat()
        # a place's name, a link or a date is checked once, not on every row that repeats it
        key = (id(checker), type(value), value) if type(value) in (str, int, float, bool) else None
        messages = self._checked.get(key) if key is not None else None
        if messages is None:
            try:
                checker.deserialize(value)
                messages = ()
            except ValidationError as exc:
                messages = tuple(translate_message(m) for m in _flatten(exc.messages))
            if key is not None:
                self._checked[key] = messages
        for message in messages:
            self.error(row, column, message)

    def _parse(self, row: int, column: str, value, text: str):
        if column in TEXT_COLUMNS:
            return text
        if column in CODE_COLUMNS:
            vocabulary = labels.field_of(column)
            code = labels.code_for(vocabulary, text)
            if code is None and (guessed := labels.guess(vocabulary, text)):
                code = guessed[0]
                self.guessed.setdefault((column, text, *guessed), row)  # said once (file_warnings)
            if code is None:
                self.error(row, column, labels.unknown_value(vocabulary, text))
            return code
        if column in BOOL_COLUMNS:
            flag = labels.boolean(value)
            if flag is None:
                self.error(row, column, _("Write yes or no, not %(value)s.", value=text))
            return flag
        if column in ("date_start", "date_end"):
            order = day_first(value)  # read once per distinct cell: counts distinct dates
            if order is None:
                self.ambiguous_dates.setdefault(text, row)
            self.day_first_seen |= order is True
            try:
                return parse_date(value)
            except BadDate:
                self.error(row, column, _("Not a date we can read: %(value)s", value=text))
                return None
        if column in ("latitude", "longitude", *INTEGER_COLUMNS):
            try:
                number = float(text.translate(_DIGITS))
                return int(number) if column in INTEGER_COLUMNS else number
            except ValueError:
                self.error(row, column, _("Not a number: %(value)s", value=text))
                return None
        if column in ("country", "victim_nationality", "victim_outlet_country"):
            code = labels.country_code(text)
            if code is None:
                self.error(row, column, _("Unknown country: %(value)s", value=text))
            return code
        return self._list_cell(row, column, text)

    def _list_cell(self, row: int, column: str, text: str) -> list:
        items = split_list(text)
        if column == "violation_types":
            codes = []
            for item in filter(None, items):
                code = labels.code_for("violation_types", item)
                if code is None:
                    self.error(row, column, _("Unknown violation type: %(code)s", code=item))
                codes.append(code)
            return codes
        if column == "perpetrator_types":
            # Monitors write who did it («جماعة الحوثي») where a type is asked for: a value that
            # is no type is a named perpetrator, typed from the actor lexicon (see _perpetrators).
            return [
                (labels.code_for("perpetrator_types", i) or NamedPerpetrator(i)) if i else None for i in items
            ]
        if column == "source_reliability":
            return [self._reliability(row, column, item) for item in items]
        if column == "source_internal":
            return [bool(labels.boolean(item)) if item else False for item in items]
        if column == "source_dates":
            return [self._date_item(row, column, item) for item in items]
        if column == "victim_status_events":
            return [e for item in filter(None, items) if (e := self._event(row, column, item))]
        return [item or None for item in items]

    def _perpetrators(self, row: int, raw: dict) -> list[dict]:
        """Types and names, paired in order. A name with no type, or a name written in the type
        column, gets the type of the actor the lexicon knows by that name, else "unknown"."""
        types, names = list(raw.get("perpetrator_types") or []), raw.get("perpetrator_names") or []
        english = raw.get("perpetrator_names_en") or []
        types += [None] * (len(names) - len(types))
        country = raw.get("country") if isinstance(raw.get("country"), str) else None
        perpetrators = []
        for i, kind in enumerate(types):
            name = names[i] if i < len(names) else None
            if isinstance(kind, NamedPerpetrator):
                kind, name = None, name or kind.name
            if kind is None and not name:
                continue
            name_en = english[i] if i < len(english) else None
            if kind is None:
                actor = identify(name, country, self.actors)
                kind = actor.type if actor else "unknown"
                if actor is not None and actor.country != "*" and not name_en and has_arabic(name):
                    name_en = actor.name_en
                self.typed_from_names.append((row, name, kind))
            perpetrators.append({"type": kind, "name": name, "name_en": name_en})
        return perpetrators

    def _reliability(self, row, column, item):
        if not item:
            return None
        if item.translate(_DIGITS) in ("1", "2", "3", "4", "5"):
            return int(item.translate(_DIGITS))
        self.error(row, column, _("Reliability is a number from 1 to 5, not %(value)s.", value=item))
        return None

    def _date_item(self, row, column, item):
        try:
            parsed = parse_date(item)
        except BadDate:
            self.error(row, column, _("Not a date we can read: %(value)s", value=item))
            return None
        return parsed[0] if parsed else None

    def _event(self, row, column, item):
        """``event date [note]``: the date is one ISO word (then a note may follow) or the rest."""
        name, _sep, rest = item.strip().partition(" ")
        code = labels.code_for("status_event", name)
        first, _sep, note = rest.strip().partition(" ")
        try:
            parsed = parse_date(first)
        except BadDate:
            parsed, note = None, ""
        if parsed is None or parsed[1] != "day":
            parsed, note = self._safe_date(rest), ""
        if code is None or parsed is None:
            self.error(row, column, _("Write each event as “event date”, e.g. detained_on 2024-03-05."))
            return None
        note = note.strip() or None
        if note is not None:
            self._check(row, column, _EVENT_NOTE, note)
        return {"event": code, "date": parsed[0], "note": note}

    @staticmethod
    def _safe_date(text: str):
        try:
            return parse_date(text)
        except BadDate:
            return None

    # --- rows ----------------------------------------------------------------------------------

    def add_row(self, row: int, cells: dict) -> None:
        ref = _text(cells.get("incident_ref"))
        if ref is None:
            ref = self._without_reference(row, cells)
            if ref is None:
                return
        elif ref.startswith("#"):  # explanation rows of the template
            return
        self._last_ref = ref
        record = self.records.get(ref)
        if record is None:
            record = self.records[ref] = Record(ref, [])
        record.rows.append(row)
        before = len(self.problems)
        victim = {}
        for column, value in cells.items():  # only the filled cells of known columns
            if column in _VICTIM_SET:
                victim[column] = self._cell(row, column, value)
                if column in _GENDERED and labels.feminine(_text(value)):
                    victim["_female"] = True  # «صحفية», «مختطفة»: the gender the cell says
            elif column != "incident_ref" and record.raw.get(column, _NOTHING) != value:
                self._incident_cell(record, row, column, value)
        if any(v not in (None, []) for v in victim.values()):
            record.data.setdefault("_victims", []).append({**_EMPTY_VICTIM, **victim})
            record.victim_rows.append(row)
        if len(self.problems) > before:
            self._unreadable.add(ref)

    def _without_reference(self, row: int, cells: dict) -> str | None:
        """The reference a row without one belongs to. Lists often write it on an incident's
        first row only (or merge the cell over its victims' rows): a row that names no incident
        of its own (no title, date or violation: a further victim, a note) belongs to the
        incident above; a row that does is a new incident."""
        written = [c for c, v in cells.items() if c not in self.defaults and _text(v)]
        if not written:
            return None
        if any(c in _OWN_INCIDENT for c in written):
            self.own.append(row)
            return unreferenced(row)
        if self._last_ref is None:
            self.error(row, "incident_ref", _("Give the incident reference: this row names a victim, and no row "
                                              "above it an incident."))  # fmt: skip
            return None
        self.continued.append(row)
        return self._last_ref

    def _incident_cell(self, record: Record, row: int, column: str, value) -> None:
        """An incident field on one of its rows: the first value given counts, others must agree,
        but for notes (a summary written on each victim's row), which are joined."""
        parsed = self._cell(row, column, value)
        if parsed is None or parsed == []:
            return
        seen = record.data.get(column)
        if seen is None:
            record.data[column] = parsed
            record.raw[column] = value  # the same text on later rows needs no second look
            self._first_row[(record.ref, column)] = row
        elif column in _JOINED and parsed not in seen.split("\n"):
            record.data[column] = f"{seen}\n{parsed}"
            self.joined.append(row)
        elif seen != parsed and column not in _JOINED:
            first = self._first_row[(record.ref, column)]
            self.error(row, column, _("Differs from row %(row)s of the same incident.", row=first))

    # --- records -------------------------------------------------------------------------------

    def finish(self) -> list[Record]:
        """Build every record's input and check the record rules; return the valid ones."""
        valid = []
        for record in self.records.values():
            before = len(self.problems)
            raw = record.data
            record.data = self._payload(record, raw)
            if record.ref in self._unreadable:
                continue  # its cells are already reported; the rules would only repeat them
            if len(self.problems) == before:
                self._rules(record)
            if all(p.level != "error" for p in self.problems[before:]):
                valid.append(record)
        for row, column, message in file_warnings.of(self):  # one warning for the file, not one per row
            self.error(row, column, message, "warning")
        return valid

    def _payload(self, record: Record, raw: dict) -> dict:
        first = record.rows[0]
        data = {c: raw[c] for c in ("title_ar", "title_en", "summary_ar", "summary_en", "country", "admin1",
                                    "admin2", "locality", "latitude", "longitude", "geo_precision",
                                    "public_geo_precision", "geonames_id", "geocode_source", "verification",
                                    "case_status", "impunity", "is_confidential", "confidential_notes",
                                    "external_ref")
                if raw.get(c) is not None}  # fmt: skip
        if "country" not in data and (country := self._country_of_place(data)):
            data["country"] = raw["country"] = country  # (the perpetrators' lexicon is per country)
            self.countries_from_place.append(first)
        record.workflow_status = raw.get("workflow_status") or "draft"
        codes = raw.get("violation_types") or []
        data["violation_types"] = sorted({c for c in codes if c})
        start = raw.get("date_start")
        record.date_given = start
        if start is not None:
            data["date_start"] = start[0]
            data["date_precision"] = raw.get("date_precision") or start[1]
        elif raw.get("date_precision"):
            data["date_precision"] = raw["date_precision"]
        if raw.get("date_end") is not None:
            data["date_end"] = raw["date_end"][0]
        data["perpetrators"] = self._perpetrators(first, raw)
        data["sources"] = self._sources(raw)
        data["victims"] = []
        # rows about an outlet, an unnamed victim or a number of victims (README "Counting")
        data["unnamed_victims"] = raw.get("unnamed_victims") or 0  # an export's count, then the rows'

        named_rows = []
        for victim, vrow in zip(raw.get("_victims", []), record.victim_rows, strict=True):
            if self._unnamed(record, data, victim, vrow):
                continue
            named_rows.append(vrow)
            journalist = {
                "name_ar": victim["victim_name_ar"], "name_en": victim["victim_name_en"],
                "gender": victim["victim_gender"] or ("female" if victim.get("_female") else "unknown"),
                "profession": victim["victim_profession"],
                "media_type": victim["victim_media_type"], "nationality": victim["victim_nationality"],
                "is_foreign": bool(victim["victim_is_foreign"]), "id": victim["victim_journalist_id"],
            }  # fmt: skip
            data["victims"].append({
                "journalist": journalist,
                "outcome": victim["victim_outcome"],
                "role_in_incident": victim["victim_role"] or "target",
                "is_identity_protected": bool(victim["victim_is_identity_protected"]),
                "status_events": victim["victim_status_events"] or [],
            })  # fmt: skip
            record.outlets.append(_outlet(victim))
        record.victim_rows = named_rows
        return data

    def _unnamed(self, record: Record, data: dict, victim: dict, row: int) -> bool:
        """True when the row names no person: it adds unnamed victims (``صحفي``, ``3
        journalists``, or person details without a name), or nothing (a row about an outlet)."""
        name = victim["victim_name_ar"] or victim["victim_name_en"]
        if name:
            n = unnamed.count(victim["victim_name_ar"]) or unnamed.count(victim["victim_name_en"])
            if n is None:
                return False
        elif any(victim[c] not in (None, [], False) for c in _PERSON_COLUMNS):
            n = 1
            self.error(row, "victim_name_ar", _("No name: counted as one unnamed victim."), "warning")
        else:
            n = 0
        data["unnamed_victims"] += n
        if victim["victim_outlet"]:
            record.unnamed_outlets.append(victim["victim_outlet"])
        return True

    def _country_of_place(self, data: dict) -> str | None:
        """The country of a governorate, else of a city, that only one country has (صنعاء, سبها):
        lists of one country's cases often leave the country out."""
        g = self.gazetteer
        countries = {g.admin1[code].country for code in admin1_codes(data.get("admin1"), (), g)}
        if not countries and data.get("locality"):
            countries = {g.places[index].country for index in place_matches(g, data["locality"])}
        return countries.pop() if len(countries) == 1 else None

    def _sources(self, raw: dict) -> list[dict]:
        lists = {c: raw.get(c) or [] for c in SOURCE_COLUMNS}
        count = max(len(items) for items in lists.values())  # a source may have no link
        keys = ("url", "title", "publisher", "published_on", "reliability", "is_internal")
        sources = []
        for i in range(count):
            values = [lists[c][i] if i < len(lists[c]) else None for c in SOURCE_COLUMNS]
            source = dict(zip(keys, values, strict=True))
            source["is_internal"] = bool(source["is_internal"])
            if any(v not in (None, False) for v in source.values()):
                sources.append(source)
        return sources

    def _rules(self, record: Record) -> None:
        """The record rules of the incident writer (``invariant_errors``), named by column."""
        data, row = record.data, record.rows[0]
        if not data.get("title_ar") and not data.get("title_en") and data["violation_types"]:
            data["title_ar"], data["title_en"] = _made_titles(record)  # monitors' lists have no title column
            self.made_titles.append(row)
        if "date_start" not in data:
            self.error(row, "date_start", _("Give the date."))
        if "country" not in data:
            self.error(row, "country", _("Give the country."))
        # The incident writer's own rules (one copy): a file is refused for what a form is.
        for column, messages in case_ops.invariant_errors(data).items():
            for message in messages:
                self.error(row, column, message)
        if data.get("latitude") is not None and not data.get("geo_precision"):
            self.points_without_precision.append(row)  # one warning for the file (see finish)
        if data.get("country"):
            try:
                data.update(case_ops.place_codes(data, self.gazetteer))
            except ValidationFailed as exc:
                for message in exc.errors["admin1"]:
                    self.error(row, "admin1", message)
        seen: dict[str | tuple, int] = {}
        for victim, vrow in zip(data["victims"], record.victim_rows, strict=True):
            person = victim["journalist"]
            if not person["name_ar"] and not person["name_en"]:
                self.error(vrow, "victim_name_ar", _("Give a name in Arabic or in English."))
            if not victim["outcome"]:  # a monitor's row may not say: derived, or unknown
                victim["outcome"] = implied_outcome(data["violation_types"])
                self.error(vrow, "victim_outcome", _("No outcome given: recorded as %(outcome)s.",
                                                     outcome=_label(OUTCOMES, victim["outcome"])),
                           "warning")  # fmt: skip
            # an export's recorded id tells apart two people of one name; else the name decides
            key = (
                ("id", person["id"])
                if person["id"] is not None
                else normalise(person["name_ar"] or person["name_en"])
            )
            if key and key in seen:
                self.error(vrow, "victim_name_ar", _("The same journalist is listed twice."))
            seen.setdefault(key, vrow)


def _outlet(victim: dict) -> dict | None:
    if not victim["victim_outlet"]:
        return None
    return {"name": victim["victim_outlet"], "name_en": victim["victim_outlet_en"], "id": victim["victim_outlet_id"],
            "media_type": victim["victim_outlet_media_type"], "country": victim["victim_outlet_country"]}  # fmt: skip


def _label(vocab: dict, code: str) -> str:
    return label(vocab, code, current_language()) or code


def _made_titles(record: Record) -> tuple[str, str]:
    """The titles made for a row without one, in both languages: "<most serious violation> –
    <victims, outlet or number of journalists>" (the names as recorded, in either script)."""
    data = record.data
    code = headline_type(data["violation_types"])
    en, ar = next((en, ar) for c, en, ar in VIOLATION_TYPES if c == code)
    people = [v["journalist"] for v in data["victims"]]
    unnamed_count = data.get("unnamed_victims", 0)
    outlets = list(dict.fromkeys(record.unnamed_outlets))
    titles = []
    for lang, violation in (("ar", ar), ("en", en)):
        separator = "، " if lang == "ar" else ", "
        names = [p[f"name_{lang}"] or p["name_en" if lang == "ar" else "name_ar"] for p in people]
        if names:
            who = separator.join(names[:3]) + ("…" if len(names) > 3 else "")
        elif unnamed_count:
            who = _journalists(unnamed_count, lang)
        else:
            who = separator.join(outlets)
        titles.append((f"{violation} – {who}" if who else violation)[:500])
    return titles[0], titles[1]


def _journalists(n: int, lang: str) -> str:
    """ "3 journalists" in a stored title (not the reader's language): Arabic counts agree with n."""
    if lang == "en":
        return "a journalist" if n == 1 else f"{n} journalists"
    if n <= 2:
        return ("صحفي", "صحفيان")[n - 1]
    return f"{n} " + ("صحفيين" if 3 <= n % 100 <= 10 else "صحفياً" if 11 <= n % 100 <= 99 else "صحفي")


def _flatten(messages) -> list[str]:
    if isinstance(messages, str):
        return [messages]
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in _flatten(value)]
    return [m for value in messages for m in _flatten(value)]
