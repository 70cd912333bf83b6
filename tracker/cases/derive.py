"""Everything stored about an incident that is computed from the rest of it, in one pure function.

The one incident writer (``tracker.cases.operations``, single and batch form) calls ``derive``
whenever it writes; the map, public API, pages, feed, exports, statistics and the PDF read the
stored columns and never recompute them. ``flask incidents rederive`` runs it again over every
row after a gazetteer or taxonomy change.
"""

from collections.abc import Iterable, Mapping

from tracker.cases.taxonomy import headline_type, root_bits
from tracker.core import blind
from tracker.core.text import search_form
from tracker.geo import gazetteer
from tracker.geo.coarsen import allowed_public_precision, public_place
from tracker.geo.resolver import admin1_codes, country_codes

# Stored text the internal search (``q``) looks in, besides people and governorate names.
SEARCH_FIELDS = ("public_ref", "title_ar", "title_en", "summary_ar", "summary_en",
                 "locality", "admin2", "country")  # fmt: skip
# Columns ``derive`` returns (and the writer stores).
DERIVED_COLUMNS = ("public_geo_precision", "public_precision", "public_latitude", "public_longitude",
                   "public_admin1", "headline_type", "violation_mask", "search_text",
                   "protected_search_text")  # fmt: skip


class UnknownPlace(ValueError):
    """A governorate or country name the gazetteer does not know (or knows more than once)."""

    def __init__(self, field: str, text: str, choices: tuple[str, ...] = ()):
        super().__init__(field, text)
        self.field, self.text, self.choices = field, text, choices


def country_code(text: str | None, g: gazetteer.Gazetteer) -> str | None:
    """The ISO code of a country given as a code or a name in either language."""
    if not text:
        return None
    if len(text.strip()) == 2 and text.strip().upper() in g.countries:
        return text.strip().upper()
    codes = country_codes(text, g)
    if len(codes) != 1:
        raise UnknownPlace("country", text, codes)
    return codes[0]


def admin1_code(text: str | None, country: str | None, g: gazetteer.Gazetteer) -> str | None:
    """The gazetteer code of a governorate given as a code or a name in either language
    ('YE-MA', 'مأرب', 'محافظة مأرب', 'Marib Governorate'), within ``country``."""
    if not text:
        return None
    codes = admin1_codes(text, (country,) if country else (), g)
    if len(codes) != 1:
        raise UnknownPlace("admin1", text, codes)
    return codes[0]


def derive(
    values: Mapping,
    perpetrator_names: Iterable[str | None] = (),
    victim_names: Iterable[str | None] = (),
    g: gazetteer.Gazetteer | None = None,
    protected_names: Iterable[str | None] = (),
) -> dict:
    """The derived columns of a record given as plain values (``admin1`` already a code).

    ``values`` has the incident's columns and ``violation_types`` (codes). The names of
    identity-protected victims go to ``protected_search_text`` only, as a keyed blind index
    (``tracker.core.blind``, never in clear): a search by name must not tell a reader who may not
    see them that this case is about that person."""
    g = g or gazetteer.get()
    public_precision = allowed_public_precision(
        values.get("geo_precision"), values.get("public_geo_precision")
    )
    point = public_place({**values, "public_geo_precision": public_precision}, g)
    codes = list(values.get("violation_types") or ())
    admin = g.admin1.get(values.get("admin1") or "")
    parts = [values.get(field) for field in SEARCH_FIELDS]
    parts += [admin.name_ar, admin.name_en] if admin else [values.get("admin1")]
    parts += list(perpetrator_names) + list(victim_names)
    return {
        "public_geo_precision": public_precision,
        "public_precision": point.precision if point else None,
        "public_latitude": round(point.latitude, 5) if point else None,
        "public_longitude": round(point.longitude, 5) if point else None,
        "public_admin1": point.admin1.code if point and point.admin1 else None,
        "headline_type": headline_type(codes) if codes else None,
        "violation_mask": root_bits(codes),
        "search_text": search_form(" ".join(p for p in parts if p)),
        "protected_search_text": blind.index_text(protected_names),
    }
