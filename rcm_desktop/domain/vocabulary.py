"""Closed vocabularies stored in the database, with their labels for the interface."""

from __future__ import annotations

from collections.abc import Callable
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
    DOCUMENT = "document"  # the day the country received a document


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNSPECIFIED = "unspecified"


class NominationRole(StrEnum):
    HEAD = "head"
    DELEGATE = "delegate"
    ALTERNATE = "alternate"
    TECHNICAL_ADVISOR = "technical_advisor"


class NominationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CONFIRMED = "confirmed"
    WITHDRAWN = "withdrawn"
    REPLACED = "replaced"


#: Nominations that hold their seat and count towards the meeting's limit.
ACTIVE_NOMINATION_STATUSES = frozenset(
    {NominationStatus.DRAFT, NominationStatus.SUBMITTED, NominationStatus.CONFIRMED}
)


class DocumentKind(StrEnum):
    PROTOCOL = "protocol"
    DIRECTORY = "directory"
    STRATEGY = "strategy"
    RECOMMENDATIONS = "recommendations"
    REPORT = "report"
    CONCEPT_NOTE = "concept_note"
    OTHER = "other"


class DocumentPurpose(StrEnum):
    """What the sender asks of countries about a document."""

    COMMENTS = "comments"
    APPROVAL = "approval"
    INFORMATION = "information"


class ReviewStage(StrEnum):
    """A country's workflow for one document, in order."""

    RECEIVED = "received"
    IN_REVIEW = "in_review"
    COMMENTS_SENT = "comments_sent"
    APPROVAL_SUBMITTED = "approval_submitted"
    APPROVED = "approved"
    NOT_APPROVED = "not_approved"


#: Each member's words: a list of pairs, since members of different vocabularies can share a
#: value ("other") and would collide as keys of one dict.
_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (DeadlineKind.NOMINATIONS, N_("Nominations")),
    (DeadlineKind.COMMENTS, N_("Comments")),
    (DeadlineKind.APPROVAL, N_("Approval")),
    (DeadlineKind.REGISTRATION, N_("Registration")),
    (DeadlineKind.OTHER, N_("Other")),
    (DeadlineRule.FIXED, N_("Fixed date")),
    (DeadlineRule.WORKING_DAYS, N_("Working days after")),
    (DeadlineRule.CALENDAR_DAYS, N_("Calendar days after")),
    (AnchorKind.SESSION, N_("A session")),
    (AnchorKind.DATE, N_("A date")),
    (AnchorKind.DOCUMENT, N_("A document's receipt")),
    (Gender.FEMALE, N_("Woman")),
    (Gender.MALE, N_("Man")),
    (Gender.OTHER, N_("Another gender")),
    (Gender.UNSPECIFIED, N_("Not stated")),
    (NominationRole.HEAD, N_("Head of delegation")),
    (NominationRole.DELEGATE, N_("Delegate")),
    (NominationRole.ALTERNATE, N_("Alternate")),
    (NominationRole.TECHNICAL_ADVISOR, N_("Technical advisor")),
    (NominationStatus.DRAFT, N_("Draft")),
    (NominationStatus.SUBMITTED, N_("Submitted")),
    (NominationStatus.CONFIRMED, N_("Confirmed")),
    (NominationStatus.WITHDRAWN, N_("Withdrawn")),
    (NominationStatus.REPLACED, N_("Replaced")),
    (DocumentKind.PROTOCOL, N_("Protocol")),
    (DocumentKind.DIRECTORY, N_("Directory")),
    (DocumentKind.STRATEGY, N_("Regional strategy")),
    (DocumentKind.RECOMMENDATIONS, N_("Recommendations")),
    (DocumentKind.REPORT, N_("Report")),
    (DocumentKind.CONCEPT_NOTE, N_("Concept note")),
    (DocumentKind.OTHER, N_("Other document")),
    (DocumentPurpose.COMMENTS, N_("For comments")),
    (DocumentPurpose.APPROVAL, N_("For approval")),
    (DocumentPurpose.INFORMATION, N_("For information")),
    (ReviewStage.RECEIVED, N_("Received")),
    (ReviewStage.IN_REVIEW, N_("In internal review")),
    (ReviewStage.COMMENTS_SENT, N_("Comments sent")),
    (ReviewStage.APPROVAL_SUBMITTED, N_("Approval submitted")),
    (ReviewStage.APPROVED, N_("Approved")),
    (ReviewStage.NOT_APPROVED, N_("Not approved")),
    (MeetingKind.WORKSHOP, N_("Workshop")),
    (MeetingKind.FOLLOW_UP, N_("Follow-up meeting")),
    (MeetingKind.PLENARY, N_("Plenary meeting")),
    (MeetingKind.DIALOGUE, N_("Dialogue")),
    (MeetingKind.OTHER, N_("Other meeting")),
    (Modality.VIRTUAL, N_("Virtual")),
    (Modality.IN_PERSON, N_("In person")),
    (Modality.HYBRID, N_("Hybrid")),
    (MeetingStatus.INVITATION_RECEIVED, N_("Invitation received")),
    (MeetingStatus.NOMINATIONS_SENT, N_("Nominations sent")),
    (MeetingStatus.CONFIRMED, N_("Confirmed")),
    (MeetingStatus.HELD, N_("Held")),
    (MeetingStatus.FOLLOW_UP_DONE, N_("Follow-up done")),
    (MeetingStatus.CANCELLED, N_("Cancelled")),
    (BodyKind.SECRETARIAT, N_("Technical Secretariat")),
    (BodyKind.CONSULTATION_GROUP, N_("Consultation group")),
    (BodyKind.VICE_MINISTERIAL, N_("Vice-ministerial conference")),
    (BodyKind.WORKING_GROUP, N_("Working group")),
    (BodyKind.OTHER, N_("Other body")),
    (OrganisationKind.INTERGOVERNMENTAL, N_("Intergovernmental organisation")),
    (OrganisationKind.UN_AGENCY, N_("United Nations agency")),
    (OrganisationKind.HUMANITARIAN, N_("Humanitarian organisation")),
    (OrganisationKind.CIVIL_SOCIETY, N_("Civil society")),
    (OrganisationKind.OTHER, N_("Other organisation")),
)
_LABELS: dict[tuple[type[StrEnum], str], str] = {
    (type(member), member.value): text for member, text in _PAIRS
}


def label(value: StrEnum | str, translate: Callable[[str], str] | None = None) -> str:
    """The translated label of an enumerated value (by *translate*, default the interface's).

    A plain string is accepted only when one vocabulary alone has that value ("other" is in
    several: pass the member).
    """
    if not isinstance(value, StrEnum):
        owners = [kind for kind, member_value in _LABELS if member_value == value]
        if len(owners) != 1:
            raise TypeError(f"label() needs the member for the shared value {value!r}")
        value = owners[0](value)
    text = _LABELS.get((type(value), value.value))
    if text is None:
        return str(value)
    return (translate or _)(text)


def vocabularies() -> tuple[type[StrEnum], ...]:
    """Every closed vocabulary with labels, for pickers and for the check that none is missing."""
    return tuple(dict.fromkeys(kind for kind, _value in _LABELS))
