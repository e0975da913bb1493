"""ORM models of the store (SQLAlchemy 2, `Mapped[]` style), one module per aggregate.

Rules that a single row can check live in the database too: foreign keys, uniqueness,
non-empty titles, end after start. Rules that span rows (a session inside its meeting's
dates) live in the domain layer. Importing this package maps every model.
"""

from rcm_desktop.data.models import clean_text as _clean_text  # noqa: F401 (registers)
from rcm_desktop.data.models import derived  # noqa: F401 - the derived columns' flush hook
from rcm_desktop.data.models.base import (
    NAMING_CONVENTION,
    Base,
    Tracked,
    Versioned,
)
from rcm_desktop.data.models.deadlines import (
    CalendarClosure,
    Deadline,
    DeadlineDocument,
)
from rcm_desktop.data.models.delegations import (
    Nomination,
    Person,
    Seat,
)
from rcm_desktop.data.models.documents import (
    Document,
    DocumentComment,
    DocumentFile,
    DocumentReview,
    ReviewConsultation,
)
from rcm_desktop.data.models.journal import JournalChange, JournalEntry
from rcm_desktop.data.models.meetings import (
    AgendaItem,
    Attachment,
    GuidingQuestion,
    Meeting,
    MeetingSession,
    MeetingStatusChange,
    meeting_forums,
    session_leads,
)
from rcm_desktop.data.models.reference import (
    Body,
    Country,
    DataChange,
    DataVersion,
    Forum,
    ForumMember,
    Organisation,
    Presidency,
    Setting,
    organisation_observer_forums,
)

__all__ = [
    "NAMING_CONVENTION",
    "AgendaItem",
    "Attachment",
    "Base",
    "Body",
    "CalendarClosure",
    "Country",
    "DataChange",
    "DataVersion",
    "Deadline",
    "DeadlineDocument",
    "Document",
    "DocumentComment",
    "DocumentFile",
    "DocumentReview",
    "Forum",
    "ForumMember",
    "GuidingQuestion",
    "JournalChange",
    "JournalEntry",
    "Meeting",
    "MeetingSession",
    "MeetingStatusChange",
    "Nomination",
    "Organisation",
    "Person",
    "Presidency",
    "ReviewConsultation",
    "Seat",
    "Setting",
    "Tracked",
    "Versioned",
    "meeting_forums",
    "organisation_observer_forums",
    "session_leads",
]
