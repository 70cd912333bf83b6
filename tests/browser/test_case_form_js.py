"""What JavaScript adds to the case form: picking a recorded journalist, placing the point on the map."""

import re

from tests import factories
from tests.browser.conftest import log_in
from tracker.cases import queries
from tracker.extensions import db


def test_pick_a_recorded_journalist_and_place_the_point(live_server, live_app, new_page, people):
    with live_app.app_context():
        journalist = factories.create_journalist(name_ar="سامي الحداد", name_en="Sami al-Haddad")
        journalist_id = journalist.id
        db.session.remove()
    page = new_page()
    log_in(page, live_server, people["author"])
    page.wait_for_url(re.compile(r"/desk/?$"))
    page.goto(f"{live_server}/cases/new")
    page.fill("#title_ar", "منع صحفي من التغطية في عدن")
    page.check("input[name=violation_types][value=C4]")
    page.fill("#date_start", "2024-02-10")
    page.select_option("#country", "YE")

    # Typing part of the name (without the article, with another alef form) finds the person.
    page.fill("#victims-0-display_name", "الحداد")
    option = page.locator(".picker .suggestions button", has_text="سامي الحداد")
    option.click()
    assert page.input_value("input[name=victims-0-journalist_id]") == str(journalist_id)
    assert page.locator(".victim .new-person").is_hidden()
    page.select_option("#victims-0-outcome", "threatened")

    # A click on the map fills the point, marks it exact and manual.
    box = page.locator("#place-map").bounding_box()
    page.locator("#place-map").click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2})
    assert page.input_value("#latitude") and page.input_value("#longitude")
    assert page.input_value("#geo_precision") == "exact"
    page.click(".actions button[name=save]")
    page.wait_for_url(re.compile(r"/cases/\d+$"))

    incident_id = int(page.url.rsplit("/", 1)[1])
    with live_app.app_context():
        incident = queries.get_incident(incident_id)
        assert [v.journalist_id for v in incident.victims] == [journalist_id]  # no duplicate person
        assert incident.latitude is not None and incident.geo_precision == "exact"
        assert incident.geocode_source == "manual"
        db.session.remove()


def test_place_suggestions_from_the_gazetteer(live_server, new_page, people):
    page = new_page()
    log_in(page, live_server, people["mapper"])
    page.wait_for_url(re.compile(r"/desk/?$"))
    page.goto(f"{live_server}/cases/new")
    page.select_option("#country", "YE")
    page.fill("#locality", "مارب")  # typed without the hamza of مأرب
    suggestion = page.locator("#place-suggestions button").first
    suggestion.wait_for()
    assert "مأرب" in suggestion.inner_text()
    suggestion.click()
    assert page.input_value("#geo_precision") == "locality"
    assert page.input_value("input[name=geocode_source]") == "gazetteer"
    assert abs(float(page.input_value("#latitude")) - 15.46) < 0.2
    assert page.input_value("#admin1")
    # the list drops down right under the field typed in, and names the country, not its code
    page.fill("#locality", "")
    page.fill("#locality", "مارب")
    suggestion.wait_for()
    field_box, list_box = (
        page.locator("#locality").bounding_box(),
        page.locator("#place-suggestions").bounding_box(),
    )
    assert abs(list_box["y"] - (field_box["y"] + field_box["height"])) <= 4
    assert abs(list_box["x"] - field_box["x"]) <= 2 and abs(list_box["width"] - field_box["width"]) <= 2
    assert "اليمن" in suggestion.inner_text() and "YE" not in suggestion.inner_text()

    # English, left to right: the same
    page.goto(f"{live_server}/cases/new?lang=en")
    page.select_option("#country", "YE")
    page.fill("#locality", "Marib")
    page.locator("#place-suggestions button").first.wait_for()
    field_box, list_box = (
        page.locator("#locality").bounding_box(),
        page.locator("#place-suggestions").bounding_box(),
    )
    assert abs(list_box["y"] - (field_box["y"] + field_box["height"])) <= 4
    assert abs(list_box["x"] - field_box["x"]) <= 2
    assert "Yemen" in page.locator("#place-suggestions button").first.inner_text()


def test_every_problem_at_once_with_the_focus_on_the_first(live_server, new_page, people):
    page = new_page()
    log_in(page, live_server, people["corrector"])  # an account no other test logs in with
    page.wait_for_url(re.compile(r"/desk/?$"))
    page.goto(f"{live_server}/cases/new?lang=en")
    page.fill("#title_en", "Reporter detained")
    page.check("input[name=violation_types][value=F4]")
    page.fill("#date_start", "2024-05-02")
    page.fill("#date_end", "2024-04-01")  # before the start
    page.select_option("#country", "YE")
    page.fill("#latitude", "95")  # out of range
    page.fill("#longitude", "45")
    page.click(".actions button[name=save]")
    summary = page.locator(".error-summary")
    summary.wait_for()
    links = summary.locator("a")
    assert links.count() == 2
    page.wait_for_function("document.activeElement && document.activeElement.id === 'date_end'")
    assert page.evaluate("() => { const r = document.activeElement.getBoundingClientRect();"
                         " return r.top >= 0 && r.bottom <= innerHeight; }")  # fmt: skip
    links.nth(1).click()  # the latitude's link moves the focus to the latitude
    page.wait_for_function("document.activeElement.id === 'latitude'")
