"""Evidence attachments: upload from the case page, originals kept by hash and never changed,
cleaned public copies, audited downloads, `flask evidence verify`, S3-compatible storage."""

import hashlib
import io
import os
import re

import pytest
import sqlalchemy as sa
from PIL import Image
from pypdf import PdfReader, PdfWriter

from tests import factories
from tests.evidence.conftest import phone_photo
from tests.web.conftest import csrf_token
from tracker.audit.models import AuditEntry
from tracker.cases import operations as case_ops
from tracker.core.exceptions import ValidationFailed
from tracker.evidence import operations, queries
from tracker.evidence.sniff import sniff
from tracker.evidence.storage import S3Storage, original_key, public_key, storage
from tracker.extensions import db

SYSTEM = factories.SYSTEM


def _upload(client, incident_id, files, description=""):
    token = csrf_token(client, f"/cases/{incident_id}")
    data = {"csrf_token": token, "description": description,
            "files": [(io.BytesIO(content), name) for name, content in files]}  # fmt: skip
    return client.post(f"/cases/{incident_id}/evidence", data=data, content_type="multipart/form-data",
                       follow_redirects=True)  # fmt: skip


def _exif_of(data: bytes) -> tuple[dict, dict, dict]:
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    return dict(exif), dict(exif.get_ifd(0x8825)), dict(image.info)


def test_editor_attaches_a_phone_photo_and_the_public_gets_a_copy_without_exif(web, evidence_store):
    """The issue's "done when": GPS EXIF in, none out; the original keeps its hash."""
    photo = phone_photo()
    assert _exif_of(photo)[1], "the test photo must carry a GPS position"
    incident = factories.create_incident(workflow_status="published")
    editor = web("editor")
    page = _upload(editor, incident.id, [("IMG_0042.jpg", photo)], description="صورة من موقع الحادثة")
    assert page.status_code == 200 and "IMG_0042.jpg" in page.get_data(as_text=True)
    (attachment,) = queries.attachments_of(incident.id)
    assert attachment.sha256 == hashlib.sha256(photo).hexdigest() and attachment.media_type == "image/jpeg"
    assert attachment.visibility == "internal" and attachment.original_name == "IMG_0042.jpg"

    public_page = editor.get(f"/incidents/{incident.public_ref}").get_data(as_text=True)
    assert f"/evidence/public/{attachment.id}" not in public_page  # internal until an editor decides
    token = csrf_token(editor, f"/cases/{incident.id}")
    editor.post(f"/evidence/{attachment.id}/visibility", data={"csrf_token": token, "to": "public"})
    db.session.refresh(attachment)
    assert attachment.visibility == "public" and attachment.public_sha256 != attachment.sha256

    anonymous = editor.application.test_client()
    public_page = anonymous.get(f"/incidents/{incident.public_ref}").get_data(as_text=True)
    link = re.search(r'src="(/evidence/public/\d+)"', public_page).group(1)
    served = anonymous.get(link)
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    exif, gps, info = _exif_of(served.data)
    assert exif == {} and gps == {} and "exif" not in info and "xmp" not in info
    assert b"PhoneMaker" not in served.data and b"secret place" not in served.data
    assert Image.open(io.BytesIO(served.data)).size == (64, 48)
    # The original is untouched, read-only, and still has its hash.
    stored = evidence_store.root / original_key(attachment.sha256)
    assert (
        hashlib.sha256(stored.read_bytes()).hexdigest()
        == attachment.sha256
        == hashlib.sha256(photo).hexdigest()
    )
    assert not os.access(stored, os.W_OK) or os.geteuid() == 0
    assert stored.stat().st_mode & 0o222 == 0
    assert _exif_of(stored.read_bytes())[1]  # the original keeps its evidence value (GPS)
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.entity_type == "attachment")
    ).all()
    assert actions == ["attach", "make_public"]


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_copies_are_re_encoded_without_metadata(fmt):
    incident = factories.create_incident()
    attachment = operations.add_attachment(incident, phone_photo(fmt), f"photo.{fmt.lower()}", None, SYSTEM)
    operations.make_public(attachment, SYSTEM)
    copy = storage().get(public_key(attachment.public_sha256))
    exif, gps, info = _exif_of(copy)
    assert exif == {} and gps == {} and "exif" not in info and "xmp" not in info and b"PhoneMaker" not in copy


def test_pdf_public_copy_has_no_document_metadata():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Witness Name", "/Producer": "Scanner 3000", "/Title": "statement"})
    out = io.BytesIO()
    writer.write(out)
    incident = factories.create_incident()
    attachment = operations.add_attachment(incident, out.getvalue(), "statement.pdf", None, SYSTEM)
    assert attachment.media_type == "application/pdf"
    operations.make_public(attachment, SYSTEM)
    copy = storage().get(public_key(attachment.public_sha256))
    reader = PdfReader(io.BytesIO(copy))
    assert len(reader.pages) == 1
    assert (
        not (reader.metadata or {}).get("/Author")
        and b"Witness Name" not in copy
        and b"Scanner 3000" not in copy
    )


def test_audio_and_video_cannot_be_made_public():
    incident = factories.create_incident()
    attachment = operations.add_attachment(incident, b"ID3\x04\x00" + b"\x00" * 200, "call.mp3", None, SYSTEM)
    assert attachment.media_type == "audio/mpeg"
    with pytest.raises(ValidationFailed):
        operations.make_public(attachment, SYSTEM)
    assert attachment.visibility == "internal"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00", "video/mp4"),
        (b"\x00\x00\x00\x18ftypM4A \x00\x00", "audio/mp4"),
        (b"OggS\x00\x02", "audio/ogg"),
        (b"ID3\x04\x00", "audio/mpeg"),
        ("شهادة مكتوبة\nwritten statement\n".encode(), "text/plain"),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),  # a Windows program named photo.jpg
        (b"<html><script>alert(1)</script>\x00", None),
        (b"PK\x03\x04", None),
        (b"", None),
    ],
)
def test_the_type_is_sniffed_from_the_content(data, expected):
    assert sniff(data) == expected


def test_a_file_of_another_type_is_refused_whatever_its_name(web):
    incident = factories.create_incident(workflow_status="published")
    editor = web(factories.create_user("editor", locale="en"))
    page = _upload(editor, incident.id, [("photo.jpg", b"MZ\x90\x00" + b"\x00" * 100)])
    assert "“photo.jpg” is not a photo, PDF" in page.get_data(as_text=True)
    assert queries.attachments_of(incident.id) == []


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "files larger than 3 MB cannot be attached"), ("ar", "ميغابايت")]
)
def test_a_file_over_the_limit_gets_a_clear_message(web, app, monkeypatch, lang, words):
    """Files larger than the 2 MB limit of other requests are accepted up to the evidence limit."""
    monkeypatch.setitem(app.config, "EVIDENCE_MAX_BYTES", 3 * 1024 * 1024)
    incident = factories.create_incident()
    editor = web(factories.create_user("editor", locale=lang))
    big, fits = b"x" * (3 * 1024 * 1024 + 10), b"z" * (2 * 1024 * 1024 + 10)
    page = _upload(
        editor, incident.id, [("big.txt", big), ("small.txt", b"a short note\n"), ("fits.txt", fits)]
    )
    text = page.get_data(as_text=True)
    assert words in text and "big.txt" in text
    assert [a.original_name for a in queries.attachments_of(incident.id)] == ["small.txt", "fits.txt"]


def test_several_files_at_once_and_the_same_file_stored_once(web, evidence_store):
    incident = factories.create_incident()
    other = factories.create_incident()
    photo = phone_photo()
    editor = web("editor")
    _upload(editor, incident.id, [("a.jpg", photo), ("b.txt", b"note one\n"), ("c.png", phone_photo("PNG"))])
    _upload(editor, other.id, [("copy.jpg", photo)])
    assert len(queries.attachments_of(incident.id)) == 3 and len(queries.attachments_of(other.id)) == 1
    originals = [p for p in (evidence_store.root / "originals").rglob("*") if p.is_file()]
    assert len(originals) == 3


def test_upload_needs_the_csrf_token(web):
    incident = factories.create_incident()
    response = web("editor").post(f"/cases/{incident.id}/evidence", content_type="multipart/form-data",
                                  data={"files": [(io.BytesIO(b"note\n"), "n.txt")]})  # fmt: skip
    assert response.status_code == 400 and queries.attachments_of(incident.id) == []


def test_originals_only_for_roles_that_see_the_case_and_every_download_is_audited(web, users):
    researcher = users["researcher"]
    incident = factories.create_incident(user=researcher)
    attachment = operations.add_attachment(incident, phone_photo(), "IMG.jpg", None, SYSTEM)
    db.session.commit()
    url = f"/evidence/{attachment.id}/original"
    for role, status in (("editor", 200), ("admin", 200), ("viewer", 403)):
        assert web(role).get(url).status_code == status, role
    assert web(researcher).get(url).status_code == 200
    assert web(factories.create_user("researcher")).get(url).status_code == 403
    assert web("viewer").get(f"/evidence/{attachment.id}/thumbnail").status_code == 404
    anonymous = web("editor").application.test_client().get(url)
    assert anonymous.status_code in (302, 401)
    downloads = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.entity_type == "attachment", AuditEntry.action == "download")
    ).all()
    assert len(downloads) == 3 and all(attachment.sha256 in d.note for d in downloads)


def test_the_public_gets_nothing_while_the_attachment_is_internal_or_the_case_not_public(web):
    incident = factories.create_incident(workflow_status="published")
    attachment = operations.add_attachment(incident, phone_photo(), "IMG.jpg", None, SYSTEM)
    db.session.commit()
    anonymous = web("editor").application.test_client()
    assert anonymous.get(f"/evidence/public/{attachment.id}").status_code == 404
    operations.make_public(attachment, SYSTEM)
    db.session.commit()
    assert anonymous.get(f"/evidence/public/{attachment.id}").status_code == 200
    case_ops.transition_incident(incident, "verified", SYSTEM)  # unpublished
    db.session.commit()
    assert anonymous.get(f"/evidence/public/{attachment.id}").status_code == 404
    assert web("researcher").post(
        f"/evidence/{attachment.id}/visibility", data={"to": "internal"}
    ).status_code in (
        400,
        403,
    )


def test_researchers_and_viewers_cannot_make_evidence_public(web, users):
    incident = factories.create_incident(user=users["researcher"])
    attachment = operations.add_attachment(incident, phone_photo(), "IMG.jpg", None, SYSTEM)
    db.session.commit()
    for role in ("researcher", "viewer"):
        client = web(role)
        token = csrf_token(client, f"/cases/{incident.id}")
        assert (
            client.post(
                f"/evidence/{attachment.id}/visibility", data={"csrf_token": token, "to": "public"}
            ).status_code
            == 403
        )
    db.session.refresh(attachment)
    assert attachment.visibility == "internal"


def test_verify_finds_a_changed_byte_and_a_missing_original(app, evidence_store):
    incident = factories.create_incident()
    kept = operations.add_attachment(incident, phone_photo(), "a.jpg", None, SYSTEM)
    changed = operations.add_attachment(incident, b"statement one\n", "b.txt", None, SYSTEM)
    lost = operations.add_attachment(incident, b"statement two\n", "c.txt", None, SYSTEM)
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["evidence", "verify"])
    assert result.exit_code == 0 and "3 originals" in result.output, result.output

    path = evidence_store.root / original_key(changed.sha256)
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[0] ^= 0x01  # one changed bit
    path.write_bytes(bytes(data))
    (evidence_store.root / original_key(lost.sha256)).unlink()
    result = runner.invoke(args=["evidence", "verify"])
    assert result.exit_code == 1
    assert f"MISMATCH {changed.sha256}" in result.output and f"MISSING {lost.sha256}" in result.output
    assert kept.sha256 not in result.output


def test_s3_compatible_storage(app, monkeypatch):
    """The same operations on an S3 bucket (moto's in-process fake: no network)."""
    moto = pytest.importorskip("moto")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with moto.mock_aws():
        import boto3

        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="evidence-test")
        for key, value in {"EVIDENCE_STORAGE": "s3", "EVIDENCE_S3_BUCKET": "evidence-test",
                           "EVIDENCE_S3_REGION": "us-east-1"}.items():  # fmt: skip
            monkeypatch.setitem(app.config, key, value)
        app.extensions.pop("evidence_storage", None)
        assert isinstance(storage(), S3Storage)
        incident = factories.create_incident()
        photo = phone_photo()
        attachment = operations.add_attachment(incident, photo, "IMG.jpg", None, SYSTEM)
        operations.make_public(attachment, SYSTEM)
        assert storage().get(original_key(attachment.sha256)) == photo
        assert queries.verify_originals().ok
        client = boto3.client("s3", region_name="us-east-1")
        client.put_object(
            Bucket="evidence-test", Key="evidence/" + original_key(attachment.sha256), Body=b"edited"
        )
        report = queries.verify_originals()
        assert report.mismatched == [attachment.sha256]
        app.extensions.pop("evidence_storage", None)


def test_an_upload_over_the_total_limit_is_refused_with_a_message(web, app, monkeypatch):
    monkeypatch.setitem(app.config, "EVIDENCE_MAX_BYTES", 512 * 1024)
    monkeypatch.setitem(app.config, "EVIDENCE_MAX_FILES", 1)
    incident = factories.create_incident()
    editor = web(factories.create_user("editor", locale="en"))
    page = _upload(editor, incident.id, [("big.txt", b"y" * (2 * 1024 * 1024))])
    assert page.status_code == 200
    assert "The upload is too large: at most 1 files of up to 0 MB each." in page.get_data(as_text=True)
    assert queries.attachments_of(incident.id) == []


def test_the_case_page_shows_the_chain_of_custody_to_those_who_may_download(web):
    incident = factories.create_incident()
    attachment = operations.add_attachment(incident, b"statement\n", "statement.txt", "شهادة", SYSTEM)
    operations.record_download(attachment, SYSTEM)
    db.session.commit()
    editor_page = (
        web(factories.create_user("editor", locale="en")).get(f"/cases/{incident.id}").get_data(as_text=True)
    )
    assert "Chain of custody" in editor_page and "original downloaded" in editor_page
    assert attachment.sha256 in editor_page
    viewer_page = web("viewer").get(f"/cases/{incident.id}").get_data(as_text=True)
    assert "statement.txt" in viewer_page and f"/evidence/{attachment.id}/original" not in viewer_page
    assert "سلسلة الحيازة" not in viewer_page
