"""Filling the organiser's own registration or nomination form with a meeting's delegation.

The delegation's active nominations become plain `ParticipantRecord`s (head of delegation
first, then in seat order, then the rest); `exchange.forms` writes them into the form.
The mapping a user corrected is remembered for the next form from the same organiser (the
meeting's convening body) in the profile's preferences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.delegation_views import NominationLine, delegation
from rcm_desktop.domain.people import split_full_name
from rcm_desktop.domain.vocabulary import NominationRole, label
from rcm_desktop.errors import StorageError, ValidationError
from rcm_desktop.exchange.forms.form import (
    FormLayout,
    fill_form,
    inspect_form,
    mapping_to_remember,
    remembered_mapping,
)
from rcm_desktop.exchange.forms.records import ParticipantRecord
from rcm_desktop.exchange.forms.report import FillReport
from rcm_desktop.i18n import _, country_name
from rcm_desktop.preferences import Preferences

#: Preferences key prefix of the mappings remembered per organiser.
MAPPING_KEY = "forms.mapping."


@dataclass(frozen=True)
class Participant:
    """A nomination that can go into the form, as the mapping screen lists it."""

    nomination_id: int
    full_name: str
    seat: int | None
    role: str
    record: ParticipantRecord


def _record(line: NominationLine, profile: str, country: str) -> ParticipantRecord:
    given, family = split_full_name(line.full_name)
    return ParticipantRecord(
        full_name=line.full_name,
        given_names=given,
        family_names=family,
        honorific=line.honorific or "",
        position=line.position or "",
        institution=line.institution,
        ministry=line.agency or line.institution,
        country=country,
        email=line.email or "",
        phone=line.phone or "",
        role=label(line.role),
        gender=label(line.gender),
        seat=str(line.seat_position or ""),
        profile=profile,
    )


def delegation_participants(
    database: Database, meeting_id: int, country_code: str
) -> list[Participant]:
    """The country's active nominations, head of delegation first, then by seat."""
    view = delegation(database, meeting_id, country_code)
    if view is None:
        raise ValidationError(
            _("There is no meeting with the id %(id)d.") % {"id": meeting_id}, field="meeting"
        )
    country = country_name(country_code)
    lines: list[tuple[NominationLine, str]] = [
        (seat.holder, seat.seat.profile or "") for seat in view.seats if seat.holder is not None
    ]
    lines += [(line, "") for line in view.unseated]
    lines.sort(
        key=lambda item: (
            item[0].role is not NominationRole.HEAD,
            item[0].seat_position is None,
            item[0].seat_position or 0,
        )
    )
    return [
        Participant(
            line.id, line.full_name, line.seat_position, label(line.role), _record(line, p, country)
        )
        for line, p in lines
    ]


def organiser_of(database: Database, meeting_id: int) -> str:
    """Whose forms these are: the meeting's convening body's code ("" when it has none)."""
    from rcm_desktop.data.models import Meeting

    with database.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.convening_body is None:
            return ""
        return meeting.convening_body.code


def read_form(path: Path, preferences: Preferences | None, organiser: str) -> FormLayout:
    """The form's slots as found, with what the user chose for this organiser's last form."""
    layout = inspect_form(path)
    if preferences is not None:
        remembered = preferences.get(MAPPING_KEY + organiser)
        if isinstance(remembered, dict):
            layout = remembered_mapping(layout, remembered)
    return layout


def write_form(
    layout: FormLayout,
    target: Path,
    participants: Sequence[Participant],
    preferences: Preferences | None = None,
    organiser: str = "",
    remove_blank: bool = False,
) -> FillReport:
    """Fill the form as *layout* maps it with *participants* (in that order) into *target*,
    and remember the mapping for this organiser's next form; *remove_blank* takes out the
    rows left blank."""
    records = [
        replace(participant.record, number=str(number))
        for number, participant in enumerate(participants, start=1)
    ]
    try:
        report = fill_form(layout, target, records, remove_blank)
    except OSError as error:  # the chosen folder is missing, read-only or full
        raise StorageError(
            _(
                "The filled form could not be written to %(path)s (%(reason)s). Choose a folder "
                "you can write to."
            )
            % {"path": target, "reason": error.strerror or error}
        ) from error
    if preferences is not None:
        preferences.set(MAPPING_KEY + organiser, mapping_to_remember(layout))
    return report
