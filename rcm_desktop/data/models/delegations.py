"""The directory of people, the seats a meeting offers and the nominations that fill them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
    relationship,
)

from rcm_desktop.data.models.base import Base, Tracked, Versioned, enum_column, utcnow
from rcm_desktop.data.models.meetings import Meeting
from rcm_desktop.data.models.reference import Forum
from rcm_desktop.domain.text import fold
from rcm_desktop.domain.vocabulary import (
    Gender,
    NominationRole,
    NominationStatus,
)


class Person(Tracked, Versioned, Base):
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
        enum_column(Gender, "gender"), default=Gender.UNSPECIFIED, server_default="unspecified"
    )
    notes: Mapped[str | None] = mapped_column(Text)
    #: Derived on every flush: name, institution, position, agency and email, folded.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )

    def refresh_derived(self) -> None:
        """Recompute `search_text` from the fields a user searches."""
        parts = (self.full_name, self.institution, self.position, self.agency, self.email)
        self.search_text = fold(" ".join(filter(None, parts)))


class Seat(Tracked, Versioned, Base):
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


class Nomination(Tracked, Versioned, Base):
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
    role: Mapped[NominationRole] = mapped_column(enum_column(NominationRole, "nomination_role"))
    status: Mapped[NominationStatus] = mapped_column(
        enum_column(NominationStatus, "nomination_status"), default=NominationStatus.DRAFT
    )
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    status_changed_on: Mapped[dt.date | None] = mapped_column(Date)
    replaced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("nominations.id", ondelete="SET NULL")
    )
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.current_timestamp()
    )

    meeting: Mapped[Meeting] = relationship()
    seat: Mapped[Seat | None] = relationship()
    person: Mapped[Person] = relationship()
    replaced_by: Mapped[Nomination | None] = relationship(remote_side="Nomination.id")
