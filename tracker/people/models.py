"""Journalists and media outlets: people and organisations reused across incidents."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core import blind, sealed
from tracker.core.db import UTCDateTime, enum_check, utcnow
from tracker.core.text import search_form
from tracker.core.vocab import GENDERS, MEDIA_TYPES, PROFESSIONS
from tracker.extensions import db


class Outlet(db.Model):
    __tablename__ = "outlets"
    __table_args__ = (
        sa.CheckConstraint("name_ar IS NOT NULL OR name_en IS NOT NULL", name="has_name"),
        enum_check("media_type", MEDIA_TYPES, nullable=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name_ar: Mapped[str | None] = mapped_column(sa.String(300))
    name_en: Mapped[str | None] = mapped_column(sa.String(300))
    media_type: Mapped[str | None] = mapped_column(sa.String(20))
    country: Mapped[str | None] = mapped_column(sa.String(2))
    search_name: Mapped[str] = mapped_column(sa.String(700), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def refresh_search_name(self) -> None:
        self.search_name = search_form(f"{self.name_ar or ''} {self.name_en or ''}")

    def __repr__(self) -> str:
        return f"<Outlet {self.id} {self.name_en or self.name_ar}>"


def journalist_search_name(name_ar: str | None, name_en: str | None, protected: bool) -> str:
    """What a journalist is searched by: the normalised names, or their blind index if protected."""
    if protected:
        index = blind.index_text((name_ar, name_en))
        # whole tokens within the column's 700 characters (a name of a dozen words and more)
        return index if len(index) <= 700 else index[:701].rsplit(" ", 1)[0]
    return search_form(f"{name_ar or ''} {name_en or ''}")


def open_names(name_ar: str | None, name_en: str | None, seal_key: str | None) -> tuple:
    """A journalist's names read without the ORM (select ``seal_key`` with them), in clear."""
    return (sealed.opened("journalists", "name_ar", name_ar, seal_key),
            sealed.opened("journalists", "name_en", name_en, seal_key))  # fmt: skip


class Journalist(db.Model):
    __tablename__ = "journalists"
    __table_args__ = (
        sa.CheckConstraint("name_ar IS NOT NULL OR name_en IS NOT NULL", name="has_name"),
        enum_check("gender", GENDERS),
        enum_check("profession", PROFESSIONS, nullable=True),
        enum_check("media_type", MEDIA_TYPES, nullable=True),
        # the protected people's state (how many, last change): the guard's registry-wide check
        # asks it before each publish (``tracker.public.guard.registry_names``)
        sa.Index("ix_journalists_protected_updated", "is_protected", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Text: a sealed name is about three times as long as the name (inputs keep their limits).
    name_ar: Mapped[str | None] = mapped_column(sa.Text)
    name_en: Mapped[str | None] = mapped_column(sa.Text)
    gender: Mapped[str] = mapped_column(sa.String(10), default="unknown")
    profession: Mapped[str | None] = mapped_column(sa.String(20))
    outlet_id: Mapped[int | None] = mapped_column(sa.ForeignKey("outlets.id"), index=True)
    media_type: Mapped[str | None] = mapped_column(sa.String(20))
    nationality: Mapped[str | None] = mapped_column(sa.String(2))
    is_foreign: Mapped[bool] = mapped_column(default=False)
    # Set when an editor merges this record into another (kept for history, never shown).
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("journalists.id"))
    # An identity-protected victim in some case (stays set): the names are then stored sealed
    # (tracker.core.sealed) and ``search_name`` is their keyed blind index (tracker.core.blind).
    is_protected: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    seal_key: Mapped[str | None] = mapped_column(sa.String(32))
    search_name: Mapped[str] = mapped_column(sa.String(700), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, index=True)

    outlet: Mapped[Outlet | None] = relationship(lazy="joined")

    def refresh_search_name(self) -> None:
        self.search_name = journalist_search_name(self.name_ar, self.name_en, self.is_protected)

    def __repr__(self) -> str:
        return f"<Journalist {self.id} {self.name_en or self.name_ar}>"


sealed.protect(Journalist, ("name_ar", "name_en"), when=lambda row: bool(row["is_protected"]))
