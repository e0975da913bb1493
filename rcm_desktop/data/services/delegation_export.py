"""A meeting's delegation (one country's, or every country's) as CSV or JSON for the organisers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.delegation_views import NominationLine, participant_list
from rcm_desktop.data.services.seats import get_seat_setup
from rcm_desktop.errors import ValidationError
from rcm_desktop.exchange.delegation_files import FORMATS, write_delegation
from rcm_desktop.i18n import _, country_name, current_language, messages
from rcm_desktop.printing.nomination_letter import LetterData, LetterSeat


def _record(line: NominationLine, profiles: dict[int, str]) -> dict[str, Any]:
    return {
        "country": line.country_code,
        "country_name": country_name(line.country_code),
        "seat": line.seat_position,
        "profile": profiles.get(line.seat_id or -1, ""),
        "honorific": line.honorific or "",
        "full_name": line.full_name,
        "position": line.position or "",
        "institution": line.institution,
        "agency": line.agency or "",
        "email": line.email or "",
        "phone": line.phone or "",
        "gender": str(line.gender),
        "role": str(line.role),
        "status": str(line.status),
        "submitted_on": line.submitted_on.isoformat() if line.submitted_on else "",
    }


def delegation_records(
    database: Database, meeting_id: int, country_code: str | None = None
) -> dict[str, Any]:
    """The meeting, its limit and seats, and the active nominations (of one country or all)."""
    setup = get_seat_setup(database, meeting_id)
    if setup is None:
        raise ValidationError(
            _("There is no meeting with the id %(id)d.") % {"id": meeting_id}, field="meeting"
        )
    profiles = {seat.id: seat.profile for seat in setup.seats if seat.id is not None}
    return {
        "meeting": {
            "id": setup.meeting_id,
            "title": setup.title,
            "first_date": setup.first_date.isoformat(),
            "max_participants_per_country": setup.limit,
            "limit_source": setup.limit_source,
            "seats": [
                {
                    "position": position,
                    "profile": seat.profile,
                    "reserved_to": seat.forum_code,
                    "beyond_limit": seat.beyond_limit,
                    "source": seat.source or None,
                }
                for position, seat in enumerate(setup.seats, start=1)
            ],
        },
        "country": country_code,
        "participants": [
            _record(line, profiles) for line in participant_list(database, meeting_id, country_code)
        ],
    }


def export_delegation(
    database: Database,
    meeting_id: int,
    path: Path,
    fmt: str = "csv",
    country_code: str | None = None,
    language: str | None = None,
) -> int:
    """Write the delegation (or the full participant list) to *path*; returns how many people."""
    if fmt not in FORMATS:
        raise ValidationError(
            _("Choose CSV or JSON (not “%(format)s”).") % {"format": fmt}, field="format"
        )
    records = delegation_records(database, meeting_id, country_code)
    write_delegation(records, path, fmt, language or current_language())
    return len(records["participants"])


def letter_data(
    database: Database, meeting_id: int, country_code: str, language: str, issued_on: dt.date
) -> LetterData:
    """What the nomination letter says: the meeting, its seats in order and their nominees."""
    from sqlalchemy import select

    from rcm_desktop.data.models import Body, Meeting
    from rcm_desktop.data.services.delegation_views import delegation

    view = delegation(database, meeting_id, country_code)
    if view is None:
        raise ValidationError(
            _("There is no meeting with the id %(id)d.") % {"id": meeting_id}, field="meeting"
        )
    with database.session() as session:
        meeting = session.execute(
            select(Meeting.end_date, Meeting.venue, Body.names)
            .outerjoin(Body, Body.id == Meeting.convening_body_id)
            .where(Meeting.id == meeting_id)
        ).one()
    t = messages(language)
    addressee = t.pick(meeting.names) if meeting.names else t.gettext("organisers of the meeting")

    def seat_of(position: int | None, profile: str, line: NominationLine | None) -> LetterSeat:
        if line is None:
            return LetterSeat(position, profile)
        return LetterSeat(
            position, profile, line.honorific, line.full_name, line.position,
            line.institution, line.email, line.phone, str(line.role),
        )  # fmt: skip

    seats = [
        seat_of(item.seat.position, item.seat.profile or "", item.holder)
        for item in view.seats
        if item.open
    ]
    seats += [seat_of(None, "", line) for line in view.unseated]
    return LetterData(
        country_code=country_code,
        addressee=addressee,
        meeting_title=view.title,
        first_date=view.first_date,
        last_date=meeting.end_date,
        venue=meeting.venue,
        limit=view.limit,
        limit_source=view.limit_source,
        seats=tuple(seats),
        issued_on=issued_on,
    )


def write_nomination_letter(
    database: Database,
    meeting_id: int,
    country_code: str,
    path: Path,
    language: str,
    issued_on: dt.date | None = None,
) -> int:
    """Write the nomination letter PDF of the country's delegation; returns its page count."""
    from rcm_desktop.printing.nomination_letter import build_nomination_letter

    data = letter_data(database, meeting_id, country_code, language, issued_on or dt.date.today())
    return build_nomination_letter(data, path, language)
