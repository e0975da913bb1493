"""Closed vocabularies stored in the database, with their labels for the interface."""

from __future__ import annotations

from enum import StrEnum

from rcm_desktop.i18n import N_, _


class BodyKind(StrEnum):
    SECRETARIAT = "secretariat"
    CONSULTATION_GROUP = "consultation_group"
    VICE_MINISTERIAL = "vice_ministerial"
    WORKING_GROUP = "working_group"
    OTHER = "other"


class OrganisationKind(StrEnum):
    INTERGOVERNMENTAL = "intergovernmental"
    UN_AGENCY = "un_agency"
    HUMANITARIAN = "humanitarian"
    CIVIL_SOCIETY = "civil_society"
    OTHER = "other"


class MeetingKind(StrEnum):
    WORKSHOP = "workshop"
    FOLLOW_UP = "follow_up"
    PLENARY = "plenary"
    DIALOGUE = "dialogue"
    OTHER = "other"


class Modality(StrEnum):
    VIRTUAL = "virtual"
    IN_PERSON = "in_person"
    HYBRID = "hybrid"


class MeetingStatus(StrEnum):
    INVITATION_RECEIVED = "invitation_received"
    NOMINATIONS_SENT = "nominations_sent"
    CONFIRMED = "confirmed"
    HELD = "held"
    FOLLOW_UP_DONE = "follow_up_done"
    CANCELLED = "cancelled"


_LABELS: dict[StrEnum, str] = {
    MeetingKind.WORKSHOP: N_("Workshop"),
    MeetingKind.FOLLOW_UP: N_("Follow-up meeting"),
    MeetingKind.PLENARY: N_("Plenary meeting"),
    MeetingKind.DIALOGUE: N_("Dialogue"),
    MeetingKind.OTHER: N_("Other meeting"),
    Modality.VIRTUAL: N_("Virtual"),
    Modality.IN_PERSON: N_("In person"),
    Modality.HYBRID: N_("Hybrid"),
    MeetingStatus.INVITATION_RECEIVED: N_("Invitation received"),
    MeetingStatus.NOMINATIONS_SENT: N_("Nominations sent"),
    MeetingStatus.CONFIRMED: N_("Confirmed"),
    MeetingStatus.HELD: N_("Held"),
    MeetingStatus.FOLLOW_UP_DONE: N_("Follow-up done"),
    MeetingStatus.CANCELLED: N_("Cancelled"),
}


def label(value: StrEnum) -> str:
    """The translated label of an enumerated value."""
    return _(_LABELS[value]) if value in _LABELS else str(value)
