"""Documents circulated for comments and approval: their details, file versions and listings.

A document's files are copied into the profile under their SHA-256 (attachments/documents/…);
a new version never replaces an old one. Each country's review of a document, with its
consultations and comments, lives in `document_reviews`; this module lists documents with the
profile country's stage, what still awaits approval, and a documents × countries matrix.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import (
    Deadline,
    Document,
    DocumentFile,
    DocumentReview,
    Meeting,
)
from rcm_desktop.data.services.attachments import MAX_ATTACHMENT_BYTES, _copy_with_digest
from rcm_desktop.data.services.deadlines import recompute_in
from rcm_desktop.data.versioning import locked, refuse_if_changed
from rcm_desktop.domain.document_workflow import FINAL_STAGES, start
from rcm_desktop.domain.text import fold
from rcm_desktop.domain.vocabulary import DocumentKind, ReviewStage, label
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile

#: Stages at which the country has yet to give its approval.
OPEN_STAGES = tuple(stage for stage in ReviewStage if stage not in FINAL_STAGES)


@dataclass
class DocumentDraft:
    title: str
    kind: DocumentKind = DocumentKind.OTHER
    version: str = ""
    meeting_id: int | None = None
    notes: str = ""
    id: int | None = None
    #: The stored record's version when loaded (`version` above is the sender's name for it).
    row_version: int | None = None


@dataclass(frozen=True)
class DocumentFileInfo:
    id: int
    version: str | None
    file_name: str
    sha256: str
    size_bytes: int
    media_type: str
    added_at: dt.datetime
    stored_path: Path


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
    next_due: dt.date | None
    files: int


@dataclass(frozen=True)
class AwaitingRow:
    """A document the country still has to approve, with the related deadline's due date."""

    document_id: int
    title: str
    version: str | None
    stage: ReviewStage
    due: dt.date | None


@dataclass(frozen=True)
class MeetingDocument:
    """A document that came from a meeting, as the briefing pack shows it."""

    id: int
    title: str
    kind: DocumentKind
    kind_label: str
    version: str | None
    stage: ReviewStage | None
    stage_label: str
    received_on: dt.date | None
    comments_sent_on: dt.date | None
    approval_submitted_on: dt.date | None
    decided_on: dt.date | None
    due_dates: tuple[dt.date, ...]


@dataclass(frozen=True)
class ApprovalMatrix:
    """Documents × countries: each cell the country's stage, or None when it has no review."""

    countries: tuple[str, ...]
    rows: list[tuple[int, str, str | None, dict[str, ReviewStage | None]]] = field(
        default_factory=list
    )


def document_file_path(profile: Profile, sha256: str, file_name: str) -> Path:
    """Where a document file's copy lives: attachments/documents/ab/<sha256>/<name>."""
    return profile.attachments_dir / "documents" / sha256[:2] / sha256 / file_name


def _check(draft: DocumentDraft) -> None:
    if not draft.title.strip():
        raise ValidationError(
            _(
                "The document needs a title, e.g. “Regional Strategy to Address Irregular Migration”."
            ),
            field="title",
        )
    if len(draft.title.strip()) > 500:
        raise ValidationError(
            _("The title is longer than 500 characters; shorten it."), field="title"
        )
    if len(draft.version.strip()) > 100:
        raise ValidationError(
            _("The version is longer than 100 characters; write e.g. “draft” or “v2”."),
            field="version",
        )


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
    _check(draft)
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


def _file_info(profile: Profile, row: DocumentFile) -> DocumentFileInfo:
    return DocumentFileInfo(
        row.id,
        row.version,
        row.file_name,
        row.sha256,
        row.size_bytes,
        row.media_type,
        row.added_at,
        document_file_path(profile, row.sha256, row.file_name),
    )


def add_document_file(
    database: Database, profile: Profile, document_id: int, source: Path, version: str = ""
) -> DocumentFileInfo:
    """Copy a new version of the document's file into the profile; earlier versions are kept.

    The version given (or the file's name) becomes the document's current version.
    """
    name = source.name
    if not source.is_file():
        raise ValidationError(_("“%(name)s” cannot be added: it is not a file.") % {"name": name})
    if source.stat().st_size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("“%(name)s” cannot be added: it is larger than %(limit)d MB.")
            % {"name": name, "limit": MAX_ATTACHMENT_BYTES // (1024 * 1024)}
        )
    folder = profile.attachments_dir / "documents"
    try:
        temporary, sha256, size = _copy_with_digest(source, folder)
    except OSError as error:
        raise ValidationError(
            _("“%(name)s” cannot be added: it cannot be read (%(reason)s).")
            % {"name": name, "reason": error.strerror or error}
        ) from error
    target = document_file_path(profile, sha256, name)
    existed = target.exists()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, target)
        with database.session() as session:
            document = session.get(Document, document_id)
            if document is None:
                raise ValidationError(
                    _("This document no longer exists; it may have been deleted.")
                )
            existing = session.scalar(
                select(DocumentFile).where(
                    DocumentFile.document_id == document_id, DocumentFile.sha256 == sha256
                )
            )
            if existing is not None:
                raise ValidationError(
                    _("This file is already a version of the document (“%(version)s”, %(name)s).")
                    % {"version": existing.version or "—", "name": existing.file_name}
                )
            row = DocumentFile(
                document_id=document_id,
                version=version.strip() or None,
                file_name=name,
                sha256=sha256,
                size_bytes=size,
                media_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
            )
            session.add(row)
            if version.strip():
                document.version = version.strip()
            session.flush()
            return _file_info(profile, row)
    except BaseException:
        if not existed:  # refused or failed: leave no copy behind that no version records
            _remove_copy(target)
        raise
    finally:
        Path(temporary).unlink(missing_ok=True)


def _remove_copy(target: Path) -> None:
    """Remove a file copy and the folders it leaves empty (attachments/documents/ab/<sha256>)."""
    try:
        target.unlink(missing_ok=True)
        target.parent.rmdir()
        target.parent.parent.rmdir()
    except OSError:
        pass  # a folder still holds another copy, or the file cannot be removed: keep it


def list_document_files(
    database: Database, profile: Profile, document_id: int
) -> list[DocumentFileInfo]:
    """Every version of the document's file, newest first."""
    with database.session() as session:
        rows = session.scalars(
            select(DocumentFile)
            .where(DocumentFile.document_id == document_id)
            .order_by(DocumentFile.id.desc())
        )
        return [_file_info(profile, row) for row in rows]


def openable_file(database: Database, profile: Profile, file_id: int) -> Path:
    """The copy of a file version, to open with the system viewer; says so when it is missing."""
    with database.session() as session:
        row = session.get(DocumentFile, file_id)
        if row is None:
            raise ValidationError(_("This version no longer exists; it may have been deleted."))
        path = document_file_path(profile, row.sha256, row.file_name)
    if not path.is_file():
        raise ValidationError(
            _(
                "The copy of “%(name)s” is missing from the profile folder (%(path)s). "
                "Add the file again as a new version."
            )
            % {"name": path.name, "path": path.parent}
        )
    return path


def _next_due(session: Session, review_ids: list[int]) -> dict[int, dt.date]:
    """The earliest open deadline counted from each review's receipt."""
    if not review_ids:
        return {}
    found: dict[int, dt.date] = {}
    for chunk_start in range(0, len(review_ids), 900):
        chunk = review_ids[chunk_start : chunk_start + 900]
        rows = session.execute(
            select(Deadline.anchor_document_review_id, func.min(Deadline.due_date))
            .where(
                Deadline.anchor_document_review_id.in_(chunk),
                Deadline.done_on.is_(None),
                Deadline.due_date.is_not(None),
            )
            .group_by(Deadline.anchor_document_review_id)
        )
        found.update({review_id: due for review_id, due in rows})
    return found


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
        due = _next_due(session, [row[2] for row in rows if row[2] is not None])
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
                next_due=due.get(review_id) if review_id else None,
                files=file_count or 0,
            )
            for document, meeting_title, review_id, stage, file_count in rows
        ]


def awaiting_approval(
    database: Database, country_code: str, limit: int | None = None
) -> list[AwaitingRow]:
    """Documents the country still has to approve: soonest related due date first, then newest.

    Sorted and cut in SQL, so the dashboard's first lines cost the same with 5,000 documents.
    """
    due = (
        select(
            Deadline.anchor_document_review_id.label("review_id"),
            func.min(Deadline.due_date).label("due"),
        )
        .where(Deadline.done_on.is_(None), Deadline.anchor_document_review_id.is_not(None))
        .group_by(Deadline.anchor_document_review_id)
        .subquery()
    )
    query = (
        select(Document.id, Document.title, Document.version, DocumentReview.stage, due.c.due)
        .join(DocumentReview, DocumentReview.document_id == Document.id)
        .outerjoin(due, due.c.review_id == DocumentReview.id)
        .where(DocumentReview.country_code == country_code, DocumentReview.stage.in_(OPEN_STAGES))
        .order_by(due.c.due.is_(None), due.c.due, Document.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    with database.session() as session:
        return [
            AwaitingRow(document_id, title, version, stage, due_date)
            for document_id, title, version, stage, due_date in session.execute(query)
        ]


def awaiting_count(database: Database, country_code: str | None) -> int:
    """How many documents await the country's approval (for the navigation's count)."""
    if not country_code:
        return 0
    with database.session() as session:
        return (
            session.scalar(
                select(func.count()).where(
                    DocumentReview.country_code == country_code,
                    DocumentReview.stage.in_(OPEN_STAGES),
                )
            )
            or 0
        )


def approval_matrix(database: Database, countries: list[str] | None = None) -> ApprovalMatrix:
    """Documents × countries; by default every country with a review recorded, in code order."""
    with database.session() as session:
        reviews = session.execute(
            select(DocumentReview.document_id, DocumentReview.country_code, DocumentReview.stage)
        ).all()
        chosen = tuple(countries or sorted({country for _id, country, _stage in reviews}))
        cells: dict[int, dict[str, ReviewStage | None]] = {}
        for document_id, country, stage in reviews:
            if country in chosen:
                cells.setdefault(document_id, {})[country] = stage
        documents = session.execute(
            select(Document.id, Document.title, Document.version).order_by(Document.title)
        ).all()
    return ApprovalMatrix(
        chosen,
        [
            (
                document_id,
                title,
                version,
                {country: cells.get(document_id, {}).get(country) for country in chosen},
            )
            for document_id, title, version in documents
        ],
    )


def documents_for_meeting(
    database: Database, meeting_id: int, country_code: str | None
) -> list[MeetingDocument]:
    """The documents that came from a meeting, with the country's stage, days and due dates."""
    with database.session() as session:
        rows = session.execute(
            select(Document, DocumentReview)
            .outerjoin(
                DocumentReview,
                (DocumentReview.document_id == Document.id)
                & (DocumentReview.country_code == (country_code or "")),
            )
            .where(Document.meeting_id == meeting_id)
            .order_by(Document.title, Document.id)
        ).all()
        review_ids = [review.id for _document, review in rows if review is not None]
        dues: dict[int, list[dt.date]] = {}
        if review_ids:
            for review_id, due in session.execute(
                select(Deadline.anchor_document_review_id, Deadline.due_date)
                .where(
                    Deadline.anchor_document_review_id.in_(review_ids),
                    Deadline.due_date.is_not(None),
                )
                .order_by(Deadline.due_date)
            ):
                dues.setdefault(review_id, []).append(due)
        return [
            MeetingDocument(
                id=document.id,
                title=document.title,
                kind=document.kind,
                kind_label=label(document.kind),
                version=document.version,
                stage=review.stage if review else None,
                stage_label=label(review.stage) if review else _("Not received"),
                received_on=review.received_on if review else None,
                comments_sent_on=review.comments_sent_on if review else None,
                approval_submitted_on=review.approval_submitted_on if review else None,
                decided_on=review.decided_on if review else None,
                due_dates=tuple(dues.get(review.id, ())) if review else (),
            )
            for document, review in rows
        ]


def review_choices(database: Database, country_code: str | None) -> list[tuple[int, str]]:
    """Reviews a deadline can be counted from: (review id, "title (version) — country")."""
    from rcm_desktop.i18n import country_name, format_date

    with database.session() as session:
        query = (
            select(DocumentReview.id, Document.title, Document.version, DocumentReview.country_code,
                   DocumentReview.received_on)
            .join(Document, Document.id == DocumentReview.document_id)
            .order_by(Document.title, DocumentReview.country_code)
        )  # fmt: skip
        if country_code:
            query = query.where(DocumentReview.country_code == country_code)
        choices = []
        for review_id, title, version, country, received in session.execute(query):
            text = f"{title} ({version})" if version else title
            text = _("%(document)s — received by %(country)s on %(day)s") % {
                "document": text,
                "country": country_name(country),
                "day": format_date(received) if received else "—",
            }
            choices.append((review_id, text))
        return choices
