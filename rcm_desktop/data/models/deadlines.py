"""Deadlines and the closures of a country's calendar."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
    relationship,
)

from rcm_desktop.data.models.base import Base, Tracked, Versioned, enum_column
from rcm_desktop.data.models.documents import Document, DocumentReview
from rcm_desktop.data.models.meetings import Meeting, MeetingSession
from rcm_desktop.domain.vocabulary import (
    AnchorKind,
    DeadlineKind,
    DeadlineRule,
)


class CalendarClosure(Tracked, Versioned, Base):
    """A day a country's calendar does not work beyond its holidays (a decreed bridge day…)."""

    __tablename__ = "calendar_closures"
    __table_args__ = (UniqueConstraint("country_code", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    day: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)


class Deadline(Tracked, Versioned, Base):
    """A deadline: a fixed date, or N working or calendar days after an anchor, on a calendar."""

    __tablename__ = "deadlines"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_not_empty"),
        CheckConstraint("rule != 'fixed' OR fixed_date IS NOT NULL", name="fixed_has_date"),
        CheckConstraint("rule = 'fixed' OR days > 0", name="days_positive"),
        CheckConstraint(
            "rule != 'working_days' OR calendar_country IS NOT NULL", name="working_days_calendar"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[DeadlineKind] = mapped_column(enum_column(DeadlineKind, "deadline_kind"))
    rule: Mapped[DeadlineRule] = mapped_column(enum_column(DeadlineRule, "deadline_rule"))
    fixed_date: Mapped[dt.date | None] = mapped_column(Date)
    days: Mapped[int | None] = mapped_column(Integer)
    anchor_kind: Mapped[AnchorKind | None] = mapped_column(enum_column(AnchorKind, "anchor_kind"))
    anchor_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL")
    )
    anchor_date: Mapped[dt.date | None] = mapped_column(Date)
    anchor_document_review_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_reviews.id", ondelete="SET NULL")
    )
    calendar_country: Mapped[str | None] = mapped_column(ForeignKey("countries.code"))
    calendar_categories: Mapped[str] = mapped_column(
        String(100), default="public", server_default="public"
    )
    #: Derived: recomputed whenever the rule, its anchor or the calendar's closures change.
    due_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting | None] = relationship()
    anchor_session: Mapped[MeetingSession | None] = relationship()
    anchor_document_review: Mapped[DocumentReview | None] = relationship()
    #: The documents this deadline governs ("comments on these three documents by 15 March").
    documents: Mapped[list[Document]] = relationship(
        secondary="deadline_documents", order_by="Document.title"
    )


class DeadlineDocument(Base):
    """A document a deadline governs: any number per deadline, any number per document."""

    __tablename__ = "deadline_documents"

    deadline_id: Mapped[int] = mapped_column(
        ForeignKey("deadlines.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )
