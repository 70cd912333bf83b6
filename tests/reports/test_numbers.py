"""Issue 12, "Numbers": a fixture year (2024) whose every figure is written out by hand below,
and the identities that must hold between the figures of one report."""

import pytest

from reports.statistics import Scope, compute, held_on_1_december, quality_warnings, shares
from reports.text import when
from tests import factories

YEAR = 2024


def _person(name_en, gender="male"):
    return factories.create_journalist(name_en=name_en, name_ar=f"صحفي {name_en}", gender=gender)


def _case(person, outcome, types, day, events=(), perpetrators=None, **over):
    over.setdefault("workflow_status", "published")
    return factories.create_incident(
        violation_types=types, date_start=day,
        perpetrators=perpetrators or [{"type": "state_security", "name": None}],
        victims=[{"journalist_id": person.id, "outcome": outcome,
                  "status_events": [{"event": e, "date": d} for e, d in events]}] if person else [],
        **over,
    )  # fmt: skip


@pytest.fixture
def year_2024():
    """Hand-counted 2024 (public edition):

    incidents 8: Q-2024 (L1.4, Apr), R-2024 (F5, Jun), S (F4, Feb), T (F1, Mar), U (F2, May),
      K (L1.1 + I2, July, known to the month), Y (I3, known to the year), W (C1, Aug, country level);
      an unverified case (Aug) is not counted.
    victims 8: Q, R, S, T, U, Huda (killed), Ali (injured in the killing), Mona (threatened).
    violations 10: one per victim and type (W, no victim, once); K counts L1.1 once (Ali was not
      killed) and I2 twice.
    killed 2: Q (death in custody) and Huda.
    SDG per person: killing 2 (Q, Huda), enforced disappearance 1 (U), arbitrary detention 1 (S),
      kidnapping 1 (T), torture 0, other 3 (R's trial, Ali's injury, Mona's threat): 8.
    held on 1 December 3: S (state custody), T (non-state group), U (disappeared);
      not P (disappeared 2016, killed 2017), not Q (detained 2023, died in custody 2024),
      not R (detained 2023, released June 2024 on another case).
    women 2 (Huda, Mona), men 6.
    """
    p = _person("Disappeared Then Killed")
    _case(p, "disappeared", ["F2"], "2016-05-01", [("disappeared_on", "2016-05-01")])
    _case(p, "killed", ["L1.1"], "2017-03-01")
    q = _person("Died In Custody")
    _case(q, "detained", ["F4"], "2023-06-01", [("detained_on", "2023-06-01")])
    _case(q, "killed", ["L1.4"], "2024-04-01")
    r = _person("Released In June")
    _case(r, "detained", ["F4"], "2023-09-01", [("detained_on", "2023-09-01")])
    _case(r, "released", ["F5"], "2024-06-10", [("released_on", "2024-06-15")])
    _case(_person("Held By State"), "detained", ["F4"], "2024-02-01", [("detained_on", "2024-02-01")])
    _case(_person("Hostage"), "abducted", ["F1"], "2024-03-01", [("abducted_on", "2024-03-01")],
          [{"type": "non_state_armed_group", "name": "جماعة مسلحة"}])  # fmt: skip
    _case(_person("Disappeared"), "disappeared", ["F2"], "2024-05-01", [("disappeared_on", "2024-05-01")])
    factories.create_incident(
        workflow_status="published", violation_types=["L1.1", "I2"], date_start="2024-07-01",
        date_precision="month", perpetrators=[{"type": "non_state_armed_group", "name": "جماعة مسلحة"}],
        victims=[{"journalist_id": _person("Huda", "female").id, "outcome": "killed"},
                 {"journalist_id": _person("Ali").id, "outcome": "injured"}],
    )  # fmt: skip
    _case(_person("Mona", "female"), "threatened", ["I3"], "2024-01-01", date_precision="year",
          perpetrators=[{"type": "unknown", "name": None}])  # fmt: skip
    _case(None, None, ["C1"], "2024-08-20", admin1=None, locality=None, latitude=None, longitude=None,
          geo_precision="country", public_geo_precision="country")  # fmt: skip
    _case(_person("Not Verified"), "injured", ["I2"], "2024-08-01", verification="unverified")


def _rows(table):
    return {row["code"]: row for row in table["rows"]}


def test_hand_counted_totals(year_2024):
    totals = compute(Scope(YEAR))["totals"]
    assert totals == {"incidents": 8, "victims": 8, "violations": 10, "journalists_killed": 2,
                      "held_on_1_december": 3}  # fmt: skip


def test_held_is_decided_per_person_and_split(year_2024):
    held = held_on_1_december(Scope(YEAR))
    assert sorted((r["name_en"], r["status"]) for r in held) == [
        ("Disappeared", "disappeared"),
        ("Held By State", "state_custody"),
        ("Hostage", "non_state"),
    ]
    by_status = _rows(compute(Scope(YEAR))["held_on_1_december"]["by_status"])
    assert {k: r["count"] for k, r in by_status.items()} == {
        "state_custody": 1,
        "non_state": 1,
        "disappeared": 1,
    }


def test_a_death_on_another_case_ends_holding():
    person = _person("Held Then Dead")
    _case(person, "detained", ["F4"], "2024-01-05", [("detained_on", "2024-01-05")])
    _case(person, "killed", ["L1.4"], "2024-09-01")
    assert held_on_1_december(Scope(YEAR)) == []


def test_a_later_detention_after_release_is_held():
    person = _person("Twice")
    _case(
        person,
        "released",
        ["F4"],
        "2022-01-05",
        [("detained_on", "2022-01-05"), ("released_on", "2022-02-01")],
    )
    _case(person, "detained", ["F4"], "2024-03-01", [("detained_on", "2024-03-01")])
    [row] = held_on_1_december(Scope(YEAR))
    assert row["since"] == "2024-03-01" and row["status"] == "state_custody"


def test_sdg_is_per_person_and_agrees_with_totals(year_2024):
    stats = compute(Scope(YEAR))
    sdg = _rows(stats["sdg_16_10_1"])
    assert {k: r["count"] for k, r in sdg.items()} == {
        "killing": 2, "torture": 0, "enforced_disappearance": 1, "arbitrary_detention": 1, "kidnapping": 1,
        "other": 3}  # fmt: skip
    assert (sdg["killing"]["female"], sdg["killing"]["male"]) == (1, 1)
    assert (sdg["killing"]["state"], sdg["killing"]["non_state"]) == (1, 1)


def _identities(stats):
    totals, sdg = stats["totals"], stats["sdg_16_10_1"]["rows"]
    killing = next(r for r in sdg if r["code"] == "killing")
    assert killing["count"] == totals["journalists_killed"] == len(stats["killings"]["rows"])
    assert sum(r["count"] for r in sdg) == totals["victims"]
    for r in sdg:
        assert r["female"] + r["male"] + r["sex_unknown"] == r["count"]
        assert r["state"] + r["non_state"] + r["perpetrator_unknown"] == r["count"]
    assert (
        sum(r["female"] for r in sdg)
        == _rows(stats["victims_by_gender"]).get("female", {"count": 0})["count"]
    )
    for key in ("victims_by_gender", "victims_by_profession", "victims_by_media_type", "victims_by_origin"):
        assert sum(r["count"] for r in stats[key]["rows"]) == totals["victims"], key
    for key in ("months", "countries", "verification"):
        assert sum(r["count"] for r in stats[key]["rows"]) == totals["incidents"], key
    governorates = stats["governorates"]
    assert (
        sum(r["count"] for r in governorates["rows"]) + governorates["country_level"] == totals["incidents"]
    )
    assert (
        sum(r["count"] for r in stats["held_on_1_december"]["by_status"]["rows"])
        == totals["held_on_1_december"]
    )


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_every_figure_agrees(year_2024, edition):
    _identities(compute(Scope(YEAR, edition=edition)))


def test_identities_hold_on_demo_like_data(report_data):
    _identities(compute(Scope(2023)))
    _identities(compute(Scope(2023, edition="internal")))


def test_shares_use_largest_remainder():
    assert shares([1, 1, 1]) == [33.4, 33.3, 33.3]
    assert sum(shares([3, 5, 7, 11, 13])) == pytest.approx(100.0)
    assert shares([0, 0]) == [None, None]


def test_partition_tables_add_to_100_others_say_why(year_2024):
    stats = compute(Scope(YEAR))
    for key in ("months", "victims_by_gender", "victims_by_profession", "countries", "verification",
                "governorates", "sdg_16_10_1", "headline_types"):  # fmt: skip
        percents = [r["percent"] for r in stats[key]["rows"] if r["percent"] is not None]
        assert round(sum(percents), 1) == 100.0, key
    perpetrators = stats["perpetrator_types"]
    assert "several perpetrators" in perpetrators["note"] and "8" in perpetrators["note"]


def test_dates_as_precise_as_recorded():
    assert when("2024-05-01", "month", "en") == "May 2024"
    assert when("2024-05-01", "month", "ar") == "مايو 2024"
    assert when("2024-01-01", "year", "en") == when("2024-01-01", "year", "ar") == "2024"
    assert when("2024-06-03", "week", "en") == "week of 3 June 2024"
    assert when("2024-06-03", "week", "ar") == "أسبوع 3 يونيو 2024"
    assert when("2024-06-03", "day", "en") == "3 June 2024"


def test_listed_dates_carry_their_precision(year_2024):
    stats = compute(Scope(YEAR))
    huda = next(r for r in stats["killings"]["rows"] if r["name_en"] == "Huda")
    assert huda["date_precision"] == "month"


def test_notes_explain_totals(year_2024):
    stats = compute(Scope(YEAR))
    assert "1 incident" in stats["months"]["note"]  # known only to the year
    governorates = stats["governorates"]
    assert governorates["country_level"] == 1 and all(r["admin1"] for r in governorates["rows"])
    assert "country level" in governorates["note"]


def test_top_n_cut_off_is_stated(monkeypatch, year_2024):
    monkeypatch.setattr("reports.statistics.NAMED_PERPETRATORS_SHOWN", 0)
    named = compute(Scope(YEAR))["named_perpetrators"]
    assert named["others"] == {"names": 1, "incidents": 2}


def test_verification_levels_counted_are_stated(year_2024):
    stats = compute(Scope(YEAR))
    assert stats["scope"]["verification_counted"] == ["confirmed", "likely", "possible"]
    assert stats["scope"]["unverified_excluded"] == 1
    assert "unverified" not in _rows(stats["verification"])


def test_data_quality_warnings():
    _case(_person("Survivor"), "injured", ["L1.1"], "2024-02-02")  # a killing with nobody killed
    _case(_person("Forgotten"), "detained", ["F4"], "2022-02-02", [("detained_on", "2022-02-02")])
    _case(_person("One"), "detained", ["F4"], "2024-03-03", title_en="3 journalists detained in Aden")
    kinds = sorted(w["kind"] for w in quality_warnings(Scope(YEAR, edition="internal")))
    assert kinds == ["held_without_news", "killing_without_killed", "title_victim_count"]


def test_country_sections_agree_with_the_country_reports(year_2024):
    factories.create_incident(workflow_status="published", country="LY", admin1="طرابلس", locality="طرابلس",
                              violation_types=["F4"], date_start="2024-04-04",
                              victims=[{"journalist_id": _person("Libyan").id, "outcome": "detained",
                                        "status_events": [{"event": "detained_on", "date": "2024-04-04"}]}])  # fmt: skip
    sections = {s["country"]: s for s in compute(Scope(YEAR))["countries_sections"]}
    assert list(sections) == ["YE", "LY"]  # most incidents first
    for code, section in sections.items():
        alone = compute(Scope(YEAR, code))
        assert section["incidents"] == alone["totals"]["incidents"]
        assert section["victims"] == alone["totals"]["victims"]
        assert section["killed"] == alone["totals"]["journalists_killed"]
        assert section["held"] == alone["totals"]["held_on_1_december"]
    assert sections["YE"]["named_perpetrators"][0] == {"name_ar": "جماعة مسلحة", "name_en": None, "count": 2}
    assert sections["LY"]["governorates"][0]["count"] == 1
    assert sections["YE"]["trend"][-1] == {"year": YEAR, "incidents": 8}
