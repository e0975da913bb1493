"""Opening a store: check the file, back it up, bring its schema up to date, add reference data.

A healthy store that cannot be written where it is (a read-only folder or file) is refused
with ReadOnlyStoreError; it may then be opened read-only (nothing upgraded, backed up or
written) or copied to a profile that can be written (`copy_profile`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.exc import OperationalError

from rcm_desktop.data.backup import take_rotating_backup
from rcm_desktop.data.db import Database, sqlite_read_only_url, sqlite_url, storage_error_for
from rcm_desktop.data.reference import load_reference_data, reference_is_current
from rcm_desktop.data.schema import (
    StoreState,
    check_sqlite_file,
    read_only_store_error,
    schema_status,
    upgrade_to_head,
)
from rcm_desktop.data.sqlite_file import is_read_only_error, refuses_writes
from rcm_desktop.errors import RcmDeskError, StorageError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile


def open_database(
    profile: Profile, database_url: str | None = None, *, read_only: bool = False
) -> Database:
    """The profile's SQLite store (checked first, never modified here), or *database_url*.

    *read_only* opens the profile's store read-only, without creating anything in its folder.
    """
    if read_only and not database_url:
        check_sqlite_file(profile.database_path, for_writing=False)
        if not profile.database_path.exists():
            raise _nothing_to_read(profile)
        return Database(sqlite_read_only_url(profile.database_path), read_only=True)
    try:
        profile.ensure()
    except OSError as error:
        if not database_url and profile.database_path.exists():
            check_sqlite_file(profile.database_path)  # a healthy store in a read-only folder
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


def _nothing_to_read(profile: Profile) -> StorageError:
    return StorageError(
        _(
            "The profile %(path)s holds no RCM Desk database yet, so there is nothing to "
            "open read-only."
        )
        % {"path": profile.root}
    )


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

    Returns the state the store was found in (READ_ONLY for a store opened read-only, which
    is only checked). Raises NotAnRcmDatabaseError, NewerSchemaError or StorageError
    (ReadOnlyStoreError when SQLite may not write the profile's file) with a message for the user.
    """
    try:
        status = schema_status(database)
    except OperationalError as error:
        _refuse_read_only(database, profile, error)
        from rcm_desktop.data.connection import connection_error

        raise connection_error(error, database.url) from error
    if database.read_only:
        return _check_read_only(status.state, profile)
    if status.state is StoreState.OLDER and database.is_sqlite:
        take_rotating_backup(profile)
    try:
        if status.state is not StoreState.CURRENT:
            upgrade_to_head(database)
        with database.session() as session:
            if not reference_is_current(session):
                load_reference_data(session)
    except Exception as error:
        _refuse_read_only(database, profile, error)
        translated = None if isinstance(error, RcmDeskError) else storage_error_for(error)
        if translated is not None:
            raise translated from error
        raise
    return status.state


def _refuse_read_only(database: Database, profile: Profile, error: BaseException) -> None:
    """Raise ReadOnlyStoreError when SQLite refused to write the profile's own file."""
    if database.read_only or not database.is_sqlite or not is_read_only_error(error):
        return
    if isinstance(error, StorageError) and error.__cause__ is not None:
        error = error.__cause__  # the session's translation of SQLite's refusal
    path = profile.database_path
    if str(database.url) != str(sqlite_url(path)):
        return  # a database given by URL, not the profile's file
    raise read_only_store_error(path, refuses_writes(path) or path) from error


def _check_read_only(state: StoreState, profile: Profile) -> StoreState:
    """What a store opened read-only may be: current, and nothing else."""
    if state is StoreState.EMPTY:
        raise _nothing_to_read(profile)
    if state is StoreState.OLDER:
        raise StorageError(
            _(
                "The database %(path)s was written by an older RCM Desk and must be upgraded "
                "before this version can read it, which cannot be done while it is read-only. "
                "Copy the profile to a folder you may write to and open the copy; the "
                "database has been left as it is."
            )
            % {"path": profile.database_path}
        )
    return StoreState.READ_ONLY


def copy_profile(source: Profile, target: Profile) -> Profile:
    """Copy *source*'s store (with SQLite, so that a store being written is copied whole), its
    attached files and preferences into *target*, a profile that holds no store yet.

    On failure, what was copied is removed again and a StorageError says why.
    """
    import shutil

    from rcm_desktop.data.backup import copy_database

    if target.database_path.exists():
        raise StorageError(
            _(
                "The folder %(path)s already holds an RCM Desk database. Choose an empty "
                "folder for the copy."
            )
            % {"path": target.root}
        )
    existed = {
        folder: folder.exists()
        for folder in (target.root, target.backups_dir, target.attachments_dir, target.logs_dir)
    }
    try:
        target.ensure()
        copy_database(source.database_path, target.database_path)
        if source.attachments_dir.is_dir():
            shutil.copytree(
                source.attachments_dir,
                target.attachments_dir,
                dirs_exist_ok=True,
                copy_function=shutil.copyfile,  # the copy is the user's: not the source's modes
            )
            _make_writable(target.attachments_dir)
        if source.preferences_path.is_file() and not target.preferences_path.exists():
            shutil.copyfile(source.preferences_path, target.preferences_path)
    except (OSError, StorageError) as error:
        target.database_path.unlink(missing_ok=True)
        for folder, was_there in reversed(existed.items()):
            if not was_there:
                shutil.rmtree(folder, ignore_errors=True)
        if isinstance(error, StorageError):
            raise
        raise StorageError(
            _("The profile could not be copied to %(path)s (%(reason)s). Nothing was copied.")
            % {"path": target.root, "reason": error.strerror or error}
        ) from error
    return target


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


def _make_writable(folder: Path) -> None:
    """Let the user write in *folder* and every folder below it (copytree copies the modes of a
    read-only source's folders, and the copy could then take no new attachment)."""
    import os
    import stat

    for path in (folder, *(item for item in folder.rglob("*") if item.is_dir())):
        mode = stat.S_IMODE(path.stat().st_mode)
        os.chmod(path, mode | stat.S_IWUSR | stat.S_IRUSR | stat.S_IXUSR)
