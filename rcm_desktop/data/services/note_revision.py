"""A revised concept note for a meeting already recorded: what it changes, field by field,
and applying only the changes the user accepts, in one transaction, keeping the user's own
data (nominations, positions on the questions, comments, deadlines done)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Body, Deadline, Document, Meeting, Seat
from rcm_desktop.data.services.due_dates import recompute_in
from rcm_desktop.data.services.meeting_editing import _apply, _draft_of, _load
from rcm_desktop.data.services.note_import import add_deadlines, add_documents, add_seats
from rcm_desktop.data.versioning import refuse_if_changed
from rcm_desktop.domain.meetings import MeetingDraft, blocking, check_meeting
from rcm_desktop.domain.text import fold
from rcm_desktop.errors import ValidationError
from rcm_desktop.exchange.notes.draft import NoteDraft
from rcm_desktop.exchange.notes.to_meeting import proposed_meeting
from rcm_desktop.i18n import N_, _, format_date, format_time


@dataclass(frozen=True)
class FieldChange:
    """One field the note changes: its name, its label, and both values as text."""

    field: str
    label: str
    current: str
    proposed: str


@dataclass(frozen=True)
class RevisionPlan:
    meeting_id: int
    meeting_title: str
    version: int
    changes: tuple[FieldChange, ...]


#: The meeting's fields a revised note may change: (field, label, value as text).
_TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", N_("Title")),
    ("kind", N_("Kind")),
    ("modality", N_("Modality")),
    ("platform", N_("Platform")),
    ("time_zone", N_("Time zone")),
    ("convening_body", N_("Convening body")),
    ("context", N_("Context")),
    ("objectives", N_("Objectives")),
    ("methodology", N_("Methodology")),
    ("participants", N_("Participants")),
)


_INVITATIONS = (
    ("observers_invited", N_("Observer organisations invited")),
    ("civil_society_invited", N_("Civil society invited")),
)


def _yes_no(value: bool | None) -> str:
    return _("(none)") if value is None else _("yes") if value else _("no")


def find_revised_meeting(database: Database, draft: NoteDraft) -> int | None:
    """A recorded meeting *draft* may revise: the same convening body and first day, else the
    same first day and much the same title (punctuation, accents and case aside, two thirds
    of the words shared), else the same title; None when there is none."""
    with database.session() as session:
        if draft.dates and draft.body:
            found = session.scalar(
                select(Meeting.id)
                .join(Body, Meeting.convening_body_id == Body.id)
                .where(Body.code == draft.body, Meeting.start_date == min(draft.dates))
            )
            if found is not None:
                return found
        if draft.title:
            wanted = _words(draft.title)
            if draft.dates:
                same_day = session.execute(
                    select(Meeting.id, Meeting.title).where(Meeting.start_date == min(draft.dates))
                )
                for meeting_id, title in same_day:
                    if _alike(_words(title), wanted):
                        return meeting_id
            for meeting_id, title in session.execute(select(Meeting.id, Meeting.title)):
                if _words(title) == wanted:
                    return meeting_id
    return None


def _words(title: str) -> list[str]:
    return re.findall(r"\w+", fold(title))


def _alike(first: list[str], second: list[str]) -> bool:
    """Two thirds of the words of the longer title are in the other."""
    longer, shorter = (first, second) if len(first) >= len(second) else (second, first)
    return bool(longer) and sum(word in set(shorter) for word in longer) * 3 >= 2 * len(longer)


def plan_revision(database: Database, meeting_id: int, draft: NoteDraft) -> RevisionPlan:
    """Every field the note gives differently from the recorded meeting."""
    with database.session() as session:
        meeting = _load(session, meeting_id)
        stored = _draft_of(meeting)
        seats = [seat.profile or "" for seat in _seats(session, meeting_id)]
        documents = set(_document_titles(session, meeting_id))
        deadlines = len(_deadlines(session, meeting_id))
        version = meeting.row_version
    proposed = proposed_meeting(draft, stored)
    changes = [
        FieldChange(
            field, _(label), _shown(getattr(stored, field)), _shown(getattr(proposed, field))
        )
        for field, label in _TEXT_FIELDS
        if _given(draft, field) and _differs(getattr(stored, field), getattr(proposed, field))
    ]
    if draft.dates and (stored.start_date, stored.end_date) != (
        proposed.start_date, proposed.end_date,
    ):  # fmt: skip
        changes.append(FieldChange("dates", _("Dates"), _days(stored), _days(proposed)))
    if draft.forums and sorted(stored.forums) != sorted(proposed.forums):
        changes.append(
            FieldChange("forums", _("Forums"), ", ".join(stored.forums), ", ".join(proposed.forums))
        )
    for field, label in _INVITATIONS:
        if getattr(draft, field) is not None and getattr(draft, field) != getattr(stored, field):
            changes.append(
                FieldChange(
                    field, _(label), _yes_no(getattr(stored, field)), _yes_no(getattr(draft, field))
                )
            )
    if draft.limit_per_country and draft.limit_per_country != stored.max_participants_per_country:
        changes.append(
            FieldChange(
                "limit_per_country",
                _("Participants per country"),
                _shown(stored.max_participants_per_country),
                _shown(draft.limit_per_country),
            )
        )
    if draft.sessions and _sessions_text(stored) != _sessions_text(proposed):
        changes.append(
            FieldChange(
                "sessions",
                _("Sessions and agenda"),
                _sessions_text(stored),
                _sessions_text(proposed),
            )
        )
    if draft.guiding_questions and _questions_text(stored) != _questions_text(proposed):
        changes.append(
            FieldChange(
                "guiding_questions",
                _("Guiding questions"),
                _questions_text(stored),
                _questions_text(proposed),
            )
        )
    if draft.seats and seats != [seat.profile for seat in draft.seats]:
        changes.append(
            FieldChange(
                "seats", _("Seats"), "\n".join(seats), "\n".join(s.profile for s in draft.seats)
            )
        )
    new_documents = [d.title for d in draft.documents if d.title not in documents]
    if new_documents:
        changes.append(
            FieldChange(
                "documents", _("Documents"), "\n".join(sorted(documents)), "\n".join(new_documents)
            )
        )
    if len(draft.deadlines) > deadlines:
        changes.append(
            FieldChange(
                "deadlines",
                _("Deadlines"),
                str(deadlines),
                str(len(draft.deadlines) - deadlines),
            )
        )
    return RevisionPlan(meeting_id, stored.title, version, tuple(changes))


def apply_revision(
    database: Database, meeting_id: int, draft: NoteDraft, accepted: set[str], version: int
) -> None:
    """Apply the *accepted* fields of the plan; ConflictError when the meeting changed since
    *version*; nothing written when any part is refused."""
    with database.session() as session:
        meeting = _load(session, meeting_id, for_update=True)
        refuse_if_changed(meeting, version, "meeting", lambda: _draft_of(meeting), None)
        stored = _draft_of(meeting)
        proposed = proposed_meeting(draft, stored)
        merged = copy.deepcopy(stored)
        for field, _label in _TEXT_FIELDS:
            if field in accepted:
                setattr(merged, field, getattr(proposed, field))
        if "dates" in accepted:
            merged.start_date, merged.end_date = proposed.start_date, proposed.end_date
        if "forums" in accepted:
            merged.forums = list(proposed.forums)
        for field, _label in _INVITATIONS:
            if field in accepted:
                setattr(merged, field, getattr(proposed, field))
        if "limit_per_country" in accepted:
            merged.max_participants_per_country = draft.limit_per_country
        if "sessions" in accepted:
            merged.sessions = proposed.sessions
        if "guiding_questions" in accepted:
            merged.questions = proposed.questions
            kept = {session.key for session in merged.sessions}
            for question in merged.questions:  # under a session the user did not take
                if question.session_key not in kept:
                    question.session_key = None
        problems = blocking(check_meeting(merged))
        if problems:
            raise ValidationError(problems[0].message, field=problems[0].field)
        _apply(session, meeting, merged)
        session.flush()
        if "seats" in accepted:
            _revise_seats(session, meeting, draft)
        documents = {d.title: d for d in _documents(session, meeting_id)}
        if "documents" in accepted:
            wanted = [d for d in draft.documents if d.title not in documents]
            documents.update(add_documents(session, meeting, wanted))
        if "deadlines" in accepted:
            known = len(_deadlines(session, meeting_id))
            add_deadlines(session, meeting, draft.deadlines[known:], documents)
        session.flush()
        recompute_in(session, meeting.id)


def _revise_seats(session: Session, meeting: Meeting, draft: NoteDraft) -> None:
    """Seats take the note's profiles in order; new seats are added; a seat the note no
    longer has is kept (nominations may hold it: the user removes it in the seats editor)."""
    current = _seats(session, meeting.id)
    for seat, found in zip(current, draft.seats, strict=False):
        seat.profile, seat.beyond_limit = found.profile, found.beyond_limit
    add_seats(session, meeting, draft, start=len(current))


def _seats(session: Session, meeting_id: int) -> list[Seat]:
    return list(
        session.scalars(select(Seat).where(Seat.meeting_id == meeting_id).order_by(Seat.position))
    )


def _documents(session: Session, meeting_id: int) -> list[Document]:
    return list(session.scalars(select(Document).where(Document.meeting_id == meeting_id)))


def _document_titles(session: Session, meeting_id: int) -> list[str]:
    return [document.title for document in _documents(session, meeting_id)]


def _deadlines(session: Session, meeting_id: int) -> list[Deadline]:
    return list(session.scalars(select(Deadline).where(Deadline.meeting_id == meeting_id)))


def _differs(stored: object, proposed: object) -> bool:
    """Whether two values differ in more than their blanks (a text re-wrapped, blank lines)."""
    if isinstance(stored, str) and isinstance(proposed, str):
        return stored.split() != proposed.split()
    return stored != proposed


def _given(draft: NoteDraft, field: str) -> bool:
    """Whether the note gives *field* at all (a field it does not give is never a change)."""
    names = {"convening_body": "body"}
    return getattr(draft, names.get(field, field), None) not in (None, "", [])


def _shown(value: object) -> str:
    if value is None or value == "":
        return _("(none)")
    return str(value)


def _days(draft: MeetingDraft) -> str:
    if draft.end_date and draft.end_date != draft.start_date:
        return f"{format_date(draft.start_date)} – {format_date(draft.end_date)}"
    return format_date(draft.start_date)


def _clock(value: object) -> str:
    return format_time(value) if value else "…"  # type: ignore[arg-type]


def _sessions_text(draft: MeetingDraft) -> str:
    lines: list[str] = []
    for index, session in enumerate(draft.sessions, 1):
        day = format_date(session.date) if session.date else ""
        lines.append(f"{index}. {session.title} {day}".rstrip())
        lines.extend(
            f"   {_clock(line.start)}–{_clock(line.end)} {line.activity}" for line in session.agenda
        )
    return "\n".join(lines)


def _questions_text(draft: MeetingDraft) -> str:
    return "\n".join(f"{n}. {q.text}" for n, q in enumerate(draft.questions, 1))
