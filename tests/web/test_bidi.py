"""Text of the other direction is isolated and marked; no untranslated words where a
translation exists (pages, history, import report, feed)."""

import io
import re

from tests import factories
from tests.web.conftest import csrf_token
from tracker.jobs import runner


def _published(**over):
    return factories.create_incident(workflow_status="published", **over)


def test_an_armed_group_name_in_brackets_is_isolated_on_an_english_page(web):
    incident = factories.create_incident(
        perpetrators=[{"type": "non_state_armed_group", "name": "جماعة الحوثي (أنصار الله)"}]
    )
    page = web("editor").get(f"/cases/{incident.id}?lang=en").get_data(as_text=True)
    assert 'Non-state armed group (<bdi lang="ar" dir="rtl">جماعة الحوثي (أنصار الله)</bdi>)' in page


def test_an_english_summary_on_an_arabic_public_page_is_isolated(client):
    incident = _published(summary_ar=None, summary_en="Security forces detained him (at a checkpoint).")
    page = client.get(f"/incidents/{incident.public_ref}?lang=ar").get_data(as_text=True)
    assert '<bdi lang="en" dir="ltr">Security forces detained him (at a checkpoint).</bdi>' in page
    assert "(بالإنجليزية فقط)" in page


def test_an_arabic_only_title_on_an_english_page_is_marked_as_a_fallback(web):
    incident = factories.create_incident(title_en=None, title_ar="تهديد صحفية في عدن")
    listing = web("editor").get("/cases/?lang=en").get_data(as_text=True)
    assert re.search(
        r'<bdi lang="ar" dir="rtl">تهديد صحفية في عدن</bdi> <small class="fallback">\(in Arabic only\)',
        listing,
    )
    assert incident.public_ref in listing


def test_dates_on_the_public_page_follow_the_locale_and_precision(client):
    incident = _published(date_start="2024-03-05", date_precision="month")
    english = client.get(f"/incidents/{incident.public_ref}?lang=en").get_data(as_text=True)
    arabic = client.get(f"/incidents/{incident.public_ref}?lang=ar").get_data(as_text=True)
    assert "March 2024" in english and "2024-03-05" not in english
    assert "مارس 2024" in arabic


def test_account_history_is_in_the_readers_words(web, users):
    admin = web("admin")
    account = users["researcher"]
    token = csrf_token(admin, f"/admin/users/{account.id}?lang=ar")
    admin.post(
        f"/admin/users/{account.id}?lang=ar",
        data={"csrf_token": token, "name": account.name, "role": "editor", "locale": "en", "is_active": "y"},
    )
    page = admin.get(f"/admin/users/{account.id}?lang=ar").get_data(as_text=True)
    history = page[page.index("<h2>السجل</h2>") if "<h2>السجل</h2>" in page else 0 :]
    assert "الدور: باحث" in history and "locale" not in history and "role:" not in history
    assert "اللغة:" in history and "الإنجليزية" in history


def test_import_columns_are_named_in_the_page_language(web):
    client = web("editor")
    data = "incident_ref,title_ar,violation_types,date_start,country,victim_name_ar,victim_outcome\nR-1,حادثة,F4,2024-01-01,YE,صحفي,vanished\n"
    token = csrf_token(client, "/transfer/import?lang=ar")
    posted = client.post(
        "/transfer/import", data={"csrf_token": token, "file": (io.BytesIO(data.encode()), "cases.csv")},
        content_type="multipart/form-data",
    )  # fmt: skip
    runner.drain()  # the dry run is a job; its page shows the report
    page = client.get(posted.location).get_data(as_text=True)
    report = page[page.index('class="card report"') :]
    assert "ما حدث للضحية" in report
    # the file's own header is shown as written (isolated), never as the page's word for the column
    assert "victim_outcome" not in re.sub(r"<bdi[^>]*>.*?</bdi>", "", report)


def test_the_feed_title_is_in_the_feed_language(client):
    _published()
    arabic = client.get("/feed.atom?lang=ar").get_data(as_text=True)
    assert re.search(r"<feed[^>]*>\s*<title>مرصد حرية الصحافة</title>", arabic)


def test_staff_pages_write_a_date_no_finer_than_it_is_known(web):
    """A case known to the month is «March 2024» on the case page and in the list, not 1 March."""
    incident = factories.create_incident(
        date_start="2024-03-05", date_precision="month", title_en="Month case"
    )
    viewer = web("editor")
    page = viewer.get(f"/cases/{incident.id}?lang=en").get_data(as_text=True)
    listed = viewer.get("/cases/?lang=en&q=Month+case").get_data(as_text=True)
    for html in (page, listed):
        assert "March 2024" in html and "Mar 5, 2024" not in html and "March 5, 2024" not in html
