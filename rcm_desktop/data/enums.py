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


class DeadlineKind(StrEnum):
    NOMINATIONS = "nominations"
    COMMENTS = "comments"
    APPROVAL = "approval"
    REGISTRATION = "registration"
    OTHER = "other"


class DeadlineRule(StrEnum):
    FIXED = "fixed"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"


class AnchorKind(StrEnum):
    SESSION = "session"  # the end of a session's day
    DATE = "date"


_LABELS: dict[StrEnum, str] = {
    DeadlineKind.NOMINATIONS: N_("Nominations"),
    DeadlineKind.COMMENTS: N_("Comments"),
    DeadlineKind.APPROVAL: N_("Approval"),
    DeadlineKind.REGISTRATION: N_("Registration"),
    DeadlineKind.OTHER: N_("Other"),
    DeadlineRule.FIXED: N_("Fixed date"),
    DeadlineRule.WORKING_DAYS: N_("Working days after"),
    DeadlineRule.CALENDAR_DAYS: N_("Calendar days after"),
    AnchorKind.SESSION: N_("A session"),
    AnchorKind.DATE: N_("A date"),
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
