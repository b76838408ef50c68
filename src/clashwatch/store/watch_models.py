"""Tables of monitoring (``clashwatch watch``): the sources followed and the article URLs already fetched.

A ``fetched_urls`` row is written in the transaction that stores its article, so after any crash a URL is either
stored with its article or not stored at all, and a stored URL is never fetched or coded again. A row without an
article records why the page gave none (not English, no text) so it is not fetched again either.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clashwatch.store.models import Base


class SourceRow(Base):
    __tablename__ = "watch_sources"

    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "feed" or "page"
    name: Mapped[str | None] = mapped_column(Text)
    interval_s: Mapped[int] = mapped_column(Integer)
    last_fetch: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_new: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # when it last gave a new article
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    error_count: Mapped[int] = mapped_column(Integer, default=0)  # failures in a row; 0 after a success
    last_error: Mapped[str | None] = mapped_column(Text)
    next_due: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    articles: Mapped[int] = mapped_column(Integer, default=0)  # new articles it has given


class FetchedUrlRow(Base):
    __tablename__ = "fetched_urls"

    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    canonical_url: Mapped[str | None] = mapped_column(String(2048), index=True)
    article_id: Mapped[str | None] = mapped_column(String(255), index=True)
    skipped: Mapped[str | None] = mapped_column(Text)  # why the page gave no article
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
