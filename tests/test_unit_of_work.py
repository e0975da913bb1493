"""One user action, one unit of work: nested service calls join it, a failure anywhere leaves
nothing written, and what several services ask of it is read once but never stale."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, update

from rcm_desktop.data.db import Database, remembered
from rcm_desktop.data.models import Meeting, Person
from rcm_desktop.data.services.directory import save_person
from rcm_desktop.data.services.seats import meeting_header
from rcm_desktop.domain.people import PersonFields


class Statements:
    """Counts the statements and transactions sent on *database*'s engine."""

    def __init__(self, database: Database) -> None:
        self.sent: list[str] = []
        self.begun = 0
        event.listen(database.engine, "before_cursor_execute", self._statement)
        event.listen(database.engine, "begin", self._begin)

    def _statement(self, _connection, _cursor, statement, *_rest) -> None:  # type: ignore[no-untyped-def]
        self.sent.append(" ".join(statement.split()))

    def _begin(self, _connection) -> None:  # type: ignore[no-untyped-def]
        self.begun += 1


def test_nested_service_calls_join_the_unit_and_share_its_transaction(
    database: Database,
) -> None:
    counted = Statements(database)
    with database.session() as outer:
        first = save_person(database, PersonFields(full_name="Ana Pérez", institution="INM"))
        second = save_person(database, PersonFields(full_name="Luis Díaz", institution="DGME"))
        names = set(outer.scalars(select(Person.full_name).where(Person.id.in_([first, second]))))
    assert names == {"Ana Pérez", "Luis Díaz"}
    assert counted.begun == 1, "two saves inside one action are one transaction"


def test_a_failure_after_a_nested_save_leaves_nothing_written(database: Database) -> None:
    with pytest.raises(RuntimeError), database.session():
        save_person(database, PersonFields(full_name="Nadie Escrito", institution="SRE"))
        raise RuntimeError("the action fails after the save")
    with database.session() as session:
        assert session.scalar(select(Person.id).where(Person.full_name == "Nadie Escrito")) is None


def test_what_services_ask_twice_is_read_once_per_unit(demo_database: Database) -> None:
    with demo_database.session() as session:
        meeting_id = session.scalar(select(Meeting.id).order_by(Meeting.id))
    counted = Statements(demo_database)
    with demo_database.session() as session:
        first = meeting_header(session, meeting_id)
        again = meeting_header(session, meeting_id)
    assert first is again and first is not None
    assert sum("FROM meetings" in sql for sql in counted.sent) == 1
    with demo_database.session() as session:
        assert meeting_header(session, meeting_id) is not first, "a new unit reads afresh"


def test_what_the_unit_wrote_is_never_read_stale(demo_database: Database) -> None:
    with demo_database.session() as session:
        meeting_id = session.scalar(select(Meeting.id).order_by(Meeting.id))
    with demo_database.session() as session:
        before = meeting_header(session, meeting_id)
        assert before is not None
        meeting = session.get(Meeting, meeting_id)
        meeting.max_participants_per_country = 7  # pending, not yet flushed
        assert meeting_header(session, meeting_id).limit == 7  # type: ignore[union-attr]
        session.execute(update(Meeting).where(Meeting.id == meeting_id).values(title="Renamed"))
        assert meeting_header(session, meeting_id).title == "Renamed"  # type: ignore[union-attr]
        session.rollback()


def test_a_remembered_value_is_computed_once_until_a_write(database: Database) -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    with database.session() as session:
        assert remembered(session, "answer", compute) == 1
        assert remembered(session, "answer", compute) == 1
        session.add(Person(full_name="Mía", institution="INM", search_text="mia"))
        assert remembered(session, "answer", compute) == 2, "a pending write forgets it"
        session.rollback()
