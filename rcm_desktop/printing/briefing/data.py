"""What a delegation briefing pack prints, as plain frozen values (read by a service, printed here).

Names of forums, bodies and organisations stay as their {language: text} mappings and
enumerations stay as values: the pack turns them into words in its own language. Times
come converted: each session and agenda line in the organiser's zone and the delegation's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from rcm_desktop.domain.timezones import utc_offset
from rcm_desktop.domain.vocabulary import (
    AnchorKind,
    DeadlineKind,
    DeadlineRule,
    DocumentKind,
    DocumentPurpose,
    MeetingKind,
    MeetingStatus,
    Modality,
    NominationRole,
    NominationStatus,
    OrganisationKind,
    ReviewStage,
)

Names = Mapping[str, str]


@dataclass(frozen=True)
class Moment:
    """A time range on a day in one zone (times may be unknown), with that day's UTC offset."""

    day: dt.date
    start: dt.time | None
    end: dt.time | None
    utc_offset: str | None
    #: The day the end falls on in this zone, when known (the next day across midnight).
    end_day: dt.date | None = None


@dataclass(frozen=True)
class AgendaLineData:
    activity: str
    coordinator: str | None
    organiser: Moment | None
    delegation: Moment | None


@dataclass(frozen=True)
class SessionData:
    position: int
    title: str
    description: str | None
    leads: tuple[str, ...]
    #: None when the session's day is unknown; times inside may be unknown too.
    organiser: Moment | None
    delegation: Moment | None
    agenda: tuple[AgendaLineData, ...]


@dataclass(frozen=True)
class SeatData:
    position: int
    profile: str | None
    forum_code: str | None
    beyond_limit: bool
    source: str | None
    #: False when the seat is reserved to a forum the country did not belong to at the meeting's date.
    open_to_country: bool


@dataclass(frozen=True)
class DelegateData:
    """An active nomination of the country: who sits where."""

    seat_position: int | None
    honorific: str | None
    name: str
    position: str | None
    institution: str
    agency: str | None
    email: str | None
    phone: str | None
    role: NominationRole
    status: NominationStatus


@dataclass(frozen=True)
class QuestionData:
    text: str
    context: str | None
    delegation_position: str | None


@dataclass(frozen=True)
class QuestionGroup:
    """Questions of one session (with its leads) or one phase; both None: general questions."""

    session_title: str | None
    phase: str | None
    leads: tuple[str, ...]
    questions: tuple[QuestionData, ...]


@dataclass(frozen=True)
class DeadlineData:
    title: str
    kind: DeadlineKind
    rule: DeadlineRule
    days: int | None
    anchor_kind: AnchorKind | None
    anchor: dt.date | None
    calendar_country: str | None
    due: dt.date | None
    done_on: dt.date | None
    notes: str | None


@dataclass(frozen=True)
class DocumentData:
    title: str
    kind: DocumentKind
    version: str | None
    #: The country's review; None when the country has not recorded receiving it.
    stage: ReviewStage | None
    received_on: dt.date | None
    comments_sent_on: dt.date | None
    approval_submitted_on: dt.date | None
    decided_on: dt.date | None
    deadlines: tuple[DeadlineData, ...]
    #: What the sender asks of countries (comments, approval, information).
    purpose: DocumentPurpose = DocumentPurpose.COMMENTS


@dataclass(frozen=True)
class ForumData:
    code: str
    names: Names
    #: The Presidency Pro-Tempore in the meeting's year, if recorded.
    presidency: str | None
    #: Member countries at the meeting's date (by the year each joined).
    members: tuple[str, ...]


@dataclass(frozen=True)
class BodyData:
    names: Names
    seat: str | None
    forum_code: str | None


@dataclass(frozen=True)
class OrganisationData:
    code: str
    names: Names
    kind: OrganisationKind


@dataclass(frozen=True)
class BriefingData:
    """What the briefing pack of one meeting for one country's delegation shows."""

    meeting_id: int
    title: str
    kind: MeetingKind
    modality: Modality
    status: MeetingStatus
    convening_body: BodyData | None
    forums: tuple[ForumData, ...]
    start_date: dt.date
    end_date: dt.date | None
    venue: str | None
    platform: str | None
    organiser_zone: str | None
    organiser_zone_label: str | None
    delegation_zone: str | None
    objectives: str | None
    methodology: str | None
    interpretation: str | None
    participants: str | None
    context: str | None
    notes: str | None
    max_participants: int | None
    limit_source: str | None
    observers_invited: bool | None
    civil_society_invited: bool | None
    country: str
    country_forums: tuple[str, ...]
    sessions: tuple[SessionData, ...]
    seats: tuple[SeatData, ...]
    delegates: tuple[DelegateData, ...]
    #: Seats open to the country that no active nomination holds.
    empty_seats: tuple[SeatData, ...]
    #: Places under the limit not tied to a seat and not yet filled (meetings with a limit, no seats).
    unfilled_places: int
    question_groups: tuple[QuestionGroup, ...]
    documents: tuple[DocumentData, ...]
    deadlines: tuple[DeadlineData, ...]
    secretariats: tuple[BodyData, ...]
    observers: tuple[OrganisationData, ...]

    @property
    def zones_differ(self) -> bool:
        """Whether the delegation's zone is another than the organiser's (by name)."""
        return bool(
            self.organiser_zone
            and self.delegation_zone
            and self.organiser_zone != self.delegation_zone
        )

    @property
    def clocks_differ(self) -> bool:
        """Whether the schedule needs a second time column: the zones differ and so do their
        UTC offsets on a day of the meeting (Costa Rica and Honduras share one clock)."""
        if not self.zones_differ:
            return False
        pairs = [
            (moment.organiser.utc_offset, moment.delegation.utc_offset)
            for session in self.sessions
            for moment in (session, *session.agenda)
            if moment.organiser and moment.delegation
        ]
        known = [(theirs, ours) for theirs, ours in pairs if theirs and ours]
        if known:
            return any(theirs != ours for theirs, ours in known)
        organiser = utc_offset(self.organiser_zone or "", self.start_date)
        delegation = utc_offset(self.delegation_zone or "", self.start_date)
        return organiser is None or delegation is None or organiser != delegation
