"""The intake page in Arabic, in a real browser: paste an article, see the proposal with its
evidence, create a draft (the case form pre-filled), save it; a government news page gives nothing."""

import re

from tests.browser.conftest import log_in, screenshot
from tests.intake.articles import GOVERNMENT, MARIB


def test_intake_in_arabic(live_server, people, new_page):
    page = new_page()
    log_in(page, live_server, people["monitor"])  # an account no other test logs in with
    page.goto(f"{live_server}/intake/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#text", MARIB)
    page.fill("#published_on", "2024-03-16")
    page.fill("#url", "https://news.example.org/ye/marib")
    page.click("form.intake-input button[type=submit]")  # click 1
    proposal = page.locator("article.proposal")
    assert proposal.count() == 1
    assert "كمال سعيد الوصابي" in proposal.inner_text()
    assert page.locator(".article-text mark").count() >= 1
    page.hover("ul.evidence a >> nth=0")
    assert page.locator(".article-text mark.active").count() == 1
    screenshot(page, "intake-ar")
    proposal.locator("button", has_text="أنشئ مسودة").click()  # click 2
    page.wait_for_url(re.compile(r"/intake/draft$"))
    assert page.input_value("#victims-0-name_ar") == "كمال سعيد الوصابي"
    assert page.input_value("#sources-0-url") == "https://news.example.org/ye/marib"
    page.click("form.case-form .actions button[type=submit]")  # click 3: save
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    assert "كمال سعيد الوصابي" in page.inner_text("main")

    page.goto(f"{live_server}/intake/")
    page.fill("#text", GOVERNMENT)
    page.click("form.intake-input button[type=submit]")
    assert page.locator("article.proposal").count() == 0
    assert page.locator("p.empty").count() == 1


def test_intake_screenshot_in_english(live_server, people, new_page):
    page = new_page()
    log_in(page, live_server, people["checker"])
    page.goto(f"{live_server}/intake/?lang=en")
    page.fill("#text", "Security forces in Benghazi detained reporter Ahmed Faraj al-Mismari on Monday after he "
                       "published a report on fuel shortages, his family said.")  # fmt: skip
    page.fill("#published_on", "2024-05-21")
    page.click("form.intake-input button[type=submit]")
    assert page.locator("article.proposal").count() == 1
    screenshot(page, "intake-en")
