"""What the Documents tab shows of one document, read in one unit of work: the country's review
with its consultations, the file versions, the delegation's comments, and (where the profile
records several countries) each country's stage."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import DocumentReview
from rcm_desktop.data.services.document_files import DocumentFileInfo, list_document_files
from rcm_desktop.data.services.document_reviews import (
    CommentRow,
    ReviewInfo,
    get_review,
    list_comments,
)
from rcm_desktop.domain.vocabulary import ReviewStage
from rcm_desktop.paths import Profile


@dataclass(frozen=True)
class DocumentPage:
    document_id: int
    review: ReviewInfo | None
    files: list[DocumentFileInfo]
    comments: list[CommentRow]
    #: Each recorded country's stage for this document, when the profile records several.
    approvals: dict[str, ReviewStage | None]


def document_page(
    database: Database, profile: Profile, document_id: int, country: str | None
) -> DocumentPage:
    """The document's review by *country*, its versions, comments and every country's stage."""
    with database.session() as session:
        review = get_review(database, document_id, country) if country else None
        files = list_document_files(database, profile, document_id)
        comments = list_comments(database, document_id, country) if country else []
        countries = sorted(session.scalars(select(DocumentReview.country_code).distinct()))
        approvals: dict[str, ReviewStage | None] = {}
        if len(countries) > 1:
            stages = dict(
                session.execute(
                    select(DocumentReview.country_code, DocumentReview.stage).where(
                        DocumentReview.document_id == document_id
                    )
                ).all()
            )
            approvals = {code: stages.get(code) for code in countries}
    return DocumentPage(document_id, review, files, comments, approvals)
