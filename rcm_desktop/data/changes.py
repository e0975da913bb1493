"""The store-wide change counter, and what each committed write changed.

Session hooks, registered on import (`rcm_desktop.data.db` imports this module): every
flush notes the kind of each record it wrote and which one ("meetings" 12, "people" 40…);
a transaction that wrote anything bumps `data_version.counter` once, as its last work before
COMMIT, and records its notes in `data_changes` under the new counter value, marked with
the writing handle's origin. A window then asks `changes_since(store, seen)` in one or two
small queries, and reloads only what others changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, event, insert, select, text
from sqlalchemy.orm import ORMExecuteState, Session

# The journal's hooks are registered first: its COMMIT work runs before this module's, so
# the counter's UPDATE is the last statement of every transaction (two writers on
# PostgreSQL never hold the counter while one waits for the other's records).
from rcm_desktop.data import journal  # noqa: F401
from rcm_desktop.data.models import (
    AgendaItem,
    Attachment,
    CalendarClosure,
    DataChange,
    DataVersion,
    Deadline,
    Document,
    DocumentComment,
    DocumentFile,
    DocumentReview,
    GuidingQuestion,
    Meeting,
    MeetingSession,
    MeetingStatusChange,
    Nomination,
    Person,
    ReviewConsultation,
    Seat,
    Setting,
)

if TYPE_CHECKING:
    from rcm_desktop.data.db import Database

_NOTES_KEY = "rcm_desk.changes"
_WROTE_KEY = "rcm_desk.wrote"
#: More ids than this of one kind in one write are noted as "records of this kind".
MAX_IDS_PER_KIND = 200
#: How many versions of notes are kept (older ones are pruned now and then).
KEEP_VERSIONS = 5000
PRUNE_EVERY = 500
#: The kinds of change a window may be told about.
KINDS = frozenset(
    {"meetings", "deadlines", "people", "delegations", "documents", "settings", "reference"}
)
#: Tables written in bulk (without the ORM's unit of work), by the kind they hold.
TABLE_KINDS = {
    "meetings": "meetings", "sessions": "meetings", "agenda_items": "meetings",
    "guiding_questions": "meetings", "meeting_status_changes": "meetings",
    "attachments": "meetings", "meeting_forums": "meetings", "session_leads": "meetings",
    "deadlines": "deadlines", "calendar_closures": "deadlines", "people": "people",
    "seats": "delegations", "nominations": "delegations", "documents": "documents",
    "document_files": "documents", "document_reviews": "documents",
    "review_consultations": "documents", "document_comments": "documents",
    "settings": "settings",
}  # fmt: skip


def _change_of(instance: object) -> tuple[str, int | None] | None:
    """The kind of change a written record makes, and the record it is about."""
    if isinstance(instance, DataVersion | DataChange):
        return None
    if isinstance(instance, Meeting):
        return "meetings", instance.id
    if isinstance(instance, MeetingSession | GuidingQuestion | MeetingStatusChange | Attachment):
        return "meetings", instance.meeting_id
    if isinstance(instance, AgendaItem):
        return "meetings", instance.session.meeting_id if instance.session else None
    if isinstance(instance, Deadline):
        return "deadlines", instance.id
    if isinstance(instance, CalendarClosure):
        return "deadlines", None
    if isinstance(instance, Person):
        return "people", instance.id
    if isinstance(instance, Seat | Nomination):
        return "delegations", instance.meeting_id
    if isinstance(instance, Document):
        return "documents", instance.id
    if isinstance(instance, DocumentFile | DocumentReview | DocumentComment):
        return "documents", instance.document_id
    if isinstance(instance, ReviewConsultation):
        return "documents", instance.review.document_id if instance.review else None
    if isinstance(instance, Setting):
        return "settings", None
    return "reference", None


def note_change(session: Session, kind: str, ids: Iterable[int | None] = (None,)) -> None:
    """Note that this unit of work changed records of *kind* (*ids*, or all of them: None)."""
    notes: set[tuple[str, int | None]] = session.info.setdefault(_NOTES_KEY, set())
    notes.update((kind, record_id) for record_id in ids)
    session.info[_WROTE_KEY] = True


@event.listens_for(Session, "after_flush")
def _note_flushed_records(session: Session, _context: Any) -> None:
    written = list(session.new) + [
        instance for instance in session.dirty if session.is_modified(instance)
    ]
    written += list(session.deleted)
    if not written:
        return
    notes: set[tuple[str, int | None]] = session.info.setdefault(_NOTES_KEY, set())
    for instance in written:
        change = _change_of(instance)
        if change is not None:
            notes.add(change)
    session.info[_WROTE_KEY] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_write(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(getattr(state.statement, "table", None), "name", None)
        if table in ("data_version", "data_changes"):
            return
        note_change(state.session, TABLE_KINDS.get(str(table), "reference"))


def _rows(notes: set[tuple[str, int | None]], version: int, origin: str) -> list[dict[str, Any]]:
    by_kind: dict[str, set[int | None]] = {}
    for kind, record_id in notes:
        by_kind.setdefault(kind, set()).add(record_id)
    rows = []
    for kind, ids in sorted(by_kind.items()):
        if None in ids or len(ids) > MAX_IDS_PER_KIND:
            ids = {None}
        rows += [
            {"version": version, "origin": origin, "kind": kind, "record_id": record_id}
            for record_id in sorted(ids, key=lambda value: -1 if value is None else value)
        ]
    return rows


@event.listens_for(Session, "before_commit")
def _record_the_write(session: Session) -> None:
    """Bump the counter once, last, in every transaction that wrote, and record what it changed."""
    if session.in_nested_transaction():
        return  # a savepoint: the transaction's own COMMIT comes later
    session.flush()
    if not session.info.pop(_WROTE_KEY, False):
        session.info.pop(_NOTES_KEY, None)
        return
    notes = session.info.pop(_NOTES_KEY, set())
    connection = session.connection()
    version = connection.execute(
        text("UPDATE data_version SET counter = counter + 1 WHERE id = 1 RETURNING counter")
    ).scalar()
    if version is None:
        connection.execute(text("INSERT INTO data_version (id, counter) VALUES (1, 1)"))
        version = 1
    rows = _rows(notes, version, str(session.info.get("origin") or "?"))
    if rows:
        connection.execute(insert(DataChange.__table__), rows)
    if version % PRUNE_EVERY == 0:
        connection.execute(
            delete(DataChange.__table__).where(DataChange.version <= version - KEEP_VERSIONS)
        )


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_notes(session: Session) -> None:
    if session.in_transaction():
        return  # a savepoint ended; the transaction goes on
    session.info.pop(_WROTE_KEY, None)
    session.info.pop(_NOTES_KEY, None)


@dataclass(frozen=True)
class StoreChanges:
    """What others changed since a version: the kinds, and for each the ids (None: many)."""

    version: int
    kinds: frozenset[str] = frozenset()
    ids: dict[str, frozenset[int] | None] = field(default_factory=dict)
    #: True when the notes since that version were pruned: everything may have changed.
    everything: bool = False


def read_data_version(database: Database) -> int:
    """The store's change counter: a different number means someone saved something since."""
    with _autocommit(database) as connection:
        return _counter(connection)


def _autocommit(database: Database):  # type: ignore[no-untyped-def]
    return database.engine.connect().execution_options(isolation_level="AUTOCOMMIT")


def _counter(connection: Any) -> int:
    value = connection.execute(text("SELECT counter FROM data_version WHERE id = 1")).scalar()
    return int(value or 0)


def changes_since(database: Database, seen: int | None) -> StoreChanges:
    """The counter now and, when it moved since *seen*, what others (not *database*) changed.

    One query when nothing changed; two, on the same connection, when something did.
    """
    with _autocommit(database) as connection:
        current = _counter(connection)
        if seen is None or current == seen:
            return StoreChanges(current)
        rows = connection.execute(
            select(
                DataChange.version, DataChange.origin, DataChange.kind, DataChange.record_id
            ).where(DataChange.version > seen, DataChange.version <= current)
        ).all()
    versions = {row.version for row in rows}
    if len(versions) < current - seen:  # notes pruned, or written before notes existed
        return StoreChanges(current, frozenset(KINDS), {}, everything=True)
    ids: dict[str, set[int] | None] = {}
    for _version, origin, kind, record_id in rows:
        if origin == database.origin:
            continue
        if record_id is None:
            ids[kind] = None
        elif ids.get(kind, set()) is not None:
            ids.setdefault(kind, set()).add(record_id)  # type: ignore[union-attr]
    return StoreChanges(
        current,
        frozenset(ids),
        {kind: frozenset(values) if values is not None else None for kind, values in ids.items()},
    )
