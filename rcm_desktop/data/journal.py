"""The change journal's writer: one entry per unit of work, in the same transaction.

Session hooks, registered on import (`rcm_desktop.data.db` imports this module):

- before each flush, the rows the database itself will delete or unlink (ON DELETE
  CASCADE and SET NULL on records the ORM did not load) are read and noted;
- after each flush, every tracked record the flush inserted, changed or deleted is noted
  with its old and new field values (several flushes of one record merge into one change);
- before COMMIT, one `journal_entries` row naming who, when and which service, and one
  `journal_changes` row per record, are inserted on the same connection. Foreign keys are
  written as the referenced record's global id.

Values are written as JSON: dates as ISO text, enums as their value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, event, insert, inspect, select
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.util import identity_key

from rcm_desktop.data.journal_owners import Owners, model_classes, tracked_tables
from rcm_desktop.data.journal_privacy import forget_deleted_people
from rcm_desktop.data.models import JournalChange, JournalEntry, Tracked

_PENDING_KEY = "rcm_desk.journal"
ACTION_KEY = "action"  # (service name, plain arguments): see journal_action
#: Set to False in `Session.info` to write without a journal entry (reference data, copies).
ENABLED_KEY = "journal"
#: Columns that are not content: stamps, keys and values derived from others. A deadline's
#: due date is counted from its rule (and recounted wherever the rule is replayed), so a
#: change of calendar moving 50,000 due dates is one journaled change, not 50,000.
NOT_CONTENT = frozenset(
    {"id", "global_id", "row_version", "updated_at", "updated_by", "search_text", "created_at",
     "first_date", "due_date"}
)  # fmt: skip
#: Collections stored in link tables, journaled as a field of their owner.
LINKS = {"meetings": ("forums", "code"), "sessions": ("lead_countries", "code"),
         "deadlines": ("documents", "global_id")}  # fmt: skip


@dataclasses.dataclass
class JournalRecordChange:
    """One record's change as the journal writes it (foreign keys as global ids)."""

    table: str
    record_id: int
    gid: str
    operation: str
    old: dict[str, Any] = dataclasses.field(default_factory=dict)
    new: dict[str, Any] = dataclasses.field(default_factory=dict)
    #: The record's links to its owners when unchanged (to file the change in their history).
    context: dict[str, Any] = dataclasses.field(default_factory=dict)


#: Foreign keys that say whose history a record's change belongs to.
OWNER_COLUMNS = ("meeting_id", "person_id", "document_id", "session_id", "review_id")
#: What a changed record is written with, beside its changes: its owners and what names it.
ABOUT_COLUMNS = (*OWNER_COLUMNS, "seat_id", "title", "full_name", "activity", "file_name",
                 "institution", "position", "country_code", "day", "status", "text")  # fmt: skip
_LONGEST_ABOUT = 200


def plain(value: Any) -> Any:
    """A field value as JSON holds it."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    return value


# -- what each flush did ---------------------------------------------------------------


def _pending(session: Session) -> dict[tuple[str, int], JournalRecordChange]:
    return session.info.setdefault(_PENDING_KEY, {})  # type: ignore[no-any-return]


def _note(session: Session, change: JournalRecordChange) -> None:
    """Merge *change* into what this unit of work already did to the same record."""
    pending = _pending(session)
    key = (change.table, change.record_id)
    earlier = pending.get(key)
    if earlier is None:
        pending[key] = change
        return
    if change.operation == "delete":
        if earlier.operation == "insert":
            del pending[key]
            return
        earlier.operation = "delete"
        earlier.new = {}
        for name, value in change.old.items():
            earlier.old.setdefault(name, value)
        return
    for name, value in change.old.items():
        if earlier.operation != "insert":
            earlier.old.setdefault(name, value)
    earlier.new.update(change.new)
    for name, value in change.context.items():
        earlier.context.setdefault(name, value)


def _columns(instance: object) -> dict[str, Any]:
    state = inspect(instance)
    values = {}
    for attribute in state.mapper.column_attrs:
        if attribute.key in NOT_CONTENT or attribute.key in state.unloaded:
            continue
        values[attribute.columns[0].name] = plain(getattr(instance, attribute.key))
    return values


def _link_values(instance: object, items: Iterable[Any], table: str) -> list[Any]:
    attribute = LINKS[table][1]
    return sorted(str(getattr(item, attribute)) for item in items)


def _links(instance: object, table: str, *, changed_only: bool) -> tuple[dict, dict]:
    if table not in LINKS:
        return {}, {}
    name = LINKS[table][0]
    history = inspect(instance).attrs[name].history
    if changed_only and not history.has_changes():
        return {}, {}
    before = list(history.unchanged or ()) + list(history.deleted or ())
    after = list(history.unchanged or ()) + list(history.added or ())
    return {name: _link_values(instance, before, table)}, {
        name: _link_values(instance, after, table)
    }


@event.listens_for(Session, "after_flush")
def _note_flushed(session: Session, _context: Any) -> None:
    if session.info.get(ENABLED_KEY) is False:
        return
    for instance in list(session.new):
        if isinstance(instance, Tracked):
            table = inspect(instance).mapper.local_table.name
            _old, links = _links(instance, table, changed_only=False)
            new = _columns(instance) | links
            _note(
                session,
                JournalRecordChange(table, instance.id, instance.global_id, "insert", {}, new),
            )  # type: ignore[attr-defined]
    for instance in list(session.dirty):
        if isinstance(instance, Tracked) and session.is_modified(instance):
            _note_update(session, instance)
    for instance in list(session.deleted):
        if isinstance(instance, Tracked):
            table = inspect(instance).mapper.local_table.name
            old = _columns(instance) | _links(instance, table, changed_only=False)[0]
            _note(
                session,
                JournalRecordChange(table, instance.id, instance.global_id, "delete", old, {}),
            )  # type: ignore[attr-defined]


def _note_update(session: Session, instance: Tracked) -> None:
    state = inspect(instance)
    table = state.mapper.local_table.name
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for attribute in state.mapper.column_attrs:
        if attribute.key in NOT_CONTENT:
            continue
        history = state.attrs[attribute.key].history
        if not history.has_changes():
            continue
        name = attribute.columns[0].name
        before = plain(history.deleted[0]) if history.deleted else None
        after = plain(history.added[0]) if history.added else None
        if before != after:
            old[name], new[name] = before, after
    links_before, links_after = _links(instance, table, changed_only=True)
    if links_before != links_after:
        old |= links_before
        new |= links_after
    if new:
        context = {
            name: _short(plain(getattr(instance, name)))
            for name in ABOUT_COLUMNS
            if name in state.mapper.columns and name not in state.unloaded
        }
        _note(
            session,
            JournalRecordChange(
                table, instance.id, instance.global_id, "update", old, new, context
            ),
        )  # type: ignore[attr-defined]


@event.listens_for(Tracked, "before_delete", propagate=True)
def _note_database_cascades(_mapper: Any, _connection: Any, target: Any) -> None:
    """Read, before it goes, what the database deletes or unlinks along with *target*.

    A mapper event: it also sees rows the ORM deletes because they left their parent's
    list (a session removed in the meeting editor), which `Session.deleted` never holds.
    """
    session = object_session(target)
    if session is None or session.info.get(ENABLED_KEY) is False:
        return
    note_cascades(session, {inspect(target).mapper.local_table.name: {target.id}})


@event.listens_for(Tracked, "before_delete", propagate=True)
def _note_deleted(_mapper: Any, connection: Any, target: Any) -> None:
    """Every deleted record, however the ORM came to delete it, with all its values (read
    from the row when the unit of work no longer holds them)."""
    session = object_session(target)
    if session is None or session.info.get(ENABLED_KEY) is False:
        return
    state = inspect(target)
    table = state.mapper.local_table.name
    old = _columns(target) | _links(target, table, changed_only=False)[0]
    if any(a.key in state.unloaded for a in state.mapper.column_attrs if a.key not in NOT_CONTENT):
        local = state.mapper.local_table
        row = connection.execute(select(local).where(local.c.id == target.id)).mappings().first()
        if row is not None:
            old |= {k: plain(v) for k, v in row.items() if k not in NOT_CONTENT}
    _note(session, JournalRecordChange(table, target.id, target.global_id, "delete", old, {}))


def note_cascades(
    session: Session, deleted: dict[str, set[int]], tracked: dict[str, Table] | None = None
) -> None:
    """Note the rows deleting *deleted* (ids by table) cascades to or unlinks in the database."""
    tracked = tracked if tracked is not None else tracked_tables()
    connection = session.connection()
    gone = {(name, record) for name, ids in deleted.items() for record in ids}
    frontier = {name: set(ids) for name, ids in deleted.items() if ids}
    while frontier:
        following: dict[str, set[int]] = {}
        for parent, ids in frontier.items():
            for child in tracked.values():
                for foreign in child.foreign_keys:
                    if foreign.column.table.name != parent or foreign.ondelete not in (
                        "CASCADE",
                        "SET NULL",
                    ):
                        continue
                    column = foreign.parent
                    rows = connection.execute(select(child).where(column.in_(sorted(ids))))
                    for row in rows.mappings():
                        key = (child.name, row["id"])
                        if key in gone:
                            continue
                        if foreign.ondelete == "CASCADE":
                            gone.add(key)
                            following.setdefault(child.name, set()).add(row["id"])
                            old = {k: plain(v) for k, v in row.items() if k not in NOT_CONTENT}
                            _note(session, JournalRecordChange(child.name, row["id"], row["global_id"],
                                                   "delete", old, {}))  # fmt: skip
                        else:
                            _note(session, JournalRecordChange(child.name, row["id"], row["global_id"],
                                                   "update", {column.name: row[column.name]},
                                                   {column.name: None}, _context(row)))  # fmt: skip
        frontier = following


def note_bulk_update(
    session: Session, table: str, changes: Iterable[tuple[int, str, Any, Any]]
) -> None:
    """Note changes written by a plain UPDATE: (record id, column, old, new) each."""
    if session.info.get(ENABLED_KEY) is False:
        return
    rows = list(changes)
    if not rows:
        return
    model = tracked_tables()[table]
    ids = sorted({record for record, *_rest in rows})
    found = session.connection().execute(select(model).where(model.c.id.in_(ids))).mappings()
    stored = {row["id"]: row for row in found}
    for record, column, old, new in rows:
        if record in stored:
            row = stored[record]
            _note(session, JournalRecordChange(table, record, row["global_id"], "update",
                                   {column: plain(old)}, {column: plain(new)},
                                   _context(row)))  # fmt: skip


def _context(row: Any) -> dict[str, Any]:
    return {name: _short(plain(row[name])) for name in ABOUT_COLUMNS if name in row}


def about_of(values: dict[str, Any]) -> dict[str, Any]:
    """What names a record and its owners, from its values, for a change of some fields."""
    return {name: _short(values[name]) for name in ABOUT_COLUMNS if name in values}


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _LONGEST_ABOUT:
        return value[: _LONGEST_ABOUT - 1] + "…"
    return value


# -- writing the entry -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class EntryHeader:
    """What an entry says of its action; bring-back keeps the home entry's own."""

    who: str
    at: dt.datetime
    action: str
    arguments: dict[str, Any]
    replayed: str | None = None


@event.listens_for(Session, "before_commit")
def _write_entry(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the entry is written at the transaction's own COMMIT
    session.flush()
    if session.info.get(ENABLED_KEY) is False:
        session.info.pop(_PENDING_KEY, None)
        return
    write_pending(session)


def write_pending(session: Session, header: EntryHeader | None = None) -> bool:
    """Write what the unit of work did so far as one entry now; False when it did nothing.

    Bring-back calls it after each replayed action (with the home entry's *header*), so
    that the server's journal keeps one entry per action, not one per transaction.
    """
    session.flush()
    pending = session.info.pop(_PENDING_KEY, None)
    if not pending and (header is None or header.replayed is None):
        return False
    changes = list((pending or {}).values())
    _to_global_ids(session, changes)
    if header is None:
        action, arguments = session.info.get(ACTION_KEY) or ("?", {})
        header = EntryHeader(
            who_of(session), dt.datetime.now(dt.UTC).replace(tzinfo=None), action, arguments
        )
    connection = session.connection()
    entry_id = connection.execute(
        insert(JournalEntry.__table__).returning(JournalEntry.__table__.c.id),
        _entry_row(header, str(uuid.uuid4())),
    ).scalar_one()
    rows = _change_rows(entry_id, changes, Owners(session, changes))
    if rows:
        connection.execute(insert(JournalChange.__table__), rows)
    forget_deleted_people(session, changes)
    return True


def write_entries(
    session: Session, entries: list[tuple[EntryHeader, list[JournalRecordChange]]]
) -> None:
    """Write many entries at once, their changes already in the journal's form (foreign keys
    as global ids): two statements for all of them (bring-back's batches)."""
    if not entries:
        return
    table = JournalEntry.__table__
    connection = session.connection()
    uuids = [str(uuid.uuid4()) for _entry in entries]
    connection.execute(
        insert(table),
        [
            _entry_row(header, entry_uuid)
            for entry_uuid, (header, _changes) in zip(uuids, entries, strict=True)
        ],
    )
    ids: dict[str, int] = {}
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        ids.update(
            (entry_uuid, entry_id)
            for entry_id, entry_uuid in connection.execute(
                select(table.c.id, table.c.entry_uuid).where(table.c.entry_uuid.in_(chunk))
            )
        )
    rows = [ids[entry_uuid] for entry_uuid in uuids]
    everything = [change for _header, changes in entries for change in changes]
    owners = Owners(session, everything)
    values = [
        row
        for entry_id, (_header, changes) in zip(rows, entries, strict=True)
        for row in _change_rows(entry_id, changes, owners)
    ]
    if values:
        connection.execute(insert(JournalChange.__table__), values)


def _entry_row(header: EntryHeader, entry_uuid: str) -> dict[str, Any]:
    """A `journal_entries` row for *header*."""
    return {
        "entry_uuid": entry_uuid, "at": header.at, "who": header.who[:300],
        "action": header.action[:100], "arguments": header.arguments,
        "replayed": header.replayed,
    }  # fmt: skip


def _change_rows(
    entry_id: int, changes: list[JournalRecordChange], owners: Owners
) -> list[dict[str, Any]]:
    """The `journal_changes` rows of one entry, in the order its changes were made."""
    rows = []
    for position, change in enumerate(changes):
        meeting, person, document = owners.of(change)
        rows.append(
            {
                "entry_id": entry_id, "table_name": change.table, "record_gid": change.gid,
                "operation": change.operation, "old": change.old or None,
                "new": change.new or None,
                "about": (change.context or None) if change.operation == "update" else None,
                "meeting_gid": meeting, "person_gid": person, "document_gid": document,
                "position": position,
            }
        )  # fmt: skip
    return rows


def discard_pending(session: Session) -> None:
    """Forget what the unit of work noted so far (its savepoint was rolled back)."""
    session.info.pop(_PENDING_KEY, None)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    if session.in_transaction():
        return  # a savepoint ended; the transaction goes on
    session.info.pop(_PENDING_KEY, None)


def who_of(session: Session) -> str:
    """Who the entry names: the profile's identity, and the database user on a server."""
    who = str(session.info.get("identity") or "?")
    bind = session.get_bind()
    user = getattr(bind.url, "username", None)
    if bind.dialect.name != "sqlite" and user:
        who = f"{who} [{user}]"
    return who[:300]


def _to_global_ids(session: Session, changes: list[JournalRecordChange]) -> None:
    """Replace each foreign key's integer by the referenced record's global id."""
    tracked = tracked_tables()
    known = {(change.table, change.record_id): change.gid for change in changes}
    wanted: dict[str, set[int]] = {}
    references: list[tuple[dict[str, Any], str, str]] = []
    for change in changes:
        for foreign in tracked[change.table].foreign_keys:
            target = foreign.column.table.name
            if target not in tracked:
                continue
            for values in (change.old, change.new, change.context):
                name = foreign.parent.name
                if isinstance(values.get(name), int):
                    references.append((values, name, target))
                    if (target, values[name]) not in known:
                        wanted.setdefault(target, set()).add(values[name])
    classes = model_classes()
    for target, ids in wanted.items():  # records the unit of work holds: no query
        for record_id in list(ids):
            held = session.identity_map.get(identity_key(classes[target], record_id))
            if held is not None:
                known[(target, record_id)] = held.global_id
                ids.discard(record_id)
    connection = session.connection()
    for target, ids in wanted.items():
        if not ids:
            continue
        table = tracked[target]
        found = connection.execute(
            select(table.c.id, table.c.global_id).where(table.c.id.in_(sorted(ids)))
        )
        known.update({(target, record): gid for record, gid in found.all()})
    for values, name, target in references:
        values[name] = known.get((target, values[name]), values[name])
