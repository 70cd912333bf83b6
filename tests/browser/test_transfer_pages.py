"""Import, export links and merging in a real browser, in Arabic: no English word on the pages
(file format names aside), the dry-run report, then the import."""

import re
from pathlib import Path

from tests.browser.conftest import log_in, screenshot
from tests.browser.test_researcher_flow import english_on_screen
from tracker.jobs import runner

MESSY = Path(__file__).resolve().parents[1] / "transfer" / "data" / "messy.csv"
FORMAT_NAMES = {"CSV", "Excel", "csv", "xlsx", "json"}


def test_import_and_merge_pages_in_arabic(live_server, live_app, new_page, people):
    base = live_server
    page = new_page()
    log_in(page, base, people["admin"])
    page.wait_for_load_state()

    page.goto(f"{base}/cases/?lang=ar")
    assert page.locator(".downloads a[dir=ltr]").count() == 8
    assert english_on_screen(page) - FORMAT_NAMES == set()

    page.goto(f"{base}/transfer/import?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert english_on_screen(page) - FORMAT_NAMES == set()
    page.set_input_files("#file", str(MESSY))
    page.click("main form button[type=submit]")
    page.wait_for_selector("section.job progress")  # the dry run is a job: its progress first
    with live_app.app_context():
        runner.drain()
    page.wait_for_selector("section.report")  # the page follows the job, then shows its report
    screenshot(page, "import-report-ar")
    assert "حوادث ستُنشأ: ٤" in page.inner_text("section.report") or "حوادث ستُنشأ: 4" in page.inner_text(
        "section.report"
    )
    assert english_on_screen(page) - FORMAT_NAMES == set()
    page.click("section.report form button[type=submit]")
    page.wait_for_url(re.compile(r"/jobs/\d+$"))
    with live_app.app_context():
        runner.drain()
    page.wait_for_selector("section.job .job-result:not([hidden]) a")
    assert "تم الاستيراد" in page.inner_text("section.job") and "اكتملت" in page.inner_text("section.job")
    assert english_on_screen(page) - FORMAT_NAMES == set()
    page.click("section.job .job-result a")
    page.wait_for_url(re.compile(r"/cases/\?imported=\d+-\d+$"))  # the cases it created

    page.goto(f"{base}/transfer/merge?lang=ar")
    assert english_on_screen(page) - FORMAT_NAMES == set()
