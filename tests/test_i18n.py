"""Every message in the code and templates has an Arabic translation."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "tracker" / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
METHOD_MAP = [("tracker/**.py", "python"), ("schemas/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}


def _source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), METHOD_MAP, keywords=KEYWORDS, comment_tags=()
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_source_message_has_an_arabic_translation():
    with CATALOG.open("rb") as f:
        catalog = read_po(f, locale="ar")
    # plural messages: the singular id, translated when every Arabic plural form is
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalog
        if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string) and "fuzzy" not in m.flags
    }
    missing = sorted(_source_messages() - translated)
    assert not missing, f"add these to {CATALOG.relative_to(ROOT)} (make extract-messages): {missing}"


def test_arabic_catalog_keeps_placeholders():
    with CATALOG.open("rb") as f:
        catalog = read_po(f, locale="ar")
    for message in catalog:
        if not message.id:
            continue
        for placeholder in ("%(choices)s", "%(max)s", "%(min)s", "%(n)s", "%(code)s"):
            assert (placeholder in message.id) == (placeholder in message.string), message.id
