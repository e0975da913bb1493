"""What a focal point does on one side (home or server): real actions through the services.

Each operation picks its records at random, acts through a service exactly as the window
would, and returns the `Intent` it expresses (a field set to a value, a record created or
deleted), or None when the service refused it on that side (a rule, a person in use).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import (
    Deadline,
    Document,
    DocumentComment,
    GuidingQuestion,
    Meeting,
    Nomination,
    Person,
)
from rcm_desktop.data.services import (
    deadlines,
    directory,
    document_reviews,
    documents,
    meeting_editing,
    nominations,
)
from rcm_desktop.domain.due_dates import DeadlineDraft
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.domain.vocabulary import (
    ACTIVE_NOMINATION_STATUSES,
    DeadlineRule,
    NominationRole,
    NominationStatus,
)
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.paths import Profile

TODAY = dt.date(2026, 12, 1)


@dataclass(frozen=True)
class Intent:
    """What one action meant: `field` (gid's field is value), `create` or `delete` of gid."""

    side: str
    kind: str
    table: str
    gid: str
    field: str = ""
    value: Any = None
    action: str = ""


class Side:
    """One side of a scenario: its store, profile and a random source."""

    def __init__(self, name: str, database: Database, profile: Profile, rng: random.Random):
        self.name = name
        self.database = database
        self.profile = profile
        self.rng = rng
        self.counter = 0

    def marker(self, what: str) -> str:
        self.counter += 1
        return f"{what} {self.name}-{self.counter}-{self.rng.randrange(10**6)} ñ"

    def pick(self, model: type, *conditions: Any) -> Any:
        with self.database.session() as session:
            rows = session.scalars(select(model).where(*conditions)).all()
        return self.rng.choice(rows) if rows else None

    def gid(self, model: type, record_id: int) -> str:
        with self.database.session() as session:
            return str(session.scalar(select(model.global_id).where(model.id == record_id)))

    def intent(
        self, kind: str, table: str, gid: str, field: str = "", value: Any = None, action: str = ""
    ) -> Intent:
        return Intent(self.name, kind, table, gid, field, value, action)

    # -- meetings -------------------------------------------------------------------------

    def meeting_field(self) -> Intent | None:
        meeting = self.pick(Meeting)
        if meeting is None:
            return None
        name = self.rng.choice(("title", "notes", "objectives"))
        value = self.marker(name)
        draft = meeting_editing.load_draft(self.database, meeting.id)
        meeting_editing.save_meeting(self.database, dataclasses.replace(draft, **{name: value}))
        return self.intent("field", "meetings", meeting.global_id, name, value, "save_meeting")

    def question_position(self) -> Intent | None:
        question = self.pick(GuidingQuestion)
        if question is None:
            return None
        value = self.marker("position")
        draft = meeting_editing.load_draft(self.database, question.meeting_id)
        questions = list(draft.questions)
        index = question.position - 1
        if index >= len(questions):
            return None
        questions[index] = dataclasses.replace(questions[index], delegation_position=value)
        meeting_editing.save_meeting(self.database, dataclasses.replace(draft, questions=questions))
        return self.intent(
            "field", "guiding_questions", question.global_id, "delegation_position", value
        )

    def meeting_delete(self) -> Intent | None:
        meeting = self.pick(Meeting)
        if meeting is None:
            return None
        meeting_editing.delete_meeting(self.database, meeting.id)
        return self.intent("delete", "meetings", meeting.global_id, action="delete_meeting")

    # -- people ---------------------------------------------------------------------------

    def person_field(self) -> Intent | None:
        person = self.pick(Person)
        if person is None:
            return None
        row = directory.get_person(self.database, person.id)
        assert row is not None
        value = self.marker("Institución")
        directory.save_person(
            self.database,
            dataclasses.replace(row.fields(), institution=value),
            person.id,
            confirm_similar=True,
            version=row.version,
        )
        return self.intent("field", "people", person.global_id, "institution", value)

    def person_create(self) -> Intent | None:
        name = self.marker("Persona")
        person_id = directory.save_person(
            self.database,
            PersonFields(full_name=name, institution="Cancillería", country_code="HN"),
            confirm_similar=True,
        )
        return self.intent("create", "people", self.gid(Person, person_id), "full_name", name)

    def person_delete(self) -> Intent | None:
        person = self.pick(Person)
        if person is None:
            return None
        directory.delete_person(self.database, person.id)  # refused when nominated
        return self.intent("delete", "people", person.global_id, action="delete_person")

    # -- delegations ----------------------------------------------------------------------

    def nominate(self) -> Intent | None:
        meeting = self.pick(Meeting)
        person = self.pick(Person, Person.country_code == "HN")
        if meeting is None or person is None:
            return None
        with self.database.session() as session:
            seats = [seat.id for seat in session.get(Meeting, meeting.id).seats]  # type: ignore[union-attr]
        seat = self.rng.choice([*seats, None]) if seats else None
        nomination_id = nominations.nominate(
            self.database, meeting.id, "HN", person.id, seat, NominationRole.DELEGATE, TODAY
        )
        gid = self.gid(Nomination, nomination_id)
        return self.intent("create", "nominations", gid)  # a person may hold several

    def withdraw(self) -> Intent | None:
        nomination = self.pick(Nomination, Nomination.status.in_(ACTIVE_NOMINATION_STATUSES))
        if nomination is None:
            return None
        nominations.withdraw(self.database, nomination.id, TODAY, nomination.row_version)
        return self.intent(
            "field", "nominations", nomination.global_id, "status", NominationStatus.WITHDRAWN.value
        )

    # -- deadlines and documents ----------------------------------------------------------

    def deadline_field(self) -> Intent | None:
        deadline = self.pick(Deadline)
        if deadline is None:
            return None
        value = self.marker("Plazo")
        draft = deadlines.load_deadline(self.database, deadline.id)
        deadlines.save_deadline(self.database, dataclasses.replace(draft, title=value))
        return self.intent("field", "deadlines", deadline.global_id, "title", value)

    def deadline_create(self) -> Intent | None:
        value = self.marker("Nuevo plazo")
        deadline_id = deadlines.save_deadline(
            self.database,
            DeadlineDraft(title=value, rule=DeadlineRule.FIXED, fixed_date=TODAY, anchor_kind=None),
        )
        return self.intent("create", "deadlines", self.gid(Deadline, deadline_id), "title", value)

    def deadline_delete(self) -> Intent | None:
        deadline = self.pick(Deadline)
        if deadline is None:
            return None
        deadlines.delete_deadline(self.database, deadline.id)
        return self.intent("delete", "deadlines", deadline.global_id)

    def document_field(self) -> Intent | None:
        document = self.pick(Document)
        if document is None:
            return None
        value = self.marker("Nota")
        draft = documents.load_document(self.database, document.id)
        documents.save_document(self.database, dataclasses.replace(draft, notes=value))
        return self.intent("field", "documents", document.global_id, "notes", value)

    def document_delete(self) -> Intent | None:
        document = self.pick(Document)
        if document is None:
            return None
        documents.delete_document(self.database, self.profile, document.id)
        return self.intent("delete", "documents", document.global_id)

    def comment_add(self) -> Intent | None:
        document = self.pick(Document)
        if document is None:
            return None
        value = self.marker("Comentario")
        comment_id = document_reviews.save_comment(
            self.database, document.id, "HN", document_reviews.CommentDraft(comment=value)
        )
        gid = self.gid(DocumentComment, comment_id)
        return self.intent("create", "document_comments", gid, "comment", value)

    def comment_delete(self) -> Intent | None:
        comment = self.pick(DocumentComment)
        if comment is None:
            return None
        document_reviews.delete_comment(self.database, comment.id)
        return self.intent("delete", "document_comments", comment.global_id)


#: Operations and how often each is drawn.
OPERATIONS = {
    "meeting_field": 4, "question_position": 2, "meeting_delete": 0.4, "person_field": 2,
    "person_create": 1, "person_delete": 0.7, "nominate": 3, "withdraw": 1,
    "deadline_field": 2, "deadline_create": 1, "deadline_delete": 0.7, "document_field": 1.5,
    "document_delete": 0.5, "comment_add": 2, "comment_delete": 0.7,
}  # fmt: skip


#: Edits and additions only: the home work bring-back replays in one batch.
EDITS = ("meeting_field", "question_position", "person_field", "person_create",
         "deadline_field", "deadline_create", "document_field", "comment_add")  # fmt: skip


def act(side: Side, only: tuple[str, ...] | None = None) -> Intent | None:
    """One random action on *side* (among *only*, if given); None when that side's rules
    refused it."""
    names = [name for name in OPERATIONS if only is None or name in only]
    name = side.rng.choices(names, weights=[OPERATIONS[n] for n in names])[0]
    try:
        return getattr(side, name)()  # type: ignore[no-any-return]
    except RcmDeskError:
        return None  # refused on this side: the user was told, nothing was written
