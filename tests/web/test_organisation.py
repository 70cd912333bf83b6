"""The organisation's identity, set by admins on the settings page: names, logo (checked by
content, size-limited, re-encoded), contact, how to cite and licence; audited; printed on the
report's covers and under the public statistics."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from reports.builds import render
from reports.statistics import Scope
from tests import factories
from tests.factories import SYSTEM
from tests.web.conftest import csrf_token
from tracker.admin import operations as admin_ops
from tracker.admin.queries import get_setting, organisation_logo, organisation_name
from tracker.audit.models import AuditEntry
from tracker.core.exceptions import ValidationFailed
from tracker.extensions import db


def _image(kind="PNG", size=(240, 120), **info) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (20, 80, 140))
    image.save(out, kind, **info)
    return out.getvalue()


def _post(admin, **data):
    token = csrf_token(admin, "/admin/settings")
    return admin.post("/admin/settings/organisation", data={"csrf_token": token, **data},
                      content_type="multipart/form-data")  # fmt: skip


def test_admin_sets_names_logo_and_back_cover_texts(app, web):
    admin = web("admin")
    exif = Image.Exif()
    exif[0x010F] = "CANARY-CAMERA"  # metadata that must not survive re-encoding
    response = _post(admin, organisation_name_ar="نقابة الصحفيين اليمنيين", organisation_name_en="Yemeni Journalists Syndicate",
                     logo=(io.BytesIO(_image("JPEG", (3000, 1500), exif=exif)), "logo.jpg"),
                     contact_ar="صنعاء، اليمن", contact_en="Sanaa, Yemen", citation_en="YJS, Yearly report",
                     contact_ar_version="0", contact_en_version="0", citation_en_version="0")  # fmt: skip
    assert response.status_code == 302
    assert organisation_name("ar", {}) == "نقابة الصحفيين اليمنيين"
    assert organisation_name("en", {}) == "Yemeni Journalists Syndicate"
    png = organisation_logo()
    assert png.startswith(b"\x89PNG") and b"CANARY-CAMERA" not in png
    assert Image.open(io.BytesIO(png)).size == (1000, 500)  # at most 1000 pixels a side
    changes = [e.changes for e in db.session.query(AuditEntry).filter_by(entity_type="setting")]
    logo_change = next(c["organisation_logo"] for c in changes if "organisation_logo" in c)
    assert logo_change == [None, get_setting("organisation_logo")["sha256"]]  # a digest, not the bytes
    assert any("organisation_name_ar" in c for c in changes)
    assert db.session.query(AuditEntry).filter_by(entity_type="report_text").count() == 3
    served = app.test_client().get("/reports/logo.png")
    assert served.status_code == 200 and served.data == png and served.mimetype == "image/png"
    page = admin.get("/admin/settings").get_data(as_text=True)
    assert "Sanaa, Yemen" in page and "/reports/logo.png" in page


@pytest.mark.parametrize(
    "upload, message",
    [
        (b"GIF89a" + b"\x00" * 100, "PNG أو JPEG"),
        (b"%PDF-1.4 not an image", "PNG أو JPEG"),
        (b"\x89PNG\r\n\x1a\n" + b"broken", "تعذّرت قراءة هذه الصورة"),
        (b"\xff\xd8\xff" + b"\x00" * (1024 * 1024 + 1), "1 ميغابايت"),
    ],
)
def test_a_bad_logo_is_refused_with_a_message_and_nothing_is_saved(web, upload, message):
    admin = web("admin")  # an Arabic-speaking admin: the message in Arabic
    response = _post(admin, organisation_name_en="Changed name", logo=(io.BytesIO(upload), "logo.png"))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert get_setting("organisation_name_en") == "" and organisation_logo() is None


def test_logo_with_huge_dimensions_is_refused_before_decoding(app):
    with pytest.raises(ValidationFailed):
        admin_ops.logo_png(_image("PNG", (6000, 5000)))


def test_only_admins_change_the_organisation(web):
    for role in ("editor", "researcher"):
        client = web(role)
        token = csrf_token(client, "/cases/new")
        response = client.post("/admin/settings/organisation", data={"csrf_token": token,
                                                                     "organisation_name_en": "Hijacked"})  # fmt: skip
        assert response.status_code in (302, 403)
    assert get_setting("organisation_name_en") == ""


def test_report_covers_and_statistics_footer_show_the_organisation(app, web):
    admin_ops.set_setting("organisation_name_en", "Yemeni Journalists Syndicate", SYSTEM)
    admin_ops.set_setting("organisation_name_ar", "نقابة الصحفيين اليمنيين", SYSTEM)
    admin_ops.set_organisation_logo(_image(), SYSTEM)
    db.session.commit()
    factories.create_incident(workflow_status="published", date_start="2024-03-05")
    reader = PdfReader(io.BytesIO(render(Scope(2024), "en", app.config)))
    assert "Yemeni Journalists Syndicate" in reader.pages[0].extract_text()
    assert "Yemeni Journalists Syndicate" in reader.pages[-1].extract_text()
    for page in (reader.pages[0], reader.pages[-1]):  # the logo on the cover and the back cover
        assert any(x.get("/Subtype") == "/Image" for x in page["/Resources"]["/XObject"].values())
    page = app.test_client().get("/statistics?year=2024").get_data(as_text=True)
    assert "نقابة الصحفيين اليمنيين" in page and "/reports/logo.png" in page
