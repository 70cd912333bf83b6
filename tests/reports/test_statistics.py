"""Figures of reports.statistics against a year counted by hand (tests/reports/conftest.py)."""

from datetime import date

import pytest

from reports.statistics import Scope, compute, held_on_1_december, percent
from tests import factories
from tests.reports.conftest import CANARIES, YEAR


def _rows(table):
    return {row["code"]: row for row in table["rows"]}


def test_totals_in_each_counting_unit(report_data):
    public = compute(Scope(YEAR))
    # A's killing type counts Huda only (Ali was injured, not killed)
    assert public["totals"] == {"incidents": 5, "victims": 5, "violations": 7, "journalists_killed": 2,
                                "held_on_1_december": 1}  # fmt: skip
    internal = compute(Scope(YEAR, edition="internal"))
    assert internal["totals"] == {"incidents": 7, "victims": 7, "violations": 9, "journalists_killed": 2,
                                  "held_on_1_december": 2}  # fmt: skip


def test_violation_types_parents_and_children_with_units(report_data):
    types = compute(Scope(YEAR))["violation_types"]
    rows = _rows(types)
    assert types["unit"] == "incidents" and types["percent_of"] == "incidents (5)"
    assert rows["L1"]["count"] == 2 and rows["L1"]["violations"] == 2  # Huda (A) and F; Ali was injured
    assert rows["L1.1"]["count"] == 1 and rows["L1.2"]["count"] == 1
    assert rows["F4"]["count"] == 2 and rows["F4"]["percent"] == 40.0
    assert rows["C1"]["violations"] == 1  # no victim: counted once
    assert rows["I2"]["violations"] == 2 and rows["I2"]["violations_percent"] == 28.6
    assert "X" in rows and rows["X"]["count"] == 0  # every parent group is listed
    assert "F4.1" not in rows  # sub-types only when present


def test_sdg_table_split_by_sex_and_perpetrator(report_data):
    sdg = _rows(compute(Scope(YEAR))["sdg_16_10_1"])
    killing = sdg["killing"]
    assert (killing["count"], killing["female"], killing["male"]) == (2, 1, 1)  # Ali, injured, is not
    assert (killing["state"], killing["non_state"], killing["perpetrator_unknown"]) == (1, 0, 1)
    detention = sdg["arbitrary_detention"]
    assert (detention["count"], detention["state"], detention["non_state"]) == (2, 1, 1)
    assert sdg["other"]["incidents"] == 1 and sdg["other"]["count"] == 1  # Ali's injury in A
    assert sdg["kidnapping"]["count"] == 0  # D is confidential


def test_governorates_follow_the_public_precision(report_data):
    public = _rows(compute(Scope(YEAR))["governorates"])
    assert public["YE:YE-MA"]["count"] == 2  # one row per governorate code, named in both languages
    assert (
        public["YE:YE-MA"]["label_en"] == "Marib (Yemen)" and public["YE:YE-MA"]["label_ar"] == "مأرب (اليمن)"
    )
    assert "YE:" not in public  # a country is not ranked among governorates
    assert compute(Scope(YEAR))["governorates"]["country_level"] == 1
    assert "YE:YE-AD" not in public
    internal = _rows(compute(Scope(YEAR, edition="internal"))["governorates"])
    assert internal["YE:YE-AD"]["count"] == 1


def test_months_victims_verification_and_impunity(report_data):
    stats = compute(Scope(YEAR))
    months = _rows(stats["months"])
    assert [months[m]["count"] for m in (2, 3, 7, 9, 11)] == [1, 1, 1, 1, 1] and months[1]["count"] == 0
    gender = _rows(stats["victims_by_gender"])
    assert gender["female"]["count"] == 1 and gender["female"]["percent"] == 20.0
    assert stats["victims_by_gender"]["percent_of"] == "victims (5)"
    assert _rows(stats["verification"])["confirmed"]["count"] == 5
    impunity = _rows(stats["impunity_for_killings"])
    assert impunity["complete"]["count"] == 1 and impunity["not_recorded"]["count"] == 1


def test_killings_list_withholds_protected_names_in_public(report_data):
    public = compute(Scope(YEAR))["killings"]["rows"]
    assert [r["name_en"] for r in public] == ["Huda al-Shami", "journalist (name withheld)"]
    assert public[1]["name_ar"] == "صحفي (حُجب الاسم)"
    internal = compute(Scope(YEAR, edition="internal"))["killings"]["rows"]
    assert internal[1]["name_en"] == CANARIES["protected_victim"] and internal[1]["identity_protected"]


def test_previous_year_change_and_trend(report_data):
    stats = compute(Scope(YEAR))
    change = stats["previous_year"]["totals"]["incidents"]
    assert change == {"previous": 1, "current": 5, "difference": 4, "percent": 400.0}
    assert stats["previous_year"]["violation_types"]["I2"]["previous"] == 1
    assert stats["trend"]["rows"][-2:] == [{"year": 2022, "incidents": 1, "victims": 1},
                                           {"year": 2023, "incidents": 5, "victims": 5}]  # fmt: skip


def test_country_filter(report_data):
    factories.create_incident(workflow_status="published", country="LY", admin1="طرابلس", locality="طرابلس",
                              date_start="2023-04-04")  # fmt: skip
    assert compute(Scope(YEAR, "LY"))["totals"]["incidents"] == 1
    assert compute(Scope(YEAR, "YE"))["totals"]["incidents"] == 5


def _detained(start, *events, date_start=None, published=True):
    victim = {"journalist": {"name_en": f"Held {start}", "name_ar": "صحفي محتجز", "gender": "male"},
              "outcome": "detained", "status_events": [{"event": e, "date": d} for e, d in events]}  # fmt: skip
    return factories.create_incident(workflow_status="published" if published else None, violation_types=["F4"],
                                     date_start=date_start or start, victims=[victim])  # fmt: skip


def test_held_on_1_december_rule():
    """Detained in March and released in October: not held. Detained in November: held."""
    _detained("2024-03-03", ("detained_on", "2024-03-03"), ("released_on", "2024-10-10"))
    _detained("2024-11-11", ("detained_on", "2024-11-11"))
    _detained("2024-12-01", ("detained_on", "2024-12-01"))  # on the day itself: held
    _detained("2024-12-02", ("detained_on", "2024-12-02"))  # after the census day: not yet
    _detained(
        "2024-06-06", ("detained_on", "2024-06-06"), ("released_on", "2024-12-20")
    )  # released later: held
    _detained(
        "2024-05-05", ("detained_on", "2024-05-05"), ("released_on", "2024-05-05")
    )  # same day: released
    _detained(
        "2021-01-01", ("detained_on", "2021-01-01"), ("sentenced_on", "2021-06-01")
    )  # earlier year, still held
    _detained("2024-02-02", ("detained_on", "2024-02-02"), published=False)  # a draft never counts
    held = held_on_1_december(Scope(2024))
    assert sorted(r["name_en"] for r in held) == ["Held 2021-01-01", "Held 2024-06-06", "Held 2024-11-11",
                                                  "Held 2024-12-01"]  # fmt: skip
    assert {r["status"] for r in held} == {"state_custody"}
    assert held[0]["since"] == "2021-01-01"  # oldest first
    assert len(held_on_1_december(Scope(2020))) == 0


def test_held_counts_a_journalist_once():
    person = factories.create_journalist(name_en="Twice Held", name_ar="محتجز مرتين")
    for day in ("2024-01-10", "2024-04-10"):
        factories.create_incident(
            workflow_status="published", violation_types=["F4"], date_start=day,
            victims=[{"journalist_id": person.id, "outcome": "detained",
                      "status_events": [{"event": "detained_on", "date": day}]}],
        )  # fmt: skip
    assert [r["name_en"] for r in held_on_1_december(Scope(2024))] == ["Twice Held"]


def test_empty_year_has_no_percentages():
    stats = compute(Scope(1999))
    assert stats["totals"]["incidents"] == 0
    assert all(row["percent"] is None for row in stats["months"]["rows"])


@pytest.mark.parametrize(("part", "base", "expected"), [(1, 3, 33.3), (2, 3, 66.7), (1, 8, 12.5), (1, 40, 2.5),
                                                        (1, 0, None), (3, 3, 100.0)])  # fmt: skip
def test_percent_rounds_halves_up(part, base, expected):
    assert percent(part, base) == expected


def test_scope_rejects_unknown_edition():
    with pytest.raises(ValueError):
        Scope(2024, edition="secret")


def test_dates_are_iso_strings(report_data):
    row = compute(Scope(YEAR))["killings"]["rows"][0]
    assert row["date"] == date(2023, 2, 10).isoformat()
