"""A small year of cases whose figures are known by hand (2023), and canaries in every field
that must never reach a public output."""

import pytest

from tests import factories

YEAR = 2023
CANARIES = {
    "confidential_note": "CANARY-NOTE-D",
    "confidential_title": "CANARY-TITLE-D",
    "confidential_victim": "CANARY-NAME-D",
    "confidential_victim_ar": "كناري دال",
    "unpublished_victim": "CANARY-NAME-E",
    "protected_victim": "CANARY-NAME-F",
    "protected_victim_ar": "كناري فاء",
    "internal_source": "CANARY-SOURCE-F",
}


def _victim(name_en, name_ar, outcome, gender="male", protected=False, events=()):
    return {
        "journalist": {"name_en": name_en, "name_ar": name_ar, "gender": gender, "profession": "journalist"},
        "outcome": outcome,
        "is_identity_protected": protected,
        "status_events": [{"event": e, "date": d} for e, d in events],
    }


@pytest.fixture
def report_data():
    """Public 2023: A, B, C, F, I. Internal adds D (confidential) and E (verified). G is a draft."""
    c = CANARIES
    create = factories.create_incident
    incidents = {
        "A": create(workflow_status="published", title_en="Reporter killed in Marib", title_ar="مقتل مراسلة في مأرب",
                    violation_types=["L1.1", "I2"], date_start="2023-02-10", impunity="complete",
                    victims=[_victim("Huda al-Shami", "هدى الشامي", "killed", "female"),
                             _victim("Ali Nasser", "علي ناصر", "injured")]),
        "B": create(workflow_status="published", violation_types=["F4"], date_start="2023-03-01", admin1="تعز",
                    locality="تعز", perpetrators=[{"type": "non_state_armed_group", "name": "جماعة مسلحة"}],
                    victims=[_victim("Omar Saleh", "عمر صالح", "released",
                                     events=[("detained_on", "2023-03-01"), ("released_on", "2023-10-15")])]),
        "C": create(workflow_status="published", violation_types=["F4"], date_start="2023-11-20", admin1="عدن",
                    locality=None, geo_precision="admin1", public_geo_precision="country",
                    victims=[_victim("Khaled Yousef", "خالد يوسف", "detained",
                                     events=[("detained_on", "2023-11-20")])]),
        "D": create(workflow_status="published", is_confidential=True, confidential_notes=c["confidential_note"],
                    title_en=c["confidential_title"], title_ar="عنوان سري", violation_types=["F1"],
                    date_start="2023-05-05", perpetrators=[{"type": "criminal_group", "name": None}],
                    victims=[_victim(c["confidential_victim"], c["confidential_victim_ar"], "abducted",
                                     events=[("abducted_on", "2023-05-05")])]),
        "E": create(workflow_status="verified", violation_types=["I3"], date_start="2023-06-01",
                    victims=[_victim(c["unpublished_victim"], "كناري هاء", "threatened", protected=True)]),
        "F": create(workflow_status="published", violation_types=["L1.2"], date_start="2023-07-07",
                    perpetrators=[{"type": "unknown", "name": None}],
                    sources=[{"title": c["internal_source"], "publisher": c["internal_source"], "is_internal": True}],
                    victims=[_victim(c["protected_victim"], c["protected_victim_ar"], "killed", protected=True)]),
        "G": create(violation_types=["C1"], date_start="2023-08-08"),
        "H": create(workflow_status="published", violation_types=["I2"], date_start="2022-04-04",
                    victims=[_victim("Sami Haddad", "سامي حداد", "injured")]),
        "I": create(workflow_status="published", violation_types=["C1"], date_start="2023-09-09", admin1="صنعاء",
                    locality="صنعاء"),
    }  # fmt: skip
    return incidents
