"""Working offline from a shared database: the checkout, and what a bring-back reports.

`take_home` copies the server into the home profile and, in the same transaction, records
the origin URL (no password), the time, and the journal position: the last journal entry
the copy holds. Everything the home journal holds after that position is the work done at
home, which `rcm_desktop.data.services.replay.bring_back` replays on the server.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from rcm_desktop.data.connection import without_password
from rcm_desktop.data.db import Database
from rcm_desktop.data.journal_privacy import CHECKOUT_MARK_KEY
from rcm_desktop.data.models import JournalEntry, Setting
from rcm_desktop.data.transfer import CopyReport, Progress, copy_store
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _

ORIGIN_KEY = "take_home.origin"
CHECKED_OUT_KEY = "take_home.checked_out_at"
MARK_KEY = CHECKOUT_MARK_KEY
#: Written by versions before the journal: such a checkout cannot be brought back.
OLD_BASE_KEY = "take_home.base"
KEYS = (ORIGIN_KEY, CHECKED_OUT_KEY, MARK_KEY, OLD_BASE_KEY)

#: The kinds of conflict, as the report and the conflicts screen name them.
BOTH_CHANGED = "both-changed"  # a field changed at home and on the server
DELETED_THERE = "deleted-there"  # changed or added at home, deleted on the server
DELETED_HERE = "deleted-here"  # deleted at home, changed (or added under) on the server
REFUSED = "refused"  # the server's rules refuse the change (a limit, a seat taken…)


@dataclass(frozen=True)
class Checkout:
    """Where a home copy came from, when, and the last journal entry it shares."""

    origin: str
    checked_out_at: str
    mark: int


@dataclass(frozen=True)
class FieldConflict:
    """One field both sides changed: its value at take-home, at home and on the server."""

    column: str
    base: Any
    mine: Any
    theirs: Any


@dataclass
class Conflict:
    """A home change the server could not take as it is, with both sides' values."""

    table: str
    key: tuple[Any, ...]  # (global id,)
    kind: str
    mine: dict[str, Any] | None
    theirs: dict[str, Any] | None
    fields: tuple[FieldConflict, ...] = ()
    #: The home journal entry the change belongs to, its action, who did it and when.
    entry: str = ""
    action: str = ""
    who_mine: str = ""
    #: Who changed the server's side last since take-home, and when (UTC), if known.
    who_theirs: str = ""
    at_theirs: dt.datetime | None = None
    #: Why the server refused it (a rule), in words.
    message: str = ""
    #: Other records it covers: those of a refused action; those changed under a deletion.
    records: tuple[str, ...] = ()
    #: How it was settled: "mine", "theirs", "edited", or None while open.
    resolution: str | None = None

    def choice_key(self, column: str = "") -> str:
        """The key a choice for this conflict (or one of its fields) is given under."""
        return f"{self.entry}:{self.key[0]}:{column}"

    def covers(self, gid: str) -> bool:
        """Whether this conflict is about record *gid* (itself, or one it covers)."""
        return gid == self.key[0] or gid in self.records

    def differences(self) -> list[tuple[str, Any, Any]]:
        """(column, mine, theirs) for each field whose content differs."""
        return [(item.column, item.mine, item.theirs) for item in self.fields]


@dataclass
class BringBackReport:
    """What a bring-back did, or would do: counts by table, conflicts, entries replayed."""

    updated: dict[str, int] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    written: bool = False
    #: Home journal entries replayed now, and those the server had already applied.
    replayed: int = 0
    already_applied: int = 0

    def count(self, what: dict[str, int], table: str) -> None:
        what[table] = what.get(table, 0) + 1

    @property
    def open_conflicts(self) -> list[Conflict]:
        """Conflicts nobody has settled yet (they block the write)."""
        return [conflict for conflict in self.conflicts if conflict.resolution is None]


class NotACheckoutError(RcmDeskError):
    """The profile was not taken home from a shared database."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat()


def record_checkout(connection: Connection, origin_url: str) -> None:
    """Record, on *connection* (the home copy's open transaction), where and when it came
    from and the last journal entry it holds."""
    table = Setting.__table__
    mark = connection.execute(select(func.max(JournalEntry.__table__.c.id))).scalar() or 0
    connection.execute(delete(table).where(table.c.key.in_(KEYS)))
    connection.execute(
        insert(table),
        [
            {"key": ORIGIN_KEY, "value": without_password(origin_url)},
            {"key": CHECKED_OUT_KEY, "value": _now()},
            {"key": MARK_KEY, "value": str(mark)},
        ],
    )


def take_home(
    server: Database,
    home: Database,
    origin_url: str,
    *,
    replace: bool = False,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy the server into the home profile and record the checkout, in one transaction."""
    return copy_store(
        server,
        home,
        replace=replace,
        progress=progress,
        finish=lambda writing: record_checkout(writing, origin_url),
    )


def checkout_of(home: Database) -> Checkout:
    """Where, when and at which journal position a home copy was taken."""
    with home.engine.connect() as connection:
        values = dict(
            connection.execute(
                select(Setting.key, Setting.value).where(Setting.key.in_(KEYS))
            ).all()
        )
    if MARK_KEY not in values:
        if OLD_BASE_KEY in values:
            raise NotACheckoutError(
                _(
                    "This profile was taken home by an older version of RCM Desk, which did "
                    "not keep a change journal, so its work cannot be brought back by this "
                    "one. Bring it back with the older version, or take the database home "
                    "again."
                )
            )
        raise NotACheckoutError(
            _(
                "This profile was not taken home from a shared database, so there is nothing "
                "to bring back. Use copy-database to copy a whole profile."
            )
        )
    return Checkout(values[ORIGIN_KEY], values[CHECKED_OUT_KEY], int(values[MARK_KEY]))
