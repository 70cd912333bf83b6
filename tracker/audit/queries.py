"""Reads of the audit trail: checking the hash chain (a read never writes)."""

from dataclasses import dataclass

import sqlalchemy as sa

from tracker.audit import chain
from tracker.audit.models import AuditEntry, AuditHead
from tracker.extensions import db


@dataclass
class ChainReport:
    entries: int = 0
    head_seq: int = 0
    head_hash: str = chain.GENESIS
    broken_id: int | None = None  # the first entry that does not fit the chain
    broken_seq: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def head() -> tuple[int, str]:
    """(number of entries in the chain, hash of the last one)."""
    found = db.session.execute(sa.select(AuditHead.seq, AuditHead.head_hash).where(AuditHead.id == 1)).first()
    return (found.seq, found.head_hash) if found else (0, chain.GENESIS)


def verify_chain(batch: int = 5000) -> ChainReport:
    """Re-hash every entry in chain order; stop at the first that does not fit (edited, deleted,
    inserted or reordered), then check that the head row names the last entry."""
    table = AuditEntry.__table__
    columns = [table.c.id, table.c.seq, table.c.prev_hash, table.c.entry_hash,
               *(table.c[name] for name in chain.CONTENT_FIELDS)]  # fmt: skip
    report, prev, expected = ChainReport(), chain.GENESIS, 1
    result = db.session.execute(
        sa.select(*columns).order_by(table.c.seq), execution_options={"yield_per": batch}
    )
    for row in result.mappings():
        report.entries += 1
        problem = None
        if row["seq"] != expected:
            problem = f"expected position {expected}, found {row['seq']} (an entry is missing or was added)"
        elif row["prev_hash"] != prev:
            problem = "its previous-entry hash does not match the entry before it"
        elif chain.entry_hash(row, row["seq"], prev) != row["entry_hash"]:
            problem = "its content does not match its hash (the entry was changed)"
        if problem:
            report.broken_id, report.broken_seq, report.problem = row["id"], row["seq"], problem
            result.close()
            return report
        prev, expected = row["entry_hash"], expected + 1
    report.head_seq, report.head_hash = head()
    if (report.head_seq, report.head_hash) != (expected - 1, prev):
        report.problem = (
            f"the chain head says {report.head_seq} entries ending in {report.head_hash[:12]}…, "
            f"the table holds {expected - 1} ending in {prev[:12]}… (entries at the end were removed)"
        )
    return report
