"""Places named in an article, found with the offline gazetteer and resolved by its resolver.

A word is taken for a place only where the text says it is one: after "مدينة", "محافظة",
"مديرية", "في", "in", "near"... or in an agency dateline ("MARIB, Yemen (Wire) —"). Common
words that are also place names (صور، البيضاء) are therefore not taken out of context. The
country the article is about (its places, country names, nationality words) settles names
that exist in several countries (طرابلس).
"""

import re
from collections import Counter
from dataclasses import dataclass

from tracker.geo import gazetteer, resolver
from tracker.geo.gazetteer import bare_key, division_key, name_key
from tracker.intake.text import pattern

_AR_CUE = re.compile(
    pattern(
        r"(?<![\w])(?:و|ف)?(?:ب|ل)?(?:(?:ال)?(?P<kind>مدينة|محافظة|مديرية|منطقة|بلدة|قرية|العاصمة|ولاية|حي|مخيم|ضواحي|وادي|"
        r"جزيرة|أرخبيل|شعبية|إمارة|المدينة|المحافظة)|(?P<prep>في|من|إلى|قرب|بين|داخل|شمال|جنوب|شرق|غرب|وسط)) "
    )
)
_EN_CUE = re.compile(
    r"(?<![\w])(?:in|near|at|from|outside|of|to)\s+(?:the\s+)?(?:city of |town of |province of |governorate of )?"
)
_EN_NAME = re.compile(
    r"((?:(?:Al|al|El|el|Ad|ad|As|as|Ar|ar)[- ])?[A-Z][\w'’-]+(?: (?:[A-Z][\w'’-]+|al-\w+|el-\w+)){0,2})"
)
_DATELINE = re.compile(r"^\s*([A-Z][A-Z'’ -]{2,}(?:, [A-Z][A-Za-z ]+)?)\s*(?:\(|—|–|-)", re.M)
_TOKEN = re.compile(r"[\w'’-]+")
_NATIONALITY = {
    "YE": "يمني|اليمن|yemen", "LY": "ليبي|ليبيا|libya", "SD": "سودان|sudan", "OM": "عمان|عماني|oman",
    "IQ": "عراق|iraq", "EG": "مصر|مصري|egypt", "SY": "سوري|syria", "SA": "سعودي|saudi", "AE": "إمارات|emirat",
    "PS": "فلسطين|palestin|غزة|gaza", "LB": "لبنان|لبناني|leban", "JO": "أردن|jordan", "TN": "تونس|tunisi",
    "DZ": "جزائر|alger", "MA": "مغرب|morocc", "KW": "كويت|kuwait", "BH": "بحرين|bahrain", "QA": "قطر|qatar",
}  # fmt: skip
ARAB_TLDS = set(_NATIONALITY)
_NATIONALITY_RX = {code: re.compile(pattern(rf"(?:{words})")) for code, words in _NATIONALITY.items()}
_KIND_WORD = re.compile(
    pattern(
        r"(?:و|ف)?(?:ب|ل)?(?:ال)?(?:مدينة|محافظة|مديرية|منطقة|بلدة|قرية|عاصمة|ولاية|حي|مخيم|ضواحي|وادي|جزيرة|أرخبيل|شعبية|إمارة)"
    )
)
_DIVISION_WORDS = ("محافظه", "ولايه", "شعبيه", "اماره", "المحافظه")
_LOCALITY_WORDS = ("مدينه", "المدينه", "العاصمه", "بلده", "قريه", "مديريه", "حي", "مخيم", "منطقه")


@dataclass
class Mention:
    text: str  # as matched (normalised)
    start: int
    end: int
    level: str  # locality | admin1 | country
    codes: tuple  # admin1 codes or country codes it may be
    cue: str = ""


def _known(g, words: list[str]) -> tuple[str, tuple] | None:
    """What the gazetteer knows these words as: ('locality'|'admin1'|'country', codes)."""
    text = " ".join(words)
    key = name_key(text)
    if not key or len(key) < 2:
        return None
    places = g.places_named(key) or g.places_named(bare_key(key))
    if places:
        return "locality", tuple(sorted({g.places[p // 4].country for p in places}))
    admins = g.admin1_named(division_key(text)) or g.admin1_named(bare_key(division_key(text)))
    if admins:
        return "admin1", tuple(admins)
    countries = g.countries_named(key) or g.countries_named(bare_key(key))
    if countries and len(key) > 2:
        return "country", tuple(countries)
    return None


def _longest(g, tokens: list[re.Match]) -> tuple[int, str, tuple] | None:
    for n in (3, 2, 1):
        if len(tokens) >= n:
            known = _known(g, [t.group(0) for t in tokens[:n]])
            if known:
                return n, *known
    return None


def mentions(text: str, original: str, span, start: int = 0, end: int | None = None) -> list[Mention]:
    """Place mentions in ``text[start:end]`` (normalised); ``original``/``span`` give the
    original text and the offset map (English names are found by their capitals)."""
    g = gazetteer.get()
    end = len(text) if end is None else end
    found: list[Mention] = []
    for cue in _AR_CUE.finditer(text, start, end):
        tokens = list(_TOKEN.finditer(text, cue.end(), min(end, cue.end() + 60)))[:3]
        if cue.group("prep") and tokens and _KIND_WORD.fullmatch(tokens[0].group(0)):
            continue  # "في مدينة X": the word "مدينة" is the cue, X the place
        hit = _longest(g, tokens)
        if not hit:
            continue
        n, level, codes = hit
        kind = cue.group("kind") or ""
        if level == "locality" and kind in _DIVISION_WORDS:
            admins = _known_admin1(g, [t.group(0) for t in tokens[:n]])
            if admins:
                level, codes = "admin1", admins
        found.append(Mention(text[tokens[0].start() : tokens[n - 1].end()], tokens[0].start(), tokens[n - 1].end(),
                             level, codes, kind))  # fmt: skip
    # English: capitalised names after "in", "near"... and the dateline (on the original text)
    o_start, o_end = span(start, end) if end > start else (0, 0)
    for cue in _EN_CUE.finditer(original, o_start, o_end):
        m = _EN_NAME.match(original, cue.end())
        if not m:
            continue
        words = m.group(1).replace("-", " ").split()
        for n in range(min(3, len(words)), 0, -1):
            known = _known(g, words[:n])
            if known:
                found.append(Mention(" ".join(words[:n]), -1, -1, known[0], known[1], "en"))
                break
    return found


def _known_admin1(g, words) -> tuple:
    text = " ".join(words)
    return g.admin1_named(division_key(text)) or g.admin1_named(bare_key(division_key(text)))


def dateline(original: str) -> list[Mention]:
    g = gazetteer.get()
    m = _DATELINE.search(original[:400])
    if not m:
        return []
    parts = [p.strip() for p in m.group(1).split(",")]
    found = []
    for part in parts:
        known = _known(g, part.title().split())
        if known:
            found.append(Mention(part, -1, -1, known[0], known[1], "dateline"))
    return found


def country_votes(text: str, mentions_found: list[Mention]) -> Counter:
    votes: Counter = Counter()
    for m in mentions_found:
        if m.level == "country":
            for c in m.codes:
                votes[c] += 2
        elif m.level == "admin1":
            for c in m.codes:
                votes[c[:2]] += 2 / len(m.codes)
        else:
            # a name shared with a place outside the Arab states (سيئون / Sion) is the Arab one
            codes = [c for c in m.codes if c in ARAB_TLDS] or list(m.codes)
            for c in codes:
                votes[c] += 1 / len(codes)
    for code, rx in _NATIONALITY_RX.items():
        n = len(rx.findall(text))
        if n:
            votes[code] += min(n, 3)
    return votes


@dataclass
class Place:
    country: str | None
    admin1: str | None  # code
    admin1_name: str | None
    locality: str | None
    latitude: float | None
    longitude: float | None
    precision: str | None
    geonames_id: int | None
    mention: Mention | None


def resolve(found: list[Mention], country: str | None, lang: str) -> Place | None:
    """The most specific place among ``found`` (in order), in ``country`` when known."""
    if not found:
        return (
            Place(country, None, None, None, None, None, "country" if country else None, None, None)
            if country
            else None
        )
    admins = [m for m in found if m.level == "admin1"]
    localities = [m for m in found if m.level == "locality"]
    countries = [m for m in found if m.level == "country"]
    admin_text = admins[0].text if admins else None
    for m in localities + admins:
        result = resolver.lookup(m.text if m.level == "locality" else None, admin_text if m.level == "locality" else m.text,
                                 country)  # fmt: skip
        if not result.candidates:
            continue
        best = result.best or (result.candidates[0] if country else None)
        if best is None or best.precision == "country":
            continue
        admin = best.admin1
        admin_name = (
            (admin.name_ar or admin.name_en) if admin and lang == "ar" else (admin.name_en if admin else None)
        )
        locality = None
        if best.precision == "locality":
            locality = (best.name_ar or m.text) if lang == "ar" else (best.name_en or m.text)
        return Place(best.country, admin.code if admin else None, admin_name, locality, best.latitude, best.longitude,
                     best.precision, best.geonames_id, m)  # fmt: skip
    if countries or country:
        code = country or countries[0].codes[0]
        c = resolver.lookup(None, None, code).best
        if c:
            return Place(
                code,
                None,
                None,
                None,
                c.latitude,
                c.longitude,
                "country",
                None,
                countries[0] if countries else None,
            )
    return None
