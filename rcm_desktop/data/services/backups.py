"""Backing up and restoring, as the user asks for it (File menu, Settings, command line)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rcm_desktop.data.backup import (
    KEEP_BACKUPS,
    BackupInfo,
    Progress,
    copy_database,
    last_backup_time,
    restore_backup,
    take_rotating_backup,
    validate_backup,
)
from rcm_desktop.data.server_backup import SERVER_PREFIX, ServerBackup, dump_with_pg_dump
from rcm_desktop.data.server_backup import describe as describe_server_backup
from rcm_desktop.data.services.store import Store
from rcm_desktop.data.transfer import export_data
from rcm_desktop.exchange.json_export import write_export
from rcm_desktop.paths import Profile


def back_up_profile(profile: Profile, progress: Progress | None = None) -> Path | None:
    """A rotating backup of the profile's file into backups/ (the last ten kept); None if no file."""
    return take_rotating_backup(profile, progress)


def back_up_profile_to(profile: Profile, target: Path) -> Path:
    """A copy of the profile's file at *target* (`rcm-desktop backup -o FILE`)."""
    return copy_database(profile.database_path, target)


def back_up_server(
    store: Store,
    target: Path,
    progress: Progress | None = None,
    *,
    name_by_method: bool = False,
) -> ServerBackup:
    """A shared database backed up to *target*: pg_dump when it can, else every table as JSON.

    With *name_by_method*, the file's suffix says which it is (.dump or .json).
    """
    dumped = dump_with_pg_dump(store, target.with_suffix(".dump") if name_by_method else target)
    if dumped is not None:
        return ServerBackup(dumped, "pg_dump")
    path = target.with_suffix(".json") if name_by_method else target
    return ServerBackup(write_export(export_data(store, progress), path), "json")


def back_up_server_into_profile(
    store: Store, profile: Profile, progress: Progress | None = None
) -> ServerBackup:
    """File ▸ Back up now on a shared database: `backups/server-<time>.dump` (or `.json`)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = profile.backups_dir / f"{SERVER_PREFIX}{stamp}.dump"
    return back_up_server(store, target, progress, name_by_method=True)


def check_backup(path: Path) -> BackupInfo:
    """What a file offered for restore holds; InvalidBackupError says why it cannot be restored."""
    return validate_backup(path)


def restore_profile(profile: Profile, source: Path) -> Path | None:
    """Replace the profile's file with *source* (checked first, the current one kept)."""
    return restore_backup(profile, source)


def latest_backup(profile: Profile) -> dt.datetime | None:
    """When the newest rotating backup was taken, or None."""
    return last_backup_time(profile)


__all__ = [
    "KEEP_BACKUPS",
    "BackupInfo",
    "ServerBackup",
    "back_up_profile",
    "back_up_profile_to",
    "back_up_server",
    "back_up_server_into_profile",
    "check_backup",
    "describe_server_backup",
    "keep_profile_copy",
    "latest_backup",
    "restore_profile",
]


def keep_profile_copy(profile: Profile, prefix: str) -> Path | None:
    """A copy of the profile's file in backups/ before it is replaced (None if it has none)."""
    from rcm_desktop.data.backup import SUFFIX

    if not profile.database_path.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return copy_database(profile.database_path, profile.backups_dir / f"{prefix}{stamp}{SUFFIX}")
