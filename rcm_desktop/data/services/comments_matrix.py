"""The comments matrix of a document: gathered in one read, written as CSV or PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Document
from rcm_desktop.data.services.document_reviews import comments_query
from rcm_desktop.domain.comments import CommentsMatrix, MatrixRow
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _, current_language

FORMATS = ("csv", "pdf")


def comments_matrix(
    database: Database, document_id: int, country_code: str | None, today: dt.date | None = None
) -> CommentsMatrix:
    """The matrix of one country's comments on a document (every country's when None)."""
    with database.session() as session:
        document = session.get(Document, document_id)
        if document is None:
            raise ValidationError(_("This document no longer exists; it may have been deleted."))
        query = comments_query(document_id, country_code)
        rows = tuple(
            MatrixRow(
                number,
                row.section or "",
                row.comment,
                row.proposed_wording or "",
                row.country_code,
            )
            for number, row in enumerate(session.scalars(query), start=1)
        )
        return CommentsMatrix(
            title=document.title,
            version=document.version or "",
            country_code=country_code,
            date=today or dt.date.today(),
            rows=rows,
        )


def export_comments_matrix(
    database: Database,
    document_id: int,
    country_code: str | None,
    kind: str,
    path: Path,
    language: str | None = None,
) -> Path:
    """Gather and write the matrix as "csv" or "pdf" in *language*; returns the file written."""
    if kind not in FORMATS:
        raise ValidationError(
            _("Unknown format “%(format)s”; choose csv or pdf.") % {"format": kind}, field="format"
        )
    language = language or current_language()
    matrix = comments_matrix(database, document_id, country_code)
    if kind == "csv":
        from rcm_desktop.exchange.comments_csv import write_csv

        return write_csv(matrix, path, language)
    from rcm_desktop.printing.comments_matrix import write_pdf

    return write_pdf(matrix, path, language)
