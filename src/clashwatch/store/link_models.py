"""Tables of the link stage: the queue of events to link, the reports as coded, the audit trail of merges, and
analyst decisions.

``unlinked_events`` lists the stored events no linking run has seen yet (the store adds each new event; a run takes
the ones it links off), so finding them costs what is new, not what is stored. ``link_reports`` keeps every report
(one article's coded event) as the coder made it, and the event it now belongs to, so an event can be re-resolved
or split after its reports were merged. ``link_decisions`` records why each merge happened (scores and features of
the pair); ``link_analyst_decisions`` holds the analysts' merges and splits as pair constraints between reports,
which every later linking run obeys.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from clashwatch.store.models import Base


class UnlinkedEventRow(Base):
    __tablename__ = "unlinked_events"

    event_id: Mapped[str] = mapped_column(String(300), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)


class LinkReportRow(Base):
    __tablename__ = "link_reports"

    report_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    article_id: Mapped[str] = mapped_column(String(64), index=True)
    event_id: Mapped[str] = mapped_column(String(128), index=True)
    coded: Mapped[dict] = mapped_column(JSON)
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LinkDecisionRow(Base):
    __tablename__ = "link_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(128), index=True)
    left_ids: Mapped[list] = mapped_column(JSON)
    right_ids: Mapped[list] = mapped_column(JSON)
    mean_score: Mapped[float | None] = mapped_column(Float)
    pair: Mapped[list | None] = mapped_column(JSON)
    pair_score: Mapped[float | None] = mapped_column(Float)
    features: Mapped[dict] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(16))  # "linker", "analyst-merge", "analyst-split"
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AnalystDecisionRow(Base):
    __tablename__ = "link_analyst_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String(8))
    first_report: Mapped[str] = mapped_column(String(128), index=True)
    second_report: Mapped[str] = mapped_column(String(128), index=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
