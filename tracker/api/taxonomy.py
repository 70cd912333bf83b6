"""/api/v1/taxonomy: violation types and every fixed vocabulary, in both languages."""

import sqlalchemy as sa
from flask_smorest import Blueprint

from schemas.taxonomy import TaxonomySchema
from tracker.cases.models import ViolationType
from tracker.cases.taxonomy import SDG_GROUPS
from tracker.core import vocab
from tracker.extensions import db

blp = Blueprint("taxonomy", __name__, description="Codes and bilingual labels")

VOCABULARIES = {
    "perpetrator_types": vocab.PERPETRATOR_TYPES,
    "outcomes": vocab.OUTCOMES,
    "roles_in_incident": vocab.ROLES_IN_INCIDENT,
    "status_events": vocab.STATUS_EVENTS,
    "genders": vocab.GENDERS,
    "professions": vocab.PROFESSIONS,
    "media_types": vocab.MEDIA_TYPES,
    "verification": vocab.VERIFICATION,
    "case_status": vocab.CASE_STATUS,
    "impunity": vocab.IMPUNITY,
    "workflow_status": vocab.WORKFLOW_STATUS,
    "date_precisions": vocab.DATE_PRECISIONS,
    "geo_precisions": vocab.GEO_PRECISIONS,
}


def _terms(vocabulary: dict) -> list[dict]:
    return [{"code": code, "label_en": en, "label_ar": ar} for code, (en, ar) in vocabulary.items()]


@blp.route("/taxonomy")
@blp.response(200, TaxonomySchema)
def taxonomy():
    """The violation taxonomy (from the database, labels editable) and the fixed vocabularies."""
    types = db.session.scalars(sa.select(ViolationType).order_by(ViolationType.sort_order))
    return {
        "violation_types": list(types),
        "sdg_groups": [
            {"code": group, "label_en": en, "label_ar": ar}
            for group, (_parent, _rank, en, ar) in SDG_GROUPS.items()
        ],
        "vocabularies": {name: _terms(v) for name, v in VOCABULARIES.items()},
    }
