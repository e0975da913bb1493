"""Temporary files: one name pattern, removed on failure, swept once their process is dead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rcm_desktop.paths import (
    TEMPORARY_LEDGER,
    TEMPORARY_PREFIX,
    Profile,
    note_temporary_folders_in,
    sweep_profile_temporaries,
    sweep_temporary_files,
    temporary_file,
    temporary_folder,
    write_atomically,
)

# A process that makes a temporary file the app's way, prints its name, and dies without
# cleaning up (as a kill would leave it).
_ORPHAN = """
import os, sys
from pathlib import Path
from rcm_desktop.paths import note_temporary_folders_in, temporary_file
if len(sys.argv) > 2:
    note_temporary_folders_in(Path(sys.argv[2]))
path = temporary_file(Path(sys.argv[1]), ".sqlite3")
Path(str(path) + "-journal").write_bytes(b"journal")
print(path)
os._exit(0)
"""


def _orphan(folder: Path, ledger: Path | None = None) -> Path:
    arguments = [sys.executable, "-c", _ORPHAN, str(folder)]
    if ledger is not None:
        arguments.append(str(ledger))
    finished = subprocess.run(arguments, capture_output=True, text=True, check=True)
    return Path(finished.stdout.strip())


@pytest.fixture(autouse=True)
def _no_ledger():
    yield
    note_temporary_folders_in(None)


def test_temporary_files_carry_one_pattern_with_the_process(tmp_path):
    path = temporary_file(tmp_path, ".ics")
    assert path.name.startswith(TEMPORARY_PREFIX)
    assert f"-{os.getpid()}-" in path.name
    assert path.suffix == ".ics"


def test_a_dead_process_s_file_and_its_journal_are_swept(tmp_path):
    orphan = _orphan(tmp_path)
    assert orphan.exists()
    mine = temporary_file(tmp_path)
    assert sweep_temporary_files([tmp_path]) == [orphan]
    assert not orphan.exists()
    assert not Path(str(orphan) + "-journal").exists()
    assert mine.exists(), "a live process's file is being written: never swept"


_ORPHAN_FOLDER = """
import os, sys
from pathlib import Path
from rcm_desktop.paths import temporary_folder
folder = temporary_folder(Path(sys.argv[1]), ".handover")
(folder / "attachments").mkdir()
(folder / "attachments" / "note.pdf").write_bytes(b"half a profile")
print(folder)
os._exit(0)
"""


def test_a_dead_process_s_folder_is_swept_with_what_it_holds(tmp_path):
    finished = subprocess.run(
        [sys.executable, "-c", _ORPHAN_FOLDER, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    orphan = Path(finished.stdout.strip())
    assert orphan.is_dir() and orphan.name.startswith(TEMPORARY_PREFIX)
    mine = temporary_folder(tmp_path)
    assert sweep_temporary_files([tmp_path]) == [orphan]
    assert not orphan.exists() and mine.is_dir()


def test_files_that_are_not_ours_are_left_alone(tmp_path):
    strangers = [tmp_path / ".partial-notes.txt", tmp_path / "report.part", tmp_path / "x.sqlite3"]
    for path in strangers:
        path.write_text("keep me")
    assert sweep_temporary_files([tmp_path]) == []
    assert all(path.exists() for path in strangers)


def test_the_profile_sweep_reaches_folders_outside_it_through_its_ledger(tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    usb = tmp_path / "usb"
    usb.mkdir()
    in_backups = _orphan(profile.backups_dir)
    outside = _orphan(usb, profile.root / TEMPORARY_LEDGER)
    assert str(usb.resolve()) in (profile.root / TEMPORARY_LEDGER).read_text("utf-8")
    removed = sweep_profile_temporaries(profile)
    assert set(removed) == {in_backups, outside}
    assert os.listdir(usb) == []
    assert not (profile.root / TEMPORARY_LEDGER).exists(), "nothing left to sweep: no ledger"


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    in_the_way = tmp_path / "meeting.ics"
    in_the_way.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OSError):
        write_atomically(in_the_way, b"BEGIN:VCALENDAR")
    assert os.listdir(tmp_path) == ["meeting.ics"]


def test_a_failed_calendar_export_leaves_nothing_behind(tmp_path):
    from rcm_desktop.errors import StorageError
    from rcm_desktop.exchange.files import write_text_file

    target = tmp_path / "meeting.ics"
    target.mkdir()
    with pytest.raises(StorageError):
        write_text_file(target, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert os.listdir(tmp_path) == ["meeting.ics"]


def test_a_failed_backup_leaves_nothing_behind(tmp_path, monkeypatch):
    import sqlite3

    from rcm_desktop.data import backup
    from rcm_desktop.errors import StorageError

    source = tmp_path / "store.sqlite3"
    with sqlite3.connect(source) as connection:
        connection.execute("CREATE TABLE t (x)")
    out = tmp_path / "out"
    out.mkdir()

    def refuse(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(StorageError, match="disk is full"):
        backup.copy_database(source, out / "copy.sqlite3")
    assert os.listdir(out) == []


def test_a_profile_folder_that_refuses_the_copy_is_named_not_the_file(
    tmp_path, monkeypatch
) -> None:
    """The attached file is readable: the message must blame the profile's folder."""
    from rcm_desktop.data import file_store
    from rcm_desktop.errors import StorageError

    source = tmp_path / "nota.pdf"
    source.write_bytes(b"%PDF-1.4")

    def refuse(folder, suffix=""):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(file_store, "temporary_file", refuse)
    with (
        pytest.raises(StorageError, match="cannot write into its profile folder"),
        file_store.copy_into_profile(
            source, tmp_path / "attachments", lambda sha, name: tmp_path / sha / name, "attach"
        ),
    ):
        pass


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_file_written_for_people_has_the_usual_permissions(tmp_path) -> None:
    """mkstemp makes a private file (0600); an exported form or PDF is for sharing."""
    mask = os.umask(0o022)
    try:
        written = write_atomically(tmp_path / "registro.docx", b"PK")
    finally:
        os.umask(mask)
    assert written.stat().st_mode & 0o777 == 0o644
