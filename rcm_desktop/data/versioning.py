"""Who saved what, and record versions (the change counter is `rcm_desktop.data.changes`).

Session hooks, registered on import (`rcm_desktop.data.db` imports this module):

- every new or changed `Versioned` record gets `updated_by` (the session's
  identity, `Session.info["identity"]`) and `updated_at` (UTC); SQLAlchemy bumps
  its `row_version` on every UPDATE and refuses an UPDATE of a version that is no
  longer stored (StaleDataError);
- a change to a meeting's sessions, agenda, questions or status history counts as
  a change of the meeting: its version is bumped too, so that the meeting's
  version covers everything the meeting editor saves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from rcm_desktop.data.models import (
    AgendaItem,
    GuidingQuestion,
    Meeting,
    MeetingSession,
    MeetingStatusChange,
    Seat,
    Versioned,
)
from rcm_desktop.domain import identity
from rcm_desktop.errors import ConflictError
from rcm_desktop.i18n import N_, _, format_date, format_time

if TYPE_CHECKING:
    pass

IDENTITY_KEY = "identity"
_STAMPED_KEY = "rcm_desk.stamped"
T = TypeVar("T")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _meeting_of(instance: object) -> Meeting | None:
    if isinstance(instance, (MeetingSession, GuidingQuestion, MeetingStatusChange, Seat)):
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


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_stamps(session: Session) -> None:
    if session.in_transaction():
        return  # a savepoint ended; the transaction goes on
    session.info.pop(_STAMPED_KEY, None)


#: What a conflict says, by the kind of record (a sentence each, for languages with genders).
CONFLICT_MESSAGES = {
    "meeting": N_("%(who)s changed this meeting at %(time)s while you were editing it."),
    "seats": N_(
        "%(who)s changed this meeting's seats or limit at %(time)s while you were editing them."
    ),
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
