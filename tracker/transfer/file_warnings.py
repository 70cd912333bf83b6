"""Warnings said once for a whole file (at its first row concerned), not once per row: what the
import made up or took on its own reading, for the researcher to check before importing."""

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from tracker.core.i18n import current_language
from tracker.core.vocab import PERPETRATOR_TYPES, label
from tracker.transfer import labels


def of(parser) -> list[tuple[int, str, str]]:
    """(row, column, message) of each warning the parser collected for the file."""
    out = []
    if rows := parser.made_titles:
        n = len(rows)
        out.append((rows[0], "title_ar", ngettext(
            "No title: %(count)s incident gets one made from the violation and the victim.",
            "No title: %(count)s incidents get one made from the violation and the victim.",
            n, count=format_decimal(n))))  # fmt: skip
    if found := parser.typed_from_names:
        row, name, kind = found[0]
        n = len(found)
        out.append((row, "perpetrator_types", ngettext(
            "%(count)s named perpetrator has no type: it was taken from the names the tracker knows "
            "(e.g. «%(name)s»: %(type)s), else \"unknown\". Check it before importing.",
            "%(count)s named perpetrators have no type: it was taken from the names the tracker knows "
            "(e.g. «%(name)s»: %(type)s), else \"unknown\". Check them before importing.",
            n, count=format_decimal(n), name=name, type=label(PERPETRATOR_TYPES, kind, current_language()))))  # fmt: skip
    if rows := parser.points_without_precision:
        n = len(rows)
        out.append((rows[0], "geo_precision", ngettext(
            "No precision given for the point of %(count)s incident: taken as exact. The public sees it no "
            "finer than its public precision.",
            "No precision given for the point of %(count)s incidents: taken as exact. The public sees them no "
            "finer than their public precision.", n, count=format_decimal(n))))  # fmt: skip
    if rows := parser.continued:
        n = len(rows)
        out.append((rows[0], "incident_ref", ngettext(
            "%(count)s row has no reference and only a victim's cells: it was taken as a further victim of the "
            "incident in the row above it.",
            "%(count)s rows have no reference and only a victim's cells: each was taken as a further victim of "
            "the incident in the row above it.", n, count=format_decimal(n))))  # fmt: skip
    if rows := parser.own:
        n = len(rows)
        out.append((rows[0], "incident_ref", ngettext(
            "%(count)s row has no reference but cells of an incident of its own: it is imported as a new "
            "incident. Check the possible duplicates.",
            "%(count)s rows have no reference but cells of an incident of their own: each is imported as a new "
            "incident. Check the possible duplicates.", n, count=format_decimal(n))))  # fmt: skip
    if rows := parser.countries_from_place:
        n = len(rows)
        out.append((rows[0], "country", ngettext(
            "No country given for %(count)s incident: taken from its governorate or city, which only one country "
            "has.",
            "No country given for %(count)s incidents: each taken from its governorate or city, which only one "
            "country has.", n, count=format_decimal(n))))  # fmt: skip
    if parser.ambiguous_dates and not parser.day_first_seen:
        example, row = next(iter(parser.ambiguous_dates.items()))
        n = len(parser.ambiguous_dates)
        out.append((row, "date_start", ngettext(
            "%(count)s date such as «%(example)s» reads day first or month first: it was read as day/month/year. "
            "Where the month comes first, write the dates as 2024-03-05.",
            "%(count)s dates such as «%(example)s» read day first or month first: they were read as day/month/year. "
            "Where the month comes first, write the dates as 2024-03-05.", n, count=format_decimal(n),
            example=example)))  # fmt: skip
    if rows := parser.joined:
        n = len(rows)
        out.append((rows[0], "summary_ar", ngettext(
            "The notes of %(count)s further row of an incident were added to its summary, each on a line.",
            "The notes of %(count)s further rows of an incident were added to its summary, each on a line.",
            n, count=format_decimal(n))))  # fmt: skip
    for (column, text, code, other), row in parser.guessed.items():
        field = labels.field_of(column)
        out.append((row, column, _(
            "«%(value)s» was taken as «%(taken)s» on every row that says so; where it means «%(other)s», "
            "write that.", value=text, taken=labels.label_of(field, code), other=labels.label_of(field, other))))  # fmt: skip
    return out
