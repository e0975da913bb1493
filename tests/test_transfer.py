"""Copying a profile's store into another database (PostgreSQL when the suite runs on it) and back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Meeting, Person
from rcm_desktop.data.store import open_database, prepare_store
from rcm_desktop.data.transfer import (
    TargetNotEmptyError,
    copy_store,
    export_data,
    tables,
    user_rows,
)
from rcm_desktop.errors import NewerSchemaError
from rcm_desktop.paths import Profile


def _demo_profile(root: Path) -> Database:
    from rcm_desktop.data.demo import load_demo

    store = open_database(Profile(root).ensure())
    prepare_store(store, Profile(root))
    load_demo(store)
    return store


def _plain_tables(store: Database) -> dict[str, object]:
    from rcm_desktop.domain.plain import to_plain

    tables = json.loads(json.dumps(export_data(store)["tables"], default=to_plain))
    tables.pop("data_version", None)  # the change counter moves on with every copy
    return tables


@pytest.fixture
def demo_source(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = _demo_profile(tmp_path / "source")
    yield store
    store.dispose()


def test_round_trip_keeps_every_row_and_ids(
    demo_source: Database, database: Database, tmp_path: Path
) -> None:
    steps: list[tuple[int, int]] = []
    report = copy_store(
        demo_source, database, progress=lambda done, total: steps.append((done, total))
    )
    assert report.rows["meetings"] == 3 and report.total == steps[-1][0] == steps[-1][1]
    expected = _plain_tables(demo_source)
    assert _plain_tables(database) == expected

    back_profile = Profile(tmp_path / "back").ensure()
    back = open_database(back_profile)  # a new, empty SQLite file: upgraded by the copy
    copy_store(database, back)
    assert _plain_tables(back) == expected
    back.dispose()


def test_new_rows_get_fresh_ids_after_the_copy(demo_source: Database, database: Database) -> None:
    copy_store(demo_source, database)
    with demo_source.session() as session:
        largest = max(session.scalars(text("SELECT id FROM people")).all())
    with database.session() as session:
        person = Person(full_name="Ana Pérez", institution="Cancillería")
        session.add(person)
        meeting = session.get(Meeting, 1)
        assert meeting is not None
        session.flush()
        assert person.id > largest


def test_a_target_holding_data_is_refused_unless_replacing(
    demo_source: Database, database: Database
) -> None:
    copy_store(demo_source, database)
    with database.session() as session:
        session.execute(text("UPDATE meetings SET title = 'Changed on the server' WHERE id = 1"))
    with pytest.raises(TargetNotEmptyError, match="already holds"):
        copy_store(demo_source, database)
    with database.engine.connect() as connection:
        title = connection.execute(text("SELECT title FROM meetings WHERE id = 1")).scalar()
    assert title == "Changed on the server"  # nothing was written
    copy_store(demo_source, database, replace=True)
    assert _plain_tables(database) == _plain_tables(demo_source)


def test_a_newer_target_is_refused(demo_source: Database, database: Database) -> None:
    with database.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(NewerSchemaError):
        copy_store(demo_source, database)
    with database.engine.connect() as connection:
        assert user_rows(connection) == 0


def test_export_json_holds_every_table(demo_source: Database, tmp_path: Path) -> None:
    from rcm_desktop.data.services.shared_database import export_everything

    (tmp_path / "out").mkdir()
    target = export_everything(demo_source, tmp_path / "out" / "export.json")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "rcm-desk-export"
    assert set(data["tables"]) == {table.name for table in tables()}
    meetings = data["tables"]["meetings"]
    titles = [row[meetings["columns"].index("title")] for row in meetings["rows"]]
    assert len(titles) == 3 and all(titles)
    assert [path.name for path in target.parent.iterdir()] == ["export.json"], "no partial file"
