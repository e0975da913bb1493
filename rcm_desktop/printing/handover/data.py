"""What a handover dossier prints, as plain frozen values (read by a service, printed here).

Enumerations stay as values and names of bodies as their {language: text} mappings: the
dossier turns them into words in its own language. The history's sentences come already
written in that language (the service gathers them speaking it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rcm_desktop.domain.vocabulary import (
    DocumentKind,
    DocumentPurpose,
    MeetingStatus,
    Modality,
    ReviewStage,
)
from rcm_desktop.printing.briefing.data import DeadlineData, DelegateData, Names, SeatData


@dataclass(frozen=True)
class MeetingLine:
    """One meeting ahead or recently held, with where the country stands on it."""

    id: int
    title: str
    first_day: dt.date
    last_day: dt.date | None
    status: MeetingStatus
    modality: Modality
    body: Names | None
    #: The country's active nominations, and the meeting's limit per country (None: none).
    nominated: int
    limit: int | None
    #: The country's nominations still in draft (not sent to the organiser).
    drafts: int
    open_deadlines: int
    documents_awaiting: int


@dataclass(frozen=True)
class DelegationBlock:
    """A meeting's delegation of the country: who sits where, and the seats still empty."""

    meeting_title: str
    first_day: dt.date
    #: True for a meeting already held (its empty seats are history, not work to do).
    held: bool
    limit: int | None
    delegates: tuple[DelegateData, ...]
    empty_seats: tuple[SeatData, ...]
    unfilled: int


@dataclass(frozen=True)
class PendingDeadline:
    """A deadline not yet done, with the meeting it belongs to."""

    meeting_title: str
    deadline: DeadlineData
    #: How the due date was reached, day by day, in the dossier's language ("" when not worked
    #: out: beyond the first EXPLAINED deadlines).
    explanation: str = ""


@dataclass(frozen=True)
class DocumentLine:
    """A document the country reviews: its stage and what remains to do."""

    title: str
    version: str | None
    meeting_title: str
    kind: DocumentKind
    purpose: DocumentPurpose
    stage: ReviewStage | None
    #: The day the stage was reached, when recorded.
    stage_day: dt.date | None
    #: The soonest open deadline on it, if any.
    next_due: dt.date | None
    #: Institutions consulted that have not answered yet.
    consultations_open: tuple[str, ...]


@dataclass(frozen=True)
class PositionLine:
    """A guiding question and the country's position drafted on it (None: none yet)."""

    question: str
    position: str | None


@dataclass(frozen=True)
class PositionBlock:
    """A meeting's guiding questions and the positions drafted on them."""

    meeting_title: str
    first_day: dt.date
    questions: tuple[PositionLine, ...]


@dataclass(frozen=True)
class JournalLine:
    """One unit of work in the history: when (local time), who, and its changes in sentences."""

    at: dt.datetime
    who: str
    sentences: tuple[str, ...]
    #: Changes of the same unit of work not written out.
    more: int


@dataclass(frozen=True)
class Place:
    """Where something is kept: its kind ("profile", "database", …) and its path or address."""

    kind: str
    where: str


@dataclass(frozen=True)
class SettingsFacts:
    """The settings a successor needs to know."""

    country: str | None
    #: The calendar that counts the country's working days, and closures recorded on it.
    calendar_country: str | None
    closures: int
    #: The shared database's address without its password, None for the profile's own file.
    shared_database: str | None
    taken_home_from: str | None
    language: str
    time_zone: str | None
    user_name: str | None
    last_backup: dt.datetime | None


@dataclass(frozen=True)
class HandoverData:
    """Everything the dossier prints."""

    country: str | None
    prepared_by: str
    prepared_on: dt.date
    #: Meetings held since this day count as recent; the history starts on it too.
    since: dt.date
    meetings_ahead: tuple[MeetingLine, ...]
    meetings_recent: tuple[MeetingLine, ...]
    delegations: tuple[DelegationBlock, ...]
    deadlines: tuple[PendingDeadline, ...]
    documents: tuple[DocumentLine, ...]
    positions: tuple[PositionBlock, ...]
    journal: tuple[JournalLine, ...]
    #: Units of work in the period beyond those written out.
    journal_left_out: int
    places: tuple[Place, ...]
    settings: SettingsFacts
