"""Synthetic demo data: realistic, bilingual incidents written in bulk (``flask demo load``).

Everything comes from one seeded ``random.Random``, so a seed always yields the same incidents.
The loader writes what the operations would write (headline type and search text derived the
same way, public references from the shared counters, an audit entry for every created row),
but in bulk: the ORM operations would take many minutes for 100,000 incidents. It writes
through the session's connection and never commits.
"""

import bisect
import itertools
import random
import re
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import cache

import sqlalchemy as sa

from tracker.audit.models import AuditEntry
from tracker.audit.operations import Actor, queue
from tracker.cases import operations as case_ops
from tracker.cases.operations import reserve_public_numbers
from tracker.cases.taxonomy import headline_type
from tracker.core import sealed
from tracker.core.bulk import insert_plain
from tracker.core.exceptions import ValidationFailed
from tracker.core.text import search_form
from tracker.core.vocab import PERPETRATOR_TYPES
from tracker.demo import data
from tracker.extensions import db
from tracker.people.models import Journalist, Outlet, journalist_search_name

BATCH_SIZE = 2000
FIRST_YEAR, LAST_YEAR = 2015, 2025
ACTOR = "system:demo"
# People and outlets are written here (parents first); incidents by the one incident writer.
TABLES = (Outlet, Journalist, AuditEntry)
GEO_COLUMNS = ("admin1", "admin2", "locality", "latitude", "longitude", "geo_precision",
               "public_geo_precision", "geonames_id", "geocode_source")  # fmt: skip
GENDER_FORMS = ("m", "f", "m2", "f2", "mp", "fp")  # order of [[...|...]] alternatives in templates
HOLDING_KINDS = ("detention", "house_arrest", "sentence")


def load(count: int, seed: int = 1, progress: Callable[[int], None] | None = None) -> int:
    """Insert ``count`` synthetic incidents into the current session; return how many."""
    if count <= 0:
        return 0
    rng = random.Random(seed)
    plan = _plan(rng, count)
    generator = _Generator(rng, seed, _Ids(), _reserve_refs(plan))
    actor = Actor(None, "demo", ACTOR)
    for start in range(0, count, BATCH_SIZE):
        chunk = plan[start : start + BATCH_SIZE]
        for day, country in chunk:
            generator.incident(day, country)
        _write(generator.take_rows())
        case_ops.create_incidents(generator.take_items(), actor, victim_names=generator.names)
        if progress is not None:
            progress(len(chunk))
    return count


# --- random choices ---------------------------------------------------------------------------


class _Weighted:
    """Repeated weighted choice (``random.choices`` rebuilds its table on every call)."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])]


def _dist(**weights) -> _Weighted:
    return _Weighted(weights, weights.values())


DATE_PRECISION = _dist(day=82, month=9, week=6, year=3)
GEO_PRECISION = _dist(locality=48, admin1=26, exact=12, admin2=8)
PUBLIC_PRECISION = _dist(admin1=75, locality=12, country=8, admin2=5)
WORKFLOW = _dist(published=75, verified=8, in_review=7, draft=7, rejected=2, archived=1)
VERIFICATION_REVIEWED = _dist(confirmed=65, likely=28, possible=6, unverified=1)
VERIFICATION_PENDING = _dist(confirmed=5, likely=20, possible=30, unverified=45)
CASE_STATUS = _dist(closed=55, unknown=45)
KILLING_CASE_STATUS = _dist(ongoing=15, closed=35, unknown=50)
IMPUNITY = _Weighted(("complete", "partial", "unknown", "full_justice", None), (68, 9, 11, 3, 9))
SOURCE_COUNT = _Weighted((1, 2, 3), (55, 30, 15))
RELIABILITY = _Weighted((1, 2, 3, 4, 5), (5, 10, 25, 35, 25))


@cache
def _headline(codes: tuple[str, ...]) -> str:
    return headline_type(codes)


def _last_day() -> date:
    """Nothing is dated after 2025, nor in the future."""
    return min(date(LAST_YEAR, 12, 31), date.today())


# --- planning and writing ---------------------------------------------------------------------


def _plan(rng: random.Random, count: int) -> list[tuple[date, str]]:
    """(date, country) of every incident, in date order so that references follow the calendar."""
    countries = _Weighted(data.COUNTRIES, [c["weight"] for c in data.COUNTRIES.values()])
    flat = [1] * (LAST_YEAR - FIRST_YEAR + 1)
    years = {
        code: _Weighted(range(FIRST_YEAR, LAST_YEAR + 1), c["years"] or flat)
        for code, c in data.COUNTRIES.items()
    }
    last_day = _last_day()
    plan = []
    for _ in range(count):
        country = countries.pick(rng)
        first = date(years[country].pick(rng), 1, 1)
        day = first + timedelta(days=rng.randrange((date(first.year + 1, 1, 1) - first).days))
        plan.append((min(day, last_day), country))
    plan.sort()
    return plan


def _reserve_refs(plan: list[tuple[date, str]]) -> dict[tuple[str, int], int]:
    """First free number per (country, year), reserved in one upsert for the whole plan."""
    return reserve_public_numbers(Counter((country, day.year) for day, country in plan))


class _Ids:
    """Primary keys handed out before the insert, so that child rows can point at their parents.

    PostgreSQL: drawn from the table's own sequence, so the sequence is already past them and
    concurrent ORM inserts cannot collide. SQLite: after the current maximum (writers are
    serialised there anyway).
    """

    BLOCK = 4096

    def __init__(self):
        self.postgres = db.session.get_bind().dialect.name == "postgresql"
        self.free: dict[str, list[int]] = {}
        self.next_sqlite: dict[str, int] = {}
        self.synced: set[str] = set()

    def next(self, table: str) -> int:
        if not self.free.get(table):
            self.free[table] = self._block(table)
        return self.free[table].pop()

    def _block(self, table: str) -> list[int]:
        """The next BLOCK ids, highest first (``next`` pops from the end)."""
        if self.postgres:
            sequence = f"pg_get_serial_sequence('{table}', 'id')"
            if table not in self.synced:  # once: move the sequence past ids inserted by hand
                highest = f"(SELECT COALESCE(MAX(id), 0) FROM {table})"
                db.session.execute(
                    sa.text(f"SELECT setval({sequence}, GREATEST({highest}, nextval({sequence})))")
                )
                self.synced.add(table)
            stmt = sa.text(f"SELECT nextval({sequence}) FROM generate_series(1, :n)")
            return sorted(db.session.scalars(stmt, {"n": self.BLOCK}), reverse=True)
        first = self.next_sqlite.get(table) or db.session.scalar(
            sa.text(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        )
        self.next_sqlite[table] = first + self.BLOCK
        return list(range(first + self.BLOCK - 1, first - 1, -1))


def _write(rows: dict[str, list[dict]]) -> None:
    for model in TABLES:
        table_rows = rows.get(model.__tablename__) or []
        if model is AuditEntry:
            queue(table_rows)  # written with the transaction's commit (tracker.audit.operations)
        else:
            insert_plain(model.__table__, table_rows)


# --- text helpers -----------------------------------------------------------------------------

_ALTERNATIVES = re.compile(r"\[\[(.+?)\]\]")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([،.,;:)])")


@cache
def _agree(template: str, form: str) -> str:
    """Resolve ``[[m|f]]`` / ``[[m|f|m2|f2|mp|fp]]`` for the victims' gender and number."""

    def choose(match):
        options = match.group(1).split("|")
        if len(options) == len(GENDER_FORMS):
            return options[GENDER_FORMS.index(form)]
        return options[form.startswith("f")]

    return _ALTERNATIVES.sub(choose, template)


def _tidy(text: str) -> str:
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def _li(noun: str) -> str:
    """Arabic "of/for": لـ joins the word and replaces the alef of ال."""
    return "لل" + noun[2:] if noun.startswith("ال") else "ل" + noun


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _when(day: date, precision: str) -> tuple[str, str]:
    month_ar, month_en = data.MONTHS_AR[day.month - 1], data.MONTHS_EN[day.month - 1]
    if precision == "year":
        return f"خلال عام {day.year}", f"in {day.year}"
    if precision == "month":
        return f"في {month_ar} {day.year}", f"in {month_en} {day.year}"
    if precision == "week":
        week_ar, week_en = data.WEEKS[min((day.day - 1) // 7, 4)]
        return (
            f"خلال الأسبوع {week_ar} من {month_ar} {day.year}",
            f"in the {week_en} week of {month_en} {day.year}",
        )
    return f"بتاريخ {day.day} {month_ar} {day.year}", f"on {day.day} {month_en} {day.year}"


# (days below which the unit is used, days per unit, Arabic 1 / 2 / 3-10 / 11+, English)
_UNITS = (
    (14, 1, ("يوم واحد", "يومين", "أيام", "يوماً"), "day"),
    (60, 7, ("أسبوع", "أسبوعين", "أسابيع", "أسبوعاً"), "week"),
    (350, 30, ("شهر", "شهرين", "أشهر", "شهراً"), "month"),
    (None, 365, ("سنة", "سنتين", "سنوات", "سنة"), "year"),
)


def _duration(days: int) -> tuple[str, str]:
    """A length of time in Arabic (after «بعد») and English."""
    limit, size, (one, two, few, many), english = next(u for u in _UNITS if u[0] is None or days < u[0])
    n = max(1, round(days / size))
    arabic = one if n == 1 else two if n == 2 else f"{n} {few}" if n <= 10 else f"{n} {many}"
    return arabic, f"{n} {english}s" if n > 1 else f"a {english}"


def _who(people: list, protected: list, female: bool) -> tuple[str, str, str, str, str]:
    """The victims as (Arabic title form, Arabic nominative, Arabic genitive, English title form,
    English). Protected people are never named, nor tied to their outlet."""
    if len(people) > 1:
        gen_m, gen_f, nom_m, nom_f, english = data.GROUP_WORDS[len(people)]
        return (gen_f, nom_f, gen_f, english, english) if female else (gen_m, nom_m, gen_m, english, english)
    if not people:
        return "صحفي", "صحفي", "صحفي", "journalist", "a journalist"
    person, f = people[0], people[0]["gender"] == "female"
    if protected[0]:
        nominal = "صحفية تحجب المنظمة اسمها لدواعٍ أمنية" if f else "صحفي تحجب المنظمة اسمه لدواعٍ أمنية"
        english = "a journalist whose name is withheld for security reasons"
        return ("صحفية" if f else "صحفي"), nominal, nominal, "journalist", english
    outlet = person["outlet"]
    if outlet is None:
        m, fem, def_m, def_f, english, _weight = data.FREELANCE_WORDS[person["profession"]]
        named = f"{def_f if f else def_m} {person['name_ar']}"
        return (fem if f else m), named, named, english, f"{english} {person['name_en']}"
    m, fem, def_m, def_f, link, english, _weight = data.PROFESSION_WORDS[person["profession"]]
    named = f"{def_f if f else def_m} {person['name_ar']} ({outlet['ar']})"
    preposition = "of" if person["profession"] == "editor_in_chief" else "for"
    title_en = f"{english} {preposition} {outlet['en']}"
    return (
        f"{fem if f else m}{link}{outlet['ar']}",
        named,
        named,
        title_en,
        f"{english} {person['name_en']} ({outlet['en']})",
    )


# --- the generator ----------------------------------------------------------------------------


class _Generator:
    """Builds the rows of one incident at a time; ``take_rows`` hands over what is pending."""

    def __init__(self, rng: random.Random, seed: int, ids: _Ids, refs: dict[tuple[str, int], int]):
        self.rng, self.seed, self.ids, self.refs = rng, seed, ids, dict(refs)
        self.now = datetime.now(UTC)
        self.last_day = _last_day()
        self.rows: dict[str, list[dict]] = {model.__tablename__: [] for model in TABLES}
        self.items: list[dict] = []  # incidents for the incident writer's batch form
        self.names: dict[int, tuple] = {}  # journalist id -> (Arabic, English name)
        self.pool: dict[str, list[dict]] = {code: [] for code in data.COUNTRIES}  # people seen so far
        self.actors: dict[tuple, _Weighted | None] = {}
        self.scenarios = {name: _Weighted(w, w.values()) for name, w in data.PROFILES.items()}
        self.codes = {name: _Weighted(s["codes"], s["codes"].values()) for name, s in data.SCENARIOS.items()}
        self.admin1 = {
            code: _Weighted(places, [p[4] for p in places]) for code, places in data.PLACES.items()
        }
        self.attacks = {
            kind: [a for a in data.ATTACKS if a[3] is None or kind in a[3]] for kind in PERPETRATOR_TYPES
        }
        self.professions = {
            outlet: _Weighted(words, [w[-1] for w in words.values()])
            for outlet, words in ((True, data.PROFESSION_WORDS), (False, data.FREELANCE_WORDS))
        }
        self.outlets = self._outlets()

    def take_rows(self) -> dict[str, list[dict]]:
        rows, self.rows = self.rows, {model.__tablename__: [] for model in TABLES}
        return rows

    def take_items(self) -> list[dict]:
        items, self.items = self.items, []
        return items

    def _audit(self, entity_type: str, entity_id: int, changes: dict, at: datetime) -> None:
        self.rows["audit_entries"].append({
            "at": at, "user_id": None, "actor": ACTOR, "channel": "demo", "action": "create",
            "entity_type": entity_type, "entity_id": entity_id, "changes": changes,
            "note": f"demo data, seed {self.seed}",
        })  # fmt: skip

    # --- outlets and people --------------------------------------------------------------------

    def _outlets(self) -> dict[str, list[dict]]:
        """A few outlets per country, the same for every seed and count (their own random stream),
        so that a later load reuses the outlets an earlier one created."""
        rng = random.Random(0)
        names = list(itertools.product(data.OUTLET_HEADS, data.OUTLET_TAILS))
        rng.shuffle(names)
        types = _Weighted(data.OUTLET_TYPES, [t[3] for t in data.OUTLET_TYPES.values()])
        columns = (Outlet.id, Outlet.name_ar, Outlet.country, Outlet.media_type)
        existing = {(row.name_ar, row.country): row for row in db.session.execute(sa.select(*columns))}
        created = datetime(FIRST_YEAR, 1, 1, 9, tzinfo=UTC)
        outlets: dict[str, list[dict]] = {}
        pairs = iter(names)
        for country, n in data.OUTLETS_PER_COUNTRY.items():
            for (head_ar, head_en), (tail_ar, tail_en) in itertools.islice(pairs, n):
                outlet = {"name_ar": f"{head_ar} {tail_ar}", "name_en": f"{head_en} {tail_en}",
                          "media_type": types.pick(rng), "country": country}  # fmt: skip
                old = existing.get((outlet["name_ar"], country))
                if old is not None:
                    outlet.update(id=old.id, media_type=old.media_type)
                else:
                    self._new_outlet(outlet, created)
                outlets.setdefault(country, []).append(self._outlet_texts(outlet))
        return outlets

    def _new_outlet(self, outlet: dict, created: datetime) -> None:
        outlet["id"] = self.ids.next("outlets")
        search_name = search_form(f"{outlet['name_ar']} {outlet['name_en']}")
        self.rows["outlets"].append(
            {**outlet, "search_name": search_name, "created_at": created, "updated_at": created}
        )
        names = {"name_ar": [None, outlet["name_ar"]], "name_en": [None, outlet["name_en"]]}
        self._audit("outlet", outlet["id"], names, created)

    @staticmethod
    def _outlet_texts(outlet: dict) -> dict:
        before, after, english, _weight = data.OUTLET_TYPES[outlet["media_type"] or "online"]
        slug = re.sub(r"[^a-z]+", "-", outlet["name_en"].lower()).strip("-")
        arabic, english = f"{before} «{outlet['name_ar']}»{after}", f"{outlet['name_en']} {english}"
        return {**outlet, "ar": arabic, "en": english, "domain": f"{slug}.example.net"}

    def _journalist(self, country: str, at: datetime, *, female: float = 0.18, outlet: dict | None = None,
                    profession: str | None = None) -> dict:  # fmt: skip
        """A new synthetic person with their row and audit entry."""
        rng = self.rng
        is_female = rng.random() < female
        first_ar, first_en = rng.choice(data.FEMALE_NAMES if is_female else data.MALE_NAMES)
        father_ar, father_en = rng.choice(data.MALE_NAMES)
        family_ar, family_en = rng.choice(data.FAMILY_NAMES[data.COUNTRIES[country]["names"]])
        if outlet is None and profession is None and rng.random() < 0.8:
            outlet = rng.choice(self.outlets[country])
        if profession is None:
            profession = self.professions[outlet is not None].pick(rng)
            if outlet and outlet["media_type"] not in data.PROFESSION_MEDIA.get(
                profession, data.OUTLET_TYPES
            ):
                profession = "journalist"  # no camera operator at a newspaper
        foreign = rng.random() < 0.03
        nationality = (
            rng.choice([c for c in data.FOREIGN_NATIONALITIES if c != country]) if foreign else country
        )
        person = {
            "id": self.ids.next("journalists"), "name_ar": f"{first_ar} {father_ar} {family_ar}",
            "name_en": f"{first_en} {father_en} {family_en}", "gender": "female" if is_female else "male",
            "profession": profession, "outlet": outlet, "protected": rng.random() < 0.1,
        }  # fmt: skip
        media_type = (
            outlet["media_type"] if outlet else ("social_media" if profession == "blogger" else "freelance")
        )
        self.names[person["id"]] = (person["name_ar"], person["name_en"])
        self.rows["journalists"].append(sealed.seal_row("journalists", {
            "id": person["id"], "name_ar": person["name_ar"], "name_en": person["name_en"],
            "gender": person["gender"], "profession": profession,
            "outlet_id": outlet["id"] if outlet else None, "media_type": media_type,
            "nationality": nationality, "is_foreign": foreign, "merged_into_id": None,
            "is_protected": person["protected"],
            "search_name": journalist_search_name(person["name_ar"], person["name_en"], person["protected"]),
            "created_at": at, "updated_at": at,
        }))  # fmt: skip
        names = {"name_ar": [None, person["name_ar"]], "name_en": [None, person["name_en"]]}
        self._audit("journalist", person["id"], names, at)
        self.pool[country].append(person)
        return person

    def _victims(self, scenario: dict, country: str, outlet: dict, at: datetime) -> list[dict]:
        """The people affected: usually one, sometimes 2-4, ~30% already seen in an earlier incident."""
        rng, kind = self.rng, scenario.get("victims", "people")
        if kind == "none" or (kind == "owner_or_none" and rng.random() < 0.6):
            return []
        r = rng.random()
        n = min(1 if r < 0.82 else 2 if r < 0.92 else 3 if r < 0.97 else 4, scenario.get("max_victims", 4))
        if kind != "people":  # the outlet's editor, then its staff
            people = [self._journalist(country, at, outlet=outlet, profession="editor_in_chief")]
            return people + [self._journalist(country, at, outlet=outlet) for _ in range(n - 1)]
        people, pool = [], self.pool[country]
        for _ in range(n):
            person = rng.choice(pool) if pool and rng.random() < 0.3 else None
            if person is None or any(person is p for p in people):
                person = self._journalist(country, at, female=scenario.get("female", 0.18))
            people.append(person)
        return people

    # --- place and perpetrators ----------------------------------------------------------------

    def _place(self, country: str, scenario: dict, sensitive: bool) -> dict:
        """Location columns plus the Arabic/English phrases that name the place."""
        rng, info = self.rng, data.COUNTRIES[country]
        if rng.random() < (0.7 if scenario.get("geo") == "country" else 0.06):
            lat, lon = info["centre"] if rng.random() < 0.6 else (None, None)
            geo = {"admin1": None, "admin2": None, "locality": None, "latitude": lat, "longitude": lon}
            geo["geo_precision"] = "country"
            texts = (info["ar"], info["en"], f"في {info['ar']}", f"in {info['en']}")
        else:
            geo, texts = self._admin_place(country, info)
        public = rng.choice(("country", "admin1")) if sensitive else PUBLIC_PRECISION.pick(rng)
        geo["public_geo_precision"] = public  # the writer keeps it no finer than what is recorded
        manual = geo["geo_precision"] == "exact" or rng.random() < 0.25
        geo["geocode_source"] = None if geo["latitude"] is None else "manual" if manual else "gazetteer"
        geo["geonames_id"] = None
        geo["place_ar"], geo["place_en"], geo["where_ar"], geo["where_en"] = texts
        return geo

    def _admin_place(self, country: str, info: dict) -> tuple[dict, tuple]:
        rng = self.rng
        admin1_ar, admin1_en, lat, lon, _weight, localities = self.admin1[country].pick(rng)
        term_ar, term_en = info["term"]
        bare = admin1_ar in data.BARE_ADMIN1
        full_ar, full_en = (
            (admin1_ar, admin1_en) if bare else (f"{term_ar} {admin1_ar}", f"{admin1_en} {term_en}")
        )
        precision = GEO_PRECISION.pick(rng)
        if precision == "admin1":
            geo = {"admin1": admin1_ar, "admin2": None, "locality": None, "latitude": lat, "longitude": lon}
            geo["geo_precision"] = "admin1"
            return geo, (full_ar, full_en, f"في {full_ar}", f"in {full_en}")
        locality_ar, locality_en, lat, lon, admin2 = rng.choice(localities)
        if precision == "admin2" and admin2 is None:
            precision = "locality"
        if precision == "exact":  # a street-level point, within ~1 km of the town centre
            lat, lon = round(lat + rng.uniform(-0.01, 0.01), 5), round(lon + rng.uniform(-0.01, 0.01), 5)
        if precision != "admin2" and rng.random() < 0.5:
            admin2 = None  # the district is recorded only sometimes
        geo = {
            "admin1": admin1_ar,
            "admin2": admin2,
            "locality": locality_ar,
            "latitude": lat,
            "longitude": lon,
        }
        geo["geo_precision"] = precision
        if locality_ar == admin1_ar:
            return geo, (locality_ar, locality_en, f"في مدينة {locality_ar}", f"in {locality_en}")
        return geo, (locality_ar, locality_en, f"في {locality_ar} ب{full_ar}", f"in {locality_en}, {full_en}")

    def _actor_pool(self, country: str, family: str, admin1: str | None, year: int) -> _Weighted | None:
        """Who plausibly did this kind of thing there and then (areas of control, years active)."""
        key = (country, family, admin1, year)
        if key not in self.actors:
            fits = [
                actor for actor in (*data.ACTORS[country], *data.GENERIC_ACTORS)
                if family in actor[4].split()
                and (actor[5] is None or admin1 is None or admin1 in actor[5])
                and (actor[6] is None or actor[6][0] <= year <= actor[6][1])
            ]  # fmt: skip
            self.actors[key] = _Weighted(fits, [a[3] for a in fits]) if fits else None
        return self.actors[key]

    def _perpetrators(
        self, scenario: dict, country: str, admin1: str | None, year: int
    ) -> tuple[list, str, str]:
        """[{type, name}], and how the first reads in the texts (Arabic genitive, English)."""
        family = scenario["family"]
        pool = self._actor_pool(country, family, admin1, year)
        if pool is None or self.rng.random() < scenario["unknown"]:
            return [{"type": "unknown", "name": None}], *data.UNKNOWN_ACTORS[family]
        actors = [pool.pick(self.rng)]
        if self.rng.random() < 0.12:
            second = pool.pick(self.rng)
            if second[1] != actors[0][1]:
                actors.append(second)
        first = actors[0]
        return (
            [{"type": a[0], "name_ar": a[1], "name_en": a[2]} for a in actors],
            data.GENITIVE_AR.get(first[1], first[1]),
            first[2],
        )

    # --- timelines (status events) -------------------------------------------------------------

    def _timeline(self, kind: str | None, start: date, single: bool) -> dict:
        """Status events shared by the incident's victims, and how their story ends so far."""
        method = getattr(self, f"_timeline_{kind}", None) if kind else None
        story = method(start, single) if method else {"events": [], "end": None}
        story["events"] = [(event, day) for event, day in story["events"] if day <= self.last_day]
        return story

    def _end(self, events: list, event: str, start: date, days: int | None) -> tuple[str, int] | None:
        """Record a release or death ``days`` after ``start``, if that is within the data."""
        if days is None or start + timedelta(days=days) > self.last_day:
            return None
        events.append((event, start + timedelta(days=days)))
        return ("released" if event == "released_on" else "found_dead"), days

    def _release(self, events: list, start: date, days: int | None) -> tuple[str, int | None]:
        return self._end(events, "released_on", start, days) or ("held", None)

    def _hold_days(self, short: float, medium: float, long: float) -> int | None:
        r = self.rng.random()
        if r < short:
            return self.rng.randint(1, 14)
        if r < short + medium:
            return self.rng.randint(15, 180)
        if r < short + medium + long:
            return self.rng.randint(181, 1500)
        return None  # never released

    def _timeline_detention(self, start: date, single: bool) -> dict:
        rng, events = self.rng, [("detained_on", start)]
        end, days = self._release(events, start, self._hold_days(0.45, 0.30, 0.17))
        limit = start + timedelta(days=days) if days else self.last_day
        charged = (limit - start).days > 3 and rng.random() < 0.4
        sentenced = False
        if charged:
            day = start + timedelta(days=rng.randint(1, min(60, (limit - start).days - 1)))
            events.append(("charged_on", day))
            if rng.random() < 0.5 and (limit - day).days > 30:
                day += timedelta(days=rng.randint(7, min(300, (limit - day).days - 1)))
                events.append(("tried_on", day))
                sentenced = rng.random() < 0.5
                if sentenced:
                    events.append(("sentenced_on", day + timedelta(days=rng.randint(0, 20))))
        events.sort(key=lambda event: event[1])
        return {"events": events, "end": end, "days": days, "charged": charged, "sentenced": sentenced}

    def _timeline_house_arrest(self, start: date, single: bool) -> dict:
        events = [("detained_on", start)]
        end, days = self._release(
            events, start, self.rng.randint(30, 900) if self.rng.random() < 0.8 else None
        )
        return {"events": events, "end": end, "days": days}

    def _timeline_abduction(self, start: date, single: bool, released: float = 0.8) -> dict:
        rng, events = self.rng, [("abducted_on", start)]
        r = rng.random()
        dead = (
            single
            and released <= r < released + 0.03
            and self._end(events, "found_dead_on", start, rng.randint(2, 60))
        )
        if dead:
            return {"events": events, "end": dead[0], "days": dead[1]}
        days = (rng.randint(1, 14) if rng.random() < 0.5 else rng.randint(15, 200)) if r < released else None
        end, days = self._release(events, start, days)
        return {"events": events, "end": "captive" if end == "held" else end, "days": days}

    def _timeline_hostage(self, start: date, single: bool) -> dict:
        return self._timeline_abduction(start, single, released=0.9)

    def _timeline_disappearance(self, start: date, single: bool) -> dict:
        rng, events = self.rng, [("disappeared_on", start)]
        r = rng.random()
        dead = single and r < 0.05 and self._end(events, "found_dead_on", start, rng.randint(5, 400))
        if dead:
            return {"events": events, "end": dead[0], "days": dead[1]}
        end, days = self._release(events, start, rng.randint(7, 900) if r < 0.5 else None)
        return {"events": events, "end": "unknown_fate" if end == "held" else end, "days": days}

    def _timeline_missing(self, start: date, single: bool) -> dict:
        events: list = []
        dead = (
            single
            and self.rng.random() < 0.1
            and self._end(events, "found_dead_on", start, self.rng.randint(5, 90))
        )
        if dead:
            return {"events": events, "end": dead[0], "days": dead[1]}
        return {"events": events, "end": "unknown_fate"}

    def _timeline_death_custody(self, start: date, single: bool) -> dict:
        died = min(start + timedelta(days=self.rng.randint(3, 400)), self.last_day)
        return {"events": [("detained_on", start), ("died_on", died)], "end": "died", "died": died}

    def _timeline_sentence(self, start: date, single: bool) -> dict:
        """The incident is the sentence; the charges and hearings came before it."""
        rng = self.rng
        tried = start - timedelta(days=rng.randint(0, 30))
        charged = tried - timedelta(days=rng.randint(20, 200))
        events = [("charged_on", charged), ("tried_on", tried), ("sentenced_on", start)]
        if rng.random() < 0.7:
            events.insert(0, ("detained_on", charged - timedelta(days=rng.randint(0, 10))))
        term = rng.choice(data.TERMS)
        served = term[2] if rng.random() < 0.7 else int(term[2] * rng.uniform(0.2, 0.9))  # or pardoned
        end, days = self._release(events, start, served)
        return {"events": events, "end": end, "days": days, "term": term}

    def _timeline_prosecution(self, start: date, single: bool) -> dict:
        """Summoned or charged; maybe a hearing, sometimes an acquittal. Nobody is held."""
        rng, events = self.rng, [("charged_on", start)]
        tried = start + timedelta(days=rng.randint(14, 200))
        if rng.random() < 0.6 and tried <= self.last_day:
            events.append(("tried_on", tried))
            acquitted = tried + timedelta(days=rng.randint(0, 60))
            if rng.random() < 0.3 and acquitted <= self.last_day:
                events.append(("acquitted_on", acquitted))
                return {"events": events, "end": "acquitted"}
        return {"events": events, "end": None}

    def _timeline_lawsuit(self, start: date, single: bool) -> dict:
        if self.rng.random() < 0.4:
            return {"events": [("tried_on", start + timedelta(days=self.rng.randint(30, 300)))], "end": None}
        return {"events": [], "end": None}

    # --- one incident --------------------------------------------------------------------------

    def incident(self, day: date, country: str) -> None:
        rng = self.rng
        kind = self.scenarios[data.COUNTRIES[country]["profile"]].pick(rng)
        scenario = data.SCENARIOS[kind]
        precision = DATE_PRECISION.pick(rng)
        if precision in ("month", "year"):
            day = day.replace(day=1) if precision == "month" else date(day.year, 1, 1)
        created = self._created_at(day)
        outlet = rng.choice(self.outlets[country])
        people = self._victims(scenario, country, outlet, created)
        confidential = rng.random() < 0.05
        # protection is per person (decided when the person is made): a protected journalist is
        # withheld in every case of theirs, so no published case may name them
        protected = [p["protected"] for p in people]
        geo = self._place(country, scenario, any(protected) or confidential)
        perpetrators, perp_ar, perp_en = self._perpetrators(scenario, country, geo["admin1"], day.year)
        story = self._timeline(scenario["timeline"], day, len(people) == 1)
        codes = self._codes(kind, story, people)
        context = {"day": day, "precision": precision, "country": country, "geo": geo, "outlet": outlet,
                   "people": people, "protected": protected, "perp": (perp_ar, perp_en),
                   "attack": rng.choice(self.attacks[perpetrators[0]["type"]])}  # fmt: skip
        texts = self._texts(scenario, story, context)
        item = self._incident_item(context, texts, codes, story, scenario, confidential, created)
        item["perpetrators"] = perpetrators
        outcomes = self._outcomes(scenario, codes, len(people))
        item["victims"] = self._victim_items(scenario, people, protected, outcomes, story["events"])
        item["sources"] = self._source_items(
            day, item, people[0]["outlet"] if people and people[0]["outlet"] else outlet
        )
        item["audit_note"] = f"demo data, seed {self.seed}"
        if item["workflow_status"] == "published" and not self._publishable(item, people):
            # a named victim's given + family name can be a protected victim's (أحمد سامي الحداد
            # names سامي ... الحداد): the writer would refuse it public, so it stays in review
            item["workflow_status"] = "verified"
        self.items.append(item)

    @staticmethod
    def _publishable(item: dict, people: list) -> bool:
        """Whether the incident writer would publish ``item`` (its protected-name rule)."""
        victims = [{**victim, "journalist": {"name_ar": person["name_ar"], "name_en": person["name_en"],
                                             "is_protected": person["protected"]}}
                   for victim, person in zip(item["victims"], people, strict=True)]  # fmt: skip
        try:
            # its texts name no one but the case's own victims: the registry-wide check (which
            # the batch writer makes as it writes) has nothing to find here
            case_ops.check_publishable({**item, "victims": victims}, registry=False)
        except ValidationFailed:
            return False
        return True

    def _created_at(self, day: date) -> datetime:
        """When a researcher entered the case: days to weeks after it happened."""
        lag = timedelta(
            days=min(int(self.rng.expovariate(1 / 12)), 180), seconds=self.rng.randrange(8 * 3600)
        )
        return min(datetime(day.year, day.month, day.day, 7, tzinfo=UTC) + lag, self.now)

    def _codes(self, kind: str, story: dict, people: list) -> list[str]:
        """1-3 consistent codes: the scenario's, optional extras, and what the timeline implies."""
        rng, scenario = self.rng, data.SCENARIOS[kind]
        codes = [self.codes[kind].pick(rng)]
        implied = [
            (code, 1.0)
            for code, flag in (("F5", story.get("charged")), ("F4.2", story.get("sentenced")))
            if flag
        ]
        for code, p in (*scenario["extra"], *implied):
            if len(codes) < 3 and code not in codes and rng.random() < p:
                codes.append(code)
        also_injured = scenario.get("also_injured", 0)
        if len(people) > 1 and len(codes) < 3 and "I2" not in codes and rng.random() < also_injured:
            codes.append("I2")
        return sorted(codes)

    def _outcomes(self, scenario: dict, codes: list[str], n: int) -> list[str]:
        """What happened to each victim, consistent with the codes."""
        outcome = "injured" if scenario.get("if_injured") in codes else scenario["outcome"]
        outcomes = [outcome] * n
        if "also_injured" in scenario and "I2" in codes:
            for i in range(1 if outcome == "killed" else 0, n):
                if self.rng.random() < scenario["also_injured"]:
                    outcomes[i] = "injured"
            if outcome == "killed" and "injured" not in outcomes:  # I2 was recorded for someone
                outcomes[-1] = "injured"
        return outcomes

    def _incident_item(self, context, texts, codes, story, scenario, confidential, created) -> dict:
        rng, day, country, geo = self.rng, context["day"], context["country"], context["geo"]
        status = WORKFLOW.pick(rng)
        reviewed = status in ("published", "verified", "archived")
        verification = (VERIFICATION_REVIEWED if reviewed else VERIFICATION_PENDING).pick(rng)
        number = self.refs[(country, day.year)]
        self.refs[(country, day.year)] = number + 1
        case_status, impunity = self._case_status(codes, story, day)
        updated = (
            created if status == "draft" else min(created + timedelta(days=rng.randint(0, 60)), self.now)
        )
        return {
            "public_ref": case_ops.format_public_ref(country, day.year, number), **texts,
            "violation_types": codes, "date_start": day,
            "date_end": self._date_end(day, scenario, story), "date_precision": context["precision"],
            "country": country, **{column: geo[column] for column in GEO_COLUMNS},
            "verification": verification, "case_status": case_status, "impunity": impunity,
            "workflow_status": status, "is_confidential": confidential,
            "confidential_notes": rng.choice(data.CONFIDENTIAL_NOTES) if confidential else None,
            "created_at": created, "updated_at": updated,
        }  # fmt: skip

    def _date_end(self, day: date, scenario: dict, story: dict) -> date | None:
        if "died" in story:
            return story["died"]
        rng = self.rng
        if scenario.get("campaign") and rng.random() < 0.55:
            end = day + timedelta(days=rng.randint(3, 240))
        elif rng.random() < 0.04:
            end = day + timedelta(days=rng.randint(1, 3))
        else:
            return None
        return end if end <= self.last_day else None

    def _case_status(self, codes: list[str], story: dict, day: date) -> tuple[str, str | None]:
        rng = self.rng
        if story["end"] in ("held", "captive", "unknown_fate"):
            return "ongoing", None
        if _headline(tuple(codes)).startswith("L1"):
            return KILLING_CASE_STATUS.pick(rng), IMPUNITY.pick(rng)
        pending = bool(story["events"]) and story["end"] is None and (self.last_day - day).days < 365
        if pending and rng.random() < 0.6:  # a trial still running
            return "ongoing", None
        return CASE_STATUS.pick(rng), None

    def _victim_items(self, scenario, people, protected, outcomes, events) -> list[dict]:
        rng, victims = self.rng, []
        for person, hidden, outcome in zip(people, protected, outcomes, strict=True):
            role = (
                "owner" if scenario.get("victims") and person["profession"] == "editor_in_chief" else "target"
            )
            if role == "target" and scenario["family"] == "strike" and rng.random() < 0.25:
                role = "bystander"
            victims.append({
                "journalist_id": person["id"], "role_in_incident": role, "outcome": outcome,
                "is_identity_protected": hidden,
                "status_events": [{"event": event, "date": day} for event, day in events],
            })  # fmt: skip
        return victims

    def _source_items(self, day: date, row: dict, outlet: dict) -> list[dict]:
        """1-3 sources: monitors' reports, the outlet's own statement, ~10% internal testimony."""
        rng, sources = self.rng, []
        for _position in range(SOURCE_COUNT.pick(rng)):
            published = min(day + timedelta(days=rng.choice((0, 0, 1, 1, 2, 3, 5, 7, 10))), self.now.date())
            source = {"published_on": published, "reliability": RELIABILITY.pick(rng), "is_internal": False}
            r = rng.random()
            if r < 0.1:
                publisher, title = rng.choice(data.INTERNAL_SOURCES)
                source.update(url=None, title=title, publisher=publisher, is_internal=True)
            elif r < 0.28:
                url = f"https://{outlet['domain']}/news/{rng.randrange(100000, 999999)}"
                source.update(url=url, title=row["title_ar"] or row["title_en"], publisher=outlet["name_ar"])
            else:
                publisher, domain, lang = rng.choice(data.PUBLISHERS)
                url = f"https://{domain}/{lang}/{day.year}/{day.month:02d}/{rng.randrange(10000, 99999)}"
                title = (
                    (row["title_en"] or row["title_ar"])
                    if lang == "en"
                    else (row["title_ar"] or row["title_en"])
                )
                source.update(url=url, title=title, publisher=publisher)
            sources.append(source)
        return sources

    # --- texts ---------------------------------------------------------------------------------

    def _texts(self, scenario: dict, story: dict, context: dict) -> dict:
        """Titles and summaries in both languages (about 3% in one language only)."""
        rng = self.rng
        ar, en, form = self._slots(story, context)
        title_ar, title_en, summary_ar, summary_en = rng.choice(scenario["texts"])
        extra_ar, extra_en = self._follow_up(scenario, story, ar, en, form, context)
        texts = {
            "title_ar": _tidy(_agree(title_ar, form).format(**ar)),
            "title_en": _tidy(title_en.format(**en)),
            "summary_ar": _tidy(" ".join([_agree(summary_ar, form).format(**ar), *extra_ar])),
            "summary_en": _tidy(" ".join([summary_en.format(**en), *extra_en])),
        }
        r = rng.random()
        if r < 0.015:
            texts.update(title_ar=None, summary_ar=None)
        elif r < 0.03:
            texts.update(title_en=None, summary_en=None)
        return texts

    def _slots(self, story: dict, context: dict) -> tuple[dict, dict, str]:
        """Values for the Arabic and English templates, and the Arabic agreement form."""
        rng, geo, outlet = self.rng, context["geo"], context["outlet"]
        info, people = data.COUNTRIES[context["country"]], context["people"]
        n = len(people)
        female = n > 0 and all(p["gender"] == "female" for p in people)
        form = ("f" if female else "m") + ("" if n <= 1 else "2" if n == 2 else "p")
        when_ar, when_en = _when(context["day"], context["precision"])
        reason, event, channel, topic, charge, port = (
            rng.choice(items)
            for items in (data.REASONS, data.EVENTS, data.CHANNELS, data.TOPICS, data.CHARGES, data.PORTS)
        )
        term, attack, (perp_ar, perp_en) = (
            story.get("term") or rng.choice(data.TERMS),
            context["attack"],
            context["perp"],
        )
        who = _who(people, context["protected"], female)
        ar = {
            "who": who[0], "victims": who[1], "victims_gen": who[2], "li_victims": _li(who[2]),
            "place": geo["place_ar"], "where": geo["where_ar"], "when": when_ar, "perp": perp_ar,
            "outlet": outlet["ar"], "country": info["ar"], "reason": reason[0], "event": event[0],
            "attack": attack[0], "attack_verb": attack[2], "channel": channel[0], "topic": topic[0],
            "charge": charge[0], "term": term[0], "port": port[0],
        }  # fmt: skip
        pronoun = "their" if n > 1 else "her" if female else "his"
        en = {
            "who": who[3], "Who": _capital(who[3]), "victims": who[4], "Victims": _capital(who[4]),
            "place": geo["place_en"], "where": geo["where_en"], "when": when_en, "perp": perp_en,
            "Perp": _capital(perp_en), "outlet_en": outlet["en"], "Outlet_en": _capital(outlet["en"]),
            "country_en": info["en"], "was": "were" if n > 1 else "was", "their": pronoun,
            "Their": _capital(pronoun), "They": "They" if n > 1 else "She" if female else "He",
            "remains": "remain" if n > 1 else "remains", "jobs": "jobs" if n > 1 else "job",
            "reason_en": reason[1], "event_en": event[1],
            "attack_en": attack[1], "channel_en": channel[1], "topic_en": topic[1], "charge_en": charge[1],
            "term_en": term[1], "port_en": port[1],
        }  # fmt: skip
        return ar, en, form

    def _follow_up(self, scenario, story, ar, en, form, context) -> tuple[list, list]:
        """What happened next (charges, release, still held), who was affected, some context."""
        parts, end = [], story.get("end")
        if story.get("charged") and scenario["timeline"] == "detention":
            parts.append("charged")
        if story.get("sentenced"):
            parts.append("sentenced")
        if end == "released":
            parts.append("released")
        elif end == "held" and scenario["timeline"] in HOLDING_KINDS:
            parts.append("held")
        elif end in ("captive", "unknown_fate", "found_dead"):
            parts.append(end)
        duration_ar, duration_en = _duration(story.get("days") or 1)
        ar, en = {**ar, "duration": duration_ar}, {**en, "duration_en": duration_en}
        extra_ar = [_agree(data.FOLLOW_UPS[p][0], form).format(**ar) for p in parts]
        extra_en = [data.FOLLOW_UPS[p][1].format(**en) for p in parts]
        people = context["people"]
        named = [p for p, hidden in zip(people, context["protected"], strict=True) if not hidden]
        if len(people) > 1 and named:
            lead = "ومن بين المتضررات: " if form.startswith("f") else "ومن بين المتضررين: "
            extra_ar.append(lead + "، و".join(p["name_ar"] for p in named) + ".")
            names = [p["name_en"] for p in named]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            extra_en.append(f"Those affected include {listed}.")
        if self.rng.random() < 0.35:
            context_ar, context_en = self.rng.choice(data.CONTEXT)
            extra_ar.append(context_ar.format(**ar))
            extra_en.append(context_en.format(**en))
        return extra_ar, extra_en
