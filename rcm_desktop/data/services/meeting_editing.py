"""Saving meetings: create or update from a draft in one transaction, duplicate, change status."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import (
    AgendaItem,
    Body,
    Country,
    Forum,
    GuidingQuestion,
    Meeting,
    MeetingSession,
    MeetingStatusChange,
)
from rcm_desktop.data.services.meetings import WHOLE_MEETING
from rcm_desktop.data.versioning import refuse_if_changed
from rcm_desktop.domain.meetings import (
    AgendaDraft,
    MeetingDraft,
    QuestionDraft,
    SessionDraft,
    blocking,
    check_meeting,
)
from rcm_desktop.domain.vocabulary import MeetingStatus
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _


def _none_if_blank(value: str) -> str | None:
    value = (value or "").strip()
    return value or None


def _load(session: Session, meeting_id: int, *, for_update: bool = False) -> Meeting:
    """The meeting with everything the editor shows; with *for_update*, read afresh and locked
    until the transaction ends (on PostgreSQL: a concurrent save of it waits)."""
    query = select(Meeting).where(Meeting.id == meeting_id).options(*WHOLE_MEETING)
    if for_update:
        query = query.with_for_update(of=Meeting).execution_options(populate_existing=True)
    meeting = session.scalar(query)
    if meeting is None:
        raise ValidationError(
            _("This meeting no longer exists; it may have been deleted. Reload the list.")
        )
    return meeting


def load_draft(database: Database, meeting_id: int) -> MeetingDraft:
    """The meeting as an editable draft (with the version it was loaded at)."""
    with database.session() as session:
        return _draft_of(_load(session, meeting_id))


def _draft_of(meeting: Meeting) -> MeetingDraft:
    sessions = [
        SessionDraft(
            title=item.title,
            date=item.date,
            start=item.start_time,
            end=item.end_time,
            description=item.description or "",
            leads=[country.code for country in item.lead_countries],
            agenda=[
                AgendaDraft(line.start_time, line.end_time, line.activity, line.coordinator or "")
                for line in item.agenda_items
            ],
            key=str(item.id),
        )
        for item in meeting.sessions
    ]
    return MeetingDraft(
        id=meeting.id,
        version=meeting.row_version,
        title=meeting.title,
        start_date=meeting.start_date,
        end_date=meeting.end_date,
        kind=meeting.kind,
        modality=meeting.modality,
        status=meeting.status,
        convening_body=meeting.convening_body.code if meeting.convening_body else None,
        forums=[forum.code for forum in meeting.forums],
        venue=meeting.venue or "",
        platform=meeting.platform or "",
        time_zone=meeting.time_zone,
        time_zone_label=meeting.time_zone_label or "",
        context=meeting.context or "",
        objectives=meeting.objectives or "",
        methodology=meeting.methodology or "",
        interpretation=meeting.interpretation or "",
        participants=meeting.participants or "",
        max_participants_per_country=meeting.max_participants_per_country,
        observers_invited=meeting.observers_invited,
        civil_society_invited=meeting.civil_society_invited,
        notes=meeting.notes or "",
        sessions=sessions,
        questions=[
            QuestionDraft(
                text=question.text,
                phase=question.phase or "",
                context=question.context or "",
                session_key=str(question.session_id) if question.session_id else None,
                delegation_position=question.delegation_position or "",
            )
            for question in meeting.questions
        ],
    )


def _apply(session: Session, meeting: Meeting, draft: MeetingDraft) -> None:
    """Write *draft* over *meeting*, touching only what differs (an unchanged agenda line or
    question is left as it is: fewer statements, and a journal that says what really changed)."""
    meeting.title = draft.title.strip()
    meeting.start_date = draft.start_date
    meeting.end_date = draft.end_date
    meeting.kind = draft.kind
    meeting.modality = draft.modality
    current_body = meeting.convening_body.code if meeting.convening_body else None
    if draft.convening_body != current_body:
        meeting.convening_body = (
            session.scalar(select(Body).where(Body.code == draft.convening_body))
            if draft.convening_body
            else None
        )
    if sorted(draft.forums) != sorted(forum.code for forum in meeting.forums):
        meeting.forums = list(session.scalars(select(Forum).where(Forum.code.in_(draft.forums))))
    meeting.venue = _none_if_blank(draft.venue)
    meeting.platform = _none_if_blank(draft.platform)
    meeting.time_zone = draft.time_zone or None
    meeting.time_zone_label = _none_if_blank(draft.time_zone_label)
    for name in ("context", "objectives", "methodology", "interpretation", "participants", "notes"):
        setattr(meeting, name, _none_if_blank(getattr(draft, name)))
    meeting.max_participants_per_country = draft.max_participants_per_country
    meeting.observers_invited = draft.observers_invited
    meeting.civil_society_invited = draft.civil_society_invited
    by_key = _apply_sessions(session, meeting, draft)
    _apply_questions(meeting, draft, by_key)


def _apply_sessions(
    session: Session, meeting: Meeting, draft: MeetingDraft
) -> dict[str, MeetingSession]:
    """Sessions keep their identity (deadlines and questions point at them); those the draft
    no longer holds are deleted. Returns the sessions by the draft's keys."""
    existing = {str(item.id): item for item in meeting.sessions}
    wanted = {item.key: number for number, item in enumerate(draft.sessions, start=1)}
    if any(wanted.get(key) != item.position for key, item in existing.items()):
        for offset, item in enumerate(meeting.sessions, start=1):
            item.position = -offset  # clear the way for the new order (positions are unique)
        session.flush()
    kept: list[MeetingSession] = []
    by_key: dict[str, MeetingSession] = {}
    for number, item in enumerate(draft.sessions, start=1):
        target = existing.get(item.key) or MeetingSession()
        target.position = number
        target.title = item.title.strip()
        target.date = item.date
        target.start_time = item.start
        target.end_time = item.end
        target.description = _none_if_blank(item.description)
        if sorted(item.leads) != sorted(country.code for country in target.lead_countries):
            target.lead_countries = [
                country for code in item.leads if (country := session.get(Country, code))
            ]
        _apply_agenda(target, item.agenda)
        kept.append(target)
        by_key[item.key] = target
    meeting.sessions = kept  # sessions the user removed are deleted
    return by_key


def _apply_agenda(target: MeetingSession, lines: list[AgendaDraft]) -> None:
    """The session's agenda as *lines*: lines kept in place are updated, extra ones deleted,
    new ones added (positions stay dense and in order)."""
    wanted = [
        (line.start, line.end, line.activity.strip(), _none_if_blank(line.coordinator))
        for line in lines
    ]
    current = list(target.agenda_items)
    for position, (start, end, activity, coordinator) in enumerate(wanted, start=1):
        if position <= len(current):
            row = current[position - 1]
            if (row.start_time, row.end_time, row.activity, row.coordinator) != (
                start, end, activity, coordinator,
            ):  # fmt: skip
                row.start_time, row.end_time = start, end
                row.activity, row.coordinator = activity, coordinator
        else:
            target.agenda_items.append(
                AgendaItem(
                    position=position,
                    start_time=start,
                    end_time=end,
                    activity=activity,
                    coordinator=coordinator,
                )
            )
    del target.agenda_items[len(wanted) :]


def _apply_questions(
    meeting: Meeting, draft: MeetingDraft, by_key: dict[str, MeetingSession]
) -> None:
    """The guiding questions as the draft orders them, updated in place where they stand."""
    current = list(meeting.questions)
    for position, question in enumerate(draft.questions, start=1):
        owner = by_key.get(question.session_key) if question.session_key else None
        values = (
            _none_if_blank(question.phase),
            _none_if_blank(question.context),
            question.text.strip(),
            _none_if_blank(question.delegation_position),
        )
        if position <= len(current):
            row = current[position - 1]
            if (row.phase, row.context, row.text, row.delegation_position) != values:
                row.phase, row.context, row.text, row.delegation_position = values
            if row.session is not owner:
                row.session = owner
        else:
            meeting.questions.append(
                GuidingQuestion(
                    position=position,
                    session=owner,
                    phase=values[0],
                    context=values[1],
                    text=values[2],
                    delegation_position=values[3],
                )
            )
    del meeting.questions[len(draft.questions) :]


def new_meeting(session: Session, draft: MeetingDraft) -> Meeting:
    """A new meeting of *draft*'s kind and status, added to *session* (its fields are then
    written by `apply_draft`)."""
    meeting = Meeting(title=draft.title, kind=draft.kind, modality=draft.modality)
    meeting.status = draft.status
    # Dated no later than the meeting itself, so that a meeting recorded after it was held can
    # still be marked "held" on its real day.
    meeting.status_changes.append(
        MeetingStatusChange(status=draft.status, changed_on=min(dt.date.today(), draft.start_date))
    )
    session.add(meeting)
    return meeting


def save_meeting(database: Database, draft: MeetingDraft) -> int:
    """Create or update the meeting of *draft* in one transaction; returns its id.

    Raises ValidationError (with the first blocking problem's field) and writes nothing
    when the draft breaks a rule; raises ConflictError (carrying the stored meeting as a
    draft) and writes nothing when someone saved the meeting since `draft.version`.
    """
    problems = blocking(check_meeting(draft))
    if problems:
        raise ValidationError(problems[0].message, field=problems[0].field)
    with database.session() as session:
        if draft.id is None:
            meeting = new_meeting(session, draft)
        else:
            meeting = _load(session, draft.id, for_update=True)  # a concurrent save waits
            refuse_if_changed(meeting, draft.version, "meeting", lambda: _draft_of(meeting), draft)
            if meeting.status != draft.status:
                meeting.status = draft.status
                meeting.status_changes.append(
                    MeetingStatusChange(status=draft.status, changed_on=dt.date.today())
                )
        _apply(session, meeting, draft)
        session.flush()
        from rcm_desktop.data.services.due_dates import recompute_in

        recompute_in(session, meeting.id)  # deadlines counted from a session follow its date
        return meeting.id


def change_status(
    database: Database, meeting_id: int, status: MeetingStatus, on: dt.date, note: str = ""
) -> None:
    """Record that the meeting took *status* on day *on* (kept in its history)."""
    with database.session() as session:
        meeting = _load(session, meeting_id)
        meeting.status_changes.append(
            MeetingStatusChange(status=status, changed_on=on, note=_none_if_blank(note))
        )
        session.flush()
        latest = max(meeting.status_changes, key=lambda change: (change.changed_on, change.id))
        meeting.status = latest.status  # a change recorded for an earlier day does not go back


def status_history(database: Database, meeting_id: int) -> list[tuple[MeetingStatus, dt.date, str]]:
    """Every status the meeting took, oldest first: (status, day, note)."""
    with database.session() as session:
        rows = session.execute(
            select(
                MeetingStatusChange.status, MeetingStatusChange.changed_on, MeetingStatusChange.note
            )
            .where(MeetingStatusChange.meeting_id == meeting_id)
            .order_by(MeetingStatusChange.changed_on, MeetingStatusChange.id)
        )
        return [(status, day, note or "") for status, day, note in rows]


def duplicate_meeting(database: Database, meeting_id: int, new_start: dt.date) -> int:
    """Copy a meeting for its next edition: dates shifted to *new_start*, positions cleared."""
    draft = load_draft(database, meeting_id)
    shift = new_start - draft.start_date
    draft.id = None
    draft.version = None
    draft.start_date = new_start
    draft.end_date = draft.end_date + shift if draft.end_date else None
    draft.status = MeetingStatus.INVITATION_RECEIVED
    for item in draft.sessions:
        item.date = item.date + shift if item.date else None
    for question in draft.questions:
        question.delegation_position = ""
    return save_meeting(database, draft)


def delete_meeting(database: Database, meeting_id: int) -> None:
    """Delete a meeting with its sessions, agenda, questions, history and attachment records."""
    with database.session() as session:
        session.delete(_load(session, meeting_id))
