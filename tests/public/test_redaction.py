"""The one set of rules for public outputs (tracker.public.redaction)."""

import pytest

from tracker.public import redaction


def test_protected_victims_are_never_named():
    assert redaction.victim_name("سامي", "Sami", True, "en") == "journalist (name withheld)"
    assert redaction.victim_name("سامي", "Sami", True, "ar") == "صحفي (حُجب الاسم)"
    assert redaction.victim_name("سامي", "Sami", False, "ar") == "سامي"
    assert redaction.victim_name("سامي", None, False, "en") == "سامي"


@pytest.mark.parametrize(("precision", "shown"), [("exact", True), ("locality", True), ("admin2", True),
                                                   ("admin1", True), ("country", False), (None, False)])  # fmt: skip
def test_governorate_only_down_to_the_public_precision(precision, shown):
    from tests import factories

    incident = factories.create_incident(admin1="مأرب", latitude=None, longitude=None, geo_precision=None,
                                         **({"public_geo_precision": precision} if precision else {}))  # fmt: skip
    shown = shown or precision is None  # the default public precision is the governorate
    assert incident.public_admin1 == ("YE-MA" if shown else None)


@pytest.mark.parametrize(("status", "confidential", "public"), [("published", False, True),
                         ("published", True, False), ("verified", False, False), ("draft", False, False)])  # fmt: skip
def test_only_published_non_confidential_incidents_are_public(status, confidential, public):
    assert redaction.is_public(status, confidential) is public
