"""Sheets as monitors lay them out: a profession written as people say it (feminine, «مصور»
alone), a reference cell left empty on the rows of a further victim, an incident's cells merged
over its victims' rows in Excel, a row that has its own incident but no reference."""

import io

import pytest
from flask_babel import force_locale
from openpyxl import Workbook

from tests.transfer.conftest import check

HEADER = "incident_ref,title_ar,violation_types,date_start,country,victim_name_ar,victim_profession,victim_outcome\n"


def _victim_professions(report) -> list:
    return [v["journalist"]["profession"] for r in report.records for v in r.data["victims"]]


@pytest.mark.parametrize(
    ("written", "code"),
    [("صحفية", "journalist"), ("الصحفية", "journalist"), ("صحافي", "journalist"), ("مراسلة", "journalist"),
     ("إعلامي", "journalist"), ("إعلامية", "journalist"), ("مصور صحفي", "photographer"),
     ("مصورة صحفية", "photographer"), ("مصورة فوتوغرافية", "photographer"), ("photojournalist", "photographer"),
     ("مصورة تلفزيونية", "camera_operator"), ("cameraman", "camera_operator"), ("مذيعة", "presenter"),
     ("مقدمة برامج", "presenter"), ("محررة", "editor"), ("كاتبة", "columnist"), ("مدونة", "blogger"),
     ("ناشط إعلامي", "blogger"), ("كاتب صحفي", "columnist"), ("صحفي مستقل", "journalist"),
     ("مدير قناة", "editor_in_chief"), ("broadcaster", "presenter")],
)  # fmt: skip
def test_a_profession_as_monitors_write_it(written, code):
    report = check((HEADER + f"R-1,عنوان,F4.1,2024-01-01,YE,سامي,{written},detained\n").encode())
    assert report.ok, report.errors
    assert _victim_professions(report) == [code] and not report.warnings


@pytest.mark.parametrize("written", ["مصور", "مصورة", "المصور"])
def test_a_plain_photographer_is_taken_as_one_with_a_warning_naming_the_camera_operator(written):
    with force_locale("ar"):
        report = check((HEADER + f"R-1,عنوان,F4.1,2024-01-01,YE,سامي,{written},detained\n").encode())
    assert report.ok, report.errors
    assert _victim_professions(report) == ["photographer"]
    [warning] = report.warnings
    assert warning.column == "victim_profession" and "مصور تلفزيوني" in warning.message


@pytest.mark.parametrize(("lang", "listed"), [("ar", ["صحفي / مراسل", "مصور تلفزيوني"]),
                                              ("en", ["Journalist / reporter", "Camera operator"])])  # fmt: skip
def test_an_unknown_profession_is_refused_with_the_values_to_write(lang, listed):
    with force_locale(lang):
        report = check((HEADER + "R-1,عنوان,F4.1,2024-01-01,YE,سامي,رائد فضاء,detained\n").encode())
    [error] = report.errors
    assert "رائد فضاء" in error.message and all(label in error.message for label in listed), error.message


def test_a_row_with_only_a_further_victim_and_no_reference_belongs_to_the_incident_above():
    sheet = (
        HEADER + "R-1,اعتقال فريق قناة,F4.1,2024-01-01,YE,سامي الحداد,صحفي,detained\n"
        ",,,,,هدى ناصر,مصور تلفزيوني,detained\n"
        ",,,,,وليد سعيد,صحفي,injured\n"
        "R-2,تهديد,I3,2024-02-01,YE,علي محمد,صحفي,threatened\n"
    ).encode()
    report = check(sheet)
    assert report.ok, report.errors
    first = next(r for r in report.records if r.ref == "R-1")
    assert [v["journalist"]["name_ar"] for v in first.data["victims"]] == [
        "سامي الحداد",
        "هدى ناصر",
        "وليد سعيد",
    ]
    assert first.rows == [2, 3, 4] and len(report.records) == 2
    assert [(w.row, w.column) for w in report.warnings] == [(3, "incident_ref")]  # one warning for the file


def test_a_row_with_its_own_incident_and_no_reference_is_an_incident_of_its_own():
    sheet = (
        HEADER + "R-1,اعتقال,F4.1,2024-01-01,YE,سامي الحداد,صحفي,detained\n"
        ",اقتحام مقر صحيفة,P3,2024-03-09,YE,,,\n"
        ",تهديد مراسل,I3,2024-04-02,YE,علي محمد,مراسل,threatened\n"
    ).encode()
    report = check(sheet)
    assert report.ok, report.errors
    assert sorted(r.data["title_ar"] for r in report.records) == ["اعتقال", "اقتحام مقر صحيفة", "تهديد مراسل"]
    assert len(report.to_create) == 3 and any(w.column == "incident_ref" for w in report.warnings)


def test_a_first_row_with_a_victim_but_no_reference_and_no_incident_is_refused():
    report = check((HEADER + ",,,,,سامي الحداد,صحفي,detained\n").encode())
    [error] = report.errors
    assert error.column == "incident_ref" and error.row == 2


def _workbook_with_merged_incident_cells() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["م", "عنوان الحادثة", "نوع الانتهاك", "التاريخ", "الدولة", "اسم الصحفي", "المهنة", "المصير"]
    )
    sheet.append(
        [1, "اعتقال فريق قناة بلقيس", "اعتقال", "2024-01-05", "اليمن", "سامي الحداد", "صحفي", "محتجز"]
    )
    sheet.append([None, None, None, None, None, "هدى ناصر", "مصورة تلفزيونية", "محتجز"])
    sheet.append([None, None, None, None, None, "وليد سعيد", "مراسل", "محتجز"])
    sheet.append([2, "تهديد مراسل", "تهديد", "2024-02-01", "اليمن", "علي محمد", "مراسل", None])
    for column in "ABCDE":  # one incident's cells merged over its three victims' rows
        sheet.merge_cells(f"{column}2:{column}4")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_excel_sheet_with_an_incidents_cells_merged_over_its_victims_rows():
    report = check(_workbook_with_merged_incident_cells(), "cases.xlsx")
    assert report.ok, report.errors
    assert len(report.records) == 2
    first = min(report.records, key=lambda r: r.rows[0])
    assert first.rows == [2, 3, 4] and first.data["title_ar"] == "اعتقال فريق قناة بلقيس"
    assert [v["journalist"]["name_ar"] for v in first.data["victims"]] == [
        "سامي الحداد",
        "هدى ناصر",
        "وليد سعيد",
    ]
    assert not [w for w in report.warnings if w.row in (3, 4)]  # nothing guessed: the cells say it


@pytest.mark.parametrize(
    ("written", "code"),
    [("محتجز", "detained"), ("معتقلة", "detained"), ("مختطف", "abducted"), ("مخفي قسرياً", "disappeared"),
     ("قتيل", "killed"), ("مصابة", "injured"), ("مفرج عنها", "released"), ("أُفرج عنها", "released"),
     ("arrested", "detained"), ("مخفي قسراً", "disappeared"), ("مطلق سراحه", "released"),
     ("لا يزال محتجزاً", "detained"), ("تعرض للضرب", "assaulted")],
)  # fmt: skip
def test_an_outcome_as_lists_write_it(written, code):
    report = check((HEADER + f"R-1,عنوان,F4.1,2024-01-01,YE,سامي,صحفي,{written}\n").encode())
    assert report.ok, report.errors
    assert [v["outcome"] for r in report.records for v in r.data["victims"]] == [code]


def test_a_further_victims_row_with_a_note_continues_its_incident_and_the_notes_are_joined():
    """A Libyan list: the reference and the incident's cells on the first row only, a note
    («ملاحظات») on each victim's row."""
    sheet = (
        "المرجع,الدولة,التاريخ,المدينة,نوع الانتهاك,الجهة المنتهكة,اسم الصحفي,المهنة,الوسيلة الإعلامية,المصير,ملاحظات\n"
        "LBY-24-07,ليبيا,20/04/2024,سبها,احتجاز,جهاز الأمن الداخلي,محمود علي القماطي,مراسل,قناة الوسط,محتجز,اعتقل من مقر عمله\n"
        ",,,,,,نادية سالم الزوي,صحفية,قناة الوسط,مفرج عنها,أفرج عنها بعد ساعات\n"
        ",,,,,,صالح عمر الفقيه,مصور تلفزيوني,قناة الوسط,محتجز,\n"
    ).encode()
    report = check(sheet)
    assert report.ok, report.errors
    [record] = report.records
    assert [v["outcome"] for v in record.data["victims"]] == ["detained", "released", "detained"]
    assert record.data["summary_ar"] == "اعتقل من مقر عمله\nأفرج عنها بعد ساعات"
    assert {w.column for w in report.warnings} >= {"incident_ref", "summary_ar"}


@pytest.mark.parametrize(
    ("header", "column"),
    [("الصفة/المهنة", "victim_profession"), ("الحالة", "victim_outcome"), ("Status", "victim_outcome"),
     ("الرقم المرجعي", "incident_ref")],
)  # fmt: skip
def test_headers_as_syndicates_write_them(header, column):
    sheet = f"incident_ref,title_ar,violation_types,date_start,country,victim_name_ar,{header}\n".encode()
    if column == "incident_ref":
        sheet = f"{header},title_ar,violation_types,date_start,country,victim_name_ar\n".encode()
    report = check(sheet + "R-1,عنوان,F4.1,2024-01-01,YE,سامي,صحفي\n".encode())
    assert (header, column) in report.mapped_columns


@pytest.mark.parametrize(
    ("profession", "outcome", "gender"),
    [("صحفية", "detained", "female"), ("صحفي", "مختطفة", "female"), ("مصورة", "", "female"),
     ("صحفي", "محتجز", "unknown"), ("journalist", "detained", "unknown")],
)  # fmt: skip
def test_a_victim_written_as_a_woman_is_recorded_as_one(profession, outcome, gender):
    report = check((HEADER + f"R-1,عنوان,F1,2024-01-01,YE,سارة,{profession},{outcome}\n").encode())
    assert report.ok, report.errors
    assert [v["journalist"]["gender"] for r in report.records for v in r.data["victims"]] == [gender]


def test_a_gender_given_is_kept_whatever_the_words():
    header = HEADER.replace("victim_outcome", "victim_outcome,victim_gender")
    report = check((header + "R-1,عنوان,F1,2024-01-01,YE,سارة,صحفية,مختطفة,male\n").encode())
    assert [v["journalist"]["gender"] for r in report.records for v in r.data["victims"]] == ["male"]


def test_a_list_without_a_country_takes_it_from_a_governorate_or_city_only_one_country_has():
    sheet = (
        "incident_ref,title_ar,violation_types,date_start,admin1,locality,perpetrator_types,victim_name_ar\n"
        "R-1,اختطاف صحفي,F1,2024-03-05,صنعاء,,جماعة الحوثي,سامي\n"
        "R-2,احتجاز مراسل,F4,2024-04-20,,سبها,,محمود\n"
        "R-3,تهديد,I3,2024-05-01,,,,علي\n"
    ).encode()
    report = check(sheet)
    countries = {r.ref: r.data.get("country") for r in report.records}
    assert countries == {"R-1": "YE", "R-2": "LY"}  # R-3 says no place: refused
    assert [(e.row, e.column) for e in report.errors] == [(4, "country")]
    assert any(w.column == "country" for w in report.warnings)
    houthis = next(r for r in report.records if r.ref == "R-1").data["perpetrators"][0]
    assert houthis["type"] != "unknown"


@pytest.mark.parametrize(
    ("name", "title_ar", "title_en"),
    [("Sara Mohammed", "اختطاف – Sara Mohammed", "Kidnapping / abduction – Sara Mohammed"),
     ("3 صحفيين", "اختطاف – 3 صحفيين", "Kidnapping / abduction – 3 journalists"),
     ("12 journalists", "اختطاف – 12 صحفياً", "Kidnapping / abduction – 12 journalists"),
     ("2 journalists", "اختطاف – صحفيان", "Kidnapping / abduction – 2 journalists")],
)  # fmt: skip
def test_a_row_without_a_title_gets_one_in_both_languages(name, title_ar, title_en):
    report = check((HEADER + f"R-1,,F1,2024-01-01,YE,{name},,\n").encode())
    assert report.ok, report.errors
    [record] = report.records
    assert (record.data["title_ar"], record.data["title_en"]) == (title_ar, title_en)


@pytest.mark.parametrize(
    ("dates", "warned"),
    [(["05/03/2024", "07/04/2024"], True), (["05/03/2024", "13/03/2024"], False), (["2024-03-05"], False),
     (["05/05/2024"], False)],
)  # fmt: skip
def test_dates_either_order_reads_are_said_once_unless_the_file_settles_the_order(dates, warned):
    rows = "".join(f"R-{i},عنوان,F4.1,{d},YE,سامي {i},صحفي,detained\n" for i, d in enumerate(dates))
    with force_locale("en"):
        report = check((HEADER + rows).encode())
    assert report.ok, report.errors
    said = [w.message for w in report.warnings if w.column == "date_start"]
    assert len(said) == (1 if warned else 0)
    if warned:
        assert "05/03/2024" in said[0] and "day/month/year" in said[0]
