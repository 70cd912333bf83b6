"""The geocoding cache: every answer of an outside provider, kept so a query is asked once."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tracker.core.db import UTCDateTime, utcnow
from tracker.extensions import db


class GeocodeCache(db.Model):
    __tablename__ = "geocode_cache"
    __table_args__ = (sa.UniqueConstraint("provider", "query"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(sa.String(50))
    query: Mapped[str] = mapped_column(sa.String(700))  # the normalised "locality|admin1|country"
    result: Mapped[list] = mapped_column(sa.JSON, default=list)  # candidate dicts; [] = nothing found
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
