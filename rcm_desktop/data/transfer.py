"""Copying a whole store to another: a profile's SQLite file into a shared database and back.

Every table of `Base.metadata` is copied in dependency order, ids kept, in one
transaction on the target; PostgreSQL's sequences are then moved past the copied
ids so new rows get fresh ones. Both stores must be at this version's schema (an
empty or older target is upgraded first; a newer one is refused). A target that
already holds meetings, people or documents is refused unless *replace* is given.

Only what the database holds is copied: attachment and document files stay in the
profile folder that added them (`attachments/`); a shared database never holds files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, func, select, text, update
from sqlalchemy.exc import DBAPIError

from rcm_desktop import __version__
from rcm_desktop.data.db import Database, storage_error_for
from rcm_desktop.data.models import Base
from rcm_desktop.data.schema import StoreState, schema_status, upgrade_to_head
from rcm_desktop.errors import StorageError
from rcm_desktop.i18n import _

Progress = Callable[[int, int], None]

#: Tables `prepare_store` fills by itself; a store holding only these counts as empty.
REFERENCE_TABLES = frozenset(
    {
        "settings",
        "countries",
        "forums",
        "forum_members",
        "presidencies",
        "bodies",
        "organisations",
        "organisation_observer_forums",
        "data_version",  # the store-wide change counter
        "data_changes",  # what each write changed, for open windows
    }
)
EXPORT_FORMAT = "rcm-desk-export"
_CHUNK = 1000


class TargetNotEmptyError(StorageError):
    """The target store already holds data and replacing it was not asked for."""


@dataclass(frozen=True)
class CopyReport:
    """What a copy moved: rows per table, in the order they were written."""

    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def tables() -> list[Table]:
    """Every table of the store, parents before children."""
    return list(Base.metadata.sorted_tables)


def revision_of(connection: Connection) -> str | None:
    """The Alembic revision a store is at (None when it has none)."""
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def user_rows(connection: Connection) -> int:
    """How many rows the store holds beyond the reference data every store starts with."""
    return sum(
        connection.execute(select(func.count()).select_from(table)).scalar_one()
        for table in tables()
        if table.name not in REFERENCE_TABLES
    )


def _ready_for_copy(source: Database, target: Database) -> None:
    """Refuse a source not at this version's schema; bring an empty or older target up to it."""
    state = schema_status(source).state  # raises for a newer or foreign store
    if state is not StoreState.CURRENT:
        raise StorageError(
            _(
                "The database to copy from is not at this version's schema. Open it once with "
                "this version of RCM Desk (which brings it up to date), then copy again."
            )
        )
    if schema_status(target).state is not StoreState.CURRENT:  # raises for newer or foreign
        upgrade_to_head(target)
    with source.engine.connect() as one, target.engine.connect() as other:
        if revision_of(one) != revision_of(other):  # pragma: no cover - both are at head
            raise StorageError(_("The two databases are at different schema versions."))


def _snapshot(database: Database) -> Connection:
    """A connection whose reads all see one moment of the store."""
    connection = database.engine.connect()
    if not database.is_sqlite:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    return connection


def _self_references(table: Table) -> list[str]:
    """Columns of *table* that point at *table* itself (written after every row exists)."""
    return [
        key.parent.name
        for key in table.foreign_keys
        if key.column.table is table and key.parent.nullable
    ]


def _rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    order = list(table.primary_key.columns)
    for row in connection.execute(select(table).order_by(*order)).mappings():
        yield dict(row)


def _chunks(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def reset_sequences(connection: Connection) -> None:
    """On PostgreSQL, move each table's id sequence past its largest id (no-op elsewhere)."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables():
        columns = list(table.primary_key.columns)
        if (
            len(columns) != 1
            or not columns[0].autoincrement
            or columns[0].type.python_type is not int
        ):
            continue
        column = columns[0].name
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f'COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{table.name}"'
            ),
            {"table": table.name, "column": column},
        )


def _failed(error: BaseException, table: str) -> StorageError:
    translated = storage_error_for(error)
    if translated is not None:
        return translated
    reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
    return StorageError(
        _(
            "The copy stopped at the table %(table)s (%(reason)s). Nothing was written to the target."
        )
        % {"table": table, "reason": reason}
    )


def copy_store(
    source: Database,
    target: Database,
    *,
    replace: bool = False,
    progress: Progress | None = None,
    finish: Callable[[Connection], None] | None = None,
) -> CopyReport:
    """Copy every row of *source* into *target*, ids kept, in one transaction on the target.

    *finish* runs last in that transaction (take-home records its checkout there, so a
    copy is never left without it).

    Raises TargetNotEmptyError when the target holds data and *replace* is False,
    NewerSchemaError for a target written by a newer RCM Desk, StorageError otherwise.
    """
    _ready_for_copy(source, target)
    copied: dict[str, int] = {}
    current = ""
    try:
        with _snapshot(source) as reading, reading.begin(), target.engine.begin() as writing:
            held = user_rows(writing)
            if held and not replace:
                raise TargetNotEmptyError(
                    _(
                        "The target database already holds %(n)d records (meetings, people, "
                        "documents…). Nothing was copied. Copy into an empty database, or ask "
                        "to replace what it holds (--replace)."
                    )
                    % {"n": held}
                )
            counts = {
                table.name: reading.execute(select(func.count()).select_from(table)).scalar_one()
                for table in tables()
            }
            total, done = sum(counts.values()), 0
            if progress:
                progress(0, total)
            changes_seen = _change_counter(writing)
            for table in reversed(tables()):
                current = table.name
                writing.execute(table.delete())
            for table in tables():
                current = table.name
                later = _self_references(table)
                pending: list[dict[str, Any]] = []
                for chunk in _chunks(_rows(reading, table)):
                    for row in chunk:
                        if any(row[name] is not None for name in later):
                            pending.append(row.copy())
                            row.update({name: None for name in later})
                    writing.execute(table.insert(), chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
                _write_self_references(writing, table, later, pending)
                copied[table.name] = counts[table.name]
            reset_sequences(writing)
            _bump_change_counter(writing, changes_seen)
            if finish is not None:
                finish(writing)
    except DBAPIError as error:
        raise _failed(error, current) from error
    return CopyReport(copied)


def _change_counter(connection: Connection) -> int:
    """The store-wide change counter (windows open on the target refresh when it moves)."""
    table = Base.metadata.tables.get("data_version")
    if table is None:
        return 0
    return connection.execute(select(func.max(table.c.counter))).scalar() or 0


def _bump_change_counter(connection: Connection, seen: int) -> None:
    table = Base.metadata.tables.get("data_version")
    if table is not None:
        connection.execute(update(table).values(counter=max(seen, _change_counter(connection)) + 1))


def _write_self_references(
    connection: Connection, table: Table, columns: list[str], rows: list[dict[str, Any]]
) -> None:
    key = list(table.primary_key.columns)
    for row in rows:
        connection.execute(
            update(table)
            .where(*(column == row[column.name] for column in key))
            .values({name: row[name] for name in columns})
        )


# -- export as JSON -----------------------------------------------------------------------


def export_data(database: Database, progress: Progress | None = None) -> dict[str, Any]:
    """Every table of the store as plain data: columns and rows, with the schema revision."""
    with _snapshot(database) as reading, reading.begin():
        counts = {
            table.name: reading.execute(select(func.count()).select_from(table)).scalar_one()
            for table in tables()
        }
        total, done = sum(counts.values()), 0
        exported: dict[str, Any] = {}
        for table in tables():
            columns = [column.name for column in table.columns]
            rows = [[row[name] for name in columns] for row in _rows(reading, table)]
            exported[table.name] = {"columns": columns, "rows": rows}
            done += len(rows)
            if progress:
                progress(done, total)
        revision = revision_of(reading)
    return {
        "format": EXPORT_FORMAT,
        "format_version": 1,
        "written_by": __version__,
        "schema_revision": revision,
        "exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "tables": exported,
    }
