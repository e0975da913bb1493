"""Looking inside a SQLite file without changing it: is it intact, and is it an RCM Desk store?

Examining never leaves anything behind: the folder holds the same files, with the same
bytes, before and after. A file opened plainly read-only (`mode=ro`) in WAL mode makes SQLite
create `-shm` and `-wal` files beside it, and a read-only connection cannot remove them
again; so a file with no journal beside it is opened *immutable* (SQLite then reads the file
alone, which holds everything committed), and one whose journal must be read is examined
as a copy in a temporary folder unless SQLite can read it in place without creating anything.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Tables every RCM Desk store has, whatever its revision.
CORE_TABLES = frozenset({"settings", "meetings", "sessions", "forums"})


class Verdict(Enum):
    EMPTY = "empty"  # missing or zero bytes: a new store will be created
    NOT_SQLITE = "not_sqlite"
    DAMAGED = "damaged"
    UNREADABLE = "unreadable"  # SQLite could not open it (permissions, a read-only folder…)
    FOREIGN = "foreign"  # a healthy database with tables RCM Desk did not create
    RCM_DESK = "rcm_desk"


@dataclass(frozen=True)
class FileReport:
    verdict: Verdict
    revision: str | None = None
    meetings: int | None = None


def beside(path: Path, suffix: str) -> Path:
    """The file SQLite keeps beside *path* with *suffix* ("-wal", "-shm", "-journal")."""
    return path.with_name(path.name + suffix)


def _has_journal(path: Path) -> bool:
    """A write-ahead log or a rollback journal beside *path*: the file alone may not be all."""
    return beside(path, "-wal").exists() or beside(path, "-journal").exists()


def refuses_writes(path: Path) -> Path | None:
    """What keeps SQLite from writing the database *path*: its folder (where SQLite writes its
    journal), or the file itself; None when both may be written."""
    folder = path.parent
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        return folder
    if path.exists() and not os.access(path, os.W_OK):
        return path
    return None


def read_only_uri(path: Path, *, immutable: bool | None = None) -> str:
    """A SQLite URI that opens *path* read-only, whatever characters ("#", "?", "%") it holds.

    By default the file is opened *immutable* when it cannot be written where it is and no
    journal lies beside it: SQLite would otherwise need a `-shm` file it cannot create.
    """
    if immutable is None:
        immutable = refuses_writes(path) is not None and not _has_journal(path)
    uri = path.resolve().as_uri() + "?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def examine(path: Path, *, thorough: bool = False) -> FileReport:
    """Read *path* (read-only) and say what it is; `thorough` runs a full integrity check.

    Nothing is created or changed beside *path*. Raises OSError when the file exists but
    cannot be read.
    """
    if not path.exists() or path.stat().st_size == 0:
        return FileReport(Verdict.EMPTY)
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            return FileReport(Verdict.NOT_SQLITE)
    if not _has_journal(path):
        return _examine_uri(read_only_uri(path, immutable=True), thorough)
    if beside(path, "-wal").exists() and beside(path, "-shm").exists():
        report = _examine_uri(read_only_uri(path, immutable=False), thorough)
        if report.verdict is not Verdict.UNREADABLE:
            return report
    return _examine_copy(path, thorough)


def _examine_copy(path: Path, thorough: bool) -> FileReport:
    """Examine a copy of *path* and its journals in a temporary folder (SQLite may replay them)."""
    with tempfile.TemporaryDirectory(prefix="rcm-desk-examine-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        for suffix in ("-wal", "-journal"):
            if beside(path, suffix).exists():
                shutil.copyfile(beside(path, suffix), beside(copy, suffix))
        return _examine_uri(copy.resolve().as_uri(), thorough)


def _examine_uri(uri: str, thorough: bool) -> FileReport:
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            check = connection.execute(
                "PRAGMA integrity_check" if thorough else "PRAGMA quick_check"
            ).fetchone()
            if not check or check[0] != "ok":
                return FileReport(Verdict.DAMAGED)
            tables = {
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            }
            if not tables:
                return FileReport(Verdict.EMPTY)
            if "alembic_version" not in tables or not tables >= CORE_TABLES:
                return FileReport(Verdict.FOREIGN)
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            meetings = connection.execute("SELECT count(*) FROM meetings").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if is_read_only_error(error) or "unable to open" in str(error):
            return FileReport(Verdict.UNREADABLE)  # SQLite was refused, not the file damaged
        return FileReport(Verdict.DAMAGED)
    except sqlite3.DatabaseError:
        return FileReport(Verdict.DAMAGED)
    return FileReport(Verdict.RCM_DESK, revision[0] if revision else None, meetings)


def is_read_only_error(error: BaseException) -> bool:
    """Whether SQLite refused *error*'s operation because it may not write, not because the
    file is damaged ("attempt to write a readonly database")."""
    text = str(getattr(error, "orig", error)).lower()
    return "readonly" in text or "read-only" in text or "read only" in text
