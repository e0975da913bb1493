"""Meetings as plain data for other programs (`rcm-desktop meetings --json`)."""

from __future__ import annotations

from typing import Any

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.meetings import (
    MeetingDetail,
    SessionDetail,
    get_meeting,
    list_meetings,
)
from rcm_desktop.domain.timezones import convert, format_utc_offset


def _times(meeting: MeetingDetail, session: SessionDetail, zone: str) -> dict[str, Any] | None:
    if not (meeting.time_zone and session.date and session.start):
        return None
    start = convert(session.date, session.start, meeting.time_zone, zone)
    end = convert(session.date, session.end, meeting.time_zone, zone) if session.end else None
    offset = start.utcoffset()
    return {
        "zone": zone,
        "start": start.isoformat(timespec="minutes"),
        "end": end.isoformat(timespec="minutes") if end else None,
        "utc_offset": format_utc_offset(offset).replace("\u2212", "-")
        if offset is not None
        else None,
    }


def _session(
    meeting: MeetingDetail, session: SessionDetail, user_zone: str | None
) -> dict[str, Any]:
    return {
        "position": session.position,
        "title": session.title,
        "date": session.date.isoformat() if session.date else None,
        "start": session.start.strftime("%H:%M") if session.start else None,
        "end": session.end.strftime("%H:%M") if session.end else None,
        "leads": list(session.leads),
        "organiser_time": _times(meeting, session, meeting.time_zone)
        if meeting.time_zone
        else None,
        "user_time": _times(meeting, session, user_zone) if user_zone else None,
        "agenda": [
            {
                "start": line.start.strftime("%H:%M") if line.start else None,
                "end": line.end.strftime("%H:%M") if line.end else None,
                "activity": line.activity,
                "coordinator": line.coordinator,
            }
            for line in session.agenda
        ],
    }


def meetings_as_data(database: Database, user_zone: str | None) -> list[dict[str, Any]]:
    """Every meeting, oldest first, with its sessions' times in the organiser's zone and *user_zone*."""
    result = []
    for row in sorted(list_meetings(database), key=lambda row: (row.first_date, row.id)):
        meeting = get_meeting(database, row.id)
        if meeting is None:
            continue
        result.append(
            {
                "id": meeting.id,
                "title": meeting.title,
                "first_date": row.first_date.isoformat(),
                "start_date": meeting.start_date.isoformat(),
                "end_date": meeting.end_date.isoformat() if meeting.end_date else None,
                "forums": list(meeting.forums),
                "convening_body": meeting.body or None,
                "kind": meeting.kind.value,
                "modality": meeting.modality.value,
                "status": meeting.status.value,
                "time_zone": meeting.time_zone,
                "time_zone_label": meeting.time_zone_label,
                "user_time_zone": user_zone,
                "max_participants_per_country": meeting.max_participants_per_country,
                "sessions": [_session(meeting, session, user_zone) for session in meeting.sessions],
            }
        )
    return result
