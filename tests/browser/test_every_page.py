"""Every staff and public page, in Arabic and in English: no English word on an Arabic page and
no Arabic on an English page (outside isolated data, which is marked with its language), no
horizontal scrolling on a 390 px phone, and a screenshot of each at that width."""

import re

import pytest

from tests import factories
from tests.browser.conftest import log_in, screenshot
from tests.browser.test_researcher_flow import ALLOWED_LATIN
from tracker.extensions import db

PHONE = {"width": 390, "height": 844}
# The map's scale (km/mi) is the public map's own work, left to it. Outside these, a page's words are its own: labels, headings, messages, vocabulary.
SKIPPED = "script, style, [hidden], .leaflet-control-attribution, .leaflet-control-scale"
WORDS_JS = r"""([pattern, skipped, lang]) => {
  const found = [], re = new RegExp(pattern, 'g');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || el.closest(skipped)) continue;
    const bdi = el.closest('bdi');  // a string in both scripts ("سامي / Sami") is data as a whole
    if (bdi && /[\u0600-\u06FF]/.test(bdi.textContent) && /[A-Za-z]/.test(bdi.textContent)) continue;
    const marked = el.closest('[lang]');  // isolated data in the other language says so
    if (marked && marked !== document.documentElement && marked.getAttribute('lang') !== lang) continue;
    const text = node.textContent.replace(/[A-Z]{2}-\d{4}-\d+/g, '');
    (text.match(re) || []).forEach(w => found.push(w));
  }
  return found;
}"""
LATIN = r"[A-Za-z][A-Za-z'-]+"
ARABIC = r"[\u0600-\u06FF]+"
# file formats are named as their files are
FORMAT_NAMES = {"CSV", "Excel", "GeoJSON", "JSON", "PDF", "PNG", "JPEG", "csv", "json", "xlsx", "txt", "html"}
NO_SCROLL_JS = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
# what sticks out, to say which element to fix
WIDEST_JS = """() => { const w = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect();
    if ((r.right > w + 1 || r.left < -1) && r.width > 0) out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right)); }
  return out.slice(0, 6); }"""


def latin_words(page) -> set[str]:
    skipped = SKIPPED + ", [dir=ltr]:not(html)"
    return set(page.evaluate(WORDS_JS, [LATIN, skipped, "ar"])) - ALLOWED_LATIN - FORMAT_NAMES


def arabic_words(page) -> set[str]:
    return set(page.evaluate(WORDS_JS, [ARABIC, SKIPPED + ", [dir=rtl]:not(html)", "en"]))


@pytest.fixture(scope="module")
def seeded(live_app, people):
    """Mixed data as researchers type it: an Arabic-only title, an armed group's Arabic name in
    brackets, an English summary, a published case and one waiting for publication."""
    with live_app.app_context():
        published = factories.create_incident(
            workflow_status="published", title_en=None, summary_en="Security forces detained him at a checkpoint.",
            perpetrators=[{"type": "non_state_armed_group", "name": "جماعة الحوثي (أنصار الله)"}],
            victims=[{"journalist": {"name_ar": "سامي الحداد", "name_en": "Sami al-Haddad", "gender": "male"},
                      "outcome": "detained", "status_events": [{"event": "detained_on", "date": "2024-03-05"}]}],
        )  # fmt: skip
        verified = factories.create_incident(workflow_status="verified", title_ar="تهديد صحفية في عدن")
        db.session.commit()
        return {"published": published.public_ref, "published_id": published.id, "verified_id": verified.id}


def _pages(seeded, people):
    staff = [
        "/cases/", "/cases/mine", "/cases/review", "/cases/new", f"/cases/{seeded['published_id']}",
        f"/cases/{seeded['published_id']}/edit", f"/cases/{seeded['verified_id']}/publish", "/intake/",
        "/transfer/import", "/transfer/merge", "/transfer/export?edition=internal&format=csv&country=YE",
        "/admin/users", "/admin/users/new",
        f"/admin/users/{people['admin']['id']}", "/admin/settings", "/admin/taxonomy", "/auth/password",
        "/reports/texts",
    ]  # fmt: skip
    public = ["/", "/statistics", f"/incidents/{seeded['published']}", "/reports/"]
    return staff + public


def test_every_page_on_a_phone_in_both_languages(live_server, new_page, people, seeded):
    """390 px wide: no sideways scrolling, every page in its own language, a screenshot of each."""
    page = new_page()
    page.set_viewport_size(PHONE)
    log_in(page, live_server, people["admin"])  # once: a 2FA code is accepted only once
    page.wait_for_load_state()
    wrong_words, too_wide = {}, {}
    for lang in ("ar", "en"):
        for path in _pages(seeded, people):
            page.goto(f"{live_server}{path}?lang={lang}")
            page.wait_for_load_state("load")
            assert page.locator("html").get_attribute("lang") == lang, (path, page.url)
            stray = latin_words(page) if lang == "ar" else arabic_words(page)
            if stray:
                wrong_words[f"{path} ({lang})"] = sorted(stray)
            if not page.evaluate(NO_SCROLL_JS):
                too_wide[f"{path} ({lang})"] = page.evaluate(WIDEST_JS)
            name = re.sub(r"[^a-z0-9]+", "-", path.strip("/").lower()) or "map"
            screenshot(page, f"phone-{name}-{lang}")
    assert wrong_words == {}, "\n".join(f"{p}: {w}" for p, w in wrong_words.items())
    assert too_wide == {}, "\n".join(f"{p}: {w}" for p, w in too_wide.items())
