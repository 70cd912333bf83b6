"""Resolve place text (locality, governorate, country; Arabic or English) to ranked candidates.

A name that fits several places equally well (طرابلس: Tripoli, Libya and Tripoli, Lebanon) is
never settled silently: ``lookup`` says ``ambiguous`` and returns the choices; the country or
governorate given narrows them down.
"""

import math
from dataclasses import asdict, dataclass, field

from tracker.geo import gazetteer
from tracker.geo.gazetteer import Gazetteer, bare_key, division_key, name_key

# Two candidates this close in score, in different places, are a choice for the researcher.
AMBIGUITY_MARGIN = 0.1
SAME_PLACE_KM = 25.0
_QUALITY_SCORE = (1.0, 0.9, 0.75)  # main name, alternate name, name without its article


@dataclass(frozen=True, slots=True)
class AdminRef:
    code: str
    name_ar: str
    name_en: str


@dataclass(slots=True)
class Candidate:
    name_ar: str
    name_en: str
    country: str
    admin1: AdminRef | None
    latitude: float
    longitude: float
    precision: str  # locality | admin1 | country
    source: str = "gazetteer"
    geonames_id: int | None = None
    score: float = 0.0
    population: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Lookup:
    candidates: list[Candidate] = field(default_factory=list)
    ambiguous: bool = False

    @property
    def best(self) -> Candidate | None:
        """The answer to use without asking: None when there is none or it is a choice."""
        return None if self.ambiguous or not self.candidates else self.candidates[0]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(math.sqrt(a))


def _admin_ref(g: Gazetteer, code: str) -> AdminRef | None:
    admin = g.admin1.get(code)
    if admin is None:
        return AdminRef(code, "", "") if code else None
    return AdminRef(admin.code, admin.name_ar, admin.name_en)


def country_codes(text: str | None, g: Gazetteer | None = None) -> tuple[str, ...]:
    """Country codes for a code or a name in either language ('YE', 'Yemen', 'اليمن')."""
    if not text:
        return ()
    g = g or gazetteer.get()
    key = name_key(text)
    return g.countries_named(key) or g.countries_named(bare_key(key))


def admin1_codes(
    text: str | None, countries: tuple[str, ...] = (), g: Gazetteer | None = None
) -> tuple[str, ...]:
    """Governorate codes for a name ('محافظة مأرب', 'Marib Governorate', 'YE-MA')."""
    if not text:
        return ()
    g = g or gazetteer.get()
    if text.strip().upper() in g.admin1:
        return (text.strip().upper(),)
    key = division_key(text)
    codes = g.admin1_named(key) or g.admin1_named(bare_key(key))
    if countries:
        codes = tuple(c for c in codes if g.admin1[c].country in countries)
    return codes


def place_matches(g: Gazetteer, locality: str | None) -> dict[int, int]:
    """Places named ``locality`` (with or without its article): place index -> match quality
    (0 main name, 1 alternate, 2 bare)."""
    key = name_key(locality)
    matches: dict[int, int] = {}
    for k in (key, bare_key(key)):
        for encoded in g.places_named(k):
            index, quality = divmod(encoded, 4)
            if k != key:
                quality = 2
            if quality < matches.get(index, 9):
                matches[index] = quality
    return matches


def _place_candidates(g, locality, countries, admins) -> list[Candidate]:
    found = []
    for index, quality in place_matches(g, locality).items():
        place = g.places[index]
        if countries and place.country not in countries:
            continue
        score = _QUALITY_SCORE[quality] + 0.06 * math.log10(place.population + 1)
        if place.is_seat:
            score += 0.1
        if admins and place.admin1 in admins:
            score += 0.5
        found.append(
            Candidate(place.name_ar, place.name_en, place.country, _admin_ref(g, place.admin1), place.latitude,
                      place.longitude, "locality", "gazetteer", place.geonames_id, round(score, 4), place.population)
        )  # fmt: skip
    if admins and any(c.admin1 and c.admin1.code in admins for c in found):
        found = [c for c in found if c.admin1 and c.admin1.code in admins]
    return found


def _admin1_candidates(g, codes, score=1.0) -> list[Candidate]:
    out = []
    for code in codes:
        a = g.admin1[code]
        out.append(Candidate(a.name_ar, a.name_en, a.country, AdminRef(a.code, a.name_ar, a.name_en), a.latitude,
                             a.longitude, "admin1", "gazetteer", None, score))  # fmt: skip
    return out


def _country_candidates(g, codes, score=1.0) -> list[Candidate]:
    out = []
    for code in codes:
        c = g.countries.get(code)
        if c is not None:
            out.append(Candidate(c.name_ar, c.name_en, c.code, None, c.latitude, c.longitude, "country", "gazetteer",
                                 None, score))  # fmt: skip
    return out


def resolve(
    locality=None, admin1=None, country=None, limit: int = 10, g: Gazetteer | None = None
) -> list[Candidate]:
    """Ranked candidates, best first (see ``lookup`` for the ambiguity verdict)."""
    return lookup(locality, admin1, country, limit, g).candidates


def lookup(locality=None, admin1=None, country=None, limit: int = 10, g: Gazetteer | None = None) -> Lookup:
    g = g or gazetteer.get()
    countries = country_codes(country, g)
    if country and not countries:
        return Lookup()  # a country we do not know: no guess anywhere else
    admins = admin1_codes(admin1, countries, g)
    candidates: list[Candidate] = []
    if locality:
        candidates = _place_candidates(g, locality, countries, admins)
        if not candidates:  # the "locality" may name a governorate or a country
            candidates = _admin1_candidates(g, admin1_codes(locality, countries, g), 0.9)
        if not candidates and not countries:
            candidates = _country_candidates(g, country_codes(locality, g), 0.9)
    if not candidates and admins:
        candidates = _admin1_candidates(g, admins, 0.8 if locality else 1.0)
    if not candidates and countries and not admin1 and not locality:
        candidates = _country_candidates(g, countries)
    elif not candidates and countries and (locality or admin1):
        # Known country, unknown place: the country is the best we can say, at its precision.
        candidates = _country_candidates(g, countries, 0.5)
    candidates.sort(key=lambda c: (-c.score, -c.population, c.name_en))
    candidates = candidates[:limit]
    return Lookup(candidates, is_ambiguous(candidates))


def _contains(area: Candidate, other: Candidate) -> bool:
    if area.country != other.country:
        return False
    if area.precision == "country":
        return True
    return area.precision == "admin1" and other.admin1 is not None and area.admin1.code == other.admin1.code


def is_ambiguous(candidates: list[Candidate]) -> bool:
    """True when the top candidates are different places with nearly the same score."""
    if len(candidates) < 2:
        return False
    top = candidates[0]
    for other in candidates[1:]:
        if top.score - other.score > AMBIGUITY_MARGIN:
            break
        if _contains(top, other) or _contains(other, top):
            continue
        if haversine_km(top.latitude, top.longitude, other.latitude, other.longitude) > SAME_PLACE_KM:
            return True
    return False
