"""The per-case dossier PDF (issue 14, item 5): Arabic or English; the public variant from the
public record only, the internal one as the reader may see the case, with evidence hashes and
the audit trail."""

import io
import unicodedata

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from tests import factories
from tests.evidence.conftest import phone_photo
from tracker.audit.models import AuditEntry
from tracker.evidence import operations as evidence_ops
from tracker.evidence.queries import attachments_of
from tracker.extensions import db

PROTECTED, NOTE, WITNESS = "Huda al-Omari", "Family hides her at the uncle's house", "Neighbour testimony"


def _case(**over):
    return factories.create_incident(
        workflow_status="published", confidential_notes=NOTE,
        victims=[{"journalist": {"name_ar": "هدى العمري", "name_en": PROTECTED, "gender": "female"},
                  "outcome": "abducted", "is_identity_protected": True,
                  "status_events": [{"event": "abducted_on", "date": "2024-03-05"}]},
                 {"journalist": {"name_en": "Known Reporter"}, "outcome": "injured"}],
        sources=[{"url": "https://example.org/report", "title": "Public report", "reliability": 4},
                 {"title": WITNESS, "is_internal": True}],
        **over,
    )  # fmt: skip


def _text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf", response.status_code
    reader = PdfReader(io.BytesIO(response.data))
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_public_dossier_holds_only_the_public_record(client, lang):
    incident = _case()
    text = _text(client.get(f"/incidents/{incident.public_ref}/dossier.pdf?lang={lang}"))
    assert incident.public_ref in text
    for secret in (PROTECTED, "العمري", NOTE, WITNESS):
        assert secret not in text
    if lang == "en":
        assert "Known Reporter" in text and "Public report" in text and "Audit trail" not in text


def test_no_public_dossier_of_a_case_that_is_not_public(client):
    draft = factories.create_incident(confidential_notes=NOTE)
    assert client.get(f"/incidents/{draft.public_ref}/dossier.pdf").status_code == 404
    confidential = _case(is_confidential=True)
    assert client.get(f"/incidents/{confidential.public_ref}/dossier.pdf").status_code == 404


def test_the_internal_dossier_follows_the_readers_role_and_is_audited(web):
    incident = _case()
    editor = _text(web("editor").get(f"/cases/{incident.id}/dossier.pdf?lang=en"))
    for shown in (PROTECTED, NOTE, WITNESS, "Audit trail", "Timeline"):
        assert shown in editor
    viewer = _text(web("viewer").get(f"/cases/{incident.id}/dossier.pdf?lang=en"))
    assert PROTECTED not in viewer and NOTE not in viewer and "Audit trail" in viewer
    actions = db.session.scalars(sa.select(AuditEntry.note).where(AuditEntry.action == "dossier")).all()
    assert actions == ["internal dossier (en)"] * 2


def test_the_internal_dossier_needs_a_login(client):
    incident = _case()
    assert client.get(f"/cases/{incident.id}/dossier.pdf").status_code in (302, 401)


def test_both_variants_list_evidence_with_its_hashes(client, web):
    incident = _case()
    editor = factories.create_user("editor")
    actor = factories.Actor(editor, "web")
    kept = evidence_ops.add_attachment(incident, phone_photo(), "IMG_2024.jpg", None, actor)
    evidence_ops.make_public(
        evidence_ops.add_attachment(incident, phone_photo() + b"1", "b.jpg", None, actor), actor
    )
    db.session.commit()
    internal = _text(web("editor").get(f"/cases/{incident.id}/dossier.pdf?lang=en")).replace("\n", "")
    assert kept.sha256 in internal and "IMG_2024.jpg" in internal
    public = _text(client.get(f"/incidents/{incident.public_ref}/dossier.pdf?lang=en")).replace("\n", "")
    published = [a for a in attachments_of(incident.id) if a.public_sha256]
    assert published and published[0].public_sha256 in public
    assert kept.sha256 not in public and "IMG_2024.jpg" not in public


def test_a_dossiers_outcomes_agree_with_a_woman_only_where_the_reader_may_see_her(app, users):
    from tracker.cases import dossier

    incident = factories.create_incident(workflow_status="published", victims=[
        {"journalist": {"name_ar": "هدى العمري", "gender": "female"}, "outcome": "abducted",
         "is_identity_protected": True},
        {"journalist": {"name_ar": "منى الصالح", "gender": "female"}, "outcome": "injured"},
    ])  # fmt: skip
    with app.test_request_context():
        editor = dossier.internal_dossier(users["editor"], incident, "ar")["victims"]
        viewer = dossier.internal_dossier(users["viewer"], incident, "ar")["victims"]
        public = dossier.public_dossier(incident.public_ref, "ar")["victims"]
    assert [v[1:] for v in editor] == [["اختُطفت", "مستهدفة"], ["أصيبت", "مستهدفة"]]
    assert [v[1:] for v in viewer] == [["اختُطف", "مستهدف"], ["أصيبت", "مستهدفة"]]
    shown = [v[1:] for v in public]
    assert ["أصيبت", "مستهدفة"] in shown and ["اختُطفت", "مستهدفة"] not in shown
