"""What the pages and the pack list about documents: the documents × countries matrix, the
documents of a meeting, the receipts a deadline can count from. (What awaits the country's
action is in `document_actions`.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Document, DocumentReview
from rcm_desktop.data.services.document_actions import DocumentDeadline, document_deadlines
from rcm_desktop.domain.vocabulary import DocumentKind, DocumentPurpose, ReviewStage, label
from rcm_desktop.i18n import _


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
    purpose: DocumentPurpose = DocumentPurpose.COMMENTS
    #: Its open deadlines, soonest first.
    deadlines: tuple[DocumentDeadline, ...] = ()

    @property
    def due_dates(self) -> tuple[dt.date, ...]:
        """The due dates of its open deadlines, soonest first."""
        return tuple(entry.due for entry in self.deadlines)


@dataclass(frozen=True)
class ApprovalMatrix:
    """Documents × countries: each cell the country's stage, or None when it has no review."""

    countries: tuple[str, ...]
    rows: list[tuple[int, str, str | None, dict[str, ReviewStage | None]]] = field(
        default_factory=list
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
        deadlines = document_deadlines(
            session, country_code, [document.id for document, _r in rows]
        )
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
                purpose=document.purpose,
                deadlines=tuple(deadlines.get(document.id, ())),
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
