"""ORM models of the store (SQLAlchemy 2, `Mapped[]` style).

Rules that a single row can check live in the database too: foreign keys,
uniqueness, non-empty titles, end after start. Rules that span rows (a session
inside its meeting's dates) live in the domain layer.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    event,
    func,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    declared_attr,
    mapped_column,
    relationship,
)

from rcm_desktop.domain.text import fold
from rcm_desktop.domain.vocabulary import (
    AnchorKind,
    BodyKind,
    DeadlineKind,
    DeadlineRule,
    DocumentKind,
    Gender,
    MeetingKind,
    MeetingStatus,
    Modality,
    NominationRole,
    NominationStatus,
    OrganisationKind,
    ReviewStage,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, str]: JSON}


def _enum(enum_class: type[StrEnum], name: str) -> Enum:
    """A portable enum column: VARCHAR plus a CHECK constraint, storing the values."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Versioned:
    """A record users edit: a version number SQLAlchemy checks and bumps on every UPDATE.

    `row_version` is the optimistic-concurrency counter (an UPDATE whose WHERE clause
    names a version that is no longer stored changes nothing, and SQLAlchemy raises
    StaleDataError); `updated_by` and `updated_at` say who saved it last and when (UTC),
    set on every flush by `rcm_desktop.data.versioning`. (`Document.version` is the
    sender's name of the document's version, hence `row_version` here.)
    """

    row_version: Mapped[int] = mapped_column(Integer, server_default="1")
    #: Who saved the record last: "Ana Peña (ana@LAPTOP-3)".
    updated_by: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.row_version}  # type: ignore[attr-defined]


class DataVersion(Base):
    """One row whose counter every committed write bumps: "has anything changed?" in one read."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Setting(Base):
    """A profile-wide setting (the delegation's country, reference data version…)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Country(Base):
    """An ISO 3166-1 country; its name comes from CLDR in the active language."""

    __tablename__ = "countries"
    __table_args__ = (CheckConstraint("length(code) = 2", name="code_two_letters"),)

    code: Mapped[str] = mapped_column(String(2), primary_key=True)


class Forum(Base):
    """A regional process: RCM, SACM, MIRPS."""

    __tablename__ = "forums"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    founded_year: Mapped[int | None]

    members: Mapped[list[ForumMember]] = relationship(
        back_populates="forum", cascade="all, delete-orphan", order_by="ForumMember.country_code"
    )


class ForumMember(Base):
    """A country's membership of a forum, from the year it joined."""

    __tablename__ = "forum_members"
    __table_args__ = (
        UniqueConstraint("forum_id", "country_code"),
        CheckConstraint("left_year IS NULL OR left_year >= joined_year", name="left_after_joined"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    joined_year: Mapped[int]
    left_year: Mapped[int | None]

    forum: Mapped[Forum] = relationship(back_populates="members")


class Presidency(Base):
    """The Presidency Pro-Tempore (PPT) of a forum in a year."""

    __tablename__ = "presidencies"
    __table_args__ = (UniqueConstraint("forum_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"))
    year: Mapped[int]
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    source: Mapped[str | None] = mapped_column(Text)

    forum: Mapped[Forum] = relationship()


class Body(Base):
    """A body of a forum: a secretariat, the RCGM, a working group…"""

    __tablename__ = "bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    forum_id: Mapped[int | None] = mapped_column(ForeignKey("forums.id", ondelete="SET NULL"))
    kind: Mapped[BodyKind] = mapped_column(_enum(BodyKind, "body_kind"))
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    seat: Mapped[str | None] = mapped_column(String(200))

    forum: Mapped[Forum | None] = relationship()


organisation_observer_forums = Table(
    "organisation_observer_forums",
    Base.metadata,
    Column("organisation_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
    Column("forum_id", ForeignKey("forums.id", ondelete="CASCADE"), primary_key=True),
)


class Organisation(Base):
    """An observer organisation or civil-society network."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    kind: Mapped[OrganisationKind] = mapped_column(_enum(OrganisationKind, "organisation_kind"))

    observer_of: Mapped[list[Forum]] = relationship(secondary=organisation_observer_forums)


meeting_forums = Table(
    "meeting_forums",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("forum_id", ForeignKey("forums.id", ondelete="RESTRICT"), primary_key=True),
)


class Meeting(Versioned, Base):
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
    kind: Mapped[MeetingKind] = mapped_column(_enum(MeetingKind, "meeting_kind"))
    modality: Mapped[Modality] = mapped_column(_enum(Modality, "modality"))
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
        _enum(MeetingStatus, "meeting_status"), default=MeetingStatus.INVITATION_RECEIVED
    )
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=_utcnow, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=_utcnow, onupdate=_utcnow, server_default=func.current_timestamp()
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


class MeetingStatusChange(Base):
    """A status the meeting took, and the day it did (its history)."""

    __tablename__ = "meeting_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[MeetingStatus] = mapped_column(_enum(MeetingStatus, "meeting_status"))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="status_changes")


class Attachment(Base):
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
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="attachments")


session_leads = Table(
    "session_leads",
    Base.metadata,
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("country_code", ForeignKey("countries.code"), primary_key=True),
)


class MeetingSession(Base):
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


class AgendaItem(Base):
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


class GuidingQuestion(Base):
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


class CalendarClosure(Versioned, Base):
    """A day a country's calendar does not work beyond its holidays (a decreed bridge day…)."""

    __tablename__ = "calendar_closures"
    __table_args__ = (UniqueConstraint("country_code", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    day: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)


class Deadline(Versioned, Base):
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
    kind: Mapped[DeadlineKind] = mapped_column(_enum(DeadlineKind, "deadline_kind"))
    rule: Mapped[DeadlineRule] = mapped_column(_enum(DeadlineRule, "deadline_rule"))
    fixed_date: Mapped[dt.date | None] = mapped_column(Date)
    days: Mapped[int | None] = mapped_column(Integer)
    anchor_kind: Mapped[AnchorKind | None] = mapped_column(_enum(AnchorKind, "anchor_kind"))
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


class Person(Versioned, Base):
    """Someone the focal point can nominate: an entry of the delegation directory."""

    __tablename__ = "people"
    __table_args__ = (
        CheckConstraint("length(trim(full_name)) > 0", name="name_not_empty"),
        CheckConstraint("length(trim(institution)) > 0", name="institution_not_empty"),
        Index("ix_people_email", "email"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The country the person serves; a profile may record several delegations.
    country_code: Mapped[str | None] = mapped_column(ForeignKey("countries.code"), index=True)
    honorific: Mapped[str | None] = mapped_column(String(50))
    full_name: Mapped[str] = mapped_column(String(300))
    position: Mapped[str | None] = mapped_column(String(300))
    institution: Mapped[str] = mapped_column(String(300))
    agency: Mapped[str | None] = mapped_column(String(300))  # ministry or agency above it
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    #: Languages the person works in, as comma-separated codes ("es,en").
    languages: Mapped[str | None] = mapped_column(String(100))
    gender: Mapped[Gender] = mapped_column(
        _enum(Gender, "gender"), default=Gender.UNSPECIFIED, server_default="unspecified"
    )
    notes: Mapped[str | None] = mapped_column(Text)
    #: Derived on every flush: name, institution, position, agency and email, folded.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=_utcnow, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=_utcnow, onupdate=_utcnow, server_default=func.current_timestamp()
    )

    def refresh_derived(self) -> None:
        """Recompute `search_text` from the fields a user searches."""
        parts = (self.full_name, self.institution, self.position, self.agency, self.email)
        self.search_text = fold(" ".join(filter(None, parts)))


class Seat(Versioned, Base):
    """A seat a meeting offers each country, with the profile it requires, in order."""

    __tablename__ = "seats"
    __table_args__ = (UniqueConstraint("meeting_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    position: Mapped[int]
    profile: Mapped[str | None] = mapped_column(Text)
    #: Reserved to the members of this forum at the meeting's date (e.g. MIRPS), or open to all.
    forum_id: Mapped[int | None] = mapped_column(ForeignKey("forums.id", ondelete="RESTRICT"))
    #: An extra seat that does not count towards the per-country limit.
    beyond_limit: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: Where the seat comes from ("concept note, section Participants").
    source: Mapped[str | None] = mapped_column(String(300))

    meeting: Mapped[Meeting] = relationship(back_populates="seats")
    forum: Mapped[Forum | None] = relationship()


class Nomination(Versioned, Base):
    """A person in a seat of a country's delegation to a meeting, with its history."""

    __tablename__ = "nominations"
    __table_args__ = (
        Index("ix_nominations_meeting_country", "meeting_id", "country_code", "status"),
        CheckConstraint(
            "status != 'submitted' OR submitted_on IS NOT NULL", name="submitted_has_date"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    seat_id: Mapped[int | None] = mapped_column(ForeignKey("seats.id", ondelete="SET NULL"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    role: Mapped[NominationRole] = mapped_column(_enum(NominationRole, "nomination_role"))
    status: Mapped[NominationStatus] = mapped_column(
        _enum(NominationStatus, "nomination_status"), default=NominationStatus.DRAFT
    )
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    status_changed_on: Mapped[dt.date | None] = mapped_column(Date)
    replaced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("nominations.id", ondelete="SET NULL")
    )
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=_utcnow, server_default=func.current_timestamp()
    )

    meeting: Mapped[Meeting] = relationship()
    seat: Mapped[Seat | None] = relationship()
    person: Mapped[Person] = relationship()
    replaced_by: Mapped[Nomination | None] = relationship(remote_side="Nomination.id")


class Document(Versioned, Base):
    """A document circulated for comments or approval (a protocol, a directory, a strategy…)."""

    __tablename__ = "documents"
    __table_args__ = (CheckConstraint("length(trim(title)) > 0", name="title_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str | None] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[DocumentKind] = mapped_column(_enum(DocumentKind, "document_kind"))
    #: The version as the sender names it ("draft", "consolidated", "final", "v2").
    version: Mapped[str | None] = mapped_column(String(100))
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=_utcnow, server_default=func.current_timestamp()
    )

    meeting: Mapped[Meeting | None] = relationship()
    files: Mapped[list[DocumentFile]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentFile.id"
    )
    reviews: Mapped[list[DocumentReview]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="DocumentReview.country_code",
    )
    comments: Mapped[list[DocumentComment]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="(DocumentComment.country_code, DocumentComment.position)",
    )


class DocumentFile(Base):
    """One version of a document's file, copied into the profile; old versions are kept."""

    __tablename__ = "document_files"
    __table_args__ = (
        UniqueConstraint("document_id", "sha256"),
        CheckConstraint("length(sha256) = 64", name="sha256_hex"),
        CheckConstraint("size_bytes >= 0", name="size_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[str | None] = mapped_column(String(100))
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_utcnow)

    document: Mapped[Document] = relationship(back_populates="files")


class DocumentReview(Versioned, Base):
    """A country's workflow for a document: received → in review → comments sent → approval."""

    __tablename__ = "document_reviews"
    __table_args__ = (
        UniqueConstraint("document_id", "country_code"),
        Index("ix_document_reviews_country_stage", "country_code", "stage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    stage: Mapped[ReviewStage] = mapped_column(
        _enum(ReviewStage, "review_stage"), default=ReviewStage.RECEIVED
    )
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    review_started_on: Mapped[dt.date | None] = mapped_column(Date)
    comments_sent_on: Mapped[dt.date | None] = mapped_column(Date)
    approval_submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="reviews")
    consultations: Mapped[list[ReviewConsultation]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="ReviewConsultation.id"
    )


class ReviewConsultation(Versioned, Base):
    """An institution consulted during a country's internal review, with its internal due date."""

    __tablename__ = "review_consultations"
    __table_args__ = (
        CheckConstraint("length(trim(institution)) > 0", name="institution_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("document_reviews.id", ondelete="CASCADE"), index=True
    )
    institution: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    answered_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    review: Mapped[DocumentReview] = relationship(back_populates="consultations")


class DocumentComment(Versioned, Base):
    """A delegation's comment on a document: where, what, and the wording it proposes."""

    __tablename__ = "document_comments"
    __table_args__ = (
        UniqueConstraint("document_id", "country_code", "position"),
        CheckConstraint("length(trim(comment)) > 0", name="comment_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    position: Mapped[int]
    section: Mapped[str | None] = mapped_column(String(300))  # section or paragraph
    comment: Mapped[str] = mapped_column(Text)
    proposed_wording: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="comments")


@event.listens_for(Session, "before_flush")
def _refresh_derived_meeting_columns(session: Session, _context: Any, _instances: Any) -> None:
    """Keep each changed meeting's derived columns true, whoever changed it."""
    touched: set[Meeting] = set()
    for instance in list(session.new) + list(session.dirty):
        if isinstance(instance, Meeting):
            touched.add(instance)
        elif isinstance(instance, MeetingSession) and instance.meeting is not None:
            touched.add(instance.meeting)
    for instance in session.deleted:
        if isinstance(instance, MeetingSession) and instance.meeting is not None:
            touched.add(instance.meeting)
    for meeting in touched:
        if meeting not in session.deleted:
            meeting.refresh_derived()
    for instance in list(session.new) + list(session.dirty):
        if isinstance(instance, Person):
            instance.refresh_derived()


__all__: list[Any] = [
    "AgendaItem",
    "Attachment",
    "Base",
    "Body",
    "CalendarClosure",
    "Country",
    "DataVersion",
    "Deadline",
    "Document",
    "DocumentComment",
    "DocumentFile",
    "DocumentReview",
    "Forum",
    "ForumMember",
    "GuidingQuestion",
    "Meeting",
    "MeetingSession",
    "MeetingStatusChange",
    "Nomination",
    "Organisation",
    "Person",
    "Presidency",
    "ReviewConsultation",
    "Seat",
    "Setting",
    "Versioned",
]
