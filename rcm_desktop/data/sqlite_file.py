"""Looking inside a SQLite file without changing it: is it intact, and is it an RCM Desk store?"""

from __future__ import annotations

import sqlite3
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


def read_only_uri(path: Path) -> str:
    """A SQLite URI that opens *path* read-only, whatever characters ("#", "?", "%") it holds."""
    return path.resolve().as_uri() + "?mode=ro"


def examine(path: Path, *, thorough: bool = False) -> FileReport:
    """Read *path* (read-only) and say what it is; `thorough` runs a full integrity check.

    Raises OSError when the file exists but cannot be read.
    """
    if not path.exists() or path.stat().st_size == 0:
        return FileReport(Verdict.EMPTY)
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            return FileReport(Verdict.NOT_SQLITE)
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
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
        if "unable to open" in str(error):
            return FileReport(Verdict.UNREADABLE)
        return FileReport(Verdict.DAMAGED)
    except sqlite3.DatabaseError:
        return FileReport(Verdict.DAMAGED)
    return FileReport(Verdict.RCM_DESK, revision[0] if revision else None, meetings)
