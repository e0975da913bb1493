"""Reading delegations: one country's seats and nominations, the countries × seats matrix,
and the full participant list of a meeting."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import (
    Forum,
    ForumMember,
    Meeting,
    Nomination,
    Person,
    meeting_forums,
)
from rcm_desktop.data.services.seats import meeting_header, member_forums, seat_plan
from rcm_desktop.domain.delegation_rules import Membership, SeatRule, capacity, forums_at, open_to
from rcm_desktop.domain.vocabulary import (
    ACTIVE_NOMINATION_STATUSES,
    Gender,
    NominationRole,
    NominationStatus,
)


@dataclass(frozen=True)
class NominationLine:
    """A nomination with its person, as the delegation page and the exports show it."""

    id: int
    country_code: str
    seat_id: int | None
    seat_position: int | None
    person_id: int
    full_name: str
    honorific: str | None
    position: str | None
    institution: str
    agency: str | None
    email: str | None
    phone: str | None
    gender: Gender
    role: NominationRole
    status: NominationStatus
    submitted_on: dt.date | None
    status_changed_on: dt.date | None
    replaced_by_id: int | None
    notes: str | None
    #: The stored nomination's version when read (status changes carry it).
    version: int | None = None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_NOMINATION_STATUSES


@dataclass(frozen=True)
class SeatLine:
    """A seat of the delegation: its rule, whether the country may use it, who holds it."""

    seat: SeatRule
    open: bool
    holder: NominationLine | None


@dataclass(frozen=True)
class DelegationView:
    """A country's delegation to a meeting."""

    meeting_id: int
    title: str
    first_date: dt.date
    country_code: str
    limit: int | None
    limit_source: str | None
    places: int | None  # how many people the country may send (None: no number)
    seats: tuple[SeatLine, ...]
    unseated: tuple[NominationLine, ...]  # active nominations in no particular seat
    history: tuple[NominationLine, ...]  # withdrawn and replaced, newest first
    gender: tuple[tuple[Gender, int], ...]  # active nominations by gender

    @property
    def active(self) -> tuple[NominationLine, ...]:
        held = tuple(line.holder for line in self.seats if line.holder is not None)
        return held + self.unseated

    @property
    def filled(self) -> int:
        return len(self.active)


_LINE_COLUMNS = (
    Nomination.id,
    Nomination.country_code,
    Nomination.seat_id,
    Nomination.person_id,
    Person.full_name,
    Person.honorific,
    Person.position,
    Person.institution,
    Person.agency,
    Person.email,
    Person.phone,
    Person.gender,
    Nomination.role,
    Nomination.status,
    Nomination.submitted_on,
    Nomination.status_changed_on,
    Nomination.replaced_by_id,
    Nomination.notes,
    Nomination.row_version,
)


def _lines(
    session: Session, meeting_id: int, positions: dict[int, int], *conditions: object
) -> list[NominationLine]:
    rows = session.execute(
        select(*_LINE_COLUMNS)
        .join(Person, Person.id == Nomination.person_id)
        .where(Nomination.meeting_id == meeting_id, *conditions)  # type: ignore[arg-type]
        .order_by(Nomination.country_code, Nomination.id)
    )
    result = []
    for row in rows:
        values = list(row)
        values.insert(3, positions.get(row.seat_id) if row.seat_id is not None else None)
        result.append(NominationLine(*values))
    return result


def delegation(database: Database, meeting_id: int, country_code: str) -> DelegationView | None:
    """The country's delegation: seats filled and empty, other active nominations, history."""
    with database.session() as session:
        meeting = meeting_header(session, meeting_id)
        plan = seat_plan(session, meeting_id)
        if meeting is None or plan is None:
            return None
        member_of = member_forums(session, country_code, meeting.first_date)
        positions = {seat.id: seat.position for seat in plan.seats}
        lines = _lines(session, meeting_id, positions, Nomination.country_code == country_code)
    active = [line for line in lines if line.active]
    by_seat = {line.seat_id: line for line in active if line.seat_id is not None}
    counts = Counter(line.gender for line in active)
    return DelegationView(
        meeting_id=meeting_id,
        title=meeting.title,
        first_date=meeting.first_date,
        country_code=country_code,
        limit=plan.limit,
        limit_source=plan.limit_source,
        places=capacity(plan, member_of),
        seats=tuple(
            SeatLine(seat, open_to(seat, member_of), by_seat.get(seat.id)) for seat in plan.seats
        ),
        unseated=tuple(line for line in active if line.seat_id not in positions),
        history=tuple(
            sorted(
                (line for line in lines if not line.active),
                key=lambda line: (line.status_changed_on or dt.date.min, line.id),
                reverse=True,
            )
        ),
        gender=tuple((gender, counts[gender]) for gender in Gender if counts[gender]),
    )


@dataclass(frozen=True)
class MatrixRow:
    country_code: str
    cells: tuple[
        str | None, ...
    ]  # per seat: the holder's name, "" if open and empty, None if closed
    others: int  # active nominations in no particular seat
    filled: int
    places: int | None


@dataclass(frozen=True)
class DelegationMatrix:
    """Countries × seats of a meeting, for a profile that records every member's delegation."""

    meeting_id: int
    title: str
    seats: tuple[SeatRule, ...]
    rows: tuple[MatrixRow, ...]


def _member_countries(session: Session, meeting_id: int) -> dict[str, list[Membership]]:
    rows = session.execute(
        select(ForumMember.country_code, Forum.code, ForumMember.joined_year, ForumMember.left_year)
        .join(Forum, Forum.id == ForumMember.forum_id)
        .join(meeting_forums, meeting_forums.c.forum_id == Forum.id)
        .where(meeting_forums.c.meeting_id == meeting_id)
    )
    found: dict[str, list[Membership]] = {}
    for country, code, joined, left in rows:
        found.setdefault(country, []).append(Membership(code, joined, left))
    return found


def delegation_matrix(database: Database, meeting_id: int) -> DelegationMatrix | None:
    """Every country invited (members of the meeting's forums at its date, and any country with
    nominations) × the meeting's seats, with who holds each."""
    with database.session() as session:
        meeting = meeting_header(session, meeting_id)
        plan = seat_plan(session, meeting_id)
        if meeting is None or plan is None:
            return None
        invited = _member_countries(session, meeting_id)
        held = session.execute(
            select(Nomination.country_code, Nomination.seat_id, Person.full_name)
            .join(Person, Person.id == Nomination.person_id)
            .where(
                Nomination.meeting_id == meeting_id,
                Nomination.status.in_(tuple(sorted(ACTIVE_NOMINATION_STATUSES))),
            )
        ).all()
        memberships = {
            country: forums_at(items, meeting.first_date) for country, items in invited.items()
        }
        for country in {row.country_code for row in held} - set(memberships):
            memberships[country] = member_forums(session, country, meeting.first_date)
    invited_now = {country for country, forums in memberships.items() if forums} | {
        row.country_code for row in held
    }
    holders: dict[tuple[str, int | None], list[str]] = {}
    for row in held:
        holders.setdefault((row.country_code, row.seat_id), []).append(row.full_name)
    seat_ids = {seat.id for seat in plan.seats}
    rows = []
    for country in sorted(invited_now):
        member_of = memberships[country]
        cells = tuple(
            (holders.get((country, seat.id)) or [""])[0] if open_to(seat, member_of) else None
            for seat in plan.seats
        )
        others = sum(
            len(names)
            for (code, seat_id), names in holders.items()
            if code == country and seat_id not in seat_ids
        )
        filled = others + sum(1 for cell in cells if cell)
        rows.append(MatrixRow(country, cells, others, filled, capacity(plan, member_of)))
    return DelegationMatrix(meeting_id, meeting.title, plan.seats, tuple(rows))


def participant_list(
    database: Database, meeting_id: int, country_code: str | None = None
) -> list[NominationLine]:
    """The active nominations of a meeting (of one country, or of all), by country and seat."""
    with database.session() as session:
        plan = seat_plan(session, meeting_id)
        if plan is None:
            return []
        positions = {seat.id: seat.position for seat in plan.seats}
        conditions = [Nomination.status.in_(tuple(sorted(ACTIVE_NOMINATION_STATUSES)))]
        if country_code:
            conditions.append(Nomination.country_code == country_code)
        lines = _lines(session, meeting_id, positions, *conditions)
    return sorted(lines, key=lambda line: (line.country_code, line.seat_position or 10**6, line.id))


@dataclass(frozen=True)
class MeetingChoice:
    id: int
    title: str
    first_date: dt.date


#: How many meetings a picker holds at most (the rest are found by typing).
CHOICES = 120


def meeting_choices(
    database: Database,
    text: str = "",
    *,
    include: int | None = None,
    today: dt.date | None = None,
    limit: int = CHOICES,
) -> list[MeetingChoice]:
    """Meetings for a picker, newest first: those nearest *today* (half ahead, half before),
    or those whose title, venue or platform hold every word of *text*; *include* is always
    there. Never every meeting: a long store is searched, not listed."""
    from rcm_desktop.domain.text import escape_like, fold

    today = today or dt.date.today()
    columns = (Meeting.id, Meeting.title, Meeting.first_date)
    newest_first = (Meeting.first_date.desc(), Meeting.id.desc())
    with database.session() as session:
        words = fold(text).split()
        if words:
            query = select(*columns).order_by(*newest_first).limit(limit)
            for word in words:
                query = query.where(Meeting.search_text.like(f"%{escape_like(word)}%", escape="\\"))
            rows = list(session.execute(query))
        else:
            ahead = session.execute(
                select(*columns)
                .where(Meeting.first_date >= today)
                .order_by(Meeting.first_date, Meeting.id)
                .limit(limit // 2)
            ).all()
            before = session.execute(
                select(*columns)
                .where(Meeting.first_date < today)
                .order_by(*newest_first)
                .limit(limit - len(ahead))
            ).all()
            rows = [*ahead, *before]
        found = {row[0]: MeetingChoice(*row) for row in rows}
        if include is not None and include not in found:
            extra = session.execute(select(*columns).where(Meeting.id == include)).first()
            if extra is not None:
                found[include] = MeetingChoice(*extra)
    return sorted(found.values(), key=lambda choice: (choice.first_date, choice.id), reverse=True)


def default_meeting(choices: list[MeetingChoice], today: dt.date) -> MeetingChoice | None:
    """The next meeting from *today* on, else the most recent one."""
    upcoming = [choice for choice in choices if choice.first_date >= today]
    if upcoming:
        return min(upcoming, key=lambda choice: (choice.first_date, choice.id))
    return choices[0] if choices else None
