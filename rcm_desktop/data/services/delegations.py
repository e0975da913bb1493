"""Delegations: each meeting's seats and limit, and the nominations that fill them.

Every change goes through the rules of `rcm_desktop.delegation_rules`, inside the
transaction that writes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.enums import ACTIVE_NOMINATION_STATUSES
from rcm_desktop.data.models import Forum, ForumMember, Meeting, Nomination, Seat
from rcm_desktop.delegation_rules import (
    Membership,
    SeatPlan,
    SeatRule,
    capacity,
    forums_at,
)

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
