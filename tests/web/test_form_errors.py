"""Forms report every problem in one round, with a summary that links to each field, in the
reader's language and in words a person would use."""

import re

from tests.web.conftest import csrf_token
from tests.web.test_case_pages import _form

ERROR = re.compile(r'<p class="error" id="([\w-]+)-error">(.*?)</p>', re.S)


def _errors(page: str) -> dict[str, str]:
    return dict(ERROR.findall(page))


def _summary_links(page: str) -> list[str]:
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    assert summary, "no error summary at the top of the form"
    return re.findall(r'href="#([\w-]+)"', summary.group(0))


def test_a_bad_latitude_does_not_hide_the_date_error(web):
    client = web("researcher")
    token = csrf_token(client, "/cases/new")
    # the latitude is out of range (the schema says so) and the end date is before the start date
    # (a rule of the record, checked today only once the schema is happy)
    response = client.post(
        "/cases/new?lang=en", data=_form(token, latitude="95", date_start="2024-05-02", date_end="2024-04-01")
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    errors = _errors(page)
    assert "latitude" in errors and "date_end" in errors, errors
    assert "90" in errors["latitude"] and "before" in errors["date_end"]
    # the summary links to both, in the order of the form
    links = _summary_links(page)
    assert links.index("date_end-error") < links.index("latitude-error")


def test_point_half_given_unknown_governorate_and_future_date_together(web):
    client = web("researcher")
    token = csrf_token(client, "/cases/new")
    response = client.post(
        "/cases/new?lang=en",
        data=_form(
            token, longitude="", date_start="2999-01-01", admin1="Atlantis", **{"sources-0-url": "not a link"}
        ),
    )
    errors = _errors(response.get_data(as_text=True))
    assert {"latitude", "longitude"} & errors.keys() and "date_start" in errors
    assert "admin1" in errors and "sources-0-url" in errors


def test_messages_are_human_in_both_languages(web):
    client = web("researcher")
    token = csrf_token(client, "/cases/new")
    bad = dict(date_start="", latitude="abc", **{"victims-0-outcome": ""})
    english = client.post("/cases/new?lang=en", data=_form(token, **bad)).get_data(as_text=True)
    arabic = client.post("/cases/new?lang=ar", data=_form(token, **bad)).get_data(as_text=True)
    for page in (english, arabic):
        assert "Field may not be null" not in page and "Not a valid number" not in page
        assert {"date_start", "latitude", "victims-0-outcome"} <= _errors(page).keys()
    assert "Enter the date of the incident" in _errors(english)["date_start"]
    assert "أدخل تاريخ الواقعة" in _errors(arabic)["date_start"]
    # the summary names the victim row the message belongs to
    assert re.search(r"Victim 1[^<]*What happened", english)
    assert re.search(r"الضحية 1", arabic)


def test_the_arabic_password_rule_reads_naturally(web):
    client = web("researcher")
    token = csrf_token(client, "/auth/password?lang=ar")
    response = client.post(
        "/auth/password",
        data={"csrf_token": token, "current_password": "", "new_password": "short", "confirm_password": "x"},
    )
    page = response.get_data(as_text=True)
    assert "يجب على طول الحقل" not in page
    assert "يجب ألا تقل كلمة المرور عن 10 من الأحرف" in page
    # every problem at once, with a summary linking to each field
    assert set(_summary_links(page)) == {"current_password", "new_password", "confirm_password"}
