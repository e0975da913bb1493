"""A meeting as the editor holds it before saving, and the rules it must follow.

No Qt and no database here: the editor fills a MeetingDraft, `check_meeting` lists
the problems (each naming its field, so the editor can show it beside that field),
and the data layer saves a draft that has no blocking problem in one transaction.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from dataclasses import dataclass, field

from rcm_desktop.domain.timezones import zone
from rcm_desktop.domain.vocabulary import MeetingKind, MeetingStatus, Modality
from rcm_desktop.i18n import _, format_date, format_time


def new_key() -> str:
    """A key that ties a question to its session before either has a database id."""
    return uuid.uuid4().hex


@dataclass
class AgendaDraft:
    start: dt.time | None
    end: dt.time | None
    activity: str
    coordinator: str = ""


@dataclass
class SessionDraft:
    title: str
    date: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    description: str = ""
    leads: list[str] = field(default_factory=list)
    agenda: list[AgendaDraft] = field(default_factory=list)
    key: str = field(default_factory=new_key)


@dataclass
class QuestionDraft:
    text: str
    phase: str = ""
    context: str = ""
    session_key: str | None = None
    delegation_position: str = ""


@dataclass
class MeetingDraft:
    title: str = ""
    start_date: dt.date = field(default_factory=dt.date.today)
    end_date: dt.date | None = None
    kind: MeetingKind = MeetingKind.OTHER
    modality: Modality = Modality.VIRTUAL
    status: MeetingStatus = MeetingStatus.INVITATION_RECEIVED
    convening_body: str | None = None  # body code
    forums: list[str] = field(default_factory=list)  # forum codes
    venue: str = ""
    platform: str = ""
    time_zone: str | None = None
    time_zone_label: str = ""
    context: str = ""
    objectives: str = ""
    methodology: str = ""
    interpretation: str = ""
    participants: str = ""
    max_participants_per_country: int | None = None
    observers_invited: bool | None = None
    civil_society_invited: bool | None = None
    notes: str = ""
    sessions: list[SessionDraft] = field(default_factory=list)
    questions: list[QuestionDraft] = field(default_factory=list)
    id: int | None = None
    #: The stored record's version when the draft was loaded (None for a new meeting).
    version: int | None = None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a draft; `blocking=False` is a warning that does not stop saving."""

    field: str
    message: str
    blocking: bool = True


def session_field(index: int, name: str) -> str:
    """The field name of a session's input, e.g. "sessions.2.date"."""
    return f"sessions.{index}.{name}"


def _check_session(draft: MeetingDraft, index: int, session: SessionDraft) -> list[Problem]:
    problems: list[Problem] = []
    number = index + 1
    if not session.title.strip():
        problems.append(
            Problem(
                session_field(index, "title"),
                _("Session %(n)d needs a title.") % {"n": number},
            )
        )
    last = draft.end_date or draft.start_date
    if session.date and not draft.start_date <= session.date <= last:
        problems.append(
            Problem(
                session_field(index, "date"),
                _(
                    "Session %(n)d is on %(date)s, outside the meeting's dates (%(start)s to "
                    "%(end)s). Change the session's date or the meeting's dates."
                )
                % {
                    "n": number,
                    "date": format_date(session.date),
                    "start": format_date(draft.start_date),
                    "end": format_date(last),
                },
            )
        )
    if session.start and session.end and session.end <= session.start:
        problems.append(
            Problem(
                session_field(index, "end"),
                _("Session %(n)d ends (%(end)s) before it starts (%(start)s).")
                % {
                    "n": number,
                    "end": format_time(session.end),
                    "start": format_time(session.start),
                },
            )
        )
    for line, item in enumerate(session.agenda, start=1):
        if not item.activity.strip():
            problems.append(
                Problem(
                    session_field(index, "agenda"),
                    _("Agenda line %(line)d of session %(n)d has no activity.")
                    % {"line": line, "n": number},
                )
            )
        if item.start and item.end and item.end <= item.start:
            problems.append(
                Problem(
                    session_field(index, "agenda"),
                    _("Agenda line %(line)d of session %(n)d ends before it starts.")
                    % {"line": line, "n": number},
                )
            )
    problems += _outside_session_hours(session, number)
    timed = sorted(
        (item for item in session.agenda if item.start and item.end and item.end > item.start),
        key=lambda item: item.start,  # type: ignore[arg-type, return-value]
    )
    for first, second in itertools.pairwise(timed):
        if second.start < first.end:  # type: ignore[operator]
            problems.append(
                Problem(
                    session_field(index, "agenda"),
                    _(
                        "In session %(n)d, “%(second)s” starts at %(start)s, before “%(first)s” "
                        "ends at %(end)s. Check the times (this does not stop saving)."
                    )
                    % {
                        "n": number,
                        "first": first.activity,
                        "second": second.activity,
                        "start": format_time(second.start),  # type: ignore[arg-type]
                        "end": format_time(first.end),  # type: ignore[arg-type]
                    },
                    blocking=False,
                )
            )
    return problems


def _outside_session_hours(session: SessionDraft, number: int) -> list[Problem]:
    """A warning for each agenda line that starts before the session or ends after it."""
    if session.start is None and session.end is None:
        return []
    problems = []
    for line, item in enumerate(session.agenda, start=1):
        early = session.start is not None and item.start is not None and item.start < session.start
        late = session.end is not None and (
            (item.end is not None and item.end > session.end)
            or (item.start is not None and item.start >= session.end)
        )
        if early or late:
            problems.append(
                Problem(
                    session_field(index=number - 1, name="agenda"),
                    _(
                        "Agenda line %(line)d of session %(n)d (“%(activity)s”) falls outside "
                        "the session's hours, %(start)s to %(end)s. Check the times (this does "
                        "not stop saving)."
                    )
                    % {
                        "line": line,
                        "n": number,
                        "activity": item.activity,
                        "start": format_time(session.start) if session.start else "…",
                        "end": format_time(session.end) if session.end else "…",
                    },
                    blocking=False,
                )
            )
    return problems


def check_meeting(draft: MeetingDraft) -> list[Problem]:
    """Every problem of *draft*, blocking ones and warnings, each naming its field."""
    problems: list[Problem] = []
    if not draft.title.strip():
        problems.append(Problem("title", _("The meeting needs a title, as on its concept note.")))
    if draft.end_date and draft.end_date < draft.start_date:
        problems.append(
            Problem(
                "end_date",
                _("The meeting ends (%(end)s) before it starts (%(start)s).")
                % {"end": format_date(draft.end_date), "start": format_date(draft.start_date)},
            )
        )
    if draft.time_zone and zone(draft.time_zone) is None:
        problems.append(
            Problem(
                "time_zone",
                _(
                    "“%(zone)s” is not a known time zone. Type a city such as “San José” or "
                    "“Mexico City”, or a name such as America/Costa_Rica."
                )
                % {"zone": draft.time_zone},
            )
        )
    if draft.max_participants_per_country is not None and draft.max_participants_per_country < 1:
        problems.append(
            Problem(
                "max_participants_per_country",
                _("The limit per country must be at least 1, or left empty when there is none."),
            )
        )
    for index, session in enumerate(draft.sessions):
        problems.extend(_check_session(draft, index, session))
    keys = {session.key for session in draft.sessions}
    for number, question in enumerate(draft.questions, start=1):
        if not question.text.strip():
            problems.append(
                Problem("questions", _("Guiding question %(n)d is empty.") % {"n": number})
            )
        if question.session_key is not None and question.session_key not in keys:
            problems.append(
                Problem(
                    "questions",
                    _("Guiding question %(n)d belongs to a session that was removed.")
                    % {"n": number},
                )
            )
    return problems


def blocking(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a save."""
    return [problem for problem in problems if problem.blocking]
