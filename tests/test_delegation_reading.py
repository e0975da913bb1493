"""A country's delegations to many meetings are read in a few queries, the same as one by one."""

from __future__ import annotations

from sqlalchemy import event, func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Meeting, Nomination
from rcm_desktop.data.services.delegation_reading import (
    Delegation,
    MeetingTerms,
    read_delegations,
)


def _read(
    database: Database, country: str, terms: dict[int, MeetingTerms]
) -> tuple[dict[int, Delegation], int]:
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(database.engine, "before_cursor_execute", listener)
    try:
        with database.session() as session:
            found = read_delegations(session, country, terms)
    finally:
        event.remove(database.engine, "before_cursor_execute", listener)
    return found, len([s for s in statements if s.lstrip().upper().startswith("SELECT")])


def test_every_meeting_at_once_takes_the_queries_of_one(demo_database: Database) -> None:
    with demo_database.session() as session:
        country = session.scalar(
            select(Nomination.country_code)
            .group_by(Nomination.country_code)
            .order_by(func.count().desc())
        )
        terms = {
            meeting.id: MeetingTerms(meeting.start_date, meeting.max_participants_per_country)
            for meeting in session.scalars(select(Meeting))
        }
    assert country and len(terms) >= 3
    everything, queries = _read(demo_database, country, terms)
    alone = {}
    for meeting_id, meeting_terms in terms.items():
        found, one_queries = _read(demo_database, country, {meeting_id: meeting_terms})
        alone[meeting_id] = found[meeting_id]
        assert one_queries == queries <= 3  # seats, nominations, the country's memberships
    assert everything == alone
    assert any(delegation.delegates for delegation in everything.values())
    assert any(delegation.empty for delegation in everything.values())
    for delegation in everything.values():
        positions = [d.seat_position for d in delegation.delegates if d.seat_position is not None]
        assert positions == sorted(positions)
        held = set(positions)
        assert all(seat.position not in held and seat.open_to_country for seat in delegation.empty)
