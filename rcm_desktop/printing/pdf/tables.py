"""Data tables of every PDF: a header that never breaks inside a word, columns wide enough for it.

Columns are given as shares of the width; a column whose header has a word wider than its
share ("Puesto", "Coordonnées") is widened to hold that word at the header's font, and the
others give up the difference in proportion. Header paragraphs never split a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table

from rcm_desktop.printing.pdf.markup import plain, text
from rcm_desktop.printing.pdf.styles import Styles, table_style

#: The cell padding `table_style` sets on each side.
PADDING = 4
#: Room kept beside the longest word, against rounding in reportlab's line breaking.
SLACK = 1.0
#: The smallest size a header may shrink to when its words cannot otherwise fit the width.
SMALLEST = 6.0


def header_style(styles: Styles, size: float | None = None) -> ParagraphStyle:
    """The bold header style, at *size* points if given, that never splits a word."""
    base = styles.cell_bold
    size = size or base.fontSize
    return base.clone(
        "table_header",
        fontSize=size,
        leading=base.leading * size / base.fontSize,
        splitLongWords=0,
    )


def words(title: str) -> list[str]:
    """The words of a header as they are printed (line breaks are spaces)."""
    return re.split(r"\s+", plain(title).strip()) if title.strip() else []


def word_width(title: str, style: ParagraphStyle) -> float:
    """The width of the header's longest word at *style*'s font."""
    return max(
        (stringWidth(word, style.fontName, style.fontSize) for word in words(title)), default=0
    )


def fit_widths(minimums: Sequence[float], shares: Sequence[float], total: float) -> list[float]:
    """Widths in proportion to *shares*, summing to *total*, none below its minimum."""
    fixed: dict[int, float] = {}
    while True:
        room = total - sum(fixed.values())
        free = [index for index in range(len(shares)) if index not in fixed]
        weight = sum(shares[index] for index in free)
        widths = {index: (shares[index] * room / weight if weight else 0.0) for index in free}
        short = [index for index in free if widths[index] < minimums[index]]
        if not short or len(short) == len(free):
            for index in short:
                widths[index] = minimums[index]
            widths.update(fixed)
            return [widths[index] for index in range(len(shares))]
        for index in short:
            fixed[index] = minimums[index]


def data_table(
    header: Sequence[str],
    rows: list[list[Any]],
    shares: Sequence[float],
    total: float,
    styles: Styles,
) -> Table:
    """A table *total* points wide, its header repeated on every page it spans.

    Column widths follow *shares* but never leave a header word too wide for its column; when
    the words of all headers cannot fit side by side, the header's type gets smaller.
    """
    style = header_style(styles)
    while True:
        minimums = [word_width(title, style) + 2 * PADDING + SLACK for title in header]
        if sum(minimums) <= total or style.fontSize <= SMALLEST:
            break
        style = header_style(styles, max(SMALLEST, style.fontSize - 0.5))
    widths = fit_widths(minimums, shares, total)
    data = [[Paragraph(text(title), style) for title in header], *rows]
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(table_style())
    return table
