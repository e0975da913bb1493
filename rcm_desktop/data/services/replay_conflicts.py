"""Conflicts a bring-back settled, as the server's journal keeps them (field names only)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import JournalEntry
from rcm_desktop.data.take_home import Conflict, FieldConflict


def settled_conflicts(server: Database) -> list[Conflict]:
    """Every conflict settled by the bring-backs this store received, as each recorded it."""
    with server.session() as session:
        found = session.scalars(
            select(JournalEntry.arguments).where(JournalEntry.replayed.is_not(None))
        ).all()
    return [
        from_plain(plain) for arguments in found for plain in (arguments or {}).get("conflicts", ())
    ]


def as_plain(conflict: Conflict) -> dict[str, Any]:
    return {
        "table": conflict.table, "gid": conflict.key[0], "kind": conflict.kind,
        "resolution": conflict.resolution, "message": conflict.message,
        "records": list(conflict.records), "entry": conflict.entry, "action": conflict.action,
        "who_mine": conflict.who_mine, "who_theirs": conflict.who_theirs,
        # Field names only: the values are in the change rows, which the privacy scrub of a
        # deleted person reaches.
        "fields": [[f.column, None, None, None] for f in conflict.fields],
    }  # fmt: skip


def from_plain(plain: dict[str, Any]) -> Conflict:
    return Conflict(
        table=plain["table"], key=(plain["gid"],), kind=plain["kind"], mine=None, theirs=None,
        fields=tuple(FieldConflict(*values) for values in plain.get("fields", ())),
        entry=plain.get("entry", ""), action=plain.get("action", ""),
        who_mine=plain.get("who_mine", ""), who_theirs=plain.get("who_theirs", ""),
        message=plain.get("message", ""), records=tuple(plain.get("records", ())),
        resolution=plain.get("resolution") or "theirs",
    )  # fmt: skip
