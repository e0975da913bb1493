"""Where things live: bundled resources, compiled catalogs, and profile folders.

No Qt here: the default profile root (Qt's standard data location) is computed
by `rcm_desktop.app` and passed in.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent

DATABASE_FILENAME = "rcm-desk.sqlite3"
LOCK_FILENAME = "rcm-desk.lock"
PREFERENCES_FILENAME = "preferences.json"
#: Where a profile notes the folders outside it that may hold its temporary files.
TEMPORARY_LEDGER = "temporary-folders.txt"


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def resources_dir() -> Path:
    """The bundled `resources/` folder: inside the wheel, the frozen app, or the source tree."""
    frozen_root = Path(getattr(sys, "_MEIPASS", PACKAGE_DIR))
    return _first_existing(
        PACKAGE_DIR / "resources",
        frozen_root / "rcm_desktop" / "resources",
        SOURCE_ROOT / "resources",
    )


def locale_dir() -> Path:
    """The folder of compiled catalogs (`<lang>/LC_MESSAGES/rcm_desktop.mo`)."""
    frozen_root = Path(getattr(sys, "_MEIPASS", PACKAGE_DIR))
    return _first_existing(
        PACKAGE_DIR / "locale",
        frozen_root / "rcm_desktop" / "locale",
        SOURCE_ROOT / "translations",
    )


def resource(*parts: str) -> Path:
    """Path of one bundled resource file."""
    return resources_dir().joinpath(*parts)


@dataclass(frozen=True)
class Profile:
    """One profile folder: the SQLite store, attachments, backups, logs and preferences."""

    root: Path

    @property
    def database_path(self) -> Path:
        return self.root / DATABASE_FILENAME

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def attachments_dir(self) -> Path:
        return self.root / "attachments"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def lock_path(self) -> Path:
        return self.root / LOCK_FILENAME

    @property
    def preferences_path(self) -> Path:
        return self.root / PREFERENCES_FILENAME

    def ensure(self) -> Profile:
        """Create the profile's folders if missing; returns self."""
        for folder in (self.root, self.backups_dir, self.attachments_dir, self.logs_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


#: The file below the user's data folder naming the profile opened at start, when not the
#: default one (a profile made from a handover archive).
STARTUP_POINTER = "open-at-start.txt"


def default_profile(data_root: Path, *, demo: bool = False) -> Profile:
    """The default (or demo) profile below the user's data folder; the profile chosen with
    `choose_startup_profile` instead, while it holds a store."""
    if not demo:
        chosen = startup_profile(data_root)
        if chosen is not None:
            return chosen
    return Profile(data_root / "profiles" / ("demo" if demo else "default"))


def startup_profile(data_root: Path) -> Profile | None:
    """The profile chosen to open at start, when one was chosen and still holds a store."""
    try:
        named = (data_root / "profiles" / STARTUP_POINTER).read_text("utf-8").strip()
    except (OSError, UnicodeError):
        return None
    chosen = Profile(Path(named)) if named else None
    return chosen if chosen is not None and chosen.database_path.is_file() else None


def choose_startup_profile(data_root: Path, profile: Profile | None) -> None:
    """Open *profile* at every start from now on (None: the default profile again)."""
    pointer = data_root / "profiles" / STARTUP_POINTER
    if profile is None:
        pointer.unlink(missing_ok=True)
        return
    write_atomically(pointer, (str(profile.root.resolve()) + "\n").encode("utf-8"))


def replace_through_temporary(
    path: Path, write: Callable[[Path], object], suffix: str | None = None
) -> Path:
    """Have *write* fill a temporary file beside *path*, then rename it over *path*.

    *path* is either complete or untouched, whatever happens; on any failure the temporary
    file (and any journal SQLite left beside it) is removed, and the error raised again.
    """
    import os

    temporary = temporary_file(path.parent, path.suffix if suffix is None else suffix)
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        discard_temporary(temporary)
        raise
    return path


def write_atomically(path: Path, data: bytes) -> Path:
    """Write *data* to *path* through a temporary file beside it, then rename it into place.

    The file is either complete or untouched, whatever happens (a full disk, a kill);
    raises OSError, and leaves no temporary file behind (one left by a kill is swept later).
    """
    import os

    def write(temporary: Path) -> None:
        with temporary.open("wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())

    path.parent.mkdir(parents=True, exist_ok=True)
    return replace_through_temporary(path, write)


# Temporary files: one recognisable name, removed on failure, swept when their process is dead.
# ``.partial-<host>-<pid>-<random><suffix>``: the host and process say whose file it is, so a
# later start can tell a file being written from one a killed process left behind.

TEMPORARY_PREFIX = ".partial-"
#: Files SQLite keeps beside a database while it writes it.
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")
#: A file from another computer (a shared folder) is left alone until it is this old (seconds).
_FOREIGN_GRACE = 24 * 3600
#: Folders outside the profile where this process made temporary files, noted for the sweep.
_ledger: Path | None = None


@functools.cache
def _host_tag() -> str:
    """This computer's short mark in temporary names (its host name, hashed)."""
    import hashlib
    import socket

    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def note_temporary_folders_in(ledger: Path | None) -> None:
    """Note each folder given to `temporary_file` in *ledger* (a text file), for the next sweep."""
    global _ledger
    _ledger = ledger


def _note_folder(folder: Path) -> None:
    if _ledger is None:
        return
    try:
        line = str(folder.resolve()) + "\n"
        known = _ledger.read_text("utf-8").splitlines(keepends=True) if _ledger.exists() else []
        if line not in known:
            with _ledger.open("a", encoding="utf-8") as stream:
                stream.write(line)
    except (OSError, UnicodeError, ValueError):
        pass  # the sweep is a courtesy: never fail a write because the note could not be kept


def _umask() -> int:
    """The process's umask (read by setting it and putting it back at once)."""
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def temporary_file(folder: Path, suffix: str = "") -> Path:
    """Create an empty temporary file in *folder*, named so that a later sweep recognises it.

    Raises OSError. The caller renames it into place or removes it with `discard_temporary`.
    """
    import os
    import tempfile

    handle, name = tempfile.mkstemp(
        dir=folder, prefix=f"{TEMPORARY_PREFIX}{_host_tag()}-{os.getpid()}-", suffix=suffix
    )
    os.close(handle)
    if os.name == "posix":  # mkstemp makes it private (0600): a file handed to people is not
        os.chmod(name, 0o666 & ~_umask())
    _note_folder(Path(folder))
    return Path(name)


def temporary_folder(folder: Path, suffix: str = "") -> Path:
    """Create an empty temporary folder in *folder*, named as `temporary_file` names files, so
    that a later sweep removes it (with what it holds) once its process is dead. Raises OSError."""
    import os
    import tempfile

    made = tempfile.mkdtemp(
        dir=folder, prefix=f"{TEMPORARY_PREFIX}{_host_tag()}-{os.getpid()}-", suffix=suffix
    )
    _note_folder(Path(folder))
    return Path(made)


def discard_temporary(path: Path | str) -> None:
    """Remove a temporary file and the journal files SQLite may have left beside it."""
    path = Path(path)
    for candidate in (path, *(path.with_name(path.name + side) for side in SQLITE_SIDE_FILES)):
        with contextlib.suppress(OSError):
            candidate.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    import os

    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _is_stale(path: Path, now: float) -> bool:
    parts = path.name[len(TEMPORARY_PREFIX) :].split("-", 2)
    if len(parts) < 3 or not parts[1].isdigit():
        return False  # not one of ours
    try:
        age = now - path.stat().st_mtime
    except OSError:
        return False
    if parts[0] != _host_tag():
        return age > _FOREIGN_GRACE
    return not _process_alive(int(parts[1]))


def sweep_temporary_files(folders: Iterable[Path]) -> list[Path]:
    """Remove the temporary files dead processes left in *folders*; returns what was removed."""
    import time

    now = time.time()
    removed: list[Path] = []
    for folder in folders:
        try:
            candidates = sorted(Path(folder).glob(f"{TEMPORARY_PREFIX}*"))
        except OSError:
            continue
        for path in candidates:
            if path.name.endswith(SQLITE_SIDE_FILES):
                continue  # goes with its database file
            if path.is_file() and _is_stale(path, now):
                discard_temporary(path)
                removed.append(path)
            elif path.is_dir() and not path.is_symlink() and _is_stale(path, now):
                import shutil  # a folder being filled when its process died (an archive opened)

                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def sweep_profile_temporaries(profile: Profile) -> list[Path]:
    """Sweep the profile's folders and the folders noted in its ledger; keep the ledger short."""
    ledger = profile.root / TEMPORARY_LEDGER
    noted: list[Path] = []
    try:
        if ledger.exists():
            noted = [Path(line) for line in ledger.read_text("utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeError):
        noted = []
    own = [profile.root, profile.backups_dir, *_folders_below(profile.attachments_dir)]
    removed = sweep_temporary_files([*own, *noted])
    still = [folder for folder in noted if _has_temporaries(folder)]
    try:
        if still:
            ledger.write_text("".join(f"{folder}\n" for folder in still), "utf-8")
        else:
            ledger.unlink(missing_ok=True)
    except OSError:
        pass
    return removed


def _folders_below(root: Path) -> list[Path]:
    try:
        return [root, *(path for path in root.rglob("*") if path.is_dir())]
    except OSError:
        return [root]


def _has_temporaries(folder: Path) -> bool:
    try:
        return any(folder.glob(f"{TEMPORARY_PREFIX}*"))
    except OSError:
        return False
