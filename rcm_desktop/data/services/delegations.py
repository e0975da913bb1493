"""Delegations: each meeting's seats and limit, and the nominations that fill them.

Every change goes through the rules of `rcm_desktop.domain.delegation_rules`, inside the
transaction that writes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import replace as replace_fields

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Forum, ForumMember, Meeting, Nomination, Person, Seat
from rcm_desktop.data.versioning import locked, refuse_if_changed
from rcm_desktop.domain.delegation_rules import (
    HeldSeat,
    Membership,
    Proposal,
    Refusal,
    SeatPlan,
    SeatRule,
    capacity,
    check_nomination,
    forums_at,
)
from rcm_desktop.domain.vocabulary import (
    ACTIVE_NOMINATION_STATUSES,
    NominationRole,
    NominationStatus,
    label,
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


def member_forums(session: Session, country_code: str, day: dt.date) -> frozenset[str]:
    """The forums *country_code* belongs to on *day*."""
    rows = session.execute(
        select(Forum.code, ForumMember.joined_year, ForumMember.left_year)
        .join(ForumMember, ForumMember.forum_id == Forum.id)
        .where(ForumMember.country_code == country_code)
    )
    return forums_at((Membership(code, joined, left) for code, joined, left in rows), day)


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


def seat_plan(session: Session, meeting_id: int) -> SeatPlan | None:
    """The meeting's limit and seats as the rules see them, or None if it no longer exists."""
    row = session.execute(
        select(Meeting.max_participants_per_country, Meeting.limit_source).where(
            Meeting.id == meeting_id
        )
    ).first()
    if row is None:
        return None
    seats = _seat_rules(session, [meeting_id])[meeting_id]
    return SeatPlan(limit=row[0], limit_source=row[1], seats=tuple(seats))


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
            places = capacity(plan, member_forums(session, country_code, row.first_date))
            count = filled.get(row.id, 0)
            if places is not None and count < places:
                result.append(EmptySeatsRow(row.id, row.title, row.first_date, count, places))
        return result


# --- Seats and limit --------------------------------------------------------------------------


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
        )


def save_seat_setup(
    database: Database,
    meeting_id: int,
    limit: int | None,
    limit_source: str,
    seats: list[SeatDraft],
) -> None:
    """Save the limit and the seats (in the given order) in one transaction.

    Refused when a seat still held by an active nomination would be removed, or when
    a country already has more active nominations than the new limit.
    """
    if limit is not None and limit < 1:
        raise ValidationError(_("The limit per country must be 1 or more, or none."), field="limit")
    with database.session() as session:
        meeting = locked(session, Meeting, meeting_id)  # nominations wait while seats change
        if meeting is None:
            raise ValidationError(_("This meeting no longer exists; it may have been deleted."))
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


# --- Nominations ------------------------------------------------------------------------------


def _held(session: Session, meeting_id: int, country_code: str) -> list[HeldSeat]:
    rows = session.execute(
        select(Nomination.id, Nomination.person_id, Person.full_name, Nomination.seat_id)
        .join(Person, Person.id == Nomination.person_id)
        .where(
            Nomination.meeting_id == meeting_id,
            Nomination.country_code == country_code,
            Nomination.status.in_(_ACTIVE),
        )
    )
    return [HeldSeat(*row) for row in rows]


def check_rules(
    session: Session,
    meeting_id: int,
    country_code: str,
    person_id: int,
    seat_id: int | None,
    replacing: int | None = None,
) -> Refusal | None:
    """The rule a nomination would break in this session's state of the store, or None."""
    plan = seat_plan(session, meeting_id)
    if plan is None:
        return Refusal("meeting", _("This meeting no longer exists; it may have been deleted."))
    name = session.scalar(select(Person.full_name).where(Person.id == person_id))
    if name is None:
        return Refusal("person", _("This person is no longer in the directory."), "person")
    first_date = session.scalar(select(Meeting.first_date).where(Meeting.id == meeting_id))
    assert first_date is not None
    return check_nomination(
        plan,
        _held(session, meeting_id, country_code),
        Proposal(person_id, name, seat_id, replacing),
        country_code=country_code,
        member_of=member_forums(session, country_code, first_date),
    )


@dataclass(frozen=True)
class NominationState:
    """A nomination as a conflict shows it: theirs (stored) beside yours (what you saved)."""

    person: str
    role: NominationRole
    status: NominationStatus
    seat_position: int | None
    submitted_on: dt.date | None
    status_changed_on: dt.date | None
    notes: str


def _state(session: Session, nomination: Nomination, **changes: object) -> NominationState:
    seat = session.get(Seat, nomination.seat_id) if nomination.seat_id else None
    state = NominationState(
        person=nomination.person.full_name,
        role=nomination.role,
        status=nomination.status,
        seat_position=seat.position if seat is not None else None,
        submitted_on=nomination.submitted_on,
        status_changed_on=nomination.status_changed_on,
        notes=nomination.notes or "",
    )
    return replace_fields(state, **changes)  # type: ignore[arg-type]


def _lock_meeting(session: Session, meeting_id: int) -> None:
    """Hold the meeting row until the transaction ends, so rule checks on it take turns.

    Two people filling the last seat of the same delegation at once: on PostgreSQL the
    second waits here until the first commits, then counts the first one's nomination.
    (SQLite serialises every writer on the database anyway.)
    """
    locked(session, Meeting, meeting_id)


def _refuse_if_broken(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise ValidationError(refusal.message, field=refusal.field)


def nominate(
    database: Database,
    meeting_id: int,
    country_code: str,
    person_id: int,
    seat_id: int | None,
    role: NominationRole,
    today: dt.date,
    notes: str = "",
) -> int:
    """Put a person from the directory in a seat of the country's delegation, as a draft.

    The rules are checked with the meeting locked, in the transaction that writes.
    """
    with database.session() as session:
        _lock_meeting(session, meeting_id)
        _refuse_if_broken(check_rules(session, meeting_id, country_code, person_id, seat_id))
        nomination = Nomination(
            meeting_id=meeting_id,
            country_code=country_code,
            seat_id=seat_id,
            person_id=person_id,
            role=role,
            status=NominationStatus.DRAFT,
            status_changed_on=today,
            notes=notes.strip() or None,
        )
        session.add(nomination)
        session.flush()
        return nomination.id


def _nomination(
    session: Session, nomination_id: int, version: int | None = None, **yours: object
) -> Nomination:
    """The nomination, locked; ConflictError when it changed since *version* (read by the form).

    *yours* are the changes the caller is about to make, shown beside the stored ones.
    """
    nomination = locked(session, Nomination, nomination_id)
    if nomination is None:
        raise ValidationError(_("This nomination no longer exists; it may have been deleted."))
    if version is not None and nomination.row_version != version:
        stored = nomination
        refuse_if_changed(
            nomination,
            version,
            "nomination",
            lambda: _state(session, stored),
            _state(session, stored, **yours),
        )
    return nomination


def _require(nomination: Nomination, allowed: set[NominationStatus], message: str) -> None:
    """Refuse unless the nomination's status is *allowed*; *message* takes %(status)s."""
    if nomination.status not in allowed:
        raise ValidationError(
            message % {"status": label(nomination.status).lower()}, field="status"
        )


def submit(database: Database, nomination_id: int, on: dt.date, version: int | None = None) -> None:
    """Record that a draft nomination was sent to the organisers on *on*."""
    with database.session() as session:
        nomination = _nomination(
            session,
            nomination_id,
            version,
            status=NominationStatus.SUBMITTED,
            submitted_on=on,
            status_changed_on=on,
        )
        _require(
            nomination,
            {NominationStatus.DRAFT, NominationStatus.SUBMITTED},
            _(
                "This nomination is %(status)s; only a draft or submitted nomination can be "
                "marked as submitted."
            ),
        )
        nomination.status = NominationStatus.SUBMITTED
        nomination.submitted_on = on
        nomination.status_changed_on = on


def confirm(
    database: Database, nomination_id: int, on: dt.date, version: int | None = None
) -> None:
    """Record that the organisers confirmed the nomination on *on*."""
    with database.session() as session:
        nomination = _nomination(
            session, nomination_id, version, status=NominationStatus.CONFIRMED, status_changed_on=on
        )
        _require(
            nomination,
            {NominationStatus.DRAFT, NominationStatus.SUBMITTED},
            _(
                "This nomination is %(status)s; only a draft or submitted nomination can be "
                "confirmed."
            ),
        )
        nomination.status = NominationStatus.CONFIRMED
        nomination.status_changed_on = on


def withdraw(
    database: Database, nomination_id: int, on: dt.date, version: int | None = None
) -> None:
    """Withdraw an active nomination; its seat becomes free, the record stays in the history."""
    with database.session() as session:
        nomination = _nomination(
            session, nomination_id, version, status=NominationStatus.WITHDRAWN, status_changed_on=on
        )
        _require(
            nomination,
            set(ACTIVE_NOMINATION_STATUSES),
            _(
                "This nomination is %(status)s; only a draft, submitted or confirmed nomination "
                "can be withdrawn."
            ),
        )
        nomination.status = NominationStatus.WITHDRAWN
        nomination.status_changed_on = on


def replace(
    database: Database,
    nomination_id: int,
    person_id: int,
    on: dt.date,
    role: NominationRole | None = None,
    version: int | None = None,
) -> int:
    """Put another person in the seat of an active nomination, in one transaction.

    The old nomination becomes "replaced" and points to the new draft one, which keeps
    the seat (and the role unless another is given). Returns the new nomination's id.
    """
    with database.session() as session:
        meeting_id = session.scalar(
            select(Nomination.meeting_id).where(Nomination.id == nomination_id)
        )
        if meeting_id is not None:
            _lock_meeting(session, meeting_id)
        old = _nomination(
            session, nomination_id, version, status=NominationStatus.REPLACED, status_changed_on=on
        )
        _require(
            old,
            set(ACTIVE_NOMINATION_STATUSES),
            _(
                "This nomination is %(status)s; only a draft, submitted or confirmed nomination "
                "can be replaced."
            ),
        )
        _refuse_if_broken(
            check_rules(session, old.meeting_id, old.country_code, person_id, old.seat_id, old.id)
        )
        new = Nomination(
            meeting_id=old.meeting_id,
            country_code=old.country_code,
            seat_id=old.seat_id,
            person_id=person_id,
            role=role or old.role,
            status=NominationStatus.DRAFT,
            status_changed_on=on,
        )
        session.add(new)
        session.flush()
        old.status = NominationStatus.REPLACED
        old.status_changed_on = on
        old.replaced_by_id = new.id
        session.flush()
        return new.id


def delete_draft(database: Database, nomination_id: int, version: int | None = None) -> None:
    """Remove a draft nomination entered by mistake (sent ones are withdrawn instead)."""
    with database.session() as session:
        nomination = _nomination(session, nomination_id, version)
        _require(
            nomination,
            {NominationStatus.DRAFT},
            _(
                "This nomination is %(status)s; only a draft can be deleted. Withdraw it "
                "instead, so that it stays in the delegation's history."
            ),
        )
        session.execute(
            update(Nomination)
            .where(Nomination.replaced_by_id == nomination_id)
            .values(replaced_by_id=None)
        )
        session.delete(nomination)
