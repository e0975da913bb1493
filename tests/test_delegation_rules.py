"""The delegation rules: on plain values, and through the real services on SQLite."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Forum, Meeting, Nomination, Person, Seat
from rcm_desktop.data.services import nominations
from rcm_desktop.domain.delegation_rules import (
    HeldSeat,
    Membership,
    Proposal,
    SeatPlan,
    SeatRule,
    capacity,
    check_nomination,
    counts_towards_limit,
    first_free_seat,
    forums_at,
)
from rcm_desktop.domain.vocabulary import (
    ACTIVE_NOMINATION_STATUSES,
    MeetingKind,
    Modality,
    NominationRole,
)
from rcm_desktop.errors import ValidationError

SOURCE = "concept note, section Participants"
MIRPS_PLAN = SeatPlan(
    limit=2,
    limit_source=SOURCE,
    seats=(
        SeatRule(1, 1, "National Migration Authority"),
        SeatRule(2, 2, "Another institution"),
        SeatRule(3, 3, "MIRPS National Technical Team", "MIRPS", True, SOURCE),
    ),
)
MIRPS = frozenset({"RCM", "MIRPS"})
RCM_ONLY = frozenset({"RCM"})


def held(*items: tuple[int, int, int | None]) -> list[HeldSeat]:
    return [HeldSeat(nid, pid, f"Person {pid}", seat) for nid, pid, seat in items]


def check(plan, current, person, seat, replacing=None, member_of=MIRPS):  # type: ignore[no-untyped-def]
    return check_nomination(
        plan,
        current,
        Proposal(person, f"Person {person}", seat, replacing),
        country_code="HN",
        member_of=member_of,
    )


def test_a_free_seat_is_accepted() -> None:
    assert check(MIRPS_PLAN, [], 1, 1) is None


def test_the_limit_cites_its_source() -> None:
    plan = SeatPlan(limit=2, limit_source=SOURCE)
    refusal = check(plan, held((1, 1, None), (2, 2, None)), 3, None)
    assert refusal is not None and refusal.rule == "limit"
    assert refusal.message == (
        "This meeting allows at most 2 participants per country "
        "(concept note, section Participants)."
    )


def test_a_seat_beyond_the_limit_does_not_count() -> None:
    current = held((1, 1, 1), (2, 2, 2))
    assert check(MIRPS_PLAN, current, 3, 3) is None
    assert not counts_towards_limit(MIRPS_PLAN, 3)


def test_a_reserved_seat_is_refused_to_non_members() -> None:
    refusal = check(MIRPS_PLAN, [], 1, 3, member_of=RCM_ONLY)
    assert refusal is not None and refusal.rule == "reserved_seat"
    assert "MIRPS" in refusal.message and "Honduras" in refusal.message


def test_membership_follows_the_meeting_date() -> None:
    salvador = [Membership("RCM", 1996), Membership("MIRPS", 2019)]
    assert "MIRPS" not in forums_at(salvador, dt.date(2018, 6, 1))
    assert "MIRPS" in forums_at(salvador, dt.date(2020, 10, 6))
    assert "X" not in forums_at([Membership("X", 2000, 2005)], dt.date(2006, 1, 1))


def test_the_same_person_cannot_hold_two_seats() -> None:
    refusal = check(MIRPS_PLAN, held((1, 7, 1)), 7, 2)
    assert refusal is not None and refusal.rule == "same_person" and refusal.field == "person"
    assert "seat 1" in refusal.message


def test_one_active_nomination_per_seat() -> None:
    refusal = check(MIRPS_PLAN, held((1, 7, 1)), 8, 1)
    assert refusal is not None and refusal.rule == "seat_taken"
    assert "Person 7" in refusal.message


def test_a_replacement_frees_the_seat_it_takes_over() -> None:
    current = held((1, 7, 1), (2, 8, 2))
    assert check(MIRPS_PLAN, current, 9, 1, replacing=1) is None


def test_a_replacement_by_the_same_person_is_refused() -> None:
    refusal = check(MIRPS_PLAN, held((1, 7, 1), (2, 8, 2)), 7, 1, replacing=1)
    assert refusal is not None and refusal.rule == "same_replacement"
    assert refusal.field == "person" and "Person 7 already holds this nomination" in refusal.message


def test_an_unknown_seat_is_refused() -> None:
    refusal = check(MIRPS_PLAN, [], 1, 99)
    assert refusal is not None and refusal.rule == "unknown_seat"


def test_capacity_and_first_free_seat() -> None:
    assert capacity(MIRPS_PLAN, MIRPS) == 3
    assert capacity(MIRPS_PLAN, RCM_ONLY) == 2
    assert capacity(SeatPlan(limit=None), RCM_ONLY) is None
    assert capacity(SeatPlan(limit=4), RCM_ONLY) == 4
    seat = first_free_seat(MIRPS_PLAN, held((1, 1, 1), (2, 2, 2)), RCM_ONLY)
    assert seat is None
    seat = first_free_seat(MIRPS_PLAN, held((1, 1, 1), (2, 2, 2)), MIRPS)
    assert seat is not None and seat.id == 3


# --- Property: random sequences never exceed the limit -----------------------------------------

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["nominate", "withdraw", "replace"]),
        st.integers(min_value=0, max_value=5),  # person
        st.one_of(st.none(), st.integers(min_value=0, max_value=3)),  # seat index or None
        st.integers(min_value=0, max_value=10),  # which nomination
    ),
    max_size=25,
)


def _counted(plan: SeatPlan, current: list[HeldSeat]) -> int:
    return sum(1 for item in current if counts_towards_limit(plan, item.seat_id))


@given(actions=ACTIONS, limit=st.integers(min_value=1, max_value=3), member=st.booleans())
def test_random_sequences_never_exceed_the_limit_in_the_domain(actions, limit, member) -> None:  # type: ignore[no-untyped-def]
    plan = SeatPlan(limit, SOURCE, MIRPS_PLAN.seats)
    member_of = MIRPS if member else RCM_ONLY
    current: list[HeldSeat] = []
    ids = itertools.count(1)
    for action, person, seat_index, which in actions:
        seat = plan.seats[seat_index].id if seat_index is not None and seat_index < 3 else None
        if action == "withdraw" and current:
            current.pop(which % len(current))
        elif action == "replace" and current:
            old = current[which % len(current)]
            if check(plan, current, person, old.seat_id, old.nomination_id, member_of) is None:
                current.remove(old)
                current.append(HeldSeat(next(ids), person, "", old.seat_id))
        elif action == "nominate" and check(plan, current, person, seat, None, member_of) is None:
            current.append(HeldSeat(next(ids), person, "", seat))
        assert _counted(plan, current) <= limit
        assert len({item.person_id for item in current}) == len(current)
        seats = [item.seat_id for item in current if item.seat_id is not None]
        assert len(set(seats)) == len(seats)
        if not member:
            assert 3 not in seats


# --- The same property through the services, on SQLite ----------------------------------------


def _people(database: Database) -> list[int]:
    with database.session() as session:
        people = [
            Person(full_name=f"Persona Número {n}", institution="Instituto Nacional de Migración")
            for n in range(6)
        ]
        session.add_all(people)
        session.flush()
        return [person.id for person in people]


def _meeting(database: Database, limit: int) -> tuple[int, list[int]]:
    with database.session() as session:
        mirps = session.scalar(select(Forum).where(Forum.code == "MIRPS"))
        meeting = Meeting(
            title="Taller de prueba",
            kind=MeetingKind.WORKSHOP,
            modality=Modality.VIRTUAL,
            start_date=dt.date(2020, 10, 6),
            max_participants_per_country=limit,
            limit_source=SOURCE,
        )
        meeting.seats = [
            Seat(position=1, profile="Autoridad migratoria"),
            Seat(position=2, profile="Otra institución"),
            Seat(position=3, profile="Equipo Técnico Nacional", forum=mirps, beyond_limit=True),
        ]
        session.add(meeting)
        session.flush()
        return meeting.id, [seat.id for seat in meeting.seats]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS, limit=st.integers(min_value=1, max_value=3))
def test_random_sequences_never_exceed_the_limit_in_the_store(database, actions, limit) -> None:  # type: ignore[no-untyped-def]
    people = _people(database)
    meeting_id, seats = _meeting(database, limit)
    today = dt.date(2020, 9, 1)
    country = "NI" if limit == 2 else "HN"  # Nicaragua is not a MIRPS member
    for action, person, seat_index, which in actions:
        with database.session() as session:
            active = list(
                session.scalars(
                    select(Nomination.id).where(
                        Nomination.meeting_id == meeting_id,
                        Nomination.status.in_(tuple(ACTIVE_NOMINATION_STATUSES)),
                    )
                )
            )
        seat = seats[seat_index] if seat_index is not None and seat_index < 3 else None
        try:
            if action == "nominate":
                nominations.nominate(
                    database,
                    meeting_id,
                    country,
                    people[person],
                    seat,
                    NominationRole.DELEGATE,
                    today,
                )
            elif action == "withdraw" and active:
                nominations.withdraw(database, active[which % len(active)], today)
            elif action == "replace" and active:
                nominations.replace(database, active[which % len(active)], people[person], today)
        except ValidationError:
            pass
        with database.session() as session:
            counted = session.scalar(
                select(func.count())
                .select_from(Nomination)
                .where(
                    Nomination.meeting_id == meeting_id,
                    Nomination.status.in_(tuple(ACTIVE_NOMINATION_STATUSES)),
                    (Nomination.seat_id.is_(None)) | (Nomination.seat_id != seats[2]),
                )
            )
            in_mirps_seat = session.scalar(
                select(func.count())
                .select_from(Nomination)
                .where(
                    Nomination.seat_id == seats[2],
                    Nomination.status.in_(tuple(ACTIVE_NOMINATION_STATUSES)),
                )
            )
        assert counted is not None and counted <= limit
        if country == "NI":
            assert in_mirps_seat == 0


def test_replacement_keeps_the_history(database: Database) -> None:
    people = _people(database)
    meeting_id, seats = _meeting(database, 2)
    today = dt.date(2020, 9, 1)
    first = nominations.nominate(
        database, meeting_id, "HN", people[0], seats[0], NominationRole.HEAD, today
    )
    nominations.submit(database, first, today)
    second = nominations.replace(database, first, people[1], dt.date(2020, 9, 3))
    with database.session() as session:
        old = session.get(Nomination, first)
        new = session.get(Nomination, second)
        assert old is not None and new is not None
        assert old.status == "replaced" and old.replaced_by_id == second
        assert new.status == "draft" and new.seat_id == seats[0] and new.role == NominationRole.HEAD
    with pytest.raises(ValidationError, match="replaced"):
        nominations.withdraw(database, first, today)
