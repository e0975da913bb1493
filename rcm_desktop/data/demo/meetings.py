"""The demo profile: the three seed concept notes, entered faithfully, for one member country.

Each demo meeting carries a `source_key`, so loading twice adds nothing twice.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rcm_desktop.data.demo import DEMO_COUNTRY
from rcm_desktop.data.demo.delegations import load_demo_delegations
from rcm_desktop.data.demo.documents import load_demo_documents
from rcm_desktop.data.models import (
    AgendaItem,
    Body,
    Country,
    Deadline,
    Forum,
    GuidingQuestion,
    Meeting,
    MeetingSession,
    MeetingStatusChange,
)
from rcm_desktop.data.services.due_dates import recompute_in
from rcm_desktop.data.services.settings import COUNTRY_KEY, get_setting, set_setting
from rcm_desktop.domain.vocabulary import (
    AnchorKind,
    DeadlineKind,
    DeadlineRule,
    MeetingKind,
    MeetingStatus,
    Modality,
)
from rcm_desktop.paths import resources_dir


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def demo_files() -> list[dict[str, Any]]:
    """The bundled demo meetings, as dictionaries, in file-name order."""
    folder = resources_dir() / "demo"
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]


def _question(
    entry: dict[str, Any], position: int, session: MeetingSession | None
) -> GuidingQuestion:
    return GuidingQuestion(
        position=position,
        session=session,
        phase=entry.get("phase"),
        context=entry.get("context"),
        text=entry["text"],
    )


def build_meeting(session: Session, entry: dict[str, Any]) -> Meeting:
    """A Meeting (with sessions, agenda and questions) from one demo dictionary."""
    body = session.scalar(select(Body).where(Body.code == entry["convening_body"]))
    forums = list(session.scalars(select(Forum).where(Forum.code.in_(entry["forums"]))))
    meeting = Meeting(
        source_key=entry["key"],
        title=entry["title"],
        convening_body=body,
        forums=forums,
        kind=MeetingKind(entry["kind"]),
        modality=Modality(entry["modality"]),
        venue=entry.get("venue"),
        platform=entry.get("platform"),
        time_zone=entry.get("time_zone"),
        time_zone_label=entry.get("time_zone_label"),
        start_date=_date(entry["start_date"]),
        end_date=_date(entry.get("end_date")),
        context=entry.get("context"),
        objectives=entry.get("objectives"),
        methodology=entry.get("methodology"),
        interpretation=entry.get("interpretation"),
        participants=entry.get("participants"),
        max_participants_per_country=entry.get("max_participants_per_country"),
        observers_invited=entry.get("observers_invited"),
        civil_society_invited=entry.get("civil_society_invited"),
        status=MeetingStatus(entry.get("status", MeetingStatus.INVITATION_RECEIVED)),
        notes=entry.get("notes"),
    )
    meeting.status_changes = [
        MeetingStatusChange(
            status=meeting.status, changed_on=meeting.end_date or meeting.start_date
        )
    ]
    questions: list[GuidingQuestion] = []
    for number, session_entry in enumerate(entry["sessions"], start=1):
        meeting_session = MeetingSession(
            position=number,
            title=session_entry["title"],
            date=_date(session_entry.get("date")),
            start_time=_time(session_entry.get("start")),
            end_time=_time(session_entry.get("end")),
            description=session_entry.get("description"),
            lead_countries=[session.get(Country, code) for code in session_entry.get("leads", [])],
            agenda_items=[
                AgendaItem(
                    position=index,
                    start_time=_time(item.get("start")),
                    end_time=_time(item.get("end")),
                    activity=item["activity"],
                    coordinator=item.get("coordinator"),
                )
                for index, item in enumerate(session_entry.get("agenda", []), start=1)
            ],
        )
        meeting.sessions.append(meeting_session)
        for question in session_entry.get("questions", []):
            questions.append(_question(question, len(questions) + 1, meeting_session))
    for question in entry.get("questions", []):
        questions.append(_question(question, len(questions) + 1, None))
    meeting.questions = questions
    for item in entry.get("deadlines", []):
        meeting_deadline = Deadline(
            title=item["title"],
            kind=DeadlineKind(item["kind"]),
            rule=DeadlineRule(item["rule"]),
            days=item.get("days"),
            fixed_date=_date(item.get("fixed_date")),
            anchor_kind=AnchorKind.DATE if item.get("anchor_date") else None,
            anchor_date=_date(item.get("anchor_date")),
            calendar_country=item.get("calendar"),
            notes=item.get("notes"),
        )
        meeting_deadline.meeting = meeting
        session.add(meeting_deadline)
    return meeting


def add_demo(session: Session) -> int:
    """Add the demo meetings, documents and delegations the store lacks (see `load_demo`)."""
    existing = set(
        session.scalars(select(Meeting.source_key).where(Meeting.source_key.is_not(None)))
    )
    added = 0
    for entry in demo_files():
        if entry["key"] in existing:
            continue
        session.add(build_meeting(session, entry))
        added += 1
    session.flush()
    if added:
        recompute_in(session)  # the demo deadlines' due dates
    load_demo_documents(session)
    load_demo_delegations(session)
    if get_setting(session, COUNTRY_KEY) is None:
        set_setting(session, COUNTRY_KEY, DEMO_COUNTRY)
    session.flush()
    return added
