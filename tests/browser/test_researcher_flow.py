"""The researcher's day in a real browser, in Arabic: 2FA login, a case with two victims and a
source, review, verification, publication by an editor from the confirmation page, a
concurrent-edit conflict, and unpublishing with a reason."""

import re

import pyotp

from tests.browser.conftest import log_in, screenshot
from tracker.cases import queries

# Latin words allowed on Arabic pages: product names in the 2FA instructions.
ALLOWED_LATIN = {"FreeOTP", "Aegis", "Google", "Authenticator", "QR", "GeoNames", "English"}
LATIN_WORDS_JS = r"""() => {
  const words = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || el.closest('[dir=ltr], .data, script, style, [hidden], .leaflet-control-attribution')) continue;
    (node.textContent.replace(/[A-Z]{2}-\d{4}-\d+/g, '').match(/[A-Za-z][A-Za-z'-]+/g) || []).forEach(w => words.push(w));
  }
  return words;
}"""


def english_on_screen(page) -> set[str]:
    return set(page.evaluate(LATIN_WORDS_JS)) - ALLOWED_LATIN


def test_researcher_case_flow_in_arabic(live_server, live_app, new_page, people):
    base = live_server
    page = new_page()

    # 1. First login: 2FA is mandatory, so the researcher enrols (QR code drawn by the app).
    log_in(page, base, people["researcher"])
    page.wait_for_url(re.compile(r"/auth/2fa/setup$"))
    page.wait_for_function("document.querySelector('img.qr').naturalWidth > 0")
    assert english_on_screen(page) == set()
    secret = page.locator("code.secret").inner_text().strip()
    page.fill("#code", pyotp.TOTP(secret).now())
    page.click("main form button[type=submit]")
    assert page.locator("ul.codes li").count() == 10
    page.click("a.button")
    page.click("header form button")  # log out
    people["researcher"]["secret"] = secret

    # 2. Log in again with password and second factor.
    log_in(page, base, people["researcher"])
    page.wait_for_url(re.compile(r"/desk/?$"))
    assert english_on_screen(page) == set()

    # 3. The case form, in English and in Arabic (screenshots for people to look at).
    page.goto(f"{base}/cases/new?lang=en")
    screenshot(page, "case-form-en")
    page.goto(f"{base}/cases/new?lang=ar")
    screenshot(page, "case-form-ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert english_on_screen(page) == set()

    page.fill("#title_ar", "اعتقال صحفيين اثنين في تعز")
    page.check("input[name=violation_types][value=F4]")
    page.check("input[name=violation_types][value=I2]")
    page.fill("#date_start", "2024-05-02")
    page.select_option("#country", "YE")
    page.fill("#admin1", "تعز")
    page.fill("#locality", "تعز")
    page.select_option("#perpetrators-0-type", "state_security")
    page.fill("#victims-0-name_ar", "علي حسن")
    page.select_option("#victims-0-outcome", "detained")
    page.select_option("#victims-0-events-0-event", "detained_on")
    page.fill("#victims-0-events-0-date", "2024-05-02")
    page.click("button[name=add_row][value=victims]")  # a server round trip: nothing typed is lost
    assert page.input_value("#victims-0-name_ar") == "علي حسن"
    page.fill("#victims-1-name_ar", "منى سالم")
    page.select_option("#victims-1-gender", "female")
    page.select_option("#victims-1-outcome", "injured")
    page.check("input[name=victims-1-is_identity_protected]")
    page.fill("#sources-0-url", "https://example.org/news/42")
    page.fill("#sources-0-title", "بيان نقابة الصحفيين")
    page.select_option("#sources-0-reliability", "4")
    page.click(".actions button[name=save]")
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    case_url = page.url
    incident_id = int(case_url.rsplit("/", 1)[1])
    assert page.locator(".victim h3").count() == 2
    assert english_on_screen(page) == set()
    screenshot(page, "case-page-ar")

    # 4. Submit for review.
    page.click("button[name=to][value=in_review]")
    page.wait_for_url(case_url)
    assert page.locator(".meta .status-in_review").count() == 1

    # 5. An editor verifies and publishes it from the review queue.
    editor = new_page()
    log_in(editor, base, people["editor"])
    editor.goto(f"{base}/cases/review")
    editor.click(f"a[href='/cases/{incident_id}']")
    editor.click("button[name=to][value=verified]")
    editor.wait_for_url(case_url)
    assert editor.locator("button[name=to][value=published]").count() == 0  # never in one click
    editor.click("#publish-link")
    editor.wait_for_url(f"{case_url}/publish")
    preview = editor.locator(".publish-preview").inner_text()
    assert "علي حسن" in preview and "منى سالم" not in preview and "صحفي (حُجب الاسم)" in preview
    assert editor.locator(".publish-findings").count() == 0
    assert english_on_screen(editor) == set()
    screenshot(editor, "publish-confirmation-ar")
    editor.click("button[name=publish]")
    editor.wait_for_url(case_url)
    assert editor.locator(".meta .status-published").count() == 1
    assert english_on_screen(editor) == set()

    # 6. Two editors edit at once: the second sees both versions and re-applies.
    other = new_page()
    log_in(other, base, people["editor2"])
    editor.goto(f"{case_url}/edit")
    other.goto(f"{case_url}/edit")
    editor.fill("#title_ar", "اعتقال صحفيين في مدينة تعز")
    editor.click(".actions button[name=save]")
    editor.wait_for_url(case_url)
    other.fill("#summary_ar", "أفرجت السلطات عن الصحفية بعد يومين.")
    other.click(".actions button[name=save]")
    conflict = other.locator("#conflict")
    conflict.wait_for()
    assert "اعتقال صحفيين في مدينة تعز" in conflict.inner_text()  # the other person's title
    assert other.input_value("#summary_ar") == "أفرجت السلطات عن الصحفية بعد يومين."  # own text kept
    assert english_on_screen(other) == set()
    screenshot(other, "edit-conflict-ar")
    # re-apply: keep the other editor's title, add the summary
    other.fill("#title_ar", "اعتقال صحفيين في مدينة تعز")
    other.click(".actions button[name=save]")
    other.wait_for_url(case_url)

    # 7. Every write is in the history, with who did it.
    with live_app.app_context():
        incident = queries.get_incident(incident_id)
        assert incident.workflow_status == "published"
        assert incident.title_ar == "اعتقال صحفيين في مدينة تعز"
        assert incident.summary_ar == "أفرجت السلطات عن الصحفية بعد يومين."
        ref = incident.public_ref
        entries = queries.history(incident_id)
        assert [e.action for e in entries] == [
            "create",
            "transition",
            "transition",
            "transition",
            "update",
            "update",
        ]
        assert {e.actor for e in entries} == {
            "researcher@flow.example",
            "editor@flow.example",
            "editor2@flow.example",
        }
    history = other.locator("#history").inner_text()
    assert "أفرجت السلطات" in history
    screenshot(other, "case-history-ar")

    # 8. The case is public; an editor withdraws it, with a reason, and it is gone at once.
    visitor = new_page()
    visitor.goto(f"{base}/incidents/{ref}?lang=ar")
    assert "اعتقال صحفيين في مدينة تعز" in visitor.locator("h1").inner_text()
    editor.goto(case_url)
    editor.click("form.unpublish button[name=to][value=verified]")  # the reason is required
    assert editor.url == case_url and editor.locator(".meta .status-published").count() == 1
    editor.fill("#unpublish-note", "طلبت الأسرة سحب القضية حفاظاً على سلامتها")
    screenshot(editor, "unpublish-ar")
    editor.click("form.unpublish button[name=to][value=verified]")
    editor.wait_for_url(case_url)
    assert editor.locator(".meta .status-verified").count() == 1
    assert "طلبت الأسرة سحب القضية" in editor.locator("#history").inner_text()
    assert english_on_screen(editor) == set()
    response = visitor.goto(f"{base}/incidents/{ref}?lang=ar")
    assert response.status == 404
