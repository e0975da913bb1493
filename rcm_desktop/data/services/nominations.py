"""Nominations: putting people from the directory in a delegation's seats, and their status changes.

Every change goes through the delegation rules of `rcm_desktop.domain.delegation_rules`
(checked with the meeting locked, in the transaction that writes) and the status table of
`rcm_desktop.domain.nominations`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import replace as replace_fields

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.journal import note_bulk_update
from rcm_desktop.data.models import Meeting, Nomination, Person, Seat
from rcm_desktop.data.services.seats import member_forums, seat_plan
from rcm_desktop.data.versioning import locked, refuse_if_changed
from rcm_desktop.domain.delegation_rules import (
    HeldSeat,
    Proposal,
    Refusal,
    check_nomination,
)
from rcm_desktop.domain.nominations import NominationAction, check_action
from rcm_desktop.domain.vocabulary import (
    ACTIVE_NOMINATION_STATUSES,
    NominationRole,
    NominationStatus,
)
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _

_ACTIVE = tuple(sorted(ACTIVE_NOMINATION_STATUSES))


def _held(session: Session, meeting_id: int, country_code: str) -> list[HeldSeat]:
    rows = session.execute(
        select(Nomination.id, Nomination.person_id, Person.full_name, Nomination.seat_id)
        .join(Person, Person.id == Nomination.person_id)
        .where(
            Nomination.meeting_id == meeting_id,
            Nomination.country_code == country_code,
            Nomination.status.in_(_ACTIVE),
        )
    )
    return [HeldSeat(*row) for row in rows]


def check_rules(
    session: Session,
    meeting_id: int,
    country_code: str,
    person_id: int,
    seat_id: int | None,
    replacing: int | None = None,
    excluding: int | None = None,
) -> Refusal | None:
    """The rule a nomination would break in this session's state of the store, or None.

    *excluding* leaves one stored nomination out of the count: bring-back checks a replayed
    nomination, already written, as if it were being made.
    """
    plan = seat_plan(session, meeting_id)
    if plan is None:
        return Refusal("meeting", _("This meeting no longer exists; it may have been deleted."))
    name = session.scalar(select(Person.full_name).where(Person.id == person_id))
    if name is None:
        return Refusal("person", _("This person is no longer in the directory."), "person")
    first_date = session.scalar(select(Meeting.first_date).where(Meeting.id == meeting_id))
    assert first_date is not None
    return check_nomination(
        plan,
        [
            held
            for held in _held(session, meeting_id, country_code)
            if held.nomination_id != excluding
        ],
        Proposal(person_id, name, seat_id, replacing),
        country_code=country_code,
        member_of=member_forums(session, country_code, first_date),
    )


@dataclass(frozen=True)
class NominationState:
    """A nomination as a conflict shows it: theirs (stored) beside yours (what you saved)."""

    person: str
    role: NominationRole
    status: NominationStatus
    seat_position: int | None
    submitted_on: dt.date | None
    status_changed_on: dt.date | None
    notes: str


def _state(session: Session, nomination: Nomination, **changes: object) -> NominationState:
    seat = session.get(Seat, nomination.seat_id) if nomination.seat_id else None
    state = NominationState(
        person=nomination.person.full_name,
        role=nomination.role,
        status=nomination.status,
        seat_position=seat.position if seat is not None else None,
        submitted_on=nomination.submitted_on,
        status_changed_on=nomination.status_changed_on,
        notes=nomination.notes or "",
    )
    return replace_fields(state, **changes)  # type: ignore[arg-type]


def _lock_meeting(session: Session, meeting_id: int) -> None:
    """Hold the meeting row until the transaction ends, so rule checks on it take turns.

    Two people filling the last seat of the same delegation at once: on PostgreSQL the
    second waits here until the first commits, then counts the first one's nomination.
    (SQLite serialises every writer on the database anyway.)
    """
    locked(session, Meeting, meeting_id)


def _refuse_if_broken(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise ValidationError(refusal.message, field=refusal.field)


def nominate(
    database: Database,
    meeting_id: int,
    country_code: str,
    person_id: int,
    seat_id: int | None,
    role: NominationRole,
    today: dt.date,
    notes: str = "",
) -> int:
    """Put a person from the directory in a seat of the country's delegation, as a draft.

    The rules are checked with the meeting locked, in the transaction that writes.
    """
    with database.session() as session:
        _lock_meeting(session, meeting_id)
        _refuse_if_broken(check_rules(session, meeting_id, country_code, person_id, seat_id))
        nomination = Nomination(
            meeting_id=meeting_id,
            country_code=country_code,
            seat_id=seat_id,
            person_id=person_id,
            role=role,
            status=NominationStatus.DRAFT,
            status_changed_on=today,
            notes=notes.strip() or None,
        )
        session.add(nomination)
        session.flush()
        return nomination.id


def _nomination(
    session: Session, nomination_id: int, version: int | None = None, **yours: object
) -> Nomination:
    """The nomination, locked; ConflictError when it changed since *version* (read by the form).

    *yours* are the changes the caller is about to make, shown beside the stored ones.
    """
    nomination = locked(session, Nomination, nomination_id)
    if nomination is None:
        raise ValidationError(_("This nomination no longer exists; it may have been deleted."))
    if version is not None and nomination.row_version != version:
        stored = nomination
        refuse_if_changed(
            nomination,
            version,
            "nomination",
            lambda: _state(session, stored),
            _state(session, stored, **yours),
        )
    return nomination


def submit(database: Database, nomination_id: int, on: dt.date, version: int | None = None) -> None:
    """Record that a draft nomination was sent to the organisers on *on*."""
    with database.session() as session:
        nomination = _nomination(
            session,
            nomination_id,
            version,
            status=NominationStatus.SUBMITTED,
            submitted_on=on,
            status_changed_on=on,
        )
        nomination.status = check_action(NominationAction.SUBMIT, nomination.status)
        nomination.submitted_on = on
        nomination.status_changed_on = on


def confirm(
    database: Database, nomination_id: int, on: dt.date, version: int | None = None
) -> None:
    """Record that the organisers confirmed the nomination on *on*."""
    with database.session() as session:
        nomination = _nomination(
            session, nomination_id, version, status=NominationStatus.CONFIRMED, status_changed_on=on
        )
        nomination.status = check_action(NominationAction.CONFIRM, nomination.status)
        nomination.status_changed_on = on


def withdraw(
    database: Database, nomination_id: int, on: dt.date, version: int | None = None
) -> None:
    """Withdraw an active nomination; its seat becomes free, the record stays in the history."""
    with database.session() as session:
        nomination = _nomination(
            session, nomination_id, version, status=NominationStatus.WITHDRAWN, status_changed_on=on
        )
        nomination.status = check_action(NominationAction.WITHDRAW, nomination.status)
        nomination.status_changed_on = on


def replace(
    database: Database,
    nomination_id: int,
    person_id: int,
    on: dt.date,
    role: NominationRole | None = None,
    version: int | None = None,
) -> int:
    """Put another person in the seat of an active nomination, in one transaction.

    The old nomination becomes "replaced" and points to the new draft one, which keeps
    the seat (and the role unless another is given). Returns the new nomination's id.
    """
    with database.session() as session:
        meeting_id = session.scalar(
            select(Nomination.meeting_id).where(Nomination.id == nomination_id)
        )
        if meeting_id is not None:
            _lock_meeting(session, meeting_id)
        old = _nomination(
            session, nomination_id, version, status=NominationStatus.REPLACED, status_changed_on=on
        )
        becomes = check_action(NominationAction.REPLACE, old.status)
        _refuse_if_broken(
            check_rules(session, old.meeting_id, old.country_code, person_id, old.seat_id, old.id)
        )
        new = Nomination(
            meeting_id=old.meeting_id,
            country_code=old.country_code,
            seat_id=old.seat_id,
            person_id=person_id,
            role=role or old.role,
            status=NominationStatus.DRAFT,
            status_changed_on=on,
        )
        session.add(new)
        session.flush()
        old.status = becomes
        old.status_changed_on = on
        old.replaced_by_id = new.id
        session.flush()
        return new.id


def delete_draft(database: Database, nomination_id: int, version: int | None = None) -> None:
    """Remove a draft nomination entered by mistake (sent ones are withdrawn instead)."""
    with database.session() as session:
        nomination = _nomination(session, nomination_id, version)
        check_action(NominationAction.DELETE_DRAFT, nomination.status)
        pointing = session.scalars(
            select(Nomination.id).where(Nomination.replaced_by_id == nomination_id)
        ).all()
        session.execute(
            update(Nomination)
            .where(Nomination.replaced_by_id == nomination_id)
            .values(replaced_by_id=None)
        )
        note_bulk_update(
            session,
            "nominations",
            [(other, "replaced_by_id", nomination_id, None) for other in pointing],
        )
        session.delete(nomination)
