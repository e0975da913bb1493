"""The comments matrix a delegation sends back on a document: CSV (for Excel) and PDF (landscape).

`comments_matrix(database, document_id, country)` gathers the data; `write_csv` and `write_pdf`
are pure writers over it. Both write to a temporary file and rename it, so a failure never
leaves half a file. No Qt here.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rcm_desktop.errors import StorageError, ValidationError
from rcm_desktop.i18n import _, country_name, format_date

if TYPE_CHECKING:
    from rcm_desktop.data.db import Database


@dataclass(frozen=True)
class MatrixRow:
    number: int
    section: str
    comment: str
    proposed_wording: str
    country: str  # the country's name


@dataclass(frozen=True)
class CommentsMatrix:
    title: str
    version: str
    country: str  # the country's name ("" when the matrix gathers every country)
    date: dt.date
    rows: tuple[MatrixRow, ...]


def headers() -> list[str]:
    return [_("#"), _("Section or paragraph"), _("Comment"), _("Proposed wording"), _("Country")]


def comments_matrix(
    database: Database, document_id: int, country_code: str | None, today: dt.date | None = None
) -> CommentsMatrix:
    """The matrix of one country's comments on a document (every country's when None)."""
    from rcm_desktop.data.services.document_reviews import list_comments
    from rcm_desktop.data.services.documents import load_document

    document = load_document(database, document_id)
    rows = list_comments(database, document_id, country_code)
    return CommentsMatrix(
        title=document.title,
        version=document.version,
        country=country_name(country_code) if country_code else "",
        date=today or dt.date.today(),
        rows=tuple(
            MatrixRow(
                number, row.section, row.comment, row.proposed_wording,
                country_name(row.country_code),
            )
            for number, row in enumerate(rows, start=1)
        ),
    )  # fmt: skip


def _temporary_beside(path: Path) -> Path:
    if not path.parent.is_dir():
        raise StorageError(
            _("The folder %(folder)s does not exist. Choose another place to save the file.")
            % {"folder": path.parent}
        )
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    return Path(name)


def write_csv(matrix: CommentsMatrix, path: Path) -> Path:
    """UTF-8 with a byte-order mark, so that Excel shows accents right; returns the path."""
    path = Path(path)
    try:
        temporary = _temporary_beside(path)
        try:
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(headers())
                for row in matrix.rows:
                    writer.writerow(
                        [row.number, row.section, row.comment, row.proposed_wording, row.country]
                    )
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as error:
        raise StorageError(
            _("The file could not be written to %(path)s (%(reason)s). Choose another folder.")
            % {"path": path, "reason": error.strerror or error}
        ) from error
    return path


def _story(matrix: CommentsMatrix) -> list[Any]:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table

    from rcm_desktop.printing.pdf.document import MARGIN
    from rcm_desktop.printing.pdf.markup import bold, text
    from rcm_desktop.printing.pdf.styles import stylesheet, table_style

    styles = stylesheet(9.5)
    heading = _("Comments matrix: %(title)s") % {"title": matrix.title}
    facts = [
        _("Version: %(version)s") % {"version": matrix.version or "—"},
        _("Country: %(country)s") % {"country": matrix.country or _("all countries")},
        _("Date: %(date)s") % {"date": format_date(matrix.date, "long")},
    ]
    story: list[Any] = [
        Paragraph(text(heading), styles.h1),
        Paragraph(" · ".join(text(fact) for fact in facts), styles.muted),
        Spacer(1, 4 * mm),
    ]
    if not matrix.rows:
        story.append(Paragraph(text(_("No comments recorded.")), styles.body))
        return story
    width = landscape(A4)[0] - 2 * MARGIN
    fractions = (0.05, 0.17, 0.36, 0.30, 0.12)
    data = [[Paragraph(bold(title), styles.cell_bold) for title in headers()]]
    for row in matrix.rows:
        data.append(
            [
                Paragraph(text(row.number), styles.cell),
                Paragraph(text(row.section or "—"), styles.cell),
                Paragraph(text(row.comment), styles.cell),
                Paragraph(text(row.proposed_wording or "—"), styles.cell),
                Paragraph(text(row.country), styles.cell),
            ]
        )
    table = Table(data, colWidths=[width * part for part in fractions], repeatRows=1)
    table.setStyle(table_style())
    story.append(table)
    return story


def write_pdf(matrix: CommentsMatrix, path: Path, language: str = "en") -> Path:
    """A landscape table: #, section, comment, proposed wording, country; returns the path."""
    from reportlab.lib.pagesizes import A4, landscape

    from rcm_desktop.printing.pdf.document import PageFurniture, PdfInfo
    from rcm_desktop.printing.pdf.document import write_pdf as build

    title = _("Comments matrix: %(title)s") % {"title": matrix.title}
    build(
        Path(path),
        lambda: _story(matrix),
        PdfInfo(
            title=title,
            author=_("Delegation of %(country)s") % {"country": matrix.country}
            if matrix.country
            else "RCM Desk",
            subject=matrix.title,
            language=language,
        ),
        PageFurniture(
            header_left=matrix.country,
            header_right=matrix.title,
            page_label=lambda page, total: (
                _("Page %(page)d of %(total)d") % {"page": page, "total": total}
            ),
            plain_first_page=False,
        ),
        pagesize=landscape(A4),
    )
    return Path(path)


def export_comments_matrix(
    database: Database, document_id: int, country_code: str | None, kind: str, path: Path
) -> Path:
    """Gather and write the matrix as "csv" or "pdf"; returns the file written."""
    from rcm_desktop.i18n import current_language

    matrix = comments_matrix(database, document_id, country_code)
    if kind == "csv":
        return write_csv(matrix, path)
    if kind == "pdf":
        return write_pdf(matrix, path, current_language())
    raise ValidationError(
        _("Unknown format “%(format)s”; choose csv or pdf.") % {"format": kind}, field="format"
    )
