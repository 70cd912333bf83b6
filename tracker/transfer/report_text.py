"""The dry-run report as lines of text (the command line; the web page has its own template)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker.cases.queries import violation_labels
from tracker.core.i18n import current_language
from tracker.core.templating import country_name, violation_label
from tracker.geo.gazetteer import admin1_name
from tracker.transfer.plan import Report

REASONS = {
    "journalist": _l("same journalist"), "dates": _l("overlapping dates"),
    "place": _l("same country and governorate"), "types": _l("overlapping violation types"),
}  # fmt: skip


def reason_detail(code: str, detail: str) -> str:
    """A duplicate's reason (``duplicates.compare``: codes) in the reader's words: the country and
    governorate by name, violation types by label."""
    separator = "، " if current_language() == "ar" else ", "
    if code == "place":
        country, _slash, admin1 = detail.partition(" / ")
        names = [country_name(country), admin1_name(admin1, current_language()) if admin1 else None]
        return " / ".join(n for n in names if n)
    if code == "types":
        labels = violation_labels()
        return separator.join(violation_label(labels, c) for c in detail.split(", "))
    return detail


def lines(report: Report) -> list[str]:
    out = [
        _("Rows read: %(n)s", n=report.rows),
        _("Incidents to create: %(n)s (%(rows)s rows)", n=len(report.to_create), rows=report.rows_of(report.to_create)),
        # which of them the file changes is known when writing (the import's result says)
        _("Incidents already recorded: %(n)s (%(rows)s rows); the import updates those the file changes "
          "and leaves the others as they are", n=len(report.to_update), rows=report.rows_of(report.to_update)),
        _("Places found in the gazetteer: %(n)s", n=report.geocoded),
    ]  # fmt: skip
    if report.mapped_columns:
        out.append(
            _("Columns read: %(pairs)s", pairs=", ".join(f"{h} → {c}" for h, c in report.mapped_columns))
        )
    if report.ignored_columns:
        out.append(_("Columns ignored: %(names)s", names=", ".join(report.ignored_columns)))
    for problem in report.errors:
        out.append(_("Error: row %(row)s, column %(column)s: %(message)s", row=problem.row,
                     column=report.header_of(problem.column), message=problem.message))  # fmt: skip
    for problem in report.warnings:
        out.append(_("Warning: row %(row)s, column %(column)s: %(message)s", row=problem.row,
                     column=report.header_of(problem.column), message=problem.message))  # fmt: skip
    for dup in report.duplicates:
        reasons = "; ".join(
            f"{REASONS.get(code, code)}: {reason_detail(code, detail)}" for code, detail in dup.reasons
        )
        out.append(_("Possible duplicate: row %(row)s (%(ref)s) and %(other)s: %(reasons)s", row=dup.row,
                     ref=dup.ref, other=dup.other, reasons=reasons))  # fmt: skip
    out.append(_("Errors: %(n)s, warnings: %(w)s, possible duplicates: %(d)s", n=len(report.errors),
                 w=len(report.warnings), d=len(report.duplicates)))  # fmt: skip
    return out
