"""The public statistics page's figures and charts for one year: the yearly report's numbers
(``reports.statistics``, one code path) in the public edition. Computed when public data is
prepared (``tracker.maps.prepared``), never in a visitor's request."""

from flask_babel import gettext as _

from reports import charts as report_charts
from reports.statistics import Scope, compute

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
