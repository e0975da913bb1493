"""The draft a concept note gives: what was found, where it was found, and what disagrees.

A draft is never a saved record: the review screen shows it beside the note, the user
corrects and accepts it, and one service saves it. Every value is plain data (dates and
times as `datetime` values, codes as strings); `to_json` gives the shape `extract-note`
prints, with every key present (`null` or `[]` when nothing was found).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rcm_desktop.domain.note_text.found import Source


@dataclass
class DraftAgendaLine:
    start: dt.time | None
    end: dt.time | None
    text: str
    speakers: str | None = None


@dataclass
class DraftSession:
    title: str
    date: dt.date | None = None
    leads: list[str] = field(default_factory=list)  # country codes
    agenda: list[DraftAgendaLine] = field(default_factory=list)
    #: The session's times when the note gives them without an agenda ("10:00 a 12:00").
    start: dt.time | None = None
    end: dt.time | None = None


@dataclass
class DraftSeat:
    profile: str
    beyond_limit: bool = False
    forum: str | None = None  # a forum code when the seat is for that forum's members


@dataclass
class DraftQuestion:
    number: int
    text: str
    session: int | None = None  # 1-based, in the draft's sessions
    phase: str | None = None
    context: str = ""


@dataclass
class DraftDeadline:
    purpose: str  # DeadlineKind value: comments, nominations, registration, approval, other
    rule: str  # DeadlineRule value: fixed, working_days, calendar_days
    due: dt.date | None = None
    days: int | None = None
    after: dt.date | None = None
    calendar: str | None = None  # the country whose working days count
    documents: list[str] = field(default_factory=list)  # titles in the draft's documents


@dataclass
class DraftDocument:
    title: str
    purpose: str  # DocumentPurpose value: comments, approval, information


@dataclass
class Conflict:
    """A field found more than once with different values: the draft holds the first, the
    review screen shows every value and asks."""

    field: str
    values: list[Any]
    sources: list[Source] = field(default_factory=list)


@dataclass
class NoteDraft:
    title: str | None = None
    body: str | None = None  # the convening body's code
    forums: list[str] = field(default_factory=list)
    kind: str | None = None  # MeetingKind value
    modality: str | None = None  # Modality value
    platform: str | None = None
    time_zone: str | None = None
    time_zone_label: str | None = None
    dates: list[dt.date] = field(default_factory=list)
    sessions: list[DraftSession] = field(default_factory=list)
    limit_per_country: int | None = None
    #: Whether the forums' observer organisations, and civil society, are invited: None when
    #: the note does not say.
    observers_invited: bool | None = None
    civil_society_invited: bool | None = None
    seats: list[DraftSeat] = field(default_factory=list)
    guiding_questions: list[DraftQuestion] = field(default_factory=list)
    deadlines: list[DraftDeadline] = field(default_factory=list)
    documents: list[DraftDocument] = field(default_factory=list)
    context: str | None = None
    objectives: str | None = None
    methodology: str | None = None
    participants: str | None = None
    language: str = "en"
    #: Where each value came from, by field path ("title", "sessions.0.agenda.2", …).
    sources: dict[str, list[Source]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

    def note_source(self, path: str, source: Source | None) -> None:
        """Record that the value at *path* was read at *source*."""
        if source is not None:
            self.sources.setdefault(path, []).append(source)

    def to_json(self) -> dict[str, Any]:
        """The draft in the shape `extract-note` prints (see the module docstring)."""
        return {
            "title": self.title,
            "body": self.body,
            "forums": list(self.forums),
            "kind": self.kind,
            "modality": self.modality,
            "platform": self.platform,
            "time_zone": self.time_zone,
            "time_zone_label": self.time_zone_label,
            "dates": [_day(day) for day in self.dates],
            "sessions": [
                {
                    "date": _day(session.date),
                    "title": session.title,
                    "start": _clock(session.start),
                    "end": _clock(session.end),
                    "leads": list(session.leads),
                    "agenda": [
                        {
                            "start": _clock(line.start),
                            "end": _clock(line.end),
                            "text": line.text,
                            "speakers": line.speakers,
                        }
                        for line in session.agenda
                    ],
                }
                for session in self.sessions
            ],
            "limit_per_country": self.limit_per_country,
            "observers_invited": self.observers_invited,
            "civil_society_invited": self.civil_society_invited,
            "seats": [
                {"profile": seat.profile, "beyond_limit": seat.beyond_limit, "forum": seat.forum}
                for seat in self.seats
            ],
            "guiding_questions": [
                {
                    "number": question.number,
                    "text": question.text,
                    "session": question.session,
                    "phase": question.phase,
                    "context": question.context,
                }
                for question in self.guiding_questions
            ],
            "deadlines": [
                {
                    "purpose": deadline.purpose,
                    "rule": deadline.rule,
                    "due": _day(deadline.due),
                    "days": deadline.days,
                    "after": _day(deadline.after),
                    "calendar": deadline.calendar,
                    "documents": list(deadline.documents),
                }
                for deadline in self.deadlines
            ],
            "documents": [
                {"title": document.title, "purpose": document.purpose}
                for document in self.documents
            ],
            "context": self.context,
            "objectives": self.objectives,
            "methodology": self.methodology,
            "participants": self.participants,
            "language": self.language,
            "conflicts": [
                {"field": conflict.field, "values": _plain(conflict.values)}
                for conflict in self.conflicts
            ],
            "sources": {
                path: [{"line": source.line, "text": source.text} for source in found]
                for path, found in sorted(self.sources.items())
            },
        }


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _clock(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
