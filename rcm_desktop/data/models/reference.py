"""Reference data and bookkeeping: settings, the change counter, countries, forums, members,
presidencies, bodies and observer organisations."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
    relationship,
)

from rcm_desktop.data.models.base import Base, enum_column
from rcm_desktop.domain.vocabulary import (
    BodyKind,
    OrganisationKind,
)


class DataVersion(Base):
    """One row whose counter every committed write bumps: "has anything changed?" in one read."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class DataChange(Base):
    """What one committed write changed: a kind of record ("meetings"…) and which one.

    `version` is the change counter the write moved to; `origin` marks the store handle
    that wrote it, so a window reloads for others' changes and not its own. A NULL
    `record_id` means "records of this kind" (a bulk change).
    """

    __tablename__ = "data_changes"
    __table_args__ = (Index("ix_data_changes_version", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[int | None] = mapped_column(Integer)


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
    kind: Mapped[BodyKind] = mapped_column(enum_column(BodyKind, "body_kind"))
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
    kind: Mapped[OrganisationKind] = mapped_column(
        enum_column(OrganisationKind, "organisation_kind")
    )

    observer_of: Mapped[list[Forum]] = relationship(secondary=organisation_observer_forums)
