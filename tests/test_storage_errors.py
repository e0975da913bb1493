"""A read-only or full store gets a message that says so, and nothing is written half-way."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import AgendaItem, Meeting, MeetingSession
from rcm_desktop.domain.vocabulary import MeetingKind, Modality
from rcm_desktop.errors import StorageError
from rcm_desktop.paths import Profile


def _big_meeting() -> Meeting:
    meeting = Meeting(
        title="Reunión grande",
        kind=MeetingKind.OTHER,
        modality=Modality.VIRTUAL,
        start_date=dt.date(2026, 1, 1),
    )
    for number in range(1, 40):
        meeting.sessions.append(
            MeetingSession(
                position=number,
                title=f"Sesión {number}",
                agenda_items=[
                    AgendaItem(position=i, activity="Intervención " + "x" * 2000)
                    for i in range(1, 20)
                ],
            )
        )
    return meeting


def _count(database: Database) -> int:
    with database.session() as session:
        return len(list(session.scalars(select(Meeting.id))))


@pytest.mark.sqlite_only
def test_read_only_store_says_so(demo_database: Database, profile: Profile) -> None:
    demo_database.dispose()
    read_only = Database(f"sqlite:///file:{profile.database_path}?mode=ro&uri=true")
    with pytest.raises(StorageError, match="read-only"), read_only.session() as session:
        session.add(_big_meeting())
    read_only.dispose()
    assert _count(Database(f"sqlite:///{profile.database_path}")) == 3


@pytest.mark.sqlite_only
def test_full_disk_says_so_and_writes_nothing(demo_database: Database) -> None:
    with demo_database.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(demo_database.engine, "connect")
    def cap_size(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 5}")

    demo_database.dispose()
    with pytest.raises(StorageError, match="disk is full"), demo_database.session() as session:
        session.add(_big_meeting())
    assert _count(demo_database) == 3


def test_database_urls_are_shown_without_their_password() -> None:
    from rcm_desktop.data.db import url_for_display

    assert url_for_display("postgresql+psycopg://focal:secreto@servidor/rcm") == (
        "postgresql+psycopg://focal:***@servidor/rcm"
    )


def _on_postgres(database) -> bool:  # type: ignore[no-untyped-def]
    return database.engine.dialect.name == "postgresql"


def test_text_longer_than_the_column_is_named_on_a_server(database) -> None:  # type: ignore[no-untyped-def]
    """A record's text longer than its column is refused in characters when it is set, on
    SQLite as on PostgreSQL; a write that bypasses the records (SQL) is refused by
    PostgreSQL with a message that says so. Nothing is saved either way."""
    from sqlalchemy import func, insert, select

    from rcm_desktop.data.models import Person
    from rcm_desktop.errors import StorageError, ValidationError

    with (
        pytest.raises(ValidationError, match="“institution” is 301 characters long; at most 300"),
        database.session() as session,
    ):
        session.add(Person(full_name="Ana", institution="x" * 301))
    if _on_postgres(database):
        with (
            pytest.raises(StorageError, match="at most 300 characters"),
            database.session() as session,
        ):
            session.execute(
                insert(Person).values(full_name="Ana", institution="x" * 301, gender="unspecified")
            )
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0


def test_server_gone_mid_save_is_a_clear_message(database) -> None:  # type: ignore[no-untyped-def]
    """The server drops the connection in the middle of a unit of work: nothing half-written."""
    if not _on_postgres(database):
        pytest.skip("needs a database server")
    import sqlalchemy as sa

    from rcm_desktop.data.models import Person
    from rcm_desktop.errors import StorageError

    with pytest.raises(StorageError, match="cannot be reached"), database.session() as session:
        session.add(Person(full_name="Ana Peña", institution="Cancillería"))
        session.flush()
        pid = session.execute(sa.text("select pg_backend_pid()")).scalar()
        killer = sa.create_engine(database.engine.url, isolation_level="AUTOCOMMIT")
        with killer.connect() as connection:
            connection.execute(sa.text("select pg_terminate_backend(:pid)"), {"pid": pid})
        killer.dispose()
        session.add(Person(full_name="Luis", institution="INM"))
        session.flush()
    with database.session() as session:
        assert session.scalars(sa.select(Person.full_name)).all() == []
