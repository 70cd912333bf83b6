"""The researcher's day on a phone (issue "Done when"), in Arabic and in English: she logs in on a
390 px screen, sees on her desk that a detained colleague has had no news for 90 days, adds a
status event from there, ticks five drafts and submits them for review in one action; an editor
gets the notifications. Screenshots at 1280 and 390 px in test-artifacts/screenshots."""

import re
from datetime import date, timedelta

import pyotp
import pytest

from tests import factories
from tests.browser.conftest import log_in, screenshot
from tracker.auth import operations as auth_ops
from tracker.extensions import db

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TEXTS = {
    "ar": {"held": "زميلنا المعتقل عادل", "silence": "قبل 120 يوماً", "done": "نُفّذ على 5 قضايا",
           "notice": "قُدّمت قضية للمراجعة", "event": "أُضيف الحدث"},
    "en": {"held": "Adel our detained colleague", "silence": "120 days ago", "done": "Done for 5 cases",
           "notice": "submitted a case for review", "event": "Status event added"},
}  # fmt: skip


def _account(role: str, email: str, name: str) -> dict:
    user = auth_ops.create_user(email, name, role, factories.PASSWORD, factories.SYSTEM)
    secret = pyotp.random_base32()
    auth_ops.enable_2fa(user, secret, pyotp.TOTP(secret).now(), factories.SYSTEM)
    return {"email": email, "secret": secret, "id": user.id, "user": user}


def _ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


@pytest.fixture
def desk_people(live_app, request):
    lang = request.param
    # Arabic account names in both runs: the app is shared with the other browser tests, whose
    # Arabic pages must show no English word (people's names are data, listed e.g. for assigning).
    with live_app.app_context():
        researcher = _account("researcher", f"nadia.{lang}@desk.example", "نادية" if lang == "ar" else "ندى")
        editor = _account("editor", f"salem.{lang}@desk.example", "سالم" if lang == "ar" else "سلمى")
        name_ar, name_en = (TEXTS["ar"]["held"], "Adel") if lang == "ar" else ("عادل", TEXTS["en"]["held"])
        held = factories.create_incident(researcher["user"], title_ar="اعتقال زميل في صنعاء", title_en="Colleague detained in Sanaa",
                                         date_start=_ago(120), victims=[{
            "journalist": {"name_ar": name_ar, "name_en": name_en, "gender": "male"}, "outcome": "detained",
            "status_events": [{"event": "detained_on", "date": _ago(120)}]}])  # fmt: skip
        drafts = [factories.create_incident(researcher["user"], title_ar=f"مسودة {n}", title_en=f"Draft {n}")
                  for n in range(1, 6)]  # fmt: skip
        db.session.commit()
        ids = {"held": held.id, "drafts": [d.id for d in drafts], "refs": [d.public_ref for d in drafts]}
        db.session.remove()
    return lang, researcher, editor, ids


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


@pytest.mark.parametrize("desk_people", ["ar", "en"], indirect=True)
def test_the_researcher_day_on_a_phone(live_server, browser, desk_people):
    lang, researcher, editor, ids = desk_people
    texts = TEXTS[lang]
    phone = browser.new_context(viewport=PHONE, locale=lang)
    try:
        page = phone.new_page()
        log_in(page, live_server, researcher)
        page.wait_for_url(re.compile(r"/desk/?$"))  # staff land on their desk
        page.goto(f"{live_server}/desk/?lang={lang}")
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        follow_ups = page.locator("#follow-ups")
        assert texts["held"] in follow_ups.inner_text() and texts["silence"] in follow_ups.inner_text()
        _no_sideways_scroll(page)
        screenshot(page, f"desk-{lang}-390")

        # a status event from the desk: the colleague was charged yesterday
        item = follow_ups.locator("li.person", has_text=texts["held"])
        item.locator("summary").click()
        item.locator("select[name=event]").select_option("charged_on")
        item.locator("input[name=date]").fill(_ago(1))
        item.locator("input[name=note]").fill(
            "أحيل إلى النيابة" if lang == "ar" else "Referred to the prosecutor"
        )
        item.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(r"/desk/?$"))
        assert texts["event"] in page.inner_text("main")
        assert texts["held"] not in page.locator("#follow-ups").inner_text()

        # five drafts ticked and submitted for review in one action
        page.goto(f"{live_server}/cases/mine?lang={lang}")
        boxes = page.locator("input[name=ids]")
        page.check("#bulk-select-page")  # "all on this page" ticks every row, and unticks them
        assert page.locator("input[name=ids]:checked").count() == boxes.count() == 6
        page.uncheck("#bulk-select-page")
        assert page.locator("input[name=ids]:checked").count() == 0
        for incident_id in ids["drafts"]:
            page.locator(f"input[name=ids][value^='{incident_id}:']").check()
        page.select_option("#bulk-action", "submit")
        page.click("#bulk button[type=submit]")
        page.wait_for_url(re.compile(r"/desk/bulk$"))
        report = page.inner_text("main")
        assert texts["done"] in report and all(ref in report for ref in ids["refs"])
        assert page.locator("tr.ok").count() == 5
        _no_sideways_scroll(page)
        screenshot(page, f"desk-bulk-report-{lang}-390")
    finally:
        phone.close()

    # the editor is told, on a desktop and on a phone (the same session: a code is used once)
    state = None
    for viewport, width in ((DESKTOP, 1280), (PHONE, 390)):
        context = browser.new_context(viewport=viewport, locale=lang, storage_state=state)
        try:
            page = context.new_page()
            if state is None:
                log_in(page, live_server, editor)
                page.wait_for_url(re.compile(r"/desk/?$"))
            page.goto(f"{live_server}/desk/?lang={lang}")
            unread = "5" if width == 1280 else "4"  # one was opened on the desktop
            badge = page.locator("#notifications-link .badge.unread").inner_text().strip()
            assert badge in (unread, chr(ord("٠") + int(unread)))
            review = page.inner_text("#review")
            assert all(ref in review for ref in ids["refs"])
            screenshot(page, f"desk-editor-{lang}-{width}")
            if page.is_visible(".menu-button"):  # on a phone the header is folded: open it
                page.click(".menu-button")
            page.click("#notifications-link")
            listing = page.inner_text("main")
            assert listing.count(texts["notice"]) == 5 and all(ref in listing for ref in ids["refs"])
            if width == 390:
                _no_sideways_scroll(page)
            screenshot(page, f"notifications-{lang}-{width}")
            # a notification opens its case: the assignment, tags and internal discussion below it
            page.locator("ul.notifications button.open").first.click()
            page.wait_for_url(re.compile(r"/cases/\d+$"))
            assert page.locator("#notes").count() == 1 and page.locator("#desk").count() == 1
            screenshot(page, f"case-discussion-{lang}-{width}")
            state = context.storage_state()
        finally:
            context.close()
