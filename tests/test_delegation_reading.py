"""A country's delegations to many meetings are read in a few queries, the same as one by one."""

from __future__ import annotations

from sqlalchemy import event, func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Meeting, Nomination, Person, Seat
from rcm_desktop.data.services.delegation_reading import (
    Delegation,
    MeetingTerms,
    read_delegations,
)
from rcm_desktop.domain.vocabulary import NominationRole, NominationStatus


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
        assert one_queries <= queries <= 3  # seats, nominations, the country's memberships
    assert everything == alone
    assert any(delegation.delegates for delegation in everything.values())
    assert any(delegation.empty for delegation in everything.values())
    for delegation in everything.values():
        positions = [d.seat_position for d in delegation.delegates if d.seat_position is not None]
        assert positions == sorted(positions)
        held = set(positions)
        assert all(seat.position not in held and seat.open_to_country for seat in delegation.empty)


def _nominate(session, meeting_id: int, name: str, seat: Seat | None, role: NominationRole) -> None:  # type: ignore[no-untyped-def]
    person = Person(full_name=name, institution="Cancillería")
    session.add(person)
    session.flush()
    session.add(
        Nomination(
            meeting_id=meeting_id,
            country_code="BZ",
            seat_id=seat.id if seat else None,
            person_id=person.id,
            role=role,
            status=NominationStatus.CONFIRMED
            if role == NominationRole.HEAD
            else NominationStatus.DRAFT,
        )
    )
    session.flush()


def test_delegates_by_seat_head_first_seatless_last_and_places_left(
    demo_database: Database,
) -> None:
    with demo_database.session() as session:
        meetings = list(session.scalars(select(Meeting).order_by(Meeting.id)))
        seated = next(
            m for m in meetings if session.scalar(select(Seat).where(Seat.meeting_id == m.id))
        )
        seats = list(
            session.scalars(
                select(Seat).where(Seat.meeting_id == seated.id).order_by(Seat.position)
            )
        )
        _nominate(session, seated.id, "Sin asiento", None, NominationRole.HEAD)
        _nominate(session, seated.id, "Delegada del 1", seats[0], NominationRole.DELEGATE)
        _nominate(session, seated.id, "Jefe del 1", seats[0], NominationRole.HEAD)
        _nominate(session, seated.id, "Alterna del 2", seats[1], NominationRole.ALTERNATE)
        unseated = Meeting(
            title="Taller sin asientos",
            kind=seated.kind,
            modality=seated.modality,
            start_date=seated.start_date,
            max_participants_per_country=4,
        )
        session.add(unseated)
        session.flush()
        _nominate(session, unseated.id, "Única", None, NominationRole.DELEGATE)
        terms = {  # seats, not a limit, say how many places a meeting with seats has
            seated.id: MeetingTerms(seated.start_date, 6),
            unseated.id: MeetingTerms(unseated.start_date, 4),
        }
        found = read_delegations(session, "BZ", terms)
    names = [delegate.name for delegate in found[seated.id].delegates]
    assert names == ["Jefe del 1", "Delegada del 1", "Alterna del 2", "Sin asiento"]
    assert [(seat.position, seat.forum_id) for seat in seats] == [(n, None) for n in (1, 2, 3, 4)]
    assert [seat.position for seat in found[seated.id].empty] == [3, 4]
    assert found[seated.id].unfilled == 0
    assert [delegate.name for delegate in found[unseated.id].delegates] == ["Única"]
    assert found[unseated.id].unfilled == 3 and found[unseated.id].seats == ()


def test_meetings_read_a_few_ids_at_a_time_give_the_same_delegations(  # type: ignore[no-untyped-def]
    demo_database: Database, monkeypatch
) -> None:
    from rcm_desktop.data import id_chunks

    with demo_database.session() as session:
        terms = {
            meeting.id: MeetingTerms(meeting.start_date, meeting.max_participants_per_country)
            for meeting in session.scalars(select(Meeting))
        }
    whole, _queries = _read(demo_database, "HN", terms)
    monkeypatch.setattr(id_chunks, "IDS_PER_QUERY", 1)
    one_by_one, queries = _read(demo_database, "HN", terms)
    assert one_by_one == whole and any(delegation.delegates for delegation in whole.values())
    assert queries >= 2 * len(terms)  # seats and nominations, one meeting per query
