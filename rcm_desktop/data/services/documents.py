"""Documents circulated for comments and approval: saving, deleting and listing them.

Each country's review of a document, with its consultations and comments, lives in
`document_reviews`; its file versions in `document_files`; what awaits approval and the
documents × countries matrix in `document_lists`.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass

from sqlalchemy import func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Deadline, Document, DocumentFile, DocumentReview, Meeting
from rcm_desktop.data.services.document_actions import DocumentDeadline, document_deadlines
from rcm_desktop.data.services.document_files import document_file_path
from rcm_desktop.data.services.due_dates import recompute_in
from rcm_desktop.data.versioning import locked, refuse_if_changed
from rcm_desktop.domain.document_workflow import awaits_action, start
from rcm_desktop.domain.documents import DocumentDraft, check_document
from rcm_desktop.domain.text import fold
from rcm_desktop.domain.vocabulary import DocumentKind, DocumentPurpose, ReviewStage
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile


@dataclass(frozen=True)
class DocumentRow:
    """A line of the documents list, with the profile country's stage."""

    id: int
    title: str
    kind: DocumentKind
    version: str | None
    meeting_id: int | None
    meeting_title: str
    stage: ReviewStage | None
    review_id: int | None
    files: int
    purpose: DocumentPurpose = DocumentPurpose.COMMENTS
    #: Its open deadlines, soonest first (linked to it, or counted from the receipt).
    deadlines: tuple[DocumentDeadline, ...] = ()

    @property
    def next_due(self) -> dt.date | None:
        """The due date of its soonest open deadline."""
        return self.deadlines[0].due if self.deadlines else None

    @property
    def awaits_action(self) -> bool:
        """True while the country still owes what the document was sent for."""
        return awaits_action(self.purpose, self.stage)


def save_document(
    database: Database,
    draft: DocumentDraft,
    *,
    country_code: str | None = None,
    received_on: dt.date | None = None,
    today: dt.date | None = None,
) -> int:
    """Create or update a document; a new one with *received_on* starts *country_code*'s review.

    One transaction: a refused receipt day leaves no document behind. Raises ConflictError
    and writes nothing when someone saved the document since `draft.row_version`.
    """
    check_document(draft)
    today = today or dt.date.today()
    with database.session() as session:
        document = locked(session, Document, draft.id) if draft.id else Document()
        if document is None:
            raise ValidationError(_("This document no longer exists; it may have been deleted."))
        if draft.id:
            stored = document
            refuse_if_changed(
                document, draft.row_version, "document", lambda: _draft_of(stored), draft
            )
        if draft.meeting_id is not None and session.get(Meeting, draft.meeting_id) is None:
            raise ValidationError(_("The chosen meeting no longer exists."), field="meeting")
        document.title = draft.title.strip()
        document.kind = draft.kind
        document.purpose = draft.purpose
        document.version = draft.version.strip() or None
        document.meeting_id = draft.meeting_id
        document.notes = draft.notes.strip() or None
        session.add(document)
        session.flush()
        if draft.id is None and country_code and received_on is not None:
            state = start(received_on, today)  # refuses a future day: the document goes too
            session.add(
                DocumentReview(
                    document_id=document.id,
                    country_code=country_code,
                    stage=state.stage,
                    received_on=state.received_on,
                )
            )
            session.flush()
        return document.id


def load_document(database: Database, document_id: int) -> DocumentDraft:
    """A document as an editable draft."""
    with database.session() as session:
        document = session.get(Document, document_id)
        if document is None:
            raise ValidationError(_("This document no longer exists; it may have been deleted."))
        return _draft_of(document)


def _draft_of(document: Document) -> DocumentDraft:
    return DocumentDraft(
        id=document.id,
        title=document.title,
        kind=document.kind,
        purpose=document.purpose,
        version=document.version or "",
        meeting_id=document.meeting_id,
        notes=document.notes or "",
        row_version=document.row_version,
    )


def delete_document(database: Database, profile: Profile, document_id: int) -> None:
    """Delete a document with its reviews and comments; file copies no other document uses go too."""
    with database.session() as session:
        document = session.get(Document, document_id)
        if document is None:
            return
        files = [(row.sha256, row.file_name) for row in document.files]
        anchored = list(
            session.scalars(
                select(Deadline.id)
                .join(DocumentReview, DocumentReview.id == Deadline.anchor_document_review_id)
                .where(DocumentReview.document_id == document_id)
            )
        )
        session.delete(document)
        session.flush()
        # Their anchor is gone (set to NULL): no date to count from, so no due date.
        recompute_in(session, deadline_ids=anchored)
        used = set(
            session.scalars(
                select(DocumentFile.sha256).where(DocumentFile.sha256.in_([s for s, _ in files]))
            )
        )
    for sha256, name in files:
        if sha256 not in used:
            shutil.rmtree(document_file_path(profile, sha256, name).parent, ignore_errors=True)


def list_documents(
    database: Database,
    country_code: str | None,
    *,
    search: str = "",
    kind: DocumentKind | None = None,
    meeting_id: int | None = None,
) -> list[DocumentRow]:
    """Documents, newest first, with *country_code*'s stage and its next due date."""
    with database.session() as session:
        files = (
            select(DocumentFile.document_id, func.count().label("n"))
            .group_by(DocumentFile.document_id)
            .subquery()
        )
        query = (
            select(Document, Meeting.title, DocumentReview.id, DocumentReview.stage, files.c.n)
            .outerjoin(Meeting, Meeting.id == Document.meeting_id)
            .outerjoin(
                DocumentReview,
                (DocumentReview.document_id == Document.id)
                & (DocumentReview.country_code == (country_code or "")),
            )
            .outerjoin(files, files.c.document_id == Document.id)
            .order_by(Document.id.desc())
        )
        if kind is not None:
            query = query.where(Document.kind == kind)
        if meeting_id is not None:
            query = query.where(Document.meeting_id == meeting_id)
        rows = []
        needle = fold(search.strip())
        for document, meeting_title, review_id, stage, file_count in session.execute(query):
            if needle and needle not in fold(
                " ".join((document.title, document.version or "", meeting_title or ""))
            ):
                continue
            rows.append((document, meeting_title, review_id, stage, file_count))
        deadlines = document_deadlines(session, country_code, [row[0].id for row in rows])
        return [
            DocumentRow(
                id=document.id,
                title=document.title,
                kind=document.kind,
                version=document.version,
                meeting_id=document.meeting_id,
                meeting_title=meeting_title or "",
                stage=stage,
                review_id=review_id,
                files=file_count or 0,
                purpose=document.purpose,
                deadlines=tuple(deadlines.get(document.id, ())),
            )
            for document, meeting_title, review_id, stage, file_count in rows
        ]
