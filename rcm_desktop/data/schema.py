"""The schema's version: what a store holds, and bringing it up to date with Alembic.

Start-up only needs to know whether the store is current; that check reads the
`alembic_version` table with plain SQL and compares it to `SCHEMA_HEAD`, so
Alembic itself is imported only when a store must be created or upgraded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from rcm_desktop import __version__
from rcm_desktop.data.sqlite_file import CORE_TABLES, Verdict, examine, refuses_writes
from rcm_desktop.errors import (
    NewerSchemaError,
    NotAnRcmDatabaseError,
    ReadOnlyStoreError,
    StorageError,
)
from rcm_desktop.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

    from rcm_desktop.data.db import Database

#: The newest revision this version of RCM Desk knows. A test keeps it equal to Alembic's head.
SCHEMA_HEAD = "0009_journal"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
WRITTEN_BY_KEY = "store.written_by_version"


class StoreState(Enum):
    EMPTY = "empty"
    CURRENT = "current"
    OLDER = "older"
    #: Current, and opened read-only: neither upgraded, nor backed up, nor written to.
    READ_ONLY = "read_only"


@dataclass(frozen=True)
class SchemaStatus:
    state: StoreState
    revision: str | None


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for the bundled migrations, bound to *connection*."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    """Every revision the bundled migrations contain."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def check_sqlite_file(path: Path, *, for_writing: bool = True) -> None:
    """Refuse a file that is not a healthy RCM Desk (or empty) SQLite database; never writes to it.

    *for_writing*: also refuse, with ReadOnlyStoreError, a healthy store whose folder or file
    cannot be written (it may still be opened read-only).
    """
    not_ours = _(
        "The file %(path)s is not an RCM Desk database, or it is damaged. "
        "It has been left as it is. Start a new profile, or restore a backup."
    ) % {"path": path}
    unreadable = _(
        "The database %(path)s cannot be opened: the file or its folder may be read-only "
        "or belong to another user. It has been left as it is. Check its permissions, "
        "or copy the profile to a folder you may write to and use --profile."
    ) % {"path": path}
    try:
        verdict = examine(path).verdict
    except PermissionError as error:
        raise StorageError(unreadable) from error
    except OSError as error:
        raise NotAnRcmDatabaseError(not_ours) from error
    if verdict is Verdict.UNREADABLE:
        raise StorageError(unreadable)
    if verdict is Verdict.FOREIGN:
        raise NotAnRcmDatabaseError(_foreign_tables_message())
    if verdict in (Verdict.NOT_SQLITE, Verdict.DAMAGED):
        raise NotAnRcmDatabaseError(not_ours)
    blocker = refuses_writes(path)
    if verdict is Verdict.RCM_DESK and for_writing and blocker is not None:
        raise read_only_store_error(path, blocker)
    if verdict is Verdict.EMPTY and blocker is not None and blocker != path:
        raise StorageError(
            _(
                "The folder %(folder)s is read-only, so RCM Desk cannot create its database "
                "there. Choose a folder you may write to, or ask for write access to this one."
            )
            % {"folder": blocker}
        )


def read_only_store_error(path: Path, blocker: Path) -> ReadOnlyStoreError:
    """The error for a healthy store at *path* that *blocker* (its folder or itself) keeps
    from being written."""
    if blocker != path:
        message = _(
            "The folder %(folder)s is read-only, so RCM Desk cannot save anything in the "
            "database %(path)s. The database itself is healthy and has been left as it is."
        ) % {"folder": blocker, "path": path}
    else:
        message = _(
            "The database file %(path)s is read-only, so RCM Desk cannot save anything in it. "
            "The database itself is healthy and has been left as it is."
        ) % {"path": path}
    return ReadOnlyStoreError(message, path=path, blocker=blocker)


def _foreign_tables_message() -> str:
    return _(
        "This database holds tables that RCM Desk did not create, so it is "
        "not an RCM Desk database. It has been left as it is. Choose another "
        "profile or database."
    )


def schema_status(database: Database) -> SchemaStatus:
    """Where the store stands against this version's schema; raises if it is foreign or newer."""
    with database.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if not tables:
            return SchemaStatus(StoreState.EMPTY, None)
        if "alembic_version" not in tables or not tables >= CORE_TABLES:
            raise NotAnRcmDatabaseError(_foreign_tables_message())
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if revision == SCHEMA_HEAD:
            return SchemaStatus(StoreState.CURRENT, revision)
        written_by = connection.execute(
            text("SELECT value FROM settings WHERE key = :key"), {"key": WRITTEN_BY_KEY}
        ).scalar()
    if revision not in known_revisions():
        raise unknown_revision_error(str(revision or "?"), written_by)
    return SchemaStatus(StoreState.OLDER, revision)


def _version_key(version: str) -> tuple[tuple[int, ...], int, int] | None:
    """A key that orders version strings ("0.1.0" < "0.2.0rc1" < "0.2.0"), or None when
    *version* does not start with a number."""
    match = re.match(r"\s*v?(\d+(?:\.\d+)*)(?:[.-]?(a|alpha|b|beta|rc|c|dev)\.?(\d*))?", version)
    if match is None:
        return None
    release = tuple(int(part) for part in match.group(1).split("."))
    while len(release) > 1 and release[-1] == 0:
        release = release[:-1]  # 1.0 == 1.0.0
    stage = {"dev": 0, "a": 1, "alpha": 1, "b": 2, "beta": 2, "rc": 3, "c": 3}.get(
        (match.group(2) or "").lower(), 4
    )
    return release, stage, int(match.group(3) or 0)


def is_newer_version(version: str | None, than: str = __version__) -> bool:
    """Whether *version* is truly newer than *than* (False when either cannot be read)."""
    mine, theirs = _version_key(than), _version_key(version or "")
    return mine is not None and theirs is not None and theirs > mine


def unknown_revision_error(revision: str, written_by: str | None) -> NewerSchemaError:
    """The refusal of a store at a revision this version does not know; it names the version
    that wrote the store only when that version is newer than this one."""
    if written_by is not None and is_newer_version(written_by):
        return NewerSchemaError(
            _(
                "This database was written by RCM Desk %(needed)s, newer than this "
                "version (%(current)s): its schema revision %(revision)s is unknown here. "
                "Install RCM Desk %(needed)s or later to open it; the database has been "
                "left as it is."
            )
            % {"needed": written_by, "current": __version__, "revision": revision}
        )
    return NewerSchemaError(
        _(
            "This database's schema revision, %(revision)s, is unknown to this version of "
            "RCM Desk (%(current)s): it was written by a newer or a modified RCM Desk. "
            "Open it with the RCM Desk that wrote it, or restore a backup; the database "
            "has been left as it is."
        )
        % {"revision": revision, "current": __version__}
    )


def upgrade_to_head(database: Database) -> None:
    """Create or upgrade the schema to this version's head, in one transaction.

    On SQLite, foreign keys are switched off for the migration (Alembic's batch mode
    rebuilds a table by copying it, and dropping the old copy must not cascade to the
    rows that point at it), and their integrity is checked before committing.
    """
    from alembic import command

    with database.engine.connect() as connection:
        raw = connection.connection.dbapi_connection if database.is_sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")  # before BEGIN, or SQLite ignores it
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection), "head")
                connection.execute(
                    text("DELETE FROM settings WHERE key = :key"), {"key": WRITTEN_BY_KEY}
                )
                connection.execute(
                    text("INSERT INTO settings (key, value) VALUES (:key, :value)"),
                    {"key": WRITTEN_BY_KEY, "value": __version__},
                )
                if raw is not None:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the upgrade would break references: {broken[:5]}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")
