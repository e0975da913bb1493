"""What the pages and the pack list about documents: what awaits the country's approval, the
documents × countries matrix, the documents of a meeting, the receipts a deadline can count from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Deadline, Document, DocumentReview
from rcm_desktop.domain.document_workflow import FINAL_STAGES
from rcm_desktop.domain.vocabulary import DocumentKind, ReviewStage, label
from rcm_desktop.i18n import _

#: Stages at which the country has yet to give its approval.
OPEN_STAGES = tuple(stage for stage in ReviewStage if stage not in FINAL_STAGES)


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
