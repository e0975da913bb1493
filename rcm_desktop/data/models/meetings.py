"""A meeting as its concept note describes it: sessions, agenda, guiding questions, status
history and attached files."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
    relationship,
)

from rcm_desktop.data.models.base import Base, Tracked, Versioned, enum_column, utcnow
from rcm_desktop.data.models.reference import Body, Country, Forum
from rcm_desktop.domain.text import fold

if TYPE_CHECKING:
    from rcm_desktop.data.models.delegations import Seat
from rcm_desktop.domain.vocabulary import (
    MeetingKind,
    MeetingStatus,
    Modality,
)

meeting_forums = Table(
    "meeting_forums",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("forum_id", ForeignKey("forums.id", ondelete="RESTRICT"), primary_key=True),
)


class Meeting(Tracked, Versioned, Base):
    """A meeting as its concept note describes it."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_not_empty"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
        CheckConstraint(
            "max_participants_per_country IS NULL OR max_participants_per_country > 0",
            name="max_participants_positive",
        ),
        # The meetings list reads this index alone, in order, filtering on the text it holds.
        Index("ix_meetings_list", "first_date", "id", "search_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str | None] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    convening_body_id: Mapped[int | None] = mapped_column(
        ForeignKey("bodies.id", ondelete="SET NULL")
    )
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind, "meeting_kind"))
    modality: Mapped[Modality] = mapped_column(enum_column(Modality, "modality"))
    venue: Mapped[str | None] = mapped_column(String(300))
    platform: Mapped[str | None] = mapped_column(String(200))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    time_zone_label: Mapped[str | None] = mapped_column(String(100))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    #: Derived on every flush: the first session's date (or the start date), for sorting and years.
    first_date: Mapped[dt.date] = mapped_column(Date, index=True)
    #: Derived on every flush: title, venue and platform folded for accent-insensitive search.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    context: Mapped[str | None] = mapped_column(Text)
    objectives: Mapped[str | None] = mapped_column(Text)
    methodology: Mapped[str | None] = mapped_column(Text)
    interpretation: Mapped[str | None] = mapped_column(Text)
    participants: Mapped[str | None] = mapped_column(Text)
    max_participants_per_country: Mapped[int | None] = mapped_column(Integer)
    #: Where the limit comes from, cited when a nomination is refused ("concept note, section Participants").
    limit_source: Mapped[str | None] = mapped_column(String(300))
    observers_invited: Mapped[bool | None] = mapped_column(Boolean)
    civil_society_invited: Mapped[bool | None] = mapped_column(Boolean)
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus, "meeting_status"), default=MeetingStatus.INVITATION_RECEIVED
    )
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )

    convening_body: Mapped[Body | None] = relationship()
    forums: Mapped[list[Forum]] = relationship(secondary=meeting_forums, order_by="Forum.code")
    sessions: Mapped[list[MeetingSession]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingSession.position"
    )
    questions: Mapped[list[GuidingQuestion]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="GuidingQuestion.position"
    )
    status_changes: Mapped[list[MeetingStatusChange]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        order_by="(MeetingStatusChange.changed_on, MeetingStatusChange.id)",
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attachment.id"
    )
    seats: Mapped[list[Seat]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Seat.position"
    )

    def refresh_derived(self) -> None:
        """Recompute `first_date` and `search_text` from the meeting and its sessions."""
        dates = [session.date for session in self.sessions if session.date is not None]
        self.first_date = min(dates) if dates else self.start_date
        self.search_text = fold(" ".join(filter(None, (self.title, self.venue, self.platform))))


class MeetingStatusChange(Tracked, Base):
    """A status the meeting took, and the day it did (its history)."""

    __tablename__ = "meeting_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[MeetingStatus] = mapped_column(enum_column(MeetingStatus, "meeting_status"))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="status_changes")


class Attachment(Tracked, Base):
    """A file attached to a meeting (its concept note…), copied into the profile."""

    __tablename__ = "attachments"
    __table_args__ = (
        UniqueConstraint("meeting_id", "sha256"),
        CheckConstraint("length(sha256) = 64", name="sha256_hex"),
        CheckConstraint("size_bytes >= 0", name="size_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="attachments")


session_leads = Table(
    "session_leads",
    Base.metadata,
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("country_code", ForeignKey("countries.code"), primary_key=True),
)


class MeetingSession(Tracked, Base):
    """One session of a meeting; date and times may be unknown when the note omits them."""

    __tablename__ = "sessions"
    __table_args__ = (
        UniqueConstraint("meeting_id", "position"),
        CheckConstraint("length(trim(title)) > 0", name="title_not_empty"),
        CheckConstraint(
            "start_time IS NULL OR end_time IS NULL OR end_time > start_time",
            name="end_after_start",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(500))
    date: Mapped[dt.date | None] = mapped_column(Date)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    description: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="sessions")
    lead_countries: Mapped[list[Country]] = relationship(
        secondary=session_leads, order_by="Country.code"
    )
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )


class AgendaItem(Tracked, Base):
    """A line of a session's agenda: time range, activity, coordinator or lead."""

    __tablename__ = "agenda_items"
    __table_args__ = (
        UniqueConstraint("session_id", "position"),
        CheckConstraint("length(trim(activity)) > 0", name="activity_not_empty"),
        CheckConstraint(
            "start_time IS NULL OR end_time IS NULL OR end_time > start_time",
            name="end_after_start",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    position: Mapped[int]
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    activity: Mapped[str] = mapped_column(Text)
    coordinator: Mapped[str | None] = mapped_column(Text)

    session: Mapped[MeetingSession] = relationship(back_populates="agenda_items")


class GuidingQuestion(Tracked, Base):
    """A guiding (triggering) question, per session or per phase, with the delegation's position."""

    __tablename__ = "guiding_questions"
    __table_args__ = (
        UniqueConstraint("meeting_id", "position"),
        CheckConstraint("length(trim(text)) > 0", name="text_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    position: Mapped[int]
    phase: Mapped[str | None] = mapped_column(String(300))
    context: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    delegation_position: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="questions")
    session: Mapped[MeetingSession | None] = relationship()
