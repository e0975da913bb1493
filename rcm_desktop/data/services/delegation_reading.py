"""A country's delegations to many meetings, read in a few queries rather than a few per
meeting: the briefing pack reads one, the handover dossier hundreds (over a network, each
query is a round trip)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from rcm_desktop.data.id_chunks import rows_for_ids
from rcm_desktop.data.models import Forum, Nomination, Person, Seat
from rcm_desktop.data.services.seats import member_forums
from rcm_desktop.domain.vocabulary import ACTIVE_NOMINATION_STATUSES, NominationRole
from rcm_desktop.printing.briefing.data import DelegateData, SeatData


@dataclass(frozen=True)
class MeetingTerms:
    """What a delegation's reading needs of its meeting."""

    start_date: dt.date
    #: "A maximum of N people per country", when the meeting says so.
    limit: int | None


@dataclass(frozen=True)
class Delegation:
    """A meeting's seats, the country's active nominations on them, the seats still empty
    (open to the country), and how many places a limit without seats leaves unfilled."""

    seats: tuple[SeatData, ...]
    delegates: tuple[DelegateData, ...]
    empty: tuple[SeatData, ...]
    unfilled: int


def read_delegations(
    session: Session, country: str, meetings: Mapping[int, MeetingTerms]
) -> dict[int, Delegation]:
    """*country*'s delegation to each meeting of *meetings* (by id), in two queries per
    `IDS_PER_QUERY` meetings."""
    ids = list(meetings)
    seats: dict[int, list[SeatData]] = {meeting_id: [] for meeting_id in ids}
    for meeting_id, *fields in rows_for_ids(session, _seat_query(), Seat.meeting_id, ids):
        position, profile, forum_code, beyond_limit, source = fields
        member_of = member_forums(session, country, meetings[meeting_id].start_date)
        seats[meeting_id].append(
            SeatData(
                position=position,
                profile=profile,
                forum_code=forum_code,
                beyond_limit=bool(beyond_limit),
                source=source,
                open_to_country=forum_code is None or forum_code in member_of,
            )
        )
    nominations: dict[int, list[tuple[tuple[int, bool, int], DelegateData]]] = {
        meeting_id: [] for meeting_id in ids
    }
    for meeting_id, nomination_id, *fields in rows_for_ids(
        session, _nomination_query(country), Nomination.meeting_id, ids
    ):
        delegate = DelegateData(*fields)
        order = (
            delegate.seat_position if delegate.seat_position is not None else 10**6,
            delegate.role != NominationRole.HEAD,
            nomination_id,
        )
        nominations[meeting_id].append((order, delegate))
    return {
        meeting_id: _delegation(
            tuple(seats[meeting_id]),
            tuple(delegate for _order, delegate in sorted(nominations[meeting_id])),
            meetings[meeting_id].limit,
        )
        for meeting_id in ids
    }


def _delegation(
    seats: tuple[SeatData, ...], delegates: tuple[DelegateData, ...], limit: int | None
) -> Delegation:
    held = {delegate.seat_position for delegate in delegates if delegate.seat_position is not None}
    empty = tuple(seat for seat in seats if seat.open_to_country and seat.position not in held)
    unfilled = max(0, limit - len(delegates)) if limit and not seats else 0
    return Delegation(seats, delegates, empty, unfilled)


def _seat_query() -> Select:  # type: ignore[type-arg]
    return (
        select(
            Seat.meeting_id, Seat.position, Seat.profile, Forum.code, Seat.beyond_limit, Seat.source
        )
        .outerjoin(Forum, Forum.id == Seat.forum_id)
        .order_by(Seat.meeting_id, Seat.position)
    )


def _nomination_query(country: str) -> Select:  # type: ignore[type-arg]
    """Rows of (meeting id, nomination id, then `DelegateData`'s fields in order)."""
    return (
        select(
            Nomination.meeting_id,
            Nomination.id,
            Seat.position,
            Person.honorific,
            Person.full_name,
            Person.position,
            Person.institution,
            Person.agency,
            Person.email,
            Person.phone,
            Nomination.role,
            Nomination.status,
        )
        .join(Person, Person.id == Nomination.person_id)
        .outerjoin(Seat, Seat.id == Nomination.seat_id)
        .where(
            Nomination.country_code == country,
            Nomination.status.in_(sorted(ACTIVE_NOMINATION_STATUSES)),
        )
    )
