"""Opening a store says what is really wrong: a read-only folder is not damage, examining a file
leaves its folder as it was, and an unknown revision is named as such (issue #15, item 6).

Root writes through any permission, so when the tests run as root the folder is also made
read-only in the eyes of the writability probe (`os.access`); SQLite itself is then held to
read-only by the way RCM Desk opens the file, which is what these tests check.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from rcm_desktop import __version__
from rcm_desktop.data.schema import is_newer_version
from rcm_desktop.data.services.settings import profile_country, set_profile_country
from rcm_desktop.data.services.store import StoreState, open_store
from rcm_desktop.data.sqlite_file import Verdict, examine
from rcm_desktop.errors import (
    NewerSchemaError,
    NotAnRcmDatabaseError,
    ReadOnlyStoreError,
    StorageError,
)
from rcm_desktop.paths import Profile

pytestmark = pytest.mark.sqlite_only


def listing(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder below *folder*, with the bytes of each file."""
    return {
        str(path.relative_to(folder)): (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
    }


def meetings_in(store) -> int:  # type: ignore[no-untyped-def]
    with store.session() as session:
        return int(session.execute(text("SELECT count(*) FROM meetings")).scalar_one())


def stored_profile(profile: Profile) -> Profile:
    """*profile* holding a healthy, current store with the demo meetings, closed cleanly."""
    from rcm_desktop.data.demo import load_demo

    opened = open_store(profile)
    load_demo(opened.store)
    opened.store.dispose()
    return profile


@pytest.fixture
def make_read_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """Make a folder or a file read-only (for root too, as the writability probe sees it)."""
    changed: list[tuple[Path, int]] = []
    refused: set[str] = set()
    real_access = os.access

    def access(path, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
        if mode & os.W_OK and os.path.realpath(path) in refused:
            return False
        return real_access(path, mode, *args, **kwargs)

    def make(path: Path) -> None:
        changed.append((path, stat.S_IMODE(path.stat().st_mode)))
        path.chmod(0o555 if path.is_dir() else 0o444)
        refused.add(os.path.realpath(path))
        if os.geteuid() == 0:
            monkeypatch.setattr(os, "access", access)

    yield make
    for path, mode in reversed(changed):
        path.chmod(mode)


# -- examining a file leaves its folder exactly as it was ---------------------------------


def _garbage_claiming_wal(path: Path) -> None:
    data = bytearray(b"SQLite format 3\x00" + os.urandom(8192))
    data[16:18] = (4096).to_bytes(2, "big")
    data[18] = data[19] = 2  # "write-ahead log" in the header's read and write versions
    path.write_bytes(bytes(data))


def _truncated_store(path: Path, profile: Profile) -> None:
    whole = stored_profile(profile).database_path.read_bytes()
    profile.database_path.unlink()
    path.write_bytes(whole[: len(whole) // 2 + 100])


@pytest.mark.parametrize("kind", ["garbage", "wal_store", "truncated"])
def test_examining_leaves_the_folder_as_it_was(kind: str, profile: Profile, tmp_path: Path) -> None:
    folder = tmp_path / "examined"
    folder.mkdir()
    path = folder / "file.sqlite3"
    if kind == "garbage":
        _garbage_claiming_wal(path)
    elif kind == "wal_store":
        shutil.copyfile(stored_profile(profile).database_path, path)
        assert path.read_bytes()[18:20] == b"\x02\x02", "the store is in WAL mode"
    else:
        _truncated_store(path, profile)
    before = listing(folder)
    report = examine(path)
    thorough = examine(path, thorough=True)
    assert listing(folder) == before, "no -shm or -wal left beside the file"
    assert thorough.verdict == report.verdict
    if kind == "wal_store":
        assert report.verdict is Verdict.RCM_DESK and report.meetings == 3
    else:
        assert report.verdict is Verdict.DAMAGED


def test_refusing_a_bad_store_leaves_the_profile_as_it_was(profile: Profile) -> None:
    _garbage_claiming_wal(profile.database_path)
    before = listing(profile.root)
    with pytest.raises(NotAnRcmDatabaseError, match="not an RCM Desk database"):
        open_store(profile)
    assert listing(profile.root) == before


def test_a_write_ahead_log_left_beside_a_store_is_read_without_leaving_anything(
    profile: Profile, tmp_path: Path
) -> None:
    """A store left with its -wal (a crash, a copy) is examined as SQLite would read it."""
    folder = tmp_path / "crashed"
    folder.mkdir()
    writer = sqlite3.connect(profile.database_path)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("CREATE TABLE settings (key TEXT)")
    writer.commit()
    for table in ("meetings", "sessions", "forums", "alembic_version"):
        writer.execute(f"CREATE TABLE {table} (version_num TEXT)")
    writer.execute("INSERT INTO alembic_version VALUES ('0008_document_purposes')")
    writer.execute("INSERT INTO meetings VALUES ('one')")
    writer.commit()  # in the -wal only: a checkpoint happens when the last connection closes
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{profile.database_path}{suffix}", folder / f"file.sqlite3{suffix}")
    writer.close()
    before = listing(folder)
    report = examine(folder / "file.sqlite3")
    assert listing(folder) == before, "no -shm created beside the -wal"
    assert (report.verdict, report.revision, report.meetings) == (
        Verdict.RCM_DESK,
        "0008_document_purposes",
        1,
    )


# -- a healthy store that cannot be written ----------------------------------------------


def test_a_store_in_a_read_only_folder_is_named_read_only_not_damaged(
    profile: Profile, make_read_only
) -> None:  # type: ignore[no-untyped-def]
    stored_profile(profile)
    make_read_only(profile.root)
    before = listing(profile.root)
    with pytest.raises(ReadOnlyStoreError) as refused:
        open_store(profile)
    message = refused.value.message
    assert str(profile.root) in message and "read-only" in message
    assert "damaged" not in message and "not an RCM Desk database" not in message
    assert refused.value.folder_is_read_only and refused.value.blocker == profile.root
    assert listing(profile.root) == before


def test_a_read_only_store_file_is_named(profile: Profile, make_read_only) -> None:  # type: ignore[no-untyped-def]
    stored_profile(profile)
    make_read_only(profile.database_path)
    with pytest.raises(ReadOnlyStoreError, match=r"database file .* is read-only") as refused:
        open_store(profile)
    assert not refused.value.folder_is_read_only
    assert str(profile.database_path) in refused.value.message


def test_sqlite_refusing_to_write_is_a_read_only_store_not_damage(
    profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The probe saw nothing wrong (a network share), but SQLite was refused a write."""
    from sqlalchemy.exc import OperationalError

    import rcm_desktop.data.store as store_module

    stored_profile(profile)

    def refused(_session):  # type: ignore[no-untyped-def]
        raise OperationalError(
            "INSERT", {}, sqlite3.OperationalError("attempt to write a readonly database")
        )

    monkeypatch.setattr(store_module, "reference_is_current", refused)
    with pytest.raises(ReadOnlyStoreError, match="read-only"):
        open_store(profile)


def test_a_read_only_store_opens_read_only_and_refuses_saves_clearly(
    profile: Profile, make_read_only
) -> None:  # type: ignore[no-untyped-def]
    stored_profile(profile)
    make_read_only(profile.root)
    before = listing(profile.root)
    opened = open_store(profile, read_only=True)
    try:
        assert opened.state is StoreState.READ_ONLY and opened.read_only
        assert meetings_in(opened.store) == 3
        assert profile_country(opened.store) == "HN"
        with pytest.raises(StorageError, match="open read-only, so nothing was saved"):
            set_profile_country(opened.store, "CR")
        assert profile_country(opened.store) == "HN"
    finally:
        opened.store.dispose()
    assert listing(profile.root) == before, "no backup, lock, journal or -shm left behind"


def test_an_older_store_cannot_be_upgraded_read_only(profile: Profile, make_read_only) -> None:  # type: ignore[no-untyped-def]
    stored_profile(profile)
    connection = sqlite3.connect(profile.database_path)
    connection.execute("UPDATE alembic_version SET version_num = '0001_initial'")
    connection.commit()
    connection.close()
    make_read_only(profile.root)
    before = listing(profile.root)
    with pytest.raises(StorageError, match="cannot be done while it is read-only"):
        open_store(profile, read_only=True)
    assert listing(profile.root) == before


def test_the_profile_lock_of_a_read_only_folder_lives_elsewhere(
    profile: Profile, make_read_only, qapp
) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.errors import ProfileInUseError
    from rcm_desktop.ui.profile_lock import ProfileLock

    stored_profile(profile)
    make_read_only(profile.root)
    with ProfileLock(profile):
        assert not profile.lock_path.exists()
        with pytest.raises(ProfileInUseError, match="already open"):
            ProfileLock(profile).acquire()
    with ProfileLock(profile):
        pass


def test_the_command_line_names_the_read_only_folder(
    profile: Profile, make_read_only, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.app import main

    stored_profile(profile)
    make_read_only(profile.root)
    assert main(["--profile", str(profile.root), "meetings"]) == 1
    error = capsys.readouterr().err
    assert f"The folder {profile.root} is read-only" in error
    assert "--profile" in error and "Copy the profile folder" in error
    assert "damaged" not in error


# -- a revision this version does not know ---------------------------------------------


def _store_at(profile: Profile, revision: str, written_by: str | None) -> None:
    stored_profile(profile)
    connection = sqlite3.connect(profile.database_path)
    connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.execute("DELETE FROM settings WHERE key = 'store.written_by_version'")
    if written_by is not None:
        connection.execute(
            "INSERT INTO settings (key, value) VALUES ('store.written_by_version', ?)",
            (written_by,),
        )
    connection.commit()
    connection.close()


@pytest.mark.parametrize("written_by", [__version__, "0.0.9", None, "not a version"])
def test_an_unknown_revision_is_named_without_a_version_that_is_not_newer(
    profile: Profile, written_by: str | None
) -> None:
    _store_at(profile, "0042_from_a_fork", written_by)
    with pytest.raises(NewerSchemaError) as refused:
        open_store(profile)
    message = refused.value.message
    assert "0042_from_a_fork" in message
    assert "newer than this version" not in message
    if written_by is not None:
        assert f"RCM Desk {written_by}" not in message


def test_an_unknown_revision_written_by_a_newer_version_names_both(profile: Profile) -> None:
    _store_at(profile, "0042_from_the_future", "0.10.0")
    with pytest.raises(NewerSchemaError) as refused:
        open_store(profile)
    message = refused.value.message
    assert "0042_from_the_future" in message and "RCM Desk 0.10.0" in message
    assert f"newer than this version ({__version__})" in message


def test_versions_are_compared_as_versions() -> None:
    assert is_newer_version("0.10.0", "0.9.0")
    assert is_newer_version("0.2.0rc1", "0.1.0")
    assert is_newer_version("1.0", "0.9.9")
    assert not is_newer_version("0.1.0", "0.1.0")
    assert not is_newer_version("0.1", "0.1.0")
    assert not is_newer_version("0.2.0rc1", "0.2.0")
    assert not is_newer_version("0.0.9", "0.1.0")
    assert not is_newer_version("a newer one", "0.1.0")
    assert not is_newer_version(None, "0.1.0")


# -- the window offers to open read-only, or to copy ------------------------------------


def _answer_read_only_offer(answer_dialog, profile: Profile, button: str, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text())
        seen.extend(b.text().replace("&", "") for b in dialog.buttons())
        next(b for b in dialog.buttons() if b.text().replace("&", "") == button).click()

    answer_dialog(choose)


def test_the_window_opens_a_read_only_folder_read_only(
    qtbot, open_window, answer_dialog, profile: Profile, make_read_only
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    stored_profile(profile)
    make_read_only(profile.root)
    before = listing(profile.root)
    window = open_window(profile, demo=False)
    seen: list[str] = []
    _answer_read_only_offer(answer_dialog, profile, "Open read-only", seen)
    assert window.open_store()
    assert f"The folder {profile.root} is read-only" in seen[0]
    assert "damaged" not in seen[0]
    assert sorted(seen[1:]) == ["Copy to another folder…", "Open read-only", "Quit"]
    assert "read-only" in window.windowTitle()
    window.show_page(1)
    assert window.meetings.model.rowCount() == 3
    window.show_page(5)
    settings = window.settings
    settings.country.set_code("CR")
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "read-only" in settings.message.text())
    assert "open it again and choose “Copy to another folder…”" in settings.message.text()
    assert profile_country(window.context.database) == "HN"
    assert not window.backups.timer.isActive()
    assert listing(profile.root) == before


def test_the_window_copies_a_read_only_profile_and_works_on_the_copy(
    qtbot, open_window, answer_dialog, profile: Profile, make_read_only, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    stored_profile(profile)
    make_read_only(profile.root)
    before = listing(profile.root)
    chosen = tmp_path / "writable"
    chosen.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_args, **_kw: str(chosen))
    )
    window = open_window(profile, demo=False)
    seen: list[str] = []
    _answer_read_only_offer(answer_dialog, profile, "Copy to another folder…", seen)
    assert window.open_store()
    assert window.context.profile.root == chosen
    assert "read-only" not in window.windowTitle()
    window.show_page(1)
    assert window.meetings.model.rowCount() == 3
    window.show_page(5)
    window.settings.country.set_code("CR")
    qtbot.mouseClick(window.settings.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.settings.message.text() == "Saved.")
    assert profile_country(window.context.database) == "CR"
    after = listing(profile.root)
    if os.geteuid() == 0:  # root could note the copy's folder for the temporary-file sweep
        after.pop("temporary-folders.txt", None)
    assert after == before, "the original is left as it was"


def test_a_copy_of_a_read_only_profile_can_take_new_attachments(
    profile: Profile, tmp_path: Path
) -> None:
    """The copy's folders are the user's to write in, whatever the source's modes were."""
    from rcm_desktop.data.services.store import copy_profile

    stored_profile(profile)
    held = profile.attachments_dir / "ab" / ("ab" + "0" * 62)
    held.mkdir(parents=True)
    (held / "nota.pdf").write_bytes(b"%PDF-1.4")
    for folder in (held, held.parent, profile.attachments_dir):
        folder.chmod(0o555)
    try:
        copy = copy_profile(profile, tmp_path / "copia")
    finally:
        for folder in (profile.attachments_dir, held.parent, held):
            folder.chmod(0o755)
    for folder in (copy.attachments_dir, *copy.attachments_dir.rglob("*")):
        if folder.is_dir():
            assert folder.stat().st_mode & stat.S_IWUSR, folder
    assert (copy.attachments_dir / "ab" / held.name / "nota.pdf").read_bytes() == b"%PDF-1.4"
