"""A public case may not name a person protected in another case, whoever its own victims are: a
colleague's summary that mentions «هدى العمري، التي اختُطفت الشهر الماضي» would hand a reader the
name that case A withholds. Refused when a case goes public (or a public case is edited), by every
writer: the form, the batch writer of imports, the import's dry run, and shown on the publish page.

Two people can share a name: the words that are the name of one of the case's own named victims
are that victim's, and are not refused."""

import pytest

from tests import factories
from tests.transfer.conftest import check
from tracker.cases import operations
from tracker.core.exceptions import ValidationFailed
from tracker.extensions import db

SUMMARY = "Gunmen also threatened his colleague Huda al-Omari, abducted last month."


def _huda_protected_in_case_a():
    huda = factories.create_journalist(name_ar="هدى العمري", name_en="Huda al-Omari", gender="female")
    factories.create_incident(
        workflow_status="published", title_en="Reporter abducted in Taiz",
        victims=[{"journalist_id": huda.id, "outcome": "abducted", "is_identity_protected": True}],
    )  # fmt: skip
    return huda


def _case_b(**over):
    over.setdefault("victims", [{"journalist": {"name_ar": "خالد اليمني", "name_en": "Khaled al-Yamani"},
                                 "outcome": "threatened"}])  # fmt: skip
    return factories.create_incident(workflow_status="verified", **over)


@pytest.mark.parametrize(
    "field, text",
    [
        ("summary_en", SUMMARY),
        ("summary_ar", "وهدد المسلحون زميلته هدى العمري التي اختُطفت الشهر الماضي."),
        ("title_en", "Colleague of Huda Al Omari threatened"),  # another spelling, same person
        ("summary_ar", "زميلة Huda al-Omari"),  # the other script
    ],
)
def test_publishing_a_case_that_names_a_person_protected_in_another_case_is_refused(field, text):
    _huda_protected_in_case_a()
    case_b = _case_b(**{field: text})
    with pytest.raises(ValidationFailed) as refused:
        operations.transition_incident(case_b, "published", factories.SYSTEM)
    assert list(refused.value.errors) == [field]
    assert "في قضية أخرى" in refused.value.errors[field][0]  # "... protected in another case", in Arabic
    db.session.rollback()


def test_a_public_case_cannot_be_edited_to_name_her():
    _huda_protected_in_case_a()
    case_b = _case_b()
    operations.transition_incident(case_b, "published", factories.SYSTEM)
    db.session.commit()
    with pytest.raises(ValidationFailed):
        operations.update_incident(case_b, {"summary_en": SUMMARY}, factories.SYSTEM, case_b.version)
    db.session.rollback()


def test_a_person_protected_a_moment_ago_is_refused_at_once():
    case_b = _case_b(summary_en=SUMMARY)
    _huda_protected_in_case_a()  # after case B was written: the next check knows her
    with pytest.raises(ValidationFailed):
        operations.transition_incident(case_b, "published", factories.SYSTEM)
    db.session.rollback()


def test_a_case_naming_its_own_victim_who_shares_a_protected_persons_name_is_published():
    _huda_protected_in_case_a()
    other_huda = {"journalist": {"name_ar": "هدى العمري", "name_en": "Huda al-Omari"}, "outcome": "injured"}
    case_b = _case_b(victims=[other_huda], title_en="Huda al-Omari injured in Aden")
    operations.transition_incident(case_b, "published", factories.SYSTEM)
    db.session.commit()
    assert case_b.workflow_status == "published"


def test_the_import_dry_run_names_the_row_that_names_a_protected_person_here_or_in_the_file():
    _huda_protected_in_case_a()
    db.session.commit()
    header = ("incident_ref,title_en,summary_en,violation_types,date_start,country,victim_name_en,"
              "victim_outcome,victim_is_identity_protected,workflow_status\n")  # fmt: skip
    rows = (
        f'B-1,Reporter threatened,"{SUMMARY}",I3,2024-04-01,YE,Khaled al-Yamani,threatened,no,published\n'
        "B-2,Photographer abducted,,F1,2024-04-02,YE,Salem Bazar,abducted,yes,verified\n"
        "B-3,Colleague of Salem Bazar threatened,,I3,2024-04-03,YE,Nabil Saeed,threatened,no,published\n"
    )
    report = check((header + rows).encode())
    refused = sorted((p.row, p.column) for p in report.errors)
    assert refused == [(2, "summary_en"), (4, "title_en")]
    assert all("في قضية أخرى" in p.message for p in report.errors)


def test_the_batch_writer_refuses_it_too():
    from schemas.cases import IncidentInputSchema

    _huda_protected_in_case_a()
    khaled = factories.create_journalist(name_ar="خالد اليمني", name_en="Khaled al-Yamani")
    item = IncidentInputSchema().load(factories.incident_data(summary_en=SUMMARY))
    item.update(victims=[{"journalist_id": khaled.id, "outcome": "threatened"}], workflow_status="published")
    with pytest.raises(operations.BatchInvalid):
        operations.create_incidents([item], factories.SYSTEM)
    db.session.rollback()


def test_the_registry_reads_only_what_changed_and_keeps_few_matching_sets(app, monkeypatch):
    from tracker.people import operations as people_ops
    from tracker.people import queries
    from tracker.public import guard

    read = []
    since = queries.protected_names_since
    monkeypatch.setattr(queries, "protected_names_since", lambda last=None: read.append(last) or since(last))
    people = []
    for step in range(6):
        for n in range(step + 1):  # 21 people in six steps, each step read and matched at once
            name = f"Na{'bdfgkl'[step]}{'mnpqrs'[n]}il Sa{'mnpqrs'[n]}{'bdfgkl'[step]}id"
            people.append(people_ops.create_journalist({"name_en": name}, factories.SYSTEM, protected=True))
        sets = guard.registry_names()
        assert all(any(guard.spans(f"colleague of {p.name_en}", s) for s in sets) for p in people)
    assert read.count(None) == 1  # read whole once, then only what changed
    assert len(sets) <= 5  # log2(42 names) + 1


def test_a_list_of_colleagues_is_not_taken_for_a_protected_persons_name():
    # among thousands of protected names, one's family name next to another's given name, or a
    # word of English that a name's consonants spell (and ~ Nadia), would refuse ordinary texts
    for name_ar, name_en in (
        ("معاذ سعيد الخضر", "Muath Saeed al-Khidir"),
        ("نادية أنور عمر", "Nadia Anwar Omar"),
    ):
        person = factories.create_journalist(name_ar=name_ar, name_en=name_en)
        factories.create_incident(workflow_status="published", victims=[
            {"journalist_id": person.id, "outcome": "detained", "is_identity_protected": True}])  # fmt: skip
    case_b = _case_b(
        summary_ar="ومن بين المتضررين: منصور قاسم الخضر، ومعاذ عمر منصور.",
        summary_en="Among them Mansour Qasim al-Khidir (Mirror) and Omar Saleh.",
        victims=[{"journalist": {"name_ar": "منصور قاسم الخضر", "name_en": "Mansour Qasim al-Khidir"},
                  "outcome": "detained"},
                 {"journalist": {"name_ar": "معاذ عمر منصور"}, "outcome": "detained"}],
    )  # fmt: skip
    operations.transition_incident(case_b, "published", factories.SYSTEM)
    db.session.commit()
    assert case_b.workflow_status == "published"


def test_check_names_lists_public_cases_naming_a_person_protected_since_without_the_name(app):
    # case B is public and names Huda, who is protected in case A only afterwards
    huda = factories.create_journalist(name_ar="هدى العمري", name_en="Huda al-Omari", gender="female")
    case_b = _case_b(summary_en=SUMMARY)
    operations.transition_incident(case_b, "published", factories.SYSTEM)
    db.session.commit()
    huda_id, ref = huda.id, case_b.public_ref  # the scan reads a batch at a time: the session lets go of them
    result = app.test_cli_runner().invoke(args=["public", "check-names"])
    assert result.exit_code == 0 and "No public case names" in result.output
    factories.create_incident(workflow_status="published", victims=[
        {"journalist_id": huda_id, "outcome": "abducted", "is_identity_protected": True}])  # fmt: skip
    result = app.test_cli_runner().invoke(args=["public", "check-names"])
    assert result.exit_code == 1
    assert result.stdout == f"{ref}: summary_en\n"  # the reference and field, never the name
    assert "Huda" not in result.output + result.stderr
