"""Reads of journalists and outlets."""

import sqlalchemy as sa

from tracker.core import blind
from tracker.core.text import like_pattern, normalise, search_terms
from tracker.extensions import db
from tracker.people.models import Journalist, Outlet, open_names


def _term_condition(model, term: str):
    found = model.search_name.like(like_pattern(term), escape="\\")
    if model is not Journalist:
        return found
    # a protected journalist's search_name is the blind index of their names: exact words only
    blinded = [Journalist.search_name.like(like_pattern(t), escape="\\") for t in blind.query_tokens(term)]
    return sa.case((Journalist.is_protected, sa.or_(sa.false(), *blinded)), else_=found)


def _search(model, q: str | None, page: int, page_size: int, extra_conditions=()):
    conditions = [_term_condition(model, t) for t in search_terms(q)]
    conditions += list(extra_conditions)
    if model is Journalist:
        conditions.append(Journalist.merged_into_id.is_(None))
    total = db.session.scalar(sa.select(sa.func.count(model.id)).where(*conditions))
    stmt = (
        sa.select(model).where(*conditions).order_by(model.search_name, model.id)
        .limit(page_size).offset((page - 1) * page_size)
    )  # fmt: skip
    return list(db.session.scalars(stmt)), total


def search_journalists(q: str | None, page: int = 1, page_size: int = 50, extra_conditions=()):
    return _search(Journalist, q, page, page_size, extra_conditions)


def search_outlets(q: str | None, page: int = 1, page_size: int = 50):
    return _search(Outlet, q, page, page_size)


def journalists_named(
    name_ar: str | None, name_en: str | None, limit: int = 5, extra_conditions=()
) -> list[Journalist]:
    """Journalists already recorded under the same (Arabic-normalised) name: likely the same person."""
    wanted = {normalise(n) for n in (name_ar, name_en) if n and n.strip()}
    if not wanted:
        return []
    found = []
    for name in wanted:
        candidates, _ = search_journalists(name, page_size=50, extra_conditions=extra_conditions)
        for journalist in candidates:
            names = {normalise(n) for n in (journalist.name_ar, journalist.name_en) if n}
            if names & wanted and journalist not in found:
                found.append(journalist)
    return found[:limit]


def protected_people(ids) -> set[int]:
    """Which of these journalists are protected (``Journalist.is_protected``: an identity-protected
    victim in some case, for good)."""
    if not ids:
        return set()
    stmt = sa.select(Journalist.id).where(Journalist.id.in_(list(ids)), Journalist.is_protected.is_(True))
    return set(db.session.scalars(stmt))


def journalist_names(ids) -> dict[int, str]:
    """id -> "Arabic name / English name", for showing victims in the history."""
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(Journalist.id, Journalist.name_ar, Journalist.name_en, Journalist.seal_key).where(
            Journalist.id.in_(list(ids))
        )
    )
    return {id_: " / ".join(n for n in open_names(ar, en, key) if n) for id_, ar, en, key in rows}


def protected_state() -> tuple[int, object]:
    """(how many people are protected, when one last changed): protection is never removed, so
    a new protected person raises the count and a change of one their ``updated_at``."""
    count, last = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(Journalist.updated_at)).where(
            Journalist.is_protected.is_(True)
        )
    ).one()
    return count, last


def protected_names_since(since=None) -> dict[int, tuple[str, ...]]:
    """id -> names (opened) of the protected people changed at or after ``since`` (all: None)."""
    stmt = sa.select(Journalist.id, Journalist.name_ar, Journalist.name_en, Journalist.seal_key).where(
        Journalist.is_protected.is_(True)
    )
    if since is not None:
        stmt = stmt.where(Journalist.updated_at >= since)
    return {
        id_: tuple(n for n in open_names(ar, en, key) if n and n.strip())
        for id_, ar, en, key in db.session.execute(stmt)
    }
