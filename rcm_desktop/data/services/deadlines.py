"""Deadlines: saved with their rule, their due date computed in the same transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import replace as replace_fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Deadline, Document, DocumentReview, Meeting, MeetingSession
from rcm_desktop.data.services.due_dates import closures_in, compute_due
from rcm_desktop.data.versioning import locked, refuse_if_changed
from rcm_desktop.domain.due_dates import DeadlineDraft, check_deadline
from rcm_desktop.domain.vocabulary import AnchorKind, DeadlineRule
from rcm_desktop.domain.workdays import SUPPORTED_CALENDARS, check_calendar
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _


def save_deadline(database: Database, draft: DeadlineDraft) -> int:
    """Create or update a deadline and compute its due date, in one transaction; returns its id.

    Raises ConflictError and writes nothing when someone saved it since `draft.version`.
    """
    check_deadline(draft)
    with database.session() as session:
        deadline = locked(session, Deadline, draft.id) if draft.id else Deadline()
        if deadline is None:
            raise ValidationError(_("This deadline no longer exists; it may have been deleted."))
        if draft.id:
            refuse_if_changed(
                deadline, draft.version, "deadline", lambda: _draft_of(deadline), draft
            )
        if (
            draft.anchor_session_id is not None
            and session.get(MeetingSession, draft.anchor_session_id) is None
        ):
            raise ValidationError(
                _("The session this deadline counts from no longer exists."), field="anchor"
            )
        if (
            draft.anchor_kind == AnchorKind.DOCUMENT
            and draft.anchor_document_review_id is not None
            and session.get(DocumentReview, draft.anchor_document_review_id) is None
        ):
            raise ValidationError(
                _("The document receipt this deadline counts from no longer exists."),
                field="anchor",
            )
        deadline.title = draft.title.strip()
        deadline.kind = draft.kind
        deadline.rule = draft.rule
        deadline.meeting_id = draft.meeting_id
        deadline.fixed_date = draft.fixed_date if draft.rule == DeadlineRule.FIXED else None
        deadline.days = draft.days if draft.rule != DeadlineRule.FIXED else None
        deadline.anchor_kind = draft.anchor_kind if draft.rule != DeadlineRule.FIXED else None
        deadline.anchor_session_id = (
            draft.anchor_session_id if deadline.anchor_kind == AnchorKind.SESSION else None
        )
        deadline.anchor_date = (
            draft.anchor_date if deadline.anchor_kind == AnchorKind.DATE else None
        )
        deadline.anchor_document_review_id = (
            draft.anchor_document_review_id if deadline.anchor_kind == AnchorKind.DOCUMENT else None
        )
        deadline.calendar_country = (
            check_calendar(draft.calendar_country or "")
            if draft.rule == DeadlineRule.WORKING_DAYS
            else None
        )
        deadline.calendar_categories = (
            "public,optional" if draft.include_optional_days else "public"
        )
        deadline.notes = draft.notes.strip() or None
        deadline.documents = _documents(session, draft.document_ids)
        session.add(deadline)
        session.flush()
        session.refresh(deadline, ["anchor_session", "anchor_document_review"])
        deadline.due_date = compute_due(deadline, closures_in(session))
        session.flush()
        return deadline.id


def explain_deadline(database: Database, deadline_id: int) -> str:
    """How the due date was reached, in words (the calendar and every day skipped)."""
    from rcm_desktop.data.services.deadline_preview import describe_due

    with database.session() as session:
        deadline = session.get(Deadline, deadline_id)
        return describe_due(session, deadline) if deadline is not None else ""


def mark_done(
    database: Database, deadline_id: int, on: dt.date | None, version: int | None = None
) -> None:
    """Mark a deadline done on *on*, or open again with None; ConflictError when it changed
    since *version* (the version the list showed)."""
    with database.session() as session:
        deadline = locked(session, Deadline, deadline_id)
        if deadline is None:
            raise ValidationError(_("This deadline no longer exists; it may have been deleted."))
        stored = deadline
        refuse_if_changed(
            deadline,
            version,
            "deadline",
            lambda: _draft_of(stored),
            replace_fields(_draft_of(stored), version=version, done_on=on),
        )
        deadline.done_on = on


def delete_deadline(database: Database, deadline_id: int) -> None:
    with database.session() as session:
        deadline = session.get(Deadline, deadline_id)
        if deadline is not None:
            session.delete(deadline)


def load_deadline(database: Database, deadline_id: int) -> DeadlineDraft:
    """A deadline as an editable draft."""
    with database.session() as session:
        deadline = session.get(Deadline, deadline_id)
        if deadline is None:
            raise ValidationError(_("This deadline no longer exists; it may have been deleted."))
        return _draft_of(deadline)


def _draft_of(deadline: Deadline) -> DeadlineDraft:
    return DeadlineDraft(
        id=deadline.id,
        version=deadline.row_version,
        title=deadline.title,
        kind=deadline.kind,
        rule=deadline.rule,
        fixed_date=deadline.fixed_date,
        days=deadline.days,
        anchor_kind=deadline.anchor_kind,
        anchor_session_id=deadline.anchor_session_id,
        anchor_date=deadline.anchor_date,
        anchor_document_review_id=deadline.anchor_document_review_id,
        calendar_country=deadline.calendar_country,
        include_optional_days="optional" in deadline.calendar_categories,
        meeting_id=deadline.meeting_id,
        document_ids=tuple(sorted(document.id for document in deadline.documents)),
        notes=deadline.notes or "",
        done_on=deadline.done_on,
    )


def _documents(session: Session, document_ids: tuple[int, ...]) -> list[Document]:
    """The documents a deadline governs; refused when one of them was deleted meanwhile."""
    wanted = sorted(set(document_ids))
    found = list(session.scalars(select(Document).where(Document.id.in_(wanted)))) if wanted else []
    if len(found) != len(wanted):
        raise ValidationError(
            _("A document this deadline governs no longer exists; it may have been deleted."),
            field="documents",
        )
    return found


def organiser_calendar(database: Database, meeting_id: int | None) -> str | None:
    """The default calendar of a meeting's deadlines: its forum's Presidency Pro-Tempore that year."""

    if meeting_id is None:
        return None
    with database.session() as session:
        meeting = session.get(Meeting, meeting_id)
        return presidency_calendar(session, meeting) if meeting is not None else None


def presidency_calendar(session: Session, meeting: Meeting) -> str | None:
    """The calendar of the meeting's forum's Presidency Pro-Tempore that year (the RCM's
    first), when RCM Desk has one."""
    from rcm_desktop.data.models import Presidency

    for forum in sorted(meeting.forums, key=lambda forum: forum.code != "RCM"):
        ppt = session.scalar(
            select(Presidency.country_code).where(
                Presidency.forum_id == forum.id, Presidency.year == meeting.start_date.year
            )
        )
        if ppt in SUPPORTED_CALENDARS:
            return ppt
    return None


@dataclass(frozen=True)
class MeetingAnchors:
    """What a deadline of a meeting can count from: its sessions, and its default calendar."""

    sessions: tuple[tuple[int, str], ...]
    calendar: str | None
    #: The meeting's documents (id, title), which a deadline of it may govern.
    documents: tuple[tuple[int, str], ...] = ()


def meeting_anchors(
    database: Database, meeting_id: int | None, linked: tuple[int, ...] = ()
) -> MeetingAnchors:
    """The meeting's sessions (id, title), its Presidency Pro-Tempore's calendar, and the
    documents a deadline of it may govern (with those already *linked*)."""
    if meeting_id is None:
        return MeetingAnchors((), None, _document_choices(database, None, linked))
    with database.session() as session:
        sessions = tuple(
            (session_id, title)
            for session_id, title in session.execute(
                select(MeetingSession.id, MeetingSession.title)
                .where(MeetingSession.meeting_id == meeting_id)
                .order_by(MeetingSession.position)
            )
        )
        return MeetingAnchors(
            sessions,
            organiser_calendar(database, meeting_id),
            _document_choices(database, meeting_id, linked),
        )


def _document_choices(
    database: Database, meeting_id: int | None, linked: tuple[int, ...]
) -> tuple[tuple[int, str], ...]:
    """Documents a deadline may govern: the meeting's, then those filed under no meeting."""
    with database.session() as session:
        rows = session.execute(
            select(Document.id, Document.title, Document.version)
            .where(
                (Document.meeting_id == meeting_id)
                | Document.meeting_id.is_(None)
                | Document.id.in_(linked)
            )
            .order_by(Document.meeting_id.is_(None), Document.title, Document.id)
            .limit(500)
        )
        return tuple(
            (document_id, f"{title} ({version})" if version else title)
            for document_id, title, version in rows
        )
