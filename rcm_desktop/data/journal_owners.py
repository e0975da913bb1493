"""Whose history each journaled change belongs to: its meeting, person and document."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from rcm_desktop.data.models import Base, Tracked

#: The column naming the record whose history a change belongs to, by table.
MEETING_COLUMN = {"sessions": "meeting_id", "guiding_questions": "meeting_id",
                  "meeting_status_changes": "meeting_id", "attachments": "meeting_id",
                  "seats": "meeting_id", "nominations": "meeting_id", "deadlines": "meeting_id",
                  "documents": "meeting_id"}  # fmt: skip
DOCUMENT_COLUMN = {"document_files": "document_id", "document_reviews": "document_id",
                   "document_comments": "document_id"}  # fmt: skip


@functools.cache
def tracked_tables() -> dict[str, Table]:
    """Every table whose records carry a global id, by name (read once: the mapping is fixed)."""
    return {
        mapper.local_table.name: mapper.local_table  # type: ignore[misc]
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Tracked)
    }


@functools.cache
def model_classes() -> dict[str, type]:
    """Every mapped class, by its table's name (read once: the mapping is fixed)."""
    return {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}  # type: ignore[misc]


class Owners:
    """The meeting, person and document whose histories each change belongs to."""

    def __init__(self, session: Session, changes: list[Any]) -> None:
        self.session = session
        self.by_gid = {change.gid: change for change in changes}
        self.parents: dict[tuple[str, str], str | None] = {}

    def _value(self, change: Any, column: str) -> Any:
        for values in (change.new, change.old, change.context):
            if values.get(column) is not None:
                return values[column]
        return None

    def _parent_of(self, table: str, gid: str | None, column: str) -> str | None:
        """The global id *column* of the *table* record *gid* points at."""
        if gid is None:
            return None
        if gid in self.by_gid:
            value = self._value(self.by_gid[gid], column)
            return value if isinstance(value, str) else None
        key = (table, gid)
        if key not in self.parents:
            self.parents[key] = _lookup_parent(self.session, table, gid, column)
        return self.parents[key]

    def of(self, change: Any) -> tuple[str | None, str | None, str | None]:
        table = change.table
        meeting = person = document = None
        if table == "meetings":
            meeting = change.gid
        elif table in MEETING_COLUMN:
            meeting = self._value(change, MEETING_COLUMN[table])
        elif table == "agenda_items":
            meeting = self._parent_of("sessions", self._value(change, "session_id"), "meeting_id")
        if table == "people":
            person = change.gid
        elif table == "nominations":
            person = self._value(change, "person_id")
        if table == "documents":
            document = change.gid
        elif table in DOCUMENT_COLUMN:
            document = self._value(change, DOCUMENT_COLUMN[table])
        elif table == "review_consultations":
            document = self._parent_of(
                "document_reviews", self._value(change, "review_id"), "document_id"
            )
        return _gid_or_none(meeting), _gid_or_none(person), _gid_or_none(document)


def _gid_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and len(value) == 36 else None


def _lookup_parent(session: Session, table: str, gid: str, column: str) -> str | None:
    """The global id that *table*'s record *gid* names in its foreign key *column*."""
    tracked = tracked_tables()
    child = tracked[table]
    parent = next(iter(child.c[column].foreign_keys)).column.table
    found = session.connection().execute(
        select(parent.c.global_id)
        .select_from(child.join(parent, child.c[column] == parent.c.id))
        .where(child.c.global_id == gid)
    )
    return found.scalar()
