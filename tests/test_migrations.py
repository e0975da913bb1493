"""Alembic migrations match the models, upgrade old stores with their data, and refuse what they must."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from rcm_desktop.data.db import Database, sqlite_url
from rcm_desktop.data.models import Base
from rcm_desktop.data.schema import (
    SCHEMA_HEAD,
    StoreState,
    alembic_config,
    schema_status,
    upgrade_to_head,
)
from rcm_desktop.data.store import open_database, prepare_store
from rcm_desktop.errors import NewerSchemaError, NotAnRcmDatabaseError
from rcm_desktop.paths import Profile

INITIAL_REVISION = "0001_initial"


def test_schema_head_constant_is_alembics_head() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_heads() == [SCHEMA_HEAD]


def test_migrations_produce_exactly_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


@pytest.mark.sqlite_only
def test_foreign_keys_wal_and_full_sync_are_on(database: Database) -> None:
    with database.engine.connect() as connection:
        pragmas = [
            connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("foreign_keys", "journal_mode", "synchronous")
        ]
    assert pragmas == [1, "wal", 2]


def test_upgrade_from_the_initial_revision_keeps_data(profile: Profile) -> None:
    store = Database(sqlite_url(profile.database_path))
    with store.engine.begin() as connection:
        command.upgrade(alembic_config(connection), INITIAL_REVISION)
        connection.execute(text("INSERT INTO countries (code) VALUES ('HN')"))
        connection.execute(
            text("INSERT INTO settings (key, value) VALUES ('profile.country', 'HN')")
        )
        connection.execute(
            text(
                "INSERT INTO meetings (title, kind, modality, start_date, status) "
                "VALUES ('Reunión de seguimiento', 'follow_up', 'virtual', '2021-10-01', 'held')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO sessions (meeting_id, position, title, date, start_time, end_time) "
                "VALUES (1, 1, 'Sesión única', '2021-10-01', '10:00:00.000000', '12:00:00.000000')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO agenda_items (session_id, position, start_time, end_time, activity) "
                "VALUES (1, 1, '10:00:00.000000', '10:10:00.000000', 'Palabras de bienvenida')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO guiding_questions (meeting_id, session_id, position, text) "
                "VALUES (1, 1, 1, '¿Qué pasos?')"
            )
        )
    upgrade_to_head(store)
    assert schema_status(store).state is StoreState.CURRENT
    with store.engine.connect() as connection:
        assert (
            connection.execute(text("SELECT title FROM meetings")).scalar()
            == "Reunión de seguimiento"
        )
        assert (
            connection.execute(
                text("SELECT value FROM settings WHERE key = 'profile.country'")
            ).scalar()
            == "HN"
        )
        first_date, search_text = connection.execute(
            text("SELECT first_date, search_text FROM meetings")
        ).one()
        assert (str(first_date), search_text) == ("2021-10-01", "reunion de seguimiento")
        kept = [
            connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
            for table in ("sessions", "agenda_items", "guiding_questions")
        ]
        assert kept == [1, 1, 1], "rebuilding the meetings table must not cascade to its children"
        history = connection.execute(text("SELECT status FROM meeting_status_changes")).scalars()
        assert list(history) == ["held"], "revision 0002 starts each meeting's status history"
    store.dispose()


def test_downgrade_to_nothing_and_back(profile: Profile) -> None:
    store = Database(sqlite_url(profile.database_path))
    upgrade_to_head(store)
    with store.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    with store.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    assert schema_status(store).state is StoreState.CURRENT
    store.dispose()


def test_older_store_is_backed_up_before_it_is_upgraded(profile: Profile) -> None:
    store = Database(sqlite_url(profile.database_path))
    with store.engine.begin() as connection:
        command.upgrade(alembic_config(connection), INITIAL_REVISION)
        connection.execute(
            text("UPDATE alembic_version SET version_num = :r"), {"r": INITIAL_REVISION}
        )
    store.dispose()
    if INITIAL_REVISION == SCHEMA_HEAD:
        pytest.skip("only one revision so far: nothing older to upgrade")
    store = open_database(profile)
    assert prepare_store(store, profile) is StoreState.OLDER
    assert list(profile.backups_dir.glob("*.sqlite3"))
    store.dispose()


@pytest.mark.sqlite_only
def test_store_written_by_a_newer_version_is_refused_untouched(
    database: Database, profile: Profile
) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        connection.execute(
            text("UPDATE settings SET value = '7.3.0' WHERE key = 'store.written_by_version'")
        )
    database.dispose()
    before = profile.database_path.read_bytes()
    store = open_database(profile)
    with pytest.raises(NewerSchemaError, match=r"RCM Desk 7\.3\.0"):
        prepare_store(store, profile)
    store.dispose()
    assert profile.database_path.read_bytes() == before


def test_text_file_is_not_an_rcm_database(profile: Profile) -> None:
    profile.database_path.write_text("Minutes of the meeting, not a database.\n")
    with pytest.raises(NotAnRcmDatabaseError, match="not an RCM Desk database"):
        open_database(profile)
    assert profile.database_path.read_text() == "Minutes of the meeting, not a database.\n"


@pytest.mark.sqlite_only
def test_damaged_database_is_refused_untouched(database: Database, profile: Profile) -> None:
    database.dispose()
    data = bytearray(profile.database_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    profile.database_path.write_bytes(bytes(data))
    with pytest.raises(NotAnRcmDatabaseError):
        open_database(profile)
    assert profile.database_path.read_bytes() == bytes(data)


def test_someone_elses_sqlite_database_is_refused_untouched(profile: Profile) -> None:
    connection = sqlite3.connect(profile.database_path)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    connection.commit()
    connection.close()
    before = profile.database_path.read_bytes()
    with pytest.raises(NotAnRcmDatabaseError, match="did not create"):
        open_database(profile)
    assert profile.database_path.read_bytes() == before


def test_empty_file_becomes_a_new_store(profile: Profile, tmp_path: Path) -> None:
    profile.database_path.touch()
    store = open_database(profile)
    assert prepare_store(store, profile) is StoreState.EMPTY
    assert schema_status(store).state is StoreState.CURRENT
    store.dispose()
