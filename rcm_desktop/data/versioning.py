"""Who saved what, record versions, and the store-wide "has anything changed?" counter.

Session hooks, registered on import (`rcm_desktop.data.db` imports this module):

- every new or changed `Versioned` record gets `updated_by` (the session's
  identity, `Session.info["identity"]`) and `updated_at` (UTC); SQLAlchemy bumps
  its `row_version` on every UPDATE and refuses an UPDATE of a version that is no
  longer stored (StaleDataError);
- a change to a meeting's sessions, agenda, questions or status history counts as
  a change of the meeting: its version is bumped too, so that the meeting's
  version covers everything the meeting editor saves;
- a transaction that wrote anything bumps `data_version.counter` once, as its
  last statement before COMMIT (so the row is locked only while committing), and
  `read_data_version` tells a window in one tiny query whether to refresh.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text
from sqlalchemy.orm import ORMExecuteState, Session

from rcm_desktop import identity
from rcm_desktop.data.models import (
    AgendaItem,
    GuidingQuestion,
    Meeting,
    MeetingSession,
    MeetingStatusChange,
    Versioned,
)

if TYPE_CHECKING:
    from rcm_desktop.data.db import Database

IDENTITY_KEY = "identity"
_WROTE_KEY = "rcm_desk.wrote"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _meeting_of(instance: object) -> Meeting | None:
    if isinstance(instance, (MeetingSession, GuidingQuestion, MeetingStatusChange)):
        return instance.meeting
    if isinstance(instance, AgendaItem):
        return instance.session.meeting if instance.session is not None else None
    return None


@event.listens_for(Session, "before_flush")
def _stamp_versioned_records(session: Session, _context: Any, _instances: Any) -> None:
    """Name who saved each changed record and when; a meeting's children bump the meeting."""
    who = session.info.get(IDENTITY_KEY) or identity.describe()
    now = _utcnow()
    stamped: set[int] = set()

    def stamp(record: Versioned) -> None:
        if id(record) in stamped:
            return
        stamped.add(id(record))
        record.updated_by = who
        record.updated_at = now

    for instance in list(session.new):
        if isinstance(instance, Versioned):
            stamp(instance)
    for instance in list(session.dirty):
        if isinstance(instance, Versioned) and session.is_modified(instance):
            stamp(instance)
    for instance in list(session.new) + list(session.dirty) + list(session.deleted):
        if instance in session.dirty and not session.is_modified(instance):
            continue
        meeting = _meeting_of(instance)
        if meeting is not None and meeting not in session.deleted and meeting not in session.new:
            stamp(meeting)


@event.listens_for(Session, "after_flush")
def _note_flushed_write(session: Session, context: Any) -> None:
    if session.new or session.dirty or session.deleted:
        session.info[_WROTE_KEY] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_write(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE_KEY] = True


@event.listens_for(Session, "before_commit")
def _bump_data_version(session: Session) -> None:
    """One UPDATE of the counter, last, in every transaction that wrote something."""
    session.flush()
    if not session.info.pop(_WROTE_KEY, False):
        return
    connection = session.connection()
    bumped = connection.execute(
        text("UPDATE data_version SET counter = counter + 1 WHERE id = 1")
    ).rowcount
    if not bumped:
        connection.execute(text("INSERT INTO data_version (id, counter) VALUES (1, 1)"))


@event.listens_for(Session, "after_rollback")
def _forget_write(session: Session) -> None:
    session.info.pop(_WROTE_KEY, None)


def read_data_version(database: Database) -> int:
    """The store's change counter: a different number means someone saved something since."""
    with database.engine.connect() as connection:
        value = connection.execute(text("SELECT counter FROM data_version WHERE id = 1")).scalar()
    return int(value or 0)
