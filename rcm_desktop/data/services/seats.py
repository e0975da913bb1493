"""The seats a meeting offers each country and its limit per country, and which are still empty.

A change to the seats or the limit is refused when it would break a delegation already
nominated (a held seat removed, a held seat reserved to a forum its holder's country is not
in, more active nominations than the new limit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import replace as replace_fields

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database, remembered
from rcm_desktop.data.models import Forum, ForumMember, Meeting, Nomination, Person, Seat
from rcm_desktop.data.versioning import locked, refuse_if_changed
from rcm_desktop.domain.delegation_rules import (
    Membership,
    SeatPlan,
    SeatRule,
    capacity,
    forums_at,
    regular_seats_over_limit,
    seats_over_limit_message,
)
from rcm_desktop.domain.vocabulary import (
    ACTIVE_NOMINATION_STATUSES,
)
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _, country_name

_ACTIVE = tuple(sorted(ACTIVE_NOMINATION_STATUSES))


@dataclass(frozen=True)
class EmptySeatsRow:
    """A meeting coming up whose delegation still has empty seats."""

    meeting_id: int
    title: str
    first_date: dt.date
    filled: int
    seats: int


def memberships_of(session: Session, country_code: str) -> list[Membership]:
    """Every membership of *country_code* in a forum, with its years (read once per unit)."""

    def read() -> list[Membership]:
        rows = session.execute(
            select(Forum.code, ForumMember.joined_year, ForumMember.left_year)
            .join(ForumMember, ForumMember.forum_id == Forum.id)
            .where(ForumMember.country_code == country_code)
        )
        return [Membership(code, joined, left) for code, joined, left in rows]

    return remembered(session, ("memberships", country_code), read)


def member_forums(session: Session, country_code: str, day: dt.date) -> frozenset[str]:
    """The forums *country_code* belongs to on *day*."""
    return forums_at(memberships_of(session, country_code), day)


def _seat_rules(session: Session, meeting_ids: list[int]) -> dict[int, list[SeatRule]]:
    found: dict[int, list[SeatRule]] = {meeting_id: [] for meeting_id in meeting_ids}
    if not meeting_ids:
        return found
    rows = session.execute(
        select(
            Seat.meeting_id,
            Seat.id,
            Seat.position,
            Seat.profile,
            Forum.code,
            Seat.beyond_limit,
            Seat.source,
        )
        .outerjoin(Forum, Forum.id == Seat.forum_id)
        .where(Seat.meeting_id.in_(meeting_ids))
        .order_by(Seat.meeting_id, Seat.position)
    )
    for meeting_id, *fields in rows:
        found[meeting_id].append(SeatRule(*fields))
    return found


@dataclass(frozen=True)
class MeetingHeader:
    """What the delegation views need of the meeting itself."""

    title: str
    first_date: dt.date
    limit: int | None
    limit_source: str | None


def meeting_header(session: Session, meeting_id: int) -> MeetingHeader | None:
    """The meeting's title, first day and limit, or None if it no longer exists (read once per
    unit of work)."""

    def read() -> MeetingHeader | None:
        row = session.execute(
            select(
                Meeting.title,
                Meeting.first_date,
                Meeting.max_participants_per_country,
                Meeting.limit_source,
            ).where(Meeting.id == meeting_id)
        ).first()
        return MeetingHeader(*row) if row is not None else None

    return remembered(session, ("meeting_header", meeting_id), read)


def seat_plan(session: Session, meeting_id: int) -> SeatPlan | None:
    """The meeting's limit and seats as the rules see them, or None if it no longer exists
    (read once per unit of work)."""
    return remembered(session, ("seat_plan", meeting_id), lambda: _read_plan(session, meeting_id))


def _read_plan(session: Session, meeting_id: int) -> SeatPlan | None:
    header = meeting_header(session, meeting_id)
    if header is None:
        return None
    seats = _seat_rules(session, [meeting_id])[meeting_id]
    return SeatPlan(limit=header.limit, limit_source=header.limit_source, seats=tuple(seats))


def meetings_with_empty_seats(
    database: Database, country_code: str, today: dt.date, days: int = 30
) -> list[EmptySeatsRow]:
    """Meetings whose first day is within *days* of *today* where the country has seats to fill.

    A meeting counts when it has seats or a limit and the country's active
    nominations fill fewer places than it may send (seats reserved to a forum count
    only when the country is a member at the meeting's date).
    """
    until = today + dt.timedelta(days=days)
    with database.session() as session:
        meetings = session.execute(
            select(
                Meeting.id,
                Meeting.title,
                Meeting.first_date,
                Meeting.max_participants_per_country,
                Meeting.limit_source,
            )
            .where(Meeting.first_date >= today, Meeting.first_date <= until)
            .order_by(Meeting.first_date, Meeting.id)
        ).all()
        if not meetings:
            return []
        ids = [row.id for row in meetings]
        seats = _seat_rules(session, ids)
        memberships = memberships_of(session, country_code)
        filled = dict(
            session.execute(
                select(Nomination.meeting_id, func.count())
                .where(
                    Nomination.meeting_id.in_(ids),
                    Nomination.country_code == country_code,
                    Nomination.status.in_(_ACTIVE),
                )
                .group_by(Nomination.meeting_id)
            ).all()
        )
        result: list[EmptySeatsRow] = []
        for row in meetings:
            plan = SeatPlan(
                row.max_participants_per_country, row.limit_source, tuple(seats[row.id])
            )
            places = capacity(plan, forums_at(memberships, row.first_date))
            count = filled.get(row.id, 0)
            if places is not None and count < places:
                result.append(EmptySeatsRow(row.id, row.title, row.first_date, count, places))
        return result


@dataclass
class SeatDraft:
    """A seat as the seats editor holds it; `id` is None for a new seat."""

    profile: str = ""
    forum_code: str | None = None
    beyond_limit: bool = False
    source: str = ""
    id: int | None = None


@dataclass(frozen=True)
class SeatSetup:
    """A meeting's limit per country and its seats, in order."""

    meeting_id: int
    title: str
    first_date: dt.date
    limit: int | None
    limit_source: str | None
    seats: tuple[SeatDraft, ...]
    forums: tuple[str, ...]  # the meeting's forums, offered for reserved seats
    #: The meeting's version when read: its seats and limit change it (a save carries it).
    version: int | None = None


def get_seat_setup(database: Database, meeting_id: int) -> SeatSetup | None:
    """The meeting's limit and seats, or None if the meeting no longer exists."""
    with database.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            return None
        plan = seat_plan(session, meeting_id)
        assert plan is not None
        return SeatSetup(
            meeting_id=meeting.id,
            title=meeting.title,
            first_date=meeting.first_date,
            limit=plan.limit,
            limit_source=plan.limit_source,
            seats=tuple(
                SeatDraft(
                    seat.profile or "",
                    seat.forum_code,
                    seat.beyond_limit,
                    seat.source or "",
                    seat.id,
                )
                for seat in plan.seats
            ),
            forums=tuple(forum.code for forum in meeting.forums),
            version=meeting.row_version,
        )


def save_seat_setup(
    database: Database,
    meeting_id: int,
    limit: int | None,
    limit_source: str,
    seats: list[SeatDraft],
    version: int | None = None,
) -> None:
    """Save the limit and the seats (in the given order) in one transaction.

    Refused when a seat still held by an active nomination would be removed, or when
    a country already has more active nominations than the new limit; ConflictError when
    the meeting's seats or limit changed since *version* (the version the editor read).
    """
    if limit is not None and limit < 1:
        raise ValidationError(_("The limit per country must be 1 or more, or none."), field="limit")
    with database.session() as session:
        meeting = locked(session, Meeting, meeting_id)  # nominations wait while seats change
        if meeting is None:
            raise ValidationError(_("This meeting no longer exists; it may have been deleted."))
        if version is not None and meeting.row_version != version:
            stored = get_seat_setup(database, meeting_id)
            assert stored is not None
            refuse_if_changed(
                meeting,
                version,
                "seats",
                lambda: stored,
                replace_fields(stored, limit=limit, limit_source=limit_source, seats=tuple(seats)),
            )
        forums = {
            code: forum_id for forum_id, code in session.execute(select(Forum.id, Forum.code))
        }
        existing = {seat.id: seat for seat in meeting.seats}
        kept = {draft.id for draft in seats if draft.id is not None}
        removed = [seat_id for seat_id in existing if seat_id not in kept]
        if removed:
            holder = session.execute(
                select(Seat.position, Person.full_name)
                .join(Nomination, Nomination.seat_id == Seat.id)
                .join(Person, Person.id == Nomination.person_id)
                .where(Seat.id.in_(removed), Nomination.status.in_(_ACTIVE))
                .limit(1)
            ).first()
            if holder is not None:
                raise ValidationError(
                    _(
                        "Seat %(seat)d is held by %(name)s; withdraw or replace that nomination "
                        "before removing the seat."
                    )
                    % {"seat": holder[0], "name": holder[1]},
                    field="seats",
                )
        for draft in seats:
            if draft.forum_code and draft.forum_code not in forums:
                raise ValidationError(
                    _("“%(forum)s” is not a forum.") % {"forum": draft.forum_code}, field="seats"
                )
        for seat_id in removed:
            session.delete(existing[seat_id])
        # Park the kept seats on negative positions so renumbering never collides.
        for index, seat_id in enumerate(kept, start=1):
            existing[seat_id].position = -index  # type: ignore[index]
        session.flush()
        reserved_anew: list[int] = []
        for position, draft in enumerate(seats, start=1):
            seat = existing[draft.id] if draft.id is not None else Seat(meeting=meeting)
            seat.position = position
            seat.profile = draft.profile.strip() or None
            forum_id = forums[draft.forum_code] if draft.forum_code else None
            if seat.id is not None and forum_id is not None and forum_id != seat.forum_id:
                reserved_anew.append(seat.id)
            seat.forum_id = forum_id
            seat.beyond_limit = draft.beyond_limit
            seat.source = draft.source.strip() or None
            session.add(seat)
        meeting.max_participants_per_country = limit
        meeting.limit_source = limit_source.strip() or None
        session.flush()
        _check_reserved_seats_hold(session, reserved_anew, meeting.first_date)
        if limit is not None:
            _check_limit_holds(session, meeting_id, limit)
            regular = regular_seats_over_limit(limit, (draft.beyond_limit for draft in seats))
            if regular is not None:  # more regular seats than people who may come
                raise ValidationError(seats_over_limit_message(limit, regular), field="seats")


def check_seat_rules(session: Session, meeting_id: int) -> None:
    """Refuse (ValidationError) a meeting whose limit or seats its nominations no longer fit:
    bring-back checks a replayed change of limit or seats as the seats editor does."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        return
    reserved = list(
        session.scalars(
            select(Seat.id).where(Seat.meeting_id == meeting_id, Seat.forum_id.is_not(None))
        )
    )
    _check_reserved_seats_hold(session, reserved, meeting.first_date)
    limit = meeting.max_participants_per_country
    if limit is not None:
        _check_limit_holds(session, meeting_id, limit)
        beyond = session.scalars(select(Seat.beyond_limit).where(Seat.meeting_id == meeting_id))
        regular = regular_seats_over_limit(limit, list(beyond))
        if regular is not None:
            raise ValidationError(seats_over_limit_message(limit, regular), field="seats")


def _check_reserved_seats_hold(session: Session, seat_ids: list[int], day: dt.date) -> None:
    """Refuse when a seat newly reserved to a forum is held by a country outside it on *day*."""
    if not seat_ids:
        return
    rows = session.execute(
        select(Seat.position, Forum.code, Nomination.country_code, Person.full_name)
        .join(Forum, Forum.id == Seat.forum_id)
        .join(Nomination, Nomination.seat_id == Seat.id)
        .join(Person, Person.id == Nomination.person_id)
        .where(Seat.id.in_(seat_ids), Nomination.status.in_(_ACTIVE))
        .order_by(Seat.position)
    )
    for position, forum, country_code, name in rows:
        if forum not in member_forums(session, country_code, day):
            raise ValidationError(
                _(
                    "Seat %(seat)d is held by %(name)s of %(country)s, which is not a member of "
                    "%(forum)s at the meeting's date; withdraw or replace that nomination before "
                    "reserving the seat to %(forum)s."
                )
                % {
                    "seat": position,
                    "name": name,
                    "country": country_name(country_code),
                    "forum": forum,
                },
                field="seats",
            )


def _check_limit_holds(session: Session, meeting_id: int, limit: int) -> None:
    beyond = select(Seat.id).where(Seat.meeting_id == meeting_id, Seat.beyond_limit.is_(True))
    row = session.execute(
        select(Nomination.country_code, func.count())
        .where(
            Nomination.meeting_id == meeting_id,
            Nomination.status.in_(_ACTIVE),
            or_(Nomination.seat_id.is_(None), Nomination.seat_id.not_in(beyond)),
        )
        .group_by(Nomination.country_code)
        .having(func.count() > limit)
        .limit(1)
    ).first()
    if row is not None:
        raise ValidationError(
            _(
                "%(country)s already has %(n)d active nominations for this meeting; withdraw "
                "some before lowering the limit to %(limit)d."
            )
            % {"country": country_name(row[0]), "n": row[1], "limit": limit},
            field="limit",
        )
