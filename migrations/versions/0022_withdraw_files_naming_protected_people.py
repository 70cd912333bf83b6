"""Protection is per person: a journalist who is an identity-protected victim in one case is now
withheld in every case of theirs. A public file built before (a report PDF, a download, a map
export) may name such a person in another case: every file holding a case where a protected person
is a plain victim is withdrawn (rebuilt by editors from ``/reports``, as for any withdrawal).

Data only; the stored search text of those cases moves the name to the blind index with
``flask incidents rederive``.

Revision ID: 0022
Revises: 0021
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from tracker.core.db import UTCDateTime

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

NAMING = """
    SELECT pfi.file_id FROM public_file_incidents pfi
    JOIN victims v ON v.incident_id = pfi.incident_id
    JOIN journalists j ON j.id = v.journalist_id
    WHERE j.is_protected AND NOT v.is_identity_protected
"""


def upgrade():
    statement = sa.text(
        f"UPDATE public_files SET status = 'withdrawn', withdrawn_at = :now "
        f"WHERE status != 'withdrawn' AND id IN ({NAMING})"
    ).bindparams(sa.bindparam("now", type_=UTCDateTime))
    op.get_bind().execute(statement, {"now": datetime.now(UTC)})


def downgrade():
    pass  # a withdrawn file stays withdrawn: it is rebuilt, never put back
