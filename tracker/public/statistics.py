"""The public statistics page's figures and charts for one year: the yearly report's numbers
(``reports.statistics``, one code path) in the public edition. Computed when public data is
prepared (``tracker.maps.prepared``), never in a visitor's request."""

import hashlib

import sqlalchemy as sa
from flask_babel import gettext as _

from reports import charts as report_charts
from reports.statistics import Scope, compute
from tracker.cases.models import Incident, ViolationType
from tracker.extensions import db
from tracker.people.models import Journalist, Outlet

PAGE_CHARTS = ("years", "types")


def compute_year(year: int) -> dict | None:
    return compute(Scope(year))


def charts(stats: dict | None, lang: str) -> list[tuple[str, str, str]]:
    """(key, title, SVG) of the page's charts, in ``lang`` (called with that locale active)."""
    if not stats:
        return []
    ar = lang == "ar"
    countries = [(r["label_ar"] if ar else r["label_en"], r["count"]) for r in stats["countries"]["rows"]]
    title = _("Incidents by country")
    drawings = [d for d in report_charts.report_charts(stats, lang) if d[0] in PAGE_CHARTS]
    drawings.append(
        ("countries", title, report_charts.ranked_bars(title, countries[: report_charts.TOP_RANKED], lang))
    )
    return [(key, str(t), report_charts.to_svg(d, str(t), f"chart-{key}")) for key, t, d in drawings]


def inputs() -> dict:
    """A summary of what the years' figures are computed from, to tell which years a change can
    affect (``years_to_compute``): per year of ``date_start``, the count, id sum and last update of
    every incident of that year (any write to an incident, its victims and timelines included,
    moves its ``updated_at``; incidents are archived, never deleted), and one digest of what every
    year shows (people and outlets: names, protection; the violation types' labels)."""
    year = sa.extract("year", Incident.date_start)
    rows = db.session.execute(
        sa.select(year, sa.func.count(), sa.func.sum(Incident.id), sa.func.max(Incident.updated_at)).group_by(
            year
        )
    )
    years = {str(int(y)): f"{n}:{total}:{last.isoformat() if last else ''}" for y, n, total, last in rows}
    people = [
        tuple(
            db.session.execute(sa.select(sa.func.count(), sa.func.sum(m.id), sa.func.max(m.updated_at))).one()
        )
        for m in (Journalist, Outlet)
    ]
    labels = db.session.execute(sa.select(ViolationType.code, ViolationType.label_ar, ViolationType.label_en,
                                          ViolationType.parent_code, ViolationType.severity,
                                          ViolationType.sort_order).order_by(ViolationType.code)).all()  # fmt: skip
    every_year = hashlib.sha256(repr((people, [tuple(r) for r in labels])).encode()).hexdigest()
    return {"years": years, "every_year": every_year}


def years_to_compute(before: dict | None, now: dict, years: list[int]) -> list[int]:
    """The years of ``years`` whose figures may differ from those computed with ``before``'s
    inputs. A year's figures read only incidents dated in that year or earlier (the year, the
    previous one and the trend; the people held on 1 December from every case up to that day):
    a change in year Y affects Y and every later year. Everything when ``before`` is unknown or a
    figure shown in every year changed."""
    if not before or before.get("every_year") != now["every_year"]:
        return list(years)
    old, new = before["years"], now["years"]
    changed = [int(y) for y in old.keys() | new.keys() if old.get(y) != new.get(y)]
    if not changed:
        return []
    first = min(changed)
    return [y for y in years if y >= first]
