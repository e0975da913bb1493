"""Backups of a SQLite profile with SQLite's online backup API: rotating, manual, and restore."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rcm_desktop.data.sqlite_file import read_only_uri
from rcm_desktop.errors import InvalidBackupError, StorageError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile, replace_through_temporary

KEEP_BACKUPS = 10
#: The rotating backups' minimum spacing while the app is in use.
BACKUP_INTERVAL = dt.timedelta(minutes=30)
ROTATING_PREFIX = "rcm-desk-"
BEFORE_RESTORE_PREFIX = "before-restore-"
SUFFIX = ".sqlite3"
_PAGES_PER_STEP = 256

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, as far as a restore needs to know."""

    path: Path
    revision: str
    meetings: int


def _timestamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _disk_error(error: BaseException, target: Path) -> StorageError:
    from rcm_desktop.data.db import storage_error_for

    translated = storage_error_for(error)
    if translated is not None:
        return translated
    return StorageError(
        _("The backup could not be written to %(path)s: %(reason)s. Nothing was changed.")
        % {"path": target, "reason": error}
    )


def copy_database(source: Path, target: Path, progress: Progress | None = None) -> Path:
    """Copy a live SQLite database to *target* atomically (temporary file, then rename)."""

    def write(temporary: Path) -> None:
        source_connection = sqlite3.connect(read_only_uri(source), uri=True)
        target_connection = sqlite3.connect(temporary)
        try:
            source_connection.backup(
                target_connection,
                pages=_PAGES_PER_STEP,
                progress=(lambda _status, remaining, total: progress(total - remaining, total))
                if progress
                else None,
            )
            target_connection.execute("PRAGMA journal_mode = DELETE")
        finally:
            target_connection.close()
            source_connection.close()

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_through_temporary(target, write, SUFFIX)
    except (OSError, sqlite3.Error) as error:
        raise _disk_error(error, target) from error
    return target


def list_backups(profile: Profile, prefix: str = ROTATING_PREFIX) -> list[Path]:
    """The profile's backups with *prefix*, oldest first."""
    if not profile.backups_dir.is_dir():
        return []
    return sorted(profile.backups_dir.glob(f"{prefix}*{SUFFIX}"))


def rotate_backups(profile: Profile, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete the oldest rotating backups beyond *keep*; returns what was deleted."""
    backups = list_backups(profile)
    stale = backups[: max(0, len(backups) - keep)]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def take_rotating_backup(profile: Profile, progress: Progress | None = None) -> Path | None:
    """Back up the profile's store into backups/ and keep the last ten; None if no store yet."""
    if not profile.database_path.exists():
        return None
    target = profile.backups_dir / f"{ROTATING_PREFIX}{_timestamp()}{SUFFIX}"
    copy_database(profile.database_path, target, progress)
    rotate_backups(profile)
    return target


def last_backup_time(profile: Profile) -> dt.datetime | None:
    """When the newest rotating backup was written, or None."""
    backups = list_backups(profile)
    if not backups:
        return None
    return dt.datetime.fromtimestamp(backups[-1].stat().st_mtime)


def validate_backup(path: Path) -> BackupInfo:
    """Check that *path* is an intact RCM Desk database this version can open; never writes to it."""
    from rcm_desktop.data.schema import known_revisions
    from rcm_desktop.data.sqlite_file import Verdict, examine

    def refuse(reason: str) -> InvalidBackupError:
        return InvalidBackupError(
            _("%(path)s cannot be restored: %(reason)s Nothing was replaced.")
            % {"path": path, "reason": reason}
        )

    if not path.is_file():
        raise refuse(
            _("the file cannot be read (%(reason)s).") % {"reason": _("it does not exist")}
        )
    try:
        report = examine(path, thorough=True)
    except OSError as error:
        raise refuse(
            _("the file cannot be read (%(reason)s).") % {"reason": error.strerror or error}
        ) from error
    reasons = {
        Verdict.EMPTY: _("it is empty."),
        Verdict.NOT_SQLITE: _("it is not a database file."),
        Verdict.DAMAGED: _("the database is damaged."),
        Verdict.UNREADABLE: _("SQLite cannot open it (check the file's permissions)."),
        Verdict.FOREIGN: _("it is not an RCM Desk database."),
    }
    if report.verdict in reasons:
        raise refuse(reasons[report.verdict])
    if report.revision not in known_revisions():
        raise refuse(_("it was written by a newer version of RCM Desk."))
    return BackupInfo(path=path, revision=report.revision or "", meetings=report.meetings or 0)


def restore_backup(profile: Profile, source: Path) -> Path | None:
    """Replace the profile's store with *source*, after checking it and keeping a copy.

    Returns the copy of what was replaced (None when there was no store). The app
    must not hold the store open; the next start upgrades an older backup.
    """
    validate_backup(source)
    saved = None
    if profile.database_path.exists():
        saved = copy_database(
            profile.database_path,
            profile.backups_dir / f"{BEFORE_RESTORE_PREFIX}{_timestamp()}{SUFFIX}",
        )
    profile.ensure()
    try:
        source_connection = sqlite3.connect(read_only_uri(source), uri=True)
        target_connection = sqlite3.connect(profile.database_path)
        try:
            source_connection.backup(target_connection)
        finally:
            target_connection.close()
            source_connection.close()
    except sqlite3.Error as error:
        raise _disk_error(error, profile.database_path) from error
    return saved
