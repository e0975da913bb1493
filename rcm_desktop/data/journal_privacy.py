"""Privacy in the change journal: a person deleted from the directory leaves no personal
data in it (their changes stay, without values), except, in a copy taken home, the work
not yet brought back, which the server checks the deletion against and then forgets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from rcm_desktop.data.models import Base, JournalChange, JournalEntry

#: The setting a copy taken home keeps its journal position in (see `data.take_home`).
CHECKOUT_MARK_KEY = "take_home.journal_mark"


def forget_deleted_people(session: Session, changes: list[Any]) -> None:
    """Privacy: a person deleted from the directory leaves no personal data in the journal.

    Their changes stay (the history still says an entry was added, changed, deleted) but
    hold no values; sentences then name "a deleted person".
    """
    gone = [c.gid for c in changes if c.table == "people" and c.operation == "delete"]
    if not gone:
        return
    table = JournalChange.__table__
    connection = session.connection()
    condition = (table.c.table_name == "people") & table.c.record_gid.in_(gone)
    settings = Base.metadata.tables["settings"]
    mark = connection.execute(
        select(settings.c.value).where(settings.c.key == CHECKOUT_MARK_KEY)
    ).scalar()
    if mark is not None:
        # A copy taken home keeps the values of the work not yet brought back: the server
        # checks the deletion against them, then forgets them (and so does the refreshed
        # copy, which is the server's).
        condition = condition & (table.c.entry_id <= int(mark))
    connection.execute(update(table).where(condition).values(old=None, new=None, about=None))
    _forget_in_conflicts(connection, [c for c in changes if c.gid in gone])


def _forget_in_conflicts(connection: Any, deleted: list[Any]) -> None:
    """Drop a deleted person's name from the conflicts bring-backs recorded (their messages)."""
    names = [str(c.old.get("full_name")) for c in deleted if c.old.get("full_name")]
    if not names:
        return
    entries = JournalEntry.__table__
    rows = connection.execute(
        select(entries.c.id, entries.c.arguments).where(entries.c.replayed.is_not(None))
    ).all()
    for entry_id, arguments in rows:
        conflicts = (arguments or {}).get("conflicts")
        if not conflicts or not any(n in str(conflicts) for n in names):
            continue
        for conflict in conflicts:
            if any(n in str(conflict.get("message", "")) for n in names):
                conflict["message"] = ""
        connection.execute(
            update(entries)
            .where(entries.c.id == entry_id)
            .values(arguments={**arguments, "conflicts": conflicts})
        )
