"""Messages that count things agree with their number, in English and in Arabic (whose noun
takes six forms: حادثة واحدة، حادثتان، 3 حوادث، 11 حادثة...)."""

from datetime import date

import pytest
from flask import render_template_string
from flask_babel import force_locale

from tests.transfer.conftest import check
from tracker.jobs.models import Job
from tracker.jobs.queries import summary_of

HEADER = "incident_ref,title_ar,violation_types,date_start,country,victim_name_ar,victim_outcome\n"


def _exported(n: int, lang: str) -> str:
    with force_locale(lang):
        return summary_of(Job(kind="export.internal", state="done", result={"count": n}))


@pytest.mark.parametrize(
    ("n", "lang", "expected"),
    [(1, "en", "Exported 1 incident."), (3, "en", "Exported 3 incidents."),
     (1, "ar", "صُدّرت حادثة واحدة."), (2, "ar", "صُدّرت حادثتان."), (3, "ar", "صُدّرت 3 حوادث."),
     (10, "ar", "صُدّرت 10 حوادث."), (11, "ar", "صُدّرت 11 حادثة."), (100, "ar", "صُدّرت 100 حادثة.")],
)  # fmt: skip
def test_an_export_says_how_many_incidents_in_agreement_with_the_number(n, lang, expected):
    assert _exported(n, lang) == expected


def test_an_import_summary_counts_without_agreeing_a_noun_with_three_numbers():
    job = Job(kind="import.run", state="done", result={"created": 3, "updated": 1, "unchanged": 11})
    with force_locale("ar"):
        said = summary_of(job)
    assert "3 حادثة" not in said and "3" in said and "11" in said
    with force_locale("en"):
        assert summary_of(job) == "Import done. Incidents created: 3, updated: 1, unchanged: 11."


@pytest.mark.parametrize(
    ("rows", "lang", "expected"),
    [(1, "en", "No title: 1 incident gets one"), (3, "en", "No title: 3 incidents get one"),
     (1, "ar", "أُعطيت حادثة واحدة عنواناً"), (3, "ar", "أُعطيت 3 حوادث عنواناً")],
)  # fmt: skip
def test_an_import_warning_counts_incidents_in_agreement_with_the_number(rows, lang, expected):
    lines = "".join(f"R-{i},,L1.2,2024-01-0{i + 1},YE,سامي الحداد {i},killed\n" for i in range(rows))
    with force_locale(lang):
        report = check((HEADER + lines).encode())
    assert report.ok, report.errors
    assert any(expected in p.message for p in report.warnings), [p.message for p in report.warnings]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (1, "(قبل يوم)"),
        (2, "(قبل يومين)"),
        (3, "(قبل 3 أيام)"),
        (120, "(قبل 120 يوماً)"),
        (200, "(قبل 200 يوم)"),
    ],
)
def test_the_desk_says_how_long_since_the_last_news_in_agreement_with_the_number(app, days, expected):
    source = app.jinja_env.loader.get_source(app.jinja_env, "desk/index.html")[0]
    call = source[source.index("ngettext('last news") :].split("}}")[0]
    with app.test_request_context(), force_locale("ar"):
        said = render_template_string("{{ " + call + " }}", p={"last_event": date(2026, 1, 5), "days": days})
    assert expected in said, said


@pytest.mark.parametrize(
    ("n", "expected"), [(3, "3 صحفيين"), (11, "11 صحفيًا"), (100, "100 صحفي"), (2, "صحفيان")]
)
def test_unnamed_journalists_are_counted_in_agreement_with_the_number(app, n, expected):
    with app.test_request_context(), force_locale("ar"):
        said = render_template_string(
            "{{ ngettext('%(num)s journalist not named', '%(num)s journalists not named', n) }}", n=n
        )
    assert said.startswith(expected), said
