"""Journalists and media outlets: people and organisations reused across incidents."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

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


class Journalist(db.Model):
    __tablename__ = "journalists"
    __table_args__ = (
        sa.CheckConstraint("name_ar IS NOT NULL OR name_en IS NOT NULL", name="has_name"),
        enum_check("gender", GENDERS),
        enum_check("profession", PROFESSIONS, nullable=True),
        enum_check("media_type", MEDIA_TYPES, nullable=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name_ar: Mapped[str | None] = mapped_column(sa.String(300))
    name_en: Mapped[str | None] = mapped_column(sa.String(300))
    gender: Mapped[str] = mapped_column(sa.String(10), default="unknown")
    profession: Mapped[str | None] = mapped_column(sa.String(20))
    outlet_id: Mapped[int | None] = mapped_column(sa.ForeignKey("outlets.id"), index=True)
    media_type: Mapped[str | None] = mapped_column(sa.String(20))
    nationality: Mapped[str | None] = mapped_column(sa.String(2))
    is_foreign: Mapped[bool] = mapped_column(default=False)
    # Set when an editor merges this record into another (kept for history, never shown).
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("journalists.id"))
    search_name: Mapped[str] = mapped_column(sa.String(700), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, index=True)

    outlet: Mapped[Outlet | None] = relationship(lazy="joined")

    def refresh_search_name(self) -> None:
        self.search_name = search_form(f"{self.name_ar or ''} {self.name_en or ''}")

    def __repr__(self) -> str:
        return f"<Journalist {self.id} {self.name_en or self.name_ar}>"
