"""Opening a store: check the file, back it up, bring its schema up to date, add reference data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.exc import OperationalError

from rcm_desktop.data.backup import take_rotating_backup
from rcm_desktop.data.db import Database, sqlite_url, storage_error_for
from rcm_desktop.data.reference import load_reference_data, reference_is_current
from rcm_desktop.data.schema import StoreState, check_sqlite_file, schema_status, upgrade_to_head
from rcm_desktop.errors import StorageError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile


def open_database(profile: Profile, database_url: str | None = None) -> Database:
    """The profile's SQLite store (checked first, never modified here), or *database_url*."""
    try:
        profile.ensure()
    except OSError as error:
        raise StorageError(
            _(
                "The profile folder %(path)s cannot be created (%(reason)s). Choose a "
                "folder you may write to with --profile."
            )
            % {"path": profile.root, "reason": error.strerror or error}
        ) from error
    if database_url:
        return database_at(database_url)
    check_sqlite_file(profile.database_path)
    return Database(sqlite_url(profile.database_path))


def database_at(url: str) -> Database:
    """A Database for a URL given by the user, or a StorageError that says what is wrong with it."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except ArgumentError as error:
        raise StorageError(
            _(
                "“%(url)s” is not a database URL. Write it as, for example, "
                "postgresql+psycopg://user@server/rcm."
            )
            % {"url": url}
        ) from error
    try:
        return Database(url)
    except (NoSuchModuleError, ModuleNotFoundError, ImportError) as error:
        raise StorageError(
            _(
                "The database URL %(url)s needs a driver that is not installed (%(reason)s). "
                "Install it (for PostgreSQL: pip install psycopg[binary]) and try again."
            )
            % {"url": shown, "reason": error}
        ) from error


def prepare_store(database: Database, profile: Profile) -> StoreState:
    """Create or upgrade the schema (after a backup of an older store) and add reference data.

    Returns the state the store was found in. Raises NotAnRcmDatabaseError,
    NewerSchemaError or StorageError with a message for the user.
    """
    try:
        status = schema_status(database)
    except OperationalError as error:
        from rcm_desktop.data.connection import connection_error

        raise connection_error(error, database.url) from error
    if status.state is StoreState.OLDER and database.is_sqlite:
        take_rotating_backup(profile)
    try:
        if status.state is not StoreState.CURRENT:
            upgrade_to_head(database)
    except Exception as error:
        translated = storage_error_for(error)
        if translated is not None:
            raise translated from error
        raise
    with database.session() as session:
        if not reference_is_current(session):
            load_reference_data(session)
    return status.state


def set_aside_unreadable(profile: Profile) -> Path:
    """Rename the profile's unreadable database (and journal files) aside, bytes untouched."""
    path = profile.database_path
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        journal = path.with_name(path.name + suffix)
        if journal.exists():
            journal.rename(target.with_name(target.name + suffix))
    return target
