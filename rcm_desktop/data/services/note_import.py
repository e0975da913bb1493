"""Saving a concept note's draft: one transaction creates the meeting with its sessions,
agenda, questions, seats, deadlines and documents, and attaches the original file."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.file_store import StoredCopy, copy_into_profile
from rcm_desktop.data.models import (
    Attachment,
    Deadline,
    Document,
    Forum,
    Meeting,
    Seat,
)
from rcm_desktop.data.services.attachments import stored_path
from rcm_desktop.data.services.deadlines import presidency_calendar
from rcm_desktop.data.services.due_dates import closures_in, compute_due
from rcm_desktop.data.services.meeting_editing import _apply, new_meeting
from rcm_desktop.domain.meetings import MeetingDraft, blocking, check_meeting
from rcm_desktop.domain.vocabulary import (
    AnchorKind,
    DeadlineKind,
    DeadlineRule,
    DocumentPurpose,
)
from rcm_desktop.domain.workdays import SUPPORTED_CALENDARS
from rcm_desktop.errors import ValidationError
from rcm_desktop.exchange.notes.draft import DraftDeadline, DraftDocument, NoteDraft
from rcm_desktop.exchange.notes.to_meeting import document_kind, meeting_draft
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile

if TYPE_CHECKING:
    from rcm_desktop.exchange.notes.reading import NoteFile


@dataclass(frozen=True)
class ImportedNote:
    """What one import created."""

    meeting_id: int
    sessions: int
    agenda_lines: int
    questions: int
    seats: int
    deadlines: int
    documents: int
    attachment: str | None  # the attached file's name


def import_note(
    database: Database, profile: Profile, draft: NoteDraft, note: NoteFile | None = None
) -> ImportedNote:
    """Create the meeting *draft* describes, in one transaction, with *note*'s file attached
    (its SHA-256 recorded); nothing is written when any part is refused."""
    meeting = meeting_draft(draft)
    problems = blocking(check_meeting(meeting))
    if problems:
        raise ValidationError(problems[0].message, field=problems[0].field)
    if note is None:
        return _save(database, draft, meeting, None)
    with copy_into_profile(
        Path(Path(note.file_name).name or "note"),
        profile.attachments_dir,  # a temporary copy there is swept if the process is killed
        lambda sha256, name: stored_path(profile, sha256, name),
        "attach",
        data=note.data,
    ) as copy:
        return _save(database, draft, meeting, copy)


def _save(
    database: Database, draft: NoteDraft, meeting: MeetingDraft, copy: StoredCopy | None
) -> ImportedNote:
    with database.session() as session:
        record = new_meeting(session, meeting)
        _apply(session, record, meeting)
        record.limit_source = _("concept note") if draft.limit_per_country else None
        session.flush()
        add_seats(session, record, draft)
        documents = add_documents(session, record, draft.documents)
        add_deadlines(session, record, draft.deadlines, documents)
        name = None
        if copy is not None:
            name = copy.file_name
            session.add(
                Attachment(
                    meeting_id=record.id,
                    file_name=name,
                    sha256=copy.sha256,
                    size_bytes=copy.size_bytes,
                    media_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
                )
            )
        session.flush()
        return ImportedNote(
            meeting_id=record.id,
            sessions=len(meeting.sessions),
            agenda_lines=sum(len(item.agenda) for item in meeting.sessions),
            questions=len(meeting.questions),
            seats=len(draft.seats),
            deadlines=len(draft.deadlines),
            documents=len(documents),
            attachment=name,
        )


def add_seats(session: Session, meeting: Meeting, draft: NoteDraft, start: int = 0) -> None:
    """The draft's seats from the *start*-th on, after the meeting's *start* seats."""
    forums = {forum.code: forum for forum in session.scalars(select(Forum))}
    for position, seat in enumerate(draft.seats[start:], start + 1):
        lines = draft.sources.get(f"seats.{position - 1}") or []
        session.add(
            Seat(
                meeting_id=meeting.id,
                position=position,
                profile=seat.profile,
                forum=forums.get(seat.forum) if seat.forum else None,
                beyond_limit=seat.beyond_limit,
                source=(
                    _("concept note, line %(line)d") % {"line": lines[0].line}
                    if lines
                    else _("concept note")
                ),
            )
        )


def add_documents(
    session: Session, meeting: Meeting, found_documents: list[DraftDocument]
) -> dict[str, Document]:
    """The documents, filed under the meeting; returns them by title."""
    documents: dict[str, Document] = {}
    for found in found_documents:
        document = Document(
            title=found.title,
            kind=document_kind(found.title),
            purpose=DocumentPurpose(found.purpose),
            meeting_id=meeting.id,
        )
        session.add(document)
        documents[found.title] = document
    session.flush()
    return documents


def add_deadlines(
    session: Session,
    meeting: Meeting,
    found_deadlines: list[DraftDeadline],
    documents: dict[str, Document],
) -> None:
    """The deadlines, with their due dates, linked to the *documents* they name; one counted
    from a session's day is anchored to that session (it follows the session if it moves)."""
    closures = closures_in(session)
    sessions_by_day = {item.date: item for item in meeting.sessions if item.date}
    for found in found_deadlines:
        deadline = Deadline(
            meeting_id=meeting.id,
            title=_deadline_title(found, meeting.title),
            kind=DeadlineKind(found.purpose)
            if found.purpose in {kind.value for kind in DeadlineKind}
            else DeadlineKind.OTHER,
            rule=DeadlineRule(found.rule),
            calendar_categories="public",
        )
        if deadline.rule == DeadlineRule.FIXED:
            if found.due is None:
                raise ValidationError(_("A deadline of the note has no date; give it one."))
            deadline.fixed_date = found.due
        else:
            deadline.days = found.days
            anchor = sessions_by_day.get(found.after) if found.after else None
            if anchor is not None:
                deadline.anchor_kind, deadline.anchor_session = AnchorKind.SESSION, anchor
            else:
                deadline.anchor_kind = AnchorKind.DATE
                deadline.anchor_date = found.after or meeting.first_date
        if deadline.rule == DeadlineRule.WORKING_DAYS:
            deadline.calendar_country = _calendar(session, meeting, found)
        deadline.documents = [documents[title] for title in found.documents if title in documents]
        session.add(deadline)
        session.flush()
        deadline.due_date = compute_due(deadline, closures)


def _deadline_title(found: DraftDeadline, meeting_title: str) -> str:
    purposes = {
        "comments": _("Comments: %(subject)s"),
        "approval": _("Approval: %(subject)s"),
        "nominations": _("Nominations: %(subject)s"),
        "registration": _("Registration: %(subject)s"),
    }
    subject = found.documents[0] if found.documents else meeting_title
    title = purposes.get(found.purpose, _("Deadline: %(subject)s")) % {"subject": subject}
    return title[:300]


def _calendar(session: Session, meeting: Meeting, found: DraftDeadline) -> str:
    """The working-day calendar: the note's organiser's, else the forum's Presidency
    Pro-Tempore that year; refused with the fix when neither has a calendar."""
    if found.calendar in SUPPORTED_CALENDARS:
        return found.calendar
    ppt = presidency_calendar(session, meeting)
    if ppt is not None:
        return ppt
    raise ValidationError(
        _(
            "The note does not say whose working days the deadline counts. Choose the "
            "calendar of the deadline before saving."
        ),
        field="deadlines",
    )
