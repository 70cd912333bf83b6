"""The dry run: everything an import would do, worked out without writing anything.

``check`` reads the rows, builds and validates the records (``flat.Parser``), finds which
incidents already exist (``incident_ref``), places incidents that have no coordinates with the
offline gazetteer, and finds likely duplicates among stored incidents and within the file.
A real import writes what the report says (``tracker.transfer.operations.run_import``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from tracker.cases import operations as case_ops
from tracker.core.exceptions import ValidationFailed
from tracker.core.memory import cycles_paused
from tracker.public import guard
from tracker.transfer import duplicates, queries
from tracker.transfer.files import Sheet
from tracker.transfer.flat import Parser, Problem, Record, is_row_number, is_unreferenced

PROGRESS_EVERY = 1000


@dataclass
class Duplicate:
    ref: str  # the file's incident
    row: int
    other: str  # public reference, or another file reference
    other_id: int | None
    reasons: list[tuple[str, str]]


@dataclass
class Report:
    rows: int = 0
    records: list[Record] = field(default_factory=list)  # valid records, in file order
    problems: list[Problem] = field(default_factory=list)
    existing: dict[str, int] = field(default_factory=dict)  # ref -> incident id
    duplicates: list[Duplicate] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    mapped_columns: list[tuple[str, str]] = field(default_factory=list)  # (header, column)
    geocoded: int = 0

    def header_of(self, column: str) -> str:
        return header_of(self.mapped_columns, column)

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.problems if p.level == "error"), key=lambda p: p.row)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.problems if p.level == "warning"), key=lambda p: p.row)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def to_create(self) -> list[Record]:
        return [r for r in self.records if r.ref not in self.existing]

    @property
    def to_update(self) -> list[Record]:
        return [r for r in self.records if r.ref in self.existing]

    def rows_of(self, records: list[Record]) -> int:
        return sum(len(r.rows) for r in records)


def check(sheet: Sheet, progress: Callable[[int], None] | None = None, geocode: bool = True) -> Report:
    with cycles_paused():
        return _check(sheet, progress, geocode)


def header_of(mapped_columns, column: str) -> str:
    """A column as the file names it (its own header), else the flat form's name."""
    for header, mapped in mapped_columns:
        if mapped == column:
            return f"{header} ({column})" if header != column else column
    return column


def _check(sheet: Sheet, progress: Callable[[int], None] | None, geocode: bool) -> Report:
    report = Report(ignored_columns=list(sheet.ignored), mapped_columns=list(sheet.mapped))
    parser = Parser(sheet.defaults)
    for number, cells in sheet.rows:
        parser.add_row(number, cells)
        report.rows += 1
        if progress is not None and report.rows % PROGRESS_EVERY == 0:
            progress(PROGRESS_EVERY)
    if progress is not None:
        progress(report.rows % PROGRESS_EVERY)
    report.records = parser.finish()
    report.problems = parser.problems
    report.existing = queries.incidents_by_ref(r.ref for r in report.records if not is_row_number(r.ref))
    numbered = [r for r in report.records if is_row_number(r.ref) and not is_unreferenced(r.ref)]
    if numbered and sheet.numbered_by_row:
        message = _("No reference column: each row is one incident. Check the possible duplicates.")
        report.problems.append(Problem(numbered[0].rows[0], "incident_ref", message, "warning"))
    elif numbered:  # one warning for the file
        message = ngettext("The reference of %(count)s incident is a plain number (a list's row number): it groups "
                           "this file's rows but never matches a recorded case, so these rows are a new incident; "
                           "check the possible duplicates.",
                           "The references of %(count)s incidents are plain numbers (a list's row numbers): they "
                           "group this file's rows but never match a recorded case, so these rows are new "
                           "incidents; check the possible duplicates.", len(numbered),
                           count=format_decimal(len(numbered)))  # fmt: skip
        report.problems.append(Problem(numbered[0].rows[0], "incident_ref", message, "warning"))
    if geocode:
        _place(report)
    _check_protected_names(report)
    _find_duplicates(report)
    return report


def still_current(report: Report) -> bool:
    """Whether the stored incidents the file's references name are still those ``check`` found.
    What else a check reads is the file itself, the gazetteer, or gives only warnings (the possible
    duplicates); the incidents it updates are validated again by ``update_incident`` as written."""
    refs = [r.ref for r in report.records if not is_row_number(r.ref)]
    return queries.incidents_by_ref(refs) == report.existing


# a field of the record -> the column of the flat form it came from
_COLUMN_OF = {"perpetrators": "perpetrator_names", "url": "source_urls", "title": "source_titles",
              "publisher": "source_publishers", "status_events": "victim_status_events"}  # fmt: skip


def protected_in_file(records: list[Record]):
    """The names of the people a file protects (``guard.elsewhere_set``): none of its public cases
    may name them, as none may name a person protected in a stored case."""
    return guard.elsewhere_set(
        name for record in records for victim in record.data.get("victims", [])
        if victim.get("is_identity_protected")
        for name in (victim["journalist"].get("name_ar"), victim["journalist"].get("name_en"))
    )  # fmt: skip


def _check_protected_names(report: Report) -> None:
    """A row that publishes a case (new, or an update: the file's status is the case's status after
    the import) must not name a protected victim in a public field: the incident writer's own rule
    (``check_publishable``, which refuses the write anyway), run early to name the row and column.
    A person protected in a stored case, or by another row of the file, may not be named either.
    (A person protected only by a stored case is known as a victim once the import matches them:
    the writer refuses that file then.)"""
    with guard.registry_pinned(protected_in_file(report.records)):
        for record in report.records:
            if record.workflow_status == "published":
                _check_record(report, record)


def _check_record(report: Report, record: Record) -> None:
    try:
        case_ops.check_publishable(record.data)
    except ValidationFailed as exc:
        for field, messages in exc.errors.items():
            parts = field.split(".")
            column = _COLUMN_OF.get(parts[-2] if parts[0] == "victims" else parts[-1], parts[0])
            row = record.rows[0]
            if parts[0] == "victims" and int(parts[1]) < len(record.victim_rows):
                row = record.victim_rows[int(parts[1])]
            report.problems += [Problem(row, column, message) for message in messages]


def _place(report: Report) -> None:
    """Incidents without coordinates get the gazetteer's point for their place, as in the case form."""
    from tracker.geo import gazetteer, resolver

    g = None
    for record in report.records:
        data = record.data
        if data.get("latitude") is not None or not (data.get("locality") or data.get("admin1")):
            continue
        g = g or gazetteer.get()
        found = resolver.lookup(data.get("locality"), data.get("admin1"), data["country"], limit=5, g=g)
        best = found.best
        where = "locality" if data.get("locality") else "admin1"
        if found.ambiguous or best is None or best.precision == "country":
            message = _("Place not found in the gazetteer; imported without coordinates.")
            report.problems.append(Problem(record.rows[0], where, message, "warning"))
            continue
        data.update(latitude=best.latitude, longitude=best.longitude, geo_precision=best.precision,
                    geonames_id=best.geonames_id, geocode_source=best.source)  # fmt: skip
        if not data.get("admin1") and best.admin1 is not None:
            data["admin1"] = best.admin1.code
        report.geocoded += 1


def _candidate(record: Record) -> duplicates.Candidate:
    data = record.data
    names = [
        n for v in data["victims"] for n in (v["journalist"].get("name_ar"), v["journalist"].get("name_en"))
    ]
    return duplicates.candidate(
        "file:" + record.ref, record.ref, data["country"], data.get("admin1"), data["date_start"],
        data.get("date_end"), data.get("date_precision"), data["violation_types"], names,
    )  # fmt: skip


def _find_duplicates(report: Report) -> None:
    if not report.records:
        return
    mine = [(record, _candidate(record)) for record in report.records]
    first = min(c.start for _r, c in mine)
    last = max(c.end for _r, c in mine)
    index = duplicates.Index()
    for stored in queries.duplicate_candidates({c.country for _r, c in mine}, first, last):
        index.add(stored)
    for record, candidate in mine:
        own_id = report.existing.get(record.ref)
        for match in index.find(candidate):
            if match.other.incident_id is not None and match.other.incident_id == own_id:
                continue  # the incident this row updates
            report.duplicates.append(
                Duplicate(
                    record.ref, record.rows[0], match.other.label, match.other.incident_id, match.reasons
                )
            )
        if own_id is None:  # an update is already in the index as the stored incident
            index.add(candidate)
