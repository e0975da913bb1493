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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import event, select, text
from sqlalchemy.orm import ORMExecuteState, Session

from rcm_desktop.data.models import (
    AgendaItem,
    GuidingQuestion,
    Meeting,
    MeetingSession,
    MeetingStatusChange,
    Versioned,
)
from rcm_desktop.domain import identity
from rcm_desktop.errors import ConflictError
from rcm_desktop.i18n import N_, _, format_date, format_time

if TYPE_CHECKING:
    from rcm_desktop.data.db import Database

IDENTITY_KEY = "identity"
_STAMPED_KEY = "rcm_desk.stamped"
T = TypeVar("T")
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
    # Meetings already bumped in this transaction (a save flushes several times).
    bumped: set[int] = session.info.setdefault(_STAMPED_KEY, set())

    def stamp(record: Versioned) -> None:
        record.updated_by = who
        record.updated_at = now
        bumped.add(id(record))

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
        if meeting is None or id(meeting) in bumped:
            continue
        if meeting not in session.deleted and meeting not in session.new:
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


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_write(session: Session) -> None:
    session.info.pop(_WROTE_KEY, None)
    session.info.pop(_STAMPED_KEY, None)


def read_data_version(database: Database) -> int:
    """The store's change counter: a different number means someone saved something since."""
    with database.engine.connect() as connection:
        value = connection.execute(text("SELECT counter FROM data_version WHERE id = 1")).scalar()
    return int(value or 0)


#: What a conflict says, by the kind of record (a sentence each, for languages with genders).
CONFLICT_MESSAGES = {
    "meeting": N_("%(who)s changed this meeting at %(time)s while you were editing it."),
    "person": N_("%(who)s changed this directory entry at %(time)s while you were editing it."),
    "nomination": N_("%(who)s changed this nomination at %(time)s while you were editing it."),
    "deadline": N_("%(who)s changed this deadline at %(time)s while you were editing it."),
    "document": N_("%(who)s changed this document at %(time)s while you were editing it."),
    "review": N_("%(who)s changed this review at %(time)s while you were editing it."),
    "comment": N_("%(who)s changed this comment at %(time)s while you were editing it."),
    "consultation": N_("%(who)s changed this consultation at %(time)s while you were editing it."),
}


def local_time(value: dt.datetime | None) -> dt.datetime | None:
    """A stored UTC time in this computer's time zone."""
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def when_text(value: dt.datetime | None, today: dt.date | None = None) -> str:
    """ "10:42" today, else "24 Nov 2026, 10:42", in local time; "an unknown time" if unknown."""
    local = local_time(value)
    if local is None:
        return _("an unknown time")
    if local.date() == (today or dt.date.today()):
        return format_time(local.time().replace(second=0, microsecond=0))
    return _("%(day)s, %(time)s") % {
        "day": format_date(local.date()),
        "time": format_time(local.time().replace(second=0, microsecond=0)),
    }


def locked(session: Session, model: type[T], record_id: int) -> T | None:
    """The record read afresh and, on PostgreSQL, locked until the transaction ends.

    Reading with FOR UPDATE makes a concurrent save of the same record wait for this
    one, so the version compared is the one the UPDATE will replace (SQLite takes the
    whole database's write lock instead and ignores FOR UPDATE).
    """
    return session.scalar(
        select(model)
        .where(model.id == record_id)  # type: ignore[attr-defined]
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def refuse_if_changed(
    record: Versioned,
    your_version: int | None,
    kind: str,
    theirs: Callable[[], object],
    yours: object,
) -> None:
    """Raise ConflictError when *record* is no longer at the version the form loaded.

    *your_version* None means the caller did not load the record (a new record, or a
    command run without a form): nothing to compare. *theirs* builds the stored record
    as the form's draft, only when there is a conflict.
    """
    if your_version is None or record.row_version == your_version:
        return
    who = record.updated_by or _("someone")
    message = _(CONFLICT_MESSAGES[kind]) % {"who": who, "time": when_text(record.updated_at)}
    raise ConflictError(
        message + " " + _("Nothing was saved. Choose which version to keep."),
        kind=kind,
        changed_by=record.updated_by,
        changed_at=record.updated_at,
        stored_version=record.row_version,
        your_version=your_version,
        theirs=theirs(),
        yours=yours,
    )
