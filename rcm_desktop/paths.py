"""Where things live: bundled resources, compiled catalogs, and profile folders.

No Qt here: the default profile root (Qt's standard data location) is computed
by `rcm_desktop.app` and passed in.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent

DATABASE_FILENAME = "rcm-desk.sqlite3"
LOCK_FILENAME = "rcm-desk.lock"
PREFERENCES_FILENAME = "preferences.json"


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


def default_profile(data_root: Path, *, demo: bool = False) -> Profile:
    """The default (or demo) profile below the user's data folder."""
    return Profile(data_root / "profiles" / ("demo" if demo else "default"))


def write_atomically(path: Path, data: bytes) -> Path:
    """Write *data* to *path* through a temporary file beside it, then rename it into place.

    The file is either complete or untouched, whatever happens (a full disk, a kill);
    raises OSError, and leaves no temporary file behind.
    """
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
