"""Meeting sessions and deadlines as an iCalendar file that Outlook and Thunderbird import.

A session with a time zone and times becomes an event at those times in that zone, with a
VTIMEZONE written as Outlook and Google Calendar write theirs (yearly rules, see
`rcm_desktop.exchange.vtimezone`); one without becomes an all-day event. Each open deadline is
an all-day event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rcm_desktop.domain.timezones import zone
from rcm_desktop.exchange.files import write_bytes_file
from rcm_desktop.exchange.vtimezone import vtimezone
from rcm_desktop.i18n import messages

UID_DOMAIN = "rcm-desk.local"


@dataclass(frozen=True)
class SessionEvent:
    """A dated session of a meeting, in its organiser's zone when known."""

    session_id: int
    meeting_title: str
    session_title: str
    day: dt.date
    start: dt.time | None
    end: dt.time | None
    time_zone: str | None
    location: str
    description: str


@dataclass(frozen=True)
class DeadlineEvent:
    """An open deadline on its due day."""

    deadline_id: int
    title: str
    due: dt.date
    category: str
    meeting_title: str


def calendar_bytes(
    sessions: Iterable[SessionEvent],
    deadlines: Iterable[DeadlineEvent],
    *,
    version: str,
    language: str = "en",
) -> bytes:
    """The iCalendar text of *sessions* and *deadlines*, its names in *language*."""
    from icalendar import Calendar, Event

    t = messages(language)
    calendar = Calendar()
    calendar.add("prodid", f"-//RCM Desk//{version}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", t.gettext("RCM Desk: meetings and deadlines"))
    stamp = dt.datetime.now(dt.UTC)
    events: list[Event] = []
    instants: dict[str, list[dt.datetime]] = {}  # each zone's event times, for its VTIMEZONE
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.session_id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add(
            "summary",
            t.gettext("%(meeting)s — %(session)s")
            % {"meeting": session.meeting_title, "session": session.session_title},
        )
        info = zone(session.time_zone) if session.time_zone else None
        if info is not None and session.time_zone and session.start and session.end:
            start = dt.datetime.combine(session.day, session.start, tzinfo=info)
            end = dt.datetime.combine(session.day, session.end, tzinfo=info)
            event.add("dtstart", start)
            event.add("dtend", end)
            instants.setdefault(session.time_zone, []).extend((start, end))
        else:
            event.add("dtstart", session.day)
            event.add("dtend", session.day + dt.timedelta(days=1))
        if session.location:
            event.add("location", session.location)
        event.add("description", session.description)
        events.append(event)
    for deadline in deadlines:
        event = Event()
        event.add("uid", f"deadline-{deadline.deadline_id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", t.gettext("Deadline: %(title)s") % {"title": deadline.title})
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + dt.timedelta(days=1))
        event.add("categories", [deadline.category])
        if deadline.meeting_title:
            event.add("description", deadline.meeting_title)
        events.append(event)
    for name in sorted(instants):  # VTIMEZONE blocks first, as Outlook writes them
        calendar.add_component(vtimezone(name, instants[name]))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def write_calendar_file(path: Path, data: bytes) -> Path:
    """Write calendar bytes to *path* atomically; StorageError names the path and the reason."""
    return write_bytes_file(Path(path), data, make_folder=True)
