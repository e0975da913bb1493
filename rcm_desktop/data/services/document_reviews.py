"""A country's review of a document: its stage and days, consultations and comments.

Stage changes follow `rcm_desktop.domain.document_workflow`; each user action is one transaction, and a
refused change writes nothing. Changing the day a document was received recomputes the
deadlines counted from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import replace as replace_fields

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Document, DocumentComment, DocumentReview, ReviewConsultation
from rcm_desktop.data.versioning import locked, refuse_if_changed
from rcm_desktop.domain import document_workflow as workflow
from rcm_desktop.domain.vocabulary import ReviewStage
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _, country_name


@dataclass(frozen=True)
class ConsultationInfo:
    id: int
    institution: str
    due_on: dt.date | None
    answered_on: dt.date | None
    notes: str
    version: int | None = None


@dataclass(frozen=True)
class ReviewInfo:
    id: int
    document_id: int
    country_code: str
    stage: ReviewStage
    received_on: dt.date | None
    review_started_on: dt.date | None
    comments_sent_on: dt.date | None
    approval_submitted_on: dt.date | None
    decided_on: dt.date | None
    notes: str
    consultations: tuple[ConsultationInfo, ...]
    allowed_next: tuple[ReviewStage, ...]
    can_step_back: bool
    #: The stored review's version when read (every change to it carries it).
    version: int | None = None


@dataclass
class ConsultationDraft:
    institution: str
    due_on: dt.date | None = None
    answered_on: dt.date | None = None
    notes: str = ""
    id: int | None = None
    version: int | None = None  # the stored record's version when loaded


@dataclass
class CommentDraft:
    comment: str
    section: str = ""
    proposed_wording: str = ""
    id: int | None = None
    version: int | None = None  # the stored record's version when loaded


@dataclass(frozen=True)
class CommentRow:
    id: int
    position: int
    country_code: str
    section: str
    comment: str
    proposed_wording: str
    version: int | None = None


def _gone() -> ValidationError:
    return ValidationError(_("This review no longer exists; the document may have been deleted."))


def _state(review: DocumentReview) -> workflow.ReviewState:
    return workflow.ReviewState(
        review.stage,
        review.received_on or dt.date.min,
        review.review_started_on,
        review.comments_sent_on,
        review.approval_submitted_on,
        review.decided_on,
    )


def _store(review: DocumentReview, state: workflow.ReviewState) -> None:
    review.stage = state.stage
    review.received_on = state.received_on
    review.review_started_on = state.review_started_on
    review.comments_sent_on = state.comments_sent_on
    review.approval_submitted_on = state.approval_submitted_on
    review.decided_on = state.decided_on


def _info(review: DocumentReview) -> ReviewInfo:
    state = _state(review)
    return ReviewInfo(
        id=review.id,
        document_id=review.document_id,
        country_code=review.country_code,
        stage=review.stage,
        received_on=review.received_on,
        review_started_on=review.review_started_on,
        comments_sent_on=review.comments_sent_on,
        approval_submitted_on=review.approval_submitted_on,
        decided_on=review.decided_on,
        notes=review.notes or "",
        consultations=tuple(
            ConsultationInfo(
                row.id,
                row.institution,
                row.due_on,
                row.answered_on,
                row.notes or "",
                row.row_version,
            )
            for row in review.consultations
        ),
        allowed_next=workflow.allowed_next(state),
        can_step_back=len(state.steps()) > 1,
        version=review.row_version,
    )


def get_review(database: Database, document_id: int, country_code: str) -> ReviewInfo | None:
    """The country's review of the document, or None before it records the receipt."""
    with database.session() as session:
        review = session.scalar(
            select(DocumentReview).where(
                DocumentReview.document_id == document_id,
                DocumentReview.country_code == country_code,
            )
        )
        return _info(review) if review is not None else None


def start_review(
    database: Database,
    document_id: int,
    country_code: str,
    received_on: dt.date | None,
    today: dt.date | None = None,
) -> ReviewInfo:
    """Record that the country received the document on *received_on*."""
    state = workflow.start(received_on, today or dt.date.today())
    with database.session() as session:
        if session.get(Document, document_id) is None:
            raise ValidationError(_("This document no longer exists; it may have been deleted."))
        exists = session.scalar(
            select(DocumentReview.id).where(
                DocumentReview.document_id == document_id,
                DocumentReview.country_code == country_code,
            )
        )
        if exists is not None:
            raise ValidationError(
                _("The receipt by %(country)s is already recorded; change its day instead.")
                % {"country": country_name(country_code)}
            )
        review = DocumentReview(document_id=document_id, country_code=country_code)
        _store(review, state)
        session.add(review)
        session.flush()
        return _info(review)


def _review(
    session: Session, review_id: int, version: int | None = None, **yours: object
) -> DocumentReview:
    """The review, locked; ConflictError when it changed since *version* (read by the form).

    *yours* are the changes about to be made, shown beside the stored review in a conflict.
    """
    review = locked(session, DocumentReview, review_id) if version is not None else None
    if review is None:
        review = session.get(DocumentReview, review_id)
    if review is None:
        raise _gone()
    if version is not None:
        stored = _info(review)
        refuse_if_changed(
            review, version, "review", lambda: stored, replace_fields(stored, **yours)
        )
    return review


def advance_review(
    database: Database,
    review_id: int,
    to: ReviewStage,
    on: dt.date | None,
    today: dt.date | None = None,
    *,
    version: int | None = None,
    notes: str | None = None,
) -> ReviewInfo:
    """Move the review to stage *to* on day *on*, as the workflow allows (and its notes, when
    given); ConflictError when the review changed since *version*."""
    with database.session() as session:
        yours: dict[str, object] = {"stage": to}
        if notes is not None:
            yours["notes"] = notes.strip()
        review = _review(session, review_id, version, **yours)
        _store(review, workflow.advance(_state(review), to, on, today or dt.date.today()))
        if notes is not None:
            review.notes = notes.strip() or None
        session.flush()
        return _info(review)


def step_back_review(database: Database, review_id: int, version: int | None = None) -> ReviewInfo:
    """Undo the review's last step; ConflictError when the review changed since *version*."""
    with database.session() as session:
        review = _review(session, review_id, version)
        _store(review, workflow.step_back(_state(review)))
        session.flush()
        return _info(review)


def change_received_on(
    database: Database,
    review_id: int,
    on: dt.date | None,
    today: dt.date | None = None,
    *,
    version: int | None = None,
) -> int:
    """Correct the day the document was received and recompute the deadlines counted from it.

    Returns how many due dates moved; ConflictError when the review changed since *version*.
    """
    from rcm_desktop.data.services.due_dates import recompute_in

    with database.session() as session:
        review = _review(session, review_id, version, received_on=on)
        _store(review, workflow.change_received(_state(review), on, today or dt.date.today()))
        session.flush()
        return recompute_in(session, review_id=review_id)


def set_review_notes(
    database: Database, review_id: int, notes: str, version: int | None = None
) -> None:
    """Keep the review's notes; ConflictError when the review changed since *version*."""
    with database.session() as session:
        _review(session, review_id, version, notes=notes.strip()).notes = notes.strip() or None


def save_consultation(
    database: Database, review_id: int, draft: ConsultationDraft, today: dt.date | None = None
) -> int:
    """Add or update an institution consulted during the internal review; returns its id."""
    with database.session() as session:
        review = _review(session, review_id)
        name = workflow.check_consultation(
            draft.institution, draft.due_on, draft.answered_on, review.received_on,
            today or dt.date.today(),
        )  # fmt: skip
        row = locked(session, ReviewConsultation, draft.id) if draft.id else ReviewConsultation()
        if row is None or (draft.id and row.review_id != review_id):
            raise ValidationError(
                _("This consultation no longer exists; it may have been deleted.")
            )
        if draft.id:
            stored = row
            refuse_if_changed(
                row,
                draft.version,
                "consultation",
                lambda: ConsultationDraft(
                    stored.institution, stored.due_on, stored.answered_on, stored.notes or "",
                    stored.id, stored.row_version,
                ),
                draft,
            )  # fmt: skip
        row.review_id = review_id
        row.institution = name
        row.due_on = draft.due_on
        row.answered_on = draft.answered_on
        row.notes = draft.notes.strip() or None
        session.add(row)
        session.flush()
        return row.id


def delete_consultation(database: Database, consultation_id: int) -> None:
    with database.session() as session:
        row = session.get(ReviewConsultation, consultation_id)
        if row is not None:
            session.delete(row)


def comments_query(document_id: int, country_code: str | None) -> Select[tuple[DocumentComment]]:
    """The comments on a document (one country's, or every country's), in their order."""
    query = (
        select(DocumentComment)
        .where(DocumentComment.document_id == document_id)
        .order_by(DocumentComment.country_code, DocumentComment.position)
    )
    if country_code:
        query = query.where(DocumentComment.country_code == country_code)
    return query


def list_comments(
    database: Database, document_id: int, country_code: str | None = None
) -> list[CommentRow]:
    """The comments on a document (one country's, or every country's), in order."""
    with database.session() as session:
        query = comments_query(document_id, country_code)
        return [
            CommentRow(
                row.id, row.position, row.country_code, row.section or "", row.comment,
                row.proposed_wording or "", row.row_version,
            )
            for row in session.scalars(query)
        ]  # fmt: skip


def save_comment(
    database: Database, document_id: int, country_code: str, draft: CommentDraft
) -> int:
    """Add a comment at the end of the country's list, or update one; returns its id."""
    if not draft.comment.strip():
        raise ValidationError(
            _("Write the comment itself; the section and the proposed wording are optional."),
            field="comment",
        )
    if len(draft.section.strip()) > 300:
        raise ValidationError(
            _("The section is longer than 300 characters; write e.g. “§ 12” or “Phase II”."),
            field="section",
        )
    with database.session() as session:
        if session.get(Document, document_id) is None:
            raise ValidationError(_("This document no longer exists; it may have been deleted."))
        if draft.id:
            row = locked(session, DocumentComment, draft.id)
            if row is None:
                raise ValidationError(_("This comment no longer exists; it may have been deleted."))
            stored = row
            refuse_if_changed(
                row,
                draft.version,
                "comment",
                lambda: CommentDraft(
                    stored.comment, stored.section or "", stored.proposed_wording or "",
                    stored.id, stored.row_version,
                ),
                draft,
            )  # fmt: skip
        else:
            last = session.scalar(
                select(func.max(DocumentComment.position)).where(
                    DocumentComment.document_id == document_id,
                    DocumentComment.country_code == country_code,
                )
            )
            row = DocumentComment(
                document_id=document_id, country_code=country_code, position=(last or 0) + 1
            )
            session.add(row)
        row.section = draft.section.strip() or None
        row.comment = draft.comment.strip()
        row.proposed_wording = draft.proposed_wording.strip() or None
        session.flush()
        return row.id


def _siblings(session: Session, row: DocumentComment) -> list[DocumentComment]:
    return list(
        session.scalars(
            select(DocumentComment)
            .where(
                DocumentComment.document_id == row.document_id,
                DocumentComment.country_code == row.country_code,
            )
            .order_by(DocumentComment.position)
        )
    )


def _renumber(session: Session, rows: list[DocumentComment]) -> None:
    """Positions 1…n in the given order (through negative ones, so the unique key never clashes)."""
    for number, row in enumerate(rows, start=1):
        row.position = -number
    session.flush()
    for row in rows:
        row.position = -row.position
    session.flush()


def move_comment(database: Database, comment_id: int, offset: int) -> None:
    """Move a comment up (-1) or down (+1) in its country's list."""
    with database.session() as session:
        row = session.get(DocumentComment, comment_id)
        if row is None:
            return
        rows = _siblings(session, row)
        index = rows.index(row)
        target = max(0, min(len(rows) - 1, index + offset))
        rows.insert(target, rows.pop(index))
        _renumber(session, rows)


def delete_comment(database: Database, comment_id: int) -> None:
    """Delete a comment; the ones after it move up."""
    with database.session() as session:
        row = session.get(DocumentComment, comment_id)
        if row is None:
            return
        rows = [other for other in _siblings(session, row) if other is not row]
        session.delete(row)
        session.flush()
        _renumber(session, rows)
