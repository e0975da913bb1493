"""The comments matrix a delegation sends back on a document, as a landscape PDF.

A pure builder over `rcm_desktop.domain.comments.CommentsMatrix`, in the language it is
printed in (its `Messages`, never the interface's `_`). The CSV of the same matrix is
`rcm_desktop.exchange.comments_csv`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rcm_desktop.domain.comments import HEADERS, CommentsMatrix
from rcm_desktop.i18n import Messages, messages


def _story(matrix: CommentsMatrix, t: Messages) -> list[Any]:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from rcm_desktop.printing.pdf.document import MARGIN
    from rcm_desktop.printing.pdf.markup import text
    from rcm_desktop.printing.pdf.styles import stylesheet
    from rcm_desktop.printing.pdf.tables import data_table

    styles = stylesheet(9.5)
    heading = t.gettext("Comments matrix: %(title)s") % {"title": matrix.title}
    country = t.country(matrix.country_code) if matrix.country_code else None
    facts = t.gettext("Version: %(version)s · Country: %(country)s · Date: %(date)s") % {
        "version": matrix.version or "—",
        "country": country or t.gettext("all countries"),
        "date": t.date(matrix.date, "long"),
    }
    story: list[Any] = [
        Paragraph(text(heading), styles.h1),
        Paragraph(text(facts), styles.muted),
        Spacer(1, 4 * mm),
    ]
    if not matrix.rows:
        story.append(Paragraph(text(t.gettext("No comments recorded.")), styles.body))
        return story
    width = landscape(A4)[0] - 2 * MARGIN
    fractions = (0.05, 0.17, 0.36, 0.30, 0.12)
    data = []
    for row in matrix.rows:
        data.append(
            [
                Paragraph(text(row.number), styles.cell),
                Paragraph(text(row.section or "—"), styles.cell),
                Paragraph(text(row.comment), styles.cell),
                Paragraph(text(row.proposed_wording or "—"), styles.cell),
                Paragraph(text(t.country(row.country_code)), styles.cell),
            ]
        )
    header = [t.gettext(title) for title in HEADERS]
    table = data_table(header, data, fractions, width, styles)
    story.append(table)
    return story


def write_pdf(matrix: CommentsMatrix, path: Path, language: str = "en") -> Path:
    """A landscape table: #, section, comment, proposed wording, country; returns the path."""
    from reportlab.lib.pagesizes import A4, landscape

    from rcm_desktop.printing.pdf.document import PageFurniture, PdfInfo
    from rcm_desktop.printing.pdf.document import write_pdf as build

    t = messages(language)
    title = t.gettext("Comments matrix: %(title)s") % {"title": matrix.title}
    country = t.country(matrix.country_code) if matrix.country_code else ""
    build(
        Path(path),
        lambda: _story(matrix, t),
        PdfInfo(
            title=title,
            author=t.gettext("Delegation of %(country)s") % {"country": country}
            if country
            else "RCM Desk",
            subject=matrix.title,
            language=language,
        ),
        PageFurniture(
            header_left=country,
            header_right=matrix.title,
            page_label=lambda page, total: (
                t.gettext("Page %(page)d of %(total)d") % {"page": page, "total": total}
            ),
            plain_first_page=False,
        ),
        pagesize=landscape(A4),
    )
    return Path(path)
