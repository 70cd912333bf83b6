"""A corpus of files no one here wrote (tests/transfer/bad_files/): each is refused with a clear
message in Arabic and English, or read correctly, within seconds and without unpacking bombs."""

import time
from pathlib import Path

import pytest
from flask_babel import force_locale

from tests.transfer.conftest import check
from tests.web.conftest import csrf_token, web  # noqa: F401  (web: a fixture)
from tracker.jobs import runner
from tracker.transfer import files

BAD = Path(__file__).parent / "bad_files"

# file -> (English, Arabic) message of the refusal
REFUSED = {
    "empty.csv": ("The file is empty.", "الملف فارغ."),
    "header_only.csv": ("The file has a header but no rows.", "في الملف سطر العناوين ولا صفوف تحته."),
    "wrong_encoding.csv": ("The file is not UTF-8 text.", "الملف ليس نصاً بترميز UTF-8."),
    "mixed_delimiters.csv": (
        "The header and the rows use different separators (',' and ';'): save the file again with one.",
        "يستخدم سطر العناوين والصفوف فواصل مختلفة (',' و';'): احفظ الملف من جديد بفاصل واحد.",
    ),
    "huge_field.csv": (
        "Row 2 cannot be read as CSV: a cell longer than 131072 characters, or a quote never closed.",
        "تعذرت قراءة الصف 2 بصيغة CSV: خلية أطول من 131072 حرف، أو علامة تنصيص لم تُغلق.",
    ),
    "truncated.xlsx": ("Not an Excel (.xlsx) file.", "ليس ملف Excel ‏(‎.xlsx)."),
    "zip_bomb.xlsx": (
        "The workbook unpacks to more than 100 MB: split it.",
        "يتجاوز حجم المصنف بعد فك ضغطه 100 ميغابايت: قسّمه إلى ملفات أصغر.",
    ),
    "million_rows.xlsx": (
        "The file has more than 200000 rows: split it.",
        "في الملف أكثر من 200000 صف: قسّمه إلى ملفات أصغر.",
    ),
}
# file -> (column, English, Arabic) of the one error in an otherwise readable file
ROW_ERRORS = {"formula_cells.xlsx": ("date_start", "Give the date.", "اكتب التاريخ.")}
READ = ("utf8_bom.csv", "utf16_bom.txt.csv")  # byte-order marks: read as the text they are


def _refusal(path: Path) -> str:
    with pytest.raises(files.BadFile) as raised:
        if path.suffix == ".json":
            files.Mapping.load(path.read_bytes())
        else:
            check(path.read_bytes(), path.name)
    return str(raised.value)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_each_bad_file_is_refused_with_its_message_in_both_languages(name):
    started = time.perf_counter()
    for lang, expected in zip(("en", "ar"), REFUSED[name], strict=True):
        with force_locale(lang):
            assert _refusal(BAD / name) == expected
    assert time.perf_counter() - started < 10


def test_a_mapping_of_the_wrong_shape_is_refused():
    with force_locale("en"):
        assert _refusal(BAD / "bad_mapping.json").startswith("The mapping file must be a JSON object")
    with force_locale("ar"):
        assert _refusal(BAD / "bad_mapping.json").startswith("يجب أن يكون ملف المطابقة كائن JSON")


@pytest.mark.parametrize("name", sorted(ROW_ERRORS))
def test_formula_cells_are_not_evaluated(name):
    column, en, ar = ROW_ERRORS[name]
    for lang, expected in (("en", en), ("ar", ar)):
        with force_locale(lang):
            report = check((BAD / name).read_bytes(), name)
        assert [(p.column, p.message) for p in report.errors] == [(column, expected)]


@pytest.mark.parametrize("name", READ)
def test_byte_order_marks_are_read(name):
    report = check((BAD / name).read_bytes(), name)
    assert report.ok and report.rows == 1, report.errors
    assert report.records[0].data["victims"][0]["journalist"]["name_ar"] == "سامي الحداد"


def test_every_file_of_the_corpus_is_tested():
    tested = {*REFUSED, *ROW_ERRORS, *READ, "bad_mapping.json"}
    assert {p.name for p in BAD.iterdir()} == tested


def test_a_refused_upload_leaves_no_file_behind(app, web):  # noqa: F811
    client = web("editor")
    uploads = Path(app.instance_path) / "uploads"
    before = set(uploads.iterdir()) if uploads.exists() else set()
    for name in ("zip_bomb.xlsx", "huge_field.csv", "million_rows.xlsx"):
        data = {"csrf_token": csrf_token(client, "/transfer/import"), "file": ((BAD / name).open("rb"), name)}
        response = client.post("/transfer/import", data=data, content_type="multipart/form-data")
        runner.drain()  # the dry run is a job: it refuses the file and forgets it
        assert client.get(response.location).status_code == 422
    assert set(uploads.iterdir()) == before
