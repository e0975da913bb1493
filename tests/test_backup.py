"""Rotating backups, backup and restore round trips, and refusal of files that are not backups."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from rcm_desktop.data.backup import (
    KEEP_BACKUPS,
    copy_database,
    list_backups,
    restore_backup,
    take_rotating_backup,
    validate_backup,
)
from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Meeting
from rcm_desktop.data.store import open_database, prepare_store
from rcm_desktop.errors import InvalidBackupError
from rcm_desktop.paths import Profile

pytestmark = pytest.mark.sqlite_only


def _titles(database: Database) -> list[str]:
    with database.session() as session:
        return sorted(session.scalars(select(Meeting.title)))


def test_rotation_keeps_the_last_ten(demo_database: Database, profile: Profile) -> None:
    taken = [take_rotating_backup(profile) for _ in range(KEEP_BACKUPS + 3)]
    kept = list_backups(profile)
    assert len(kept) == KEEP_BACKUPS
    assert kept == taken[-KEEP_BACKUPS:]
    assert all(validate_backup(path).meetings == 3 for path in kept)


def test_backup_reports_progress(demo_database: Database, profile: Profile) -> None:
    seen: list[tuple[int, int]] = []
    take_rotating_backup(profile, lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_backup_and_restore_round_trip(
    demo_database: Database, profile: Profile, tmp_path: Path
) -> None:
    before = _titles(demo_database)
    backup = copy_database(profile.database_path, tmp_path / "outside" / "copy.sqlite3")
    with demo_database.session() as session:
        for meeting in session.scalars(select(Meeting)):
            session.delete(meeting)
    assert _titles(demo_database) == []
    demo_database.dispose()

    saved = restore_backup(profile, backup)

    restored = open_database(profile)
    prepare_store(restored, profile)
    assert _titles(restored) == before
    restored.dispose()
    assert saved is not None and saved.exists()
    assert validate_backup(saved).meetings == 0, "the replaced (emptied) store is kept"


@pytest.mark.parametrize(
    "content", [b"", b"PK\x03\x04 a zip file", b"SQLite format 3\x00" + b"\x00" * 200]
)
def test_restore_refuses_files_that_are_not_backups(
    demo_database: Database, profile: Profile, tmp_path: Path, content: bytes
) -> None:
    demo_database.dispose()
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(content)
    before = profile.database_path.read_bytes()
    with pytest.raises(InvalidBackupError, match="Nothing was replaced"):
        restore_backup(profile, bogus)
    assert profile.database_path.read_bytes() == before
    assert not list(profile.backups_dir.glob("before-restore-*"))


def test_restore_refuses_a_foreign_database(
    demo_database: Database, profile: Profile, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(InvalidBackupError, match="not an RCM Desk database"):
        restore_backup(profile, other)


def test_restore_refuses_a_missing_file(profile: Profile, tmp_path: Path) -> None:
    with pytest.raises(InvalidBackupError, match="cannot be read"):
        restore_backup(profile, tmp_path / "nowhere.sqlite3")


def test_backup_into_an_unwritable_place_says_so_and_leaves_no_partial_file(
    demo_database: Database, profile: Profile, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    from rcm_desktop.errors import StorageError

    with pytest.raises(StorageError):
        copy_database(profile.database_path, blocker / "backup.sqlite3")
    assert blocker.read_text() == "a file where a folder should be"
    leftovers = [name for name in os.listdir(tmp_path) if name.startswith(".partial-")]
    assert leftovers == []


@pytest.mark.parametrize("folder", ["Perfil #2", "what?ever", "100%20 sure", "con espacios y ñ"])
def test_profile_paths_with_uri_characters_back_up_and_restore_everything(
    tmp_path: Path, folder: str
) -> None:
    from rcm_desktop.data.demo import load_demo

    profile = Profile(tmp_path / folder).ensure()
    store = open_database(profile)
    prepare_store(store, profile)
    load_demo(store)
    backup = take_rotating_backup(profile)
    assert backup is not None and validate_backup(backup).meetings == 3
    store.dispose()
    saved = restore_backup(profile, backup)
    assert saved is not None and validate_backup(saved).meetings == 3
    assert sorted(path.name for path in tmp_path.iterdir()) == [folder], (
        "no stray file beside the profile"
    )
    reopened = open_database(profile)
    assert len(_titles(reopened)) == 3
    reopened.dispose()
