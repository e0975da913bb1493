"""Columns that fit their table: headers are never cut, one column takes the room left.

`fit_columns(table, stretch=…, widths=…)` gives every column but *stretch* its preferred width
or, when wider, the room its header text needs (again after each change of language), and
lets *stretch* take whatever the table has left, so no column is pushed out of sight. Cells
longer than their column wrap or are elided, as the table says.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView


def header_width(header: QHeaderView, text: str) -> int:
    """The width a section needs to show *text* whole, with the style's margins and sort mark."""
    style = header.style()
    room = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + 6
    if header.isSortIndicatorShown():
        room += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + 4
    font = QFont(header.font())
    font.setBold(header.highlightSections() or font.bold())  # a selected row bolds the headers
    return QFontMetrics(font).horizontalAdvance(text) + room


def fit_columns(
    table: QTableView, *, stretch: int, widths: Mapping[int, int] | None = None
) -> None:
    """Size the columns of *table* (which has its model) as the module says."""
    header = table.horizontalHeader()
    preferred = dict(widths or {})
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(24)

    def apply() -> None:
        model = table.model()
        if model is None:
            return
        for column in range(model.columnCount()):
            if column == stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            needed = header_width(header, text)
            table.setColumnWidth(column, max(preferred.get(column, 0), needed))

    apply()
    model = table.model()
    if model is not None:
        model.headerDataChanged.connect(lambda *_args: apply())
