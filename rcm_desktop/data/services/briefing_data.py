"""Everything a delegation briefing pack prints, read in one transaction into plain frozen values.

The pack is printed in a language chosen when printing, so names of forums, bodies and
organisations stay as their {language: text} mappings and enumerations stay as values;
`rcm_desktop.printing.briefing.pack` turns them into words. Times are converted here, once: each
session and agenda line in the organiser's zone and in the delegation's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import (
    Body,
    Deadline,
    Document,
    DocumentReview,
    Forum,
    ForumMember,
    Meeting,
    MeetingSession,
    Nomination,
    Organisation,
    Presidency,
    Seat,
)
from rcm_desktop.domain.timezones import convert, format_utc_offset, utc_offset, zone
from rcm_desktop.domain.vocabulary import (
    ACTIVE_NOMINATION_STATUSES,
    AnchorKind,
    BodyKind,
    DeadlineKind,
    DeadlineRule,
    DocumentKind,
    MeetingKind,
    MeetingStatus,
    Modality,
    NominationRole,
    NominationStatus,
    OrganisationKind,
    ReviewStage,
)
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _

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
        """Whether the schedule needs a second column in the delegation's time."""
        return bool(
            self.organiser_zone
            and self.delegation_zone
            and self.organiser_zone != self.delegation_zone
        )


def _moment(
    day: dt.date, start: dt.time | None, end: dt.time | None, source: str | None, target: str | None
) -> Moment | None:
    """*start*–*end* of *day* in zone *source*, shown in *target* (None when it cannot be)."""
    if source is None or target is None or zone(source) is None or zone(target) is None:
        return None
    if start is None:
        offset = utc_offset(target, day)
        return Moment(day, None, None, format_utc_offset(offset) if offset is not None else None)
    first = convert(day, start, source, target)
    last = convert(day, end, source, target) if end is not None else None
    offset = first.utcoffset()
    return Moment(
        first.date(),
        first.time().replace(tzinfo=None),
        last.time().replace(tzinfo=None) if last is not None else None,
        format_utc_offset(offset) if offset is not None else None,
        last.date() if last is not None else None,
    )


def _sessions(meeting: Meeting, delegation_zone: str | None) -> tuple[SessionData, ...]:
    source = meeting.time_zone if meeting.time_zone and zone(meeting.time_zone) else None
    result = []
    for item in meeting.sessions:
        organiser = delegation = None
        if item.date is not None:
            if source is not None:
                organiser = _moment(item.date, item.start_time, item.end_time, source, source)
                delegation = _moment(
                    item.date, item.start_time, item.end_time, source, delegation_zone
                )
            else:
                organiser = Moment(item.date, item.start_time, item.end_time, None)
        agenda = []
        for line in item.agenda_items:
            line_organiser = line_delegation = None
            if item.date is not None and line.start_time is not None:
                if source is not None:
                    line_organiser = _moment(
                        item.date, line.start_time, line.end_time, source, source
                    )
                    line_delegation = _moment(
                        item.date, line.start_time, line.end_time, source, delegation_zone
                    )
                else:
                    line_organiser = Moment(item.date, line.start_time, line.end_time, None)
            agenda.append(
                AgendaLineData(line.activity, line.coordinator, line_organiser, line_delegation)
            )
        result.append(
            SessionData(
                position=item.position,
                title=item.title,
                description=item.description,
                leads=tuple(country.code for country in item.lead_countries),
                organiser=organiser,
                delegation=delegation,
                agenda=tuple(agenda),
            )
        )
    return tuple(result)


def _question_groups(meeting: Meeting) -> tuple[QuestionGroup, ...]:
    """Questions grouped in the order they come: by session, else by phase, else general."""
    groups: list[QuestionGroup] = []
    keys: list[tuple[object, ...]] = []
    members: dict[tuple[object, ...], list[QuestionData]] = {}
    sessions = {item.id: item for item in meeting.sessions}
    for question in meeting.questions:
        owner = sessions.get(question.session_id) if question.session_id else None
        key: tuple[object, ...] = (
            ("session", owner.position) if owner is not None else ("phase", question.phase or "")
        )
        if key not in members:
            keys.append(key)
            members[key] = []
            groups.append(
                QuestionGroup(
                    session_title=owner.title if owner is not None else None,
                    phase=None if owner is not None else (question.phase or None),
                    leads=tuple(c.code for c in owner.lead_countries) if owner else (),
                    questions=(),
                )
            )
        members[key].append(
            QuestionData(question.text, question.context, question.delegation_position)
        )
    return tuple(
        QuestionGroup(group.session_title, group.phase, group.leads, tuple(members[key]))
        for group, key in zip(groups, keys, strict=True)
    )


def _member_forums(session: Session, country: str, day: dt.date) -> tuple[str, ...]:
    rows = session.execute(
        select(Forum.code, ForumMember.joined_year, ForumMember.left_year)
        .join(ForumMember, ForumMember.forum_id == Forum.id)
        .where(ForumMember.country_code == country)
    )
    return tuple(
        sorted(
            code
            for code, joined, left in rows
            if joined <= day.year and (left is None or left >= day.year)
        )
    )


def _forums(session: Session, meeting: Meeting, day: dt.date) -> tuple[ForumData, ...]:
    result = []
    for forum in meeting.forums:
        presidency = session.scalar(
            select(Presidency.country_code).where(
                Presidency.forum_id == forum.id, Presidency.year == day.year
            )
        )
        members = tuple(
            member.country_code
            for member in forum.members
            if member.joined_year <= day.year
            and (member.left_year is None or member.left_year >= day.year)
        )
        result.append(ForumData(forum.code, dict(forum.names), presidency, members))
    return tuple(result)


def _delegation(
    session: Session, meeting: Meeting, country: str, member_of: tuple[str, ...]
) -> tuple[tuple[SeatData, ...], tuple[DelegateData, ...], tuple[SeatData, ...], int]:
    seats = tuple(
        SeatData(
            position=seat.position,
            profile=seat.profile,
            forum_code=seat.forum.code if seat.forum else None,
            beyond_limit=bool(seat.beyond_limit),
            source=seat.source,
            open_to_country=seat.forum is None or seat.forum.code in member_of,
        )
        for seat in session.scalars(
            select(Seat)
            .where(Seat.meeting_id == meeting.id)
            .options(selectinload(Seat.forum))
            .order_by(Seat.position)
        )
    )
    nominations = list(
        session.scalars(
            select(Nomination)
            .where(
                Nomination.meeting_id == meeting.id,
                Nomination.country_code == country,
                Nomination.status.in_(sorted(ACTIVE_NOMINATION_STATUSES)),
            )
            .options(selectinload(Nomination.person), selectinload(Nomination.seat))
        )
    )
    nominations.sort(
        key=lambda item: (
            item.seat.position if item.seat is not None else 10**6,
            item.role != NominationRole.HEAD,
            item.id,
        )
    )
    delegates = tuple(
        DelegateData(
            seat_position=item.seat.position if item.seat is not None else None,
            honorific=item.person.honorific,
            name=item.person.full_name,
            position=item.person.position,
            institution=item.person.institution,
            agency=item.person.agency,
            email=item.person.email,
            phone=item.person.phone,
            role=item.role,
            status=item.status,
        )
        for item in nominations
    )
    held = {delegate.seat_position for delegate in delegates if delegate.seat_position is not None}
    empty = tuple(seat for seat in seats if seat.open_to_country and seat.position not in held)
    unfilled = 0
    if meeting.max_participants_per_country and not seats:
        unfilled = max(0, meeting.max_participants_per_country - len(delegates))
    return seats, delegates, empty, unfilled


def _deadline(deadline: Deadline) -> DeadlineData:
    anchor = deadline.anchor_date
    if deadline.anchor_kind == AnchorKind.SESSION and deadline.anchor_session is not None:
        anchor = deadline.anchor_session.date
    elif deadline.anchor_kind == AnchorKind.DOCUMENT and deadline.anchor_document_review:
        anchor = deadline.anchor_document_review.received_on
    return DeadlineData(
        title=deadline.title,
        kind=deadline.kind,
        rule=deadline.rule,
        days=deadline.days,
        anchor_kind=deadline.anchor_kind,
        anchor=anchor,
        calendar_country=deadline.calendar_country,
        due=deadline.due_date,
        done_on=deadline.done_on,
        notes=deadline.notes,
    )


def _documents_and_deadlines(
    session: Session, meeting: Meeting, country: str
) -> tuple[tuple[DocumentData, ...], tuple[DeadlineData, ...]]:
    documents = list(
        session.scalars(
            select(Document)
            .where(Document.meeting_id == meeting.id)
            .options(selectinload(Document.reviews))
            .order_by(Document.id)
        )
    )
    reviews = {
        document.id: next((r for r in document.reviews if r.country_code == country), None)
        for document in documents
    }
    deadlines = list(
        session.scalars(
            select(Deadline)
            .outerjoin(DocumentReview, DocumentReview.id == Deadline.anchor_document_review_id)
            .outerjoin(Document, Document.id == DocumentReview.document_id)
            .where(or_(Deadline.meeting_id == meeting.id, Document.meeting_id == meeting.id))
            .options(
                selectinload(Deadline.anchor_session),
                selectinload(Deadline.anchor_document_review),
            )
            .order_by(Deadline.due_date.is_(None), Deadline.due_date, Deadline.id)
        )
    )
    by_review: dict[int, list[DeadlineData]] = {}
    general: list[DeadlineData] = []
    for deadline in deadlines:
        review = deadline.anchor_document_review
        if review is not None and review.country_code != country:
            continue  # another delegation's receipt of the document
        if review is not None and review.document_id in reviews:
            by_review.setdefault(review.id, []).append(_deadline(deadline))
        general.append(_deadline(deadline))
    result = []
    for document in documents:
        review = reviews[document.id]
        result.append(
            DocumentData(
                title=document.title,
                kind=document.kind,
                version=document.version,
                stage=review.stage if review else None,
                received_on=review.received_on if review else None,
                comments_sent_on=review.comments_sent_on if review else None,
                approval_submitted_on=review.approval_submitted_on if review else None,
                decided_on=review.decided_on if review else None,
                deadlines=tuple(by_review.get(review.id, ())) if review else (),
            )
        )
    return tuple(result), tuple(general)


def _observers(session: Session, meeting: Meeting) -> tuple[OrganisationData, ...]:
    if meeting.observers_invited is False and meeting.civil_society_invited is False:
        return ()
    forum_ids = [forum.id for forum in meeting.forums]
    result = []
    for organisation in session.scalars(
        select(Organisation)
        .options(selectinload(Organisation.observer_of))
        .order_by(Organisation.id)
    ):
        if not any(forum.id in forum_ids for forum in organisation.observer_of):
            continue
        civil = organisation.kind == OrganisationKind.CIVIL_SOCIETY
        if (civil and meeting.civil_society_invited is False) or (
            not civil and meeting.observers_invited is False
        ):
            continue
        result.append(
            OrganisationData(organisation.code, dict(organisation.names), organisation.kind)
        )
    return tuple(result)


def _body(body: Body) -> BodyData:
    return BodyData(dict(body.names), body.seat, body.forum.code if body.forum else None)


def gather_briefing(
    database: Database, meeting_id: int, country: str, delegation_zone: str | None
) -> BriefingData:
    """The briefing pack's content for *country*'s delegation, times also in *delegation_zone*."""
    country = (country or "").strip().upper()
    if len(country) != 2:
        raise ValidationError(
            _("Choose the country whose delegation the briefing pack is for."), field="country"
        )
    with database.session() as session:
        meeting = session.scalar(
            select(Meeting)
            .where(Meeting.id == meeting_id)
            .options(
                selectinload(Meeting.forums).selectinload(Forum.members),
                selectinload(Meeting.convening_body).selectinload(Body.forum),
                selectinload(Meeting.sessions).selectinload(MeetingSession.agenda_items),
                selectinload(Meeting.sessions).selectinload(MeetingSession.lead_countries),
                selectinload(Meeting.questions),
            )
        )
        if meeting is None:
            raise ValidationError(_("This meeting no longer exists; it may have been deleted."))
        day = meeting.start_date
        member_of = _member_forums(session, country, day)
        seats, delegates, empty, unfilled = _delegation(session, meeting, country, member_of)
        documents, deadlines = _documents_and_deadlines(session, meeting, country)
        forum_ids = [forum.id for forum in meeting.forums]
        secretariats = tuple(
            _body(body)
            for body in session.scalars(
                select(Body)
                .where(Body.kind == BodyKind.SECRETARIAT, Body.forum_id.in_(forum_ids))
                .options(selectinload(Body.forum))
                .order_by(Body.code)
            )
        )
        delegation_zone = delegation_zone if delegation_zone and zone(delegation_zone) else None
        return BriefingData(
            meeting_id=meeting.id,
            title=meeting.title,
            kind=meeting.kind,
            modality=meeting.modality,
            status=meeting.status,
            convening_body=_body(meeting.convening_body) if meeting.convening_body else None,
            forums=_forums(session, meeting, day),
            start_date=meeting.start_date,
            end_date=meeting.end_date,
            venue=meeting.venue,
            platform=meeting.platform,
            organiser_zone=meeting.time_zone
            if meeting.time_zone and zone(meeting.time_zone)
            else None,
            organiser_zone_label=meeting.time_zone_label,
            delegation_zone=delegation_zone,
            objectives=meeting.objectives,
            methodology=meeting.methodology,
            interpretation=meeting.interpretation,
            participants=meeting.participants,
            context=meeting.context,
            notes=meeting.notes,
            max_participants=meeting.max_participants_per_country,
            limit_source=meeting.limit_source,
            observers_invited=meeting.observers_invited,
            civil_society_invited=meeting.civil_society_invited,
            country=country,
            country_forums=member_of,
            sessions=_sessions(meeting, delegation_zone),
            seats=seats,
            delegates=delegates,
            empty_seats=empty,
            unfilled_places=unfilled,
            question_groups=_question_groups(meeting),
            documents=documents,
            deadlines=deadlines,
            secretariats=secretariats,
            observers=_observers(session, meeting),
        )
