"""A note's draft as the meeting editor's draft: the fields a meeting record keeps, with the
first problem that keeps it from being saved named (a note without a date, say)."""

from __future__ import annotations

import copy
import datetime as dt

from rcm_desktop.domain.meetings import AgendaDraft, MeetingDraft, QuestionDraft, SessionDraft
from rcm_desktop.domain.vocabulary import DocumentKind, MeetingKind, MeetingStatus, Modality
from rcm_desktop.errors import ValidationError
from rcm_desktop.exchange.notes.draft import DraftAgendaLine, NoteDraft
from rcm_desktop.i18n import _

_DOCUMENT_KINDS = (
    (DocumentKind.STRATEGY, ("strategy", "estrategia")),
    (DocumentKind.REPORT, ("report", "informe")),
    (DocumentKind.PROTOCOL, ("protocol", "protocolo")),
    (DocumentKind.RECOMMENDATIONS, ("recommendations", "recomendaciones")),
    (DocumentKind.DIRECTORY, ("directory", "directorio")),
)


def check_importable(draft: NoteDraft) -> None:
    """Raise ValidationError naming the first field the meeting cannot be saved without."""
    if not (draft.title or "").strip():
        raise ValidationError(
            _("The note's title was not found. Type the meeting's title before saving."),
            field="title",
        )
    if not draft.dates:
        raise ValidationError(
            _("The note's dates were not found. Type the meeting's first day before saving."),
            field="dates",
        )
    if draft.modality is None:
        raise ValidationError(
            _(
                "The note does not say whether the meeting is virtual, in person or hybrid. "
                "Choose the modality before saving."
            ),
            field="modality",
        )


def meeting_draft(draft: NoteDraft) -> MeetingDraft:
    """The meeting, its sessions, agenda and questions as the editor would save them."""
    check_importable(draft)
    sessions = [
        SessionDraft(
            title=session.title or _("Session %(n)d") % {"n": index},
            date=session.date,
            start=session.start or (session.agenda[0].start if session.agenda else None),
            end=session.end or _last_end(session.agenda),
            leads=list(session.leads),
            agenda=[
                AgendaDraft(line.start, line.end, line.text, line.speakers or "")
                for line in session.agenda
            ],
        )
        for index, session in enumerate(draft.sessions, 1)
    ]
    questions = [
        QuestionDraft(
            text=question.text,
            phase=question.phase or "",
            context=question.context,
            session_key=(
                sessions[question.session - 1].key
                if question.session and question.session <= len(sessions)
                else None
            ),
        )
        for question in draft.guiding_questions
    ]
    return MeetingDraft(
        title=draft.title or "",
        start_date=min(draft.dates),
        end_date=max(draft.dates) if len(draft.dates) > 1 else None,
        kind=MeetingKind(draft.kind) if draft.kind else MeetingKind.OTHER,
        modality=Modality(draft.modality or Modality.VIRTUAL),
        convening_body=draft.body,
        forums=list(draft.forums),
        platform=draft.platform or "",
        time_zone=draft.time_zone,
        time_zone_label=draft.time_zone_label or "",
        context=draft.context or "",
        objectives=draft.objectives or "",
        methodology=draft.methodology or "",
        participants=draft.participants or "",
        max_participants_per_country=draft.limit_per_country,
        observers_invited=draft.observers_invited,
        civil_society_invited=draft.civil_society_invited,
        status=(
            MeetingStatus.HELD
            if max(draft.dates) < dt.date.today()
            else MeetingStatus.INVITATION_RECEIVED
        ),
        sessions=sessions,
        questions=questions,
    )


def _last_end(agenda: list[DraftAgendaLine]) -> dt.time | None:
    ends = [line.end or line.start for line in agenda if line.end or line.start]
    return max(ends) if ends else None


def document_kind(title: str) -> DocumentKind:
    """The kind a document's title names ("Regional Strategy …" → strategy)."""
    folded = title.lower()
    for kind, words in _DOCUMENT_KINDS:
        if any(word in folded for word in words):
            return kind
    return DocumentKind.OTHER


def proposed_meeting(draft: NoteDraft, stored: MeetingDraft) -> MeetingDraft:
    """*stored* with every field the note gives replaced by the note's value: sessions keep
    their identity by place (deadlines count from them), and a question keeps the position
    the delegation drafted on it when its text is unchanged (else the one at its place)."""
    proposed = copy.deepcopy(stored)
    if draft.title:
        proposed.title = draft.title
    if draft.dates:
        proposed.start_date = min(draft.dates)
        proposed.end_date = max(draft.dates) if len(draft.dates) > 1 else None
    if draft.kind:
        proposed.kind = MeetingKind(draft.kind)
    if draft.modality:
        proposed.modality = Modality(draft.modality)
    if draft.body:
        proposed.convening_body = draft.body
    if draft.forums:
        proposed.forums = list(draft.forums)
    for name in ("platform", "time_zone", "context", "objectives", "methodology", "participants"):
        value = getattr(draft, name)
        if value:
            setattr(proposed, name, value)
    if draft.time_zone and draft.time_zone_label:
        proposed.time_zone_label = draft.time_zone_label
    for name in ("observers_invited", "civil_society_invited"):
        if getattr(draft, name) is not None:
            setattr(proposed, name, getattr(draft, name))
    note = _note_meeting(draft)
    keys: dict[str | None, str | None] = {}
    for index, session in enumerate(note.sessions):
        if index < len(stored.sessions):
            keys[session.key] = stored.sessions[index].key
            session.key = stored.sessions[index].key
            session.description = stored.sessions[index].description
    for question in note.questions:
        question.session_key = keys.get(question.session_key, question.session_key)
    if draft.sessions:
        proposed.sessions = note.sessions
    if draft.guiding_questions:
        proposed.questions = _keep_positions(note.questions, stored.questions)
    return proposed


def _note_meeting(draft: NoteDraft) -> MeetingDraft:
    """The note as a meeting, even when it lacks what a new meeting needs."""
    lenient = copy.copy(draft)
    lenient.title = draft.title or "…"
    lenient.dates = draft.dates or [dt.date.today()]
    lenient.modality = draft.modality or Modality.VIRTUAL.value
    return meeting_draft(lenient)


def _keep_positions(
    questions: list[QuestionDraft], stored: list[QuestionDraft]
) -> list[QuestionDraft]:
    by_text = {" ".join(q.text.lower().split()): q for q in stored}
    for index, question in enumerate(questions):
        same = by_text.get(" ".join(question.text.lower().split()))
        if same is None and index < len(stored):
            same = stored[index]
        if same is not None:
            question.delegation_position = same.delegation_position
    return questions
