"""A read-only table model over a list of row dataclasses, with columns declared once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from rcm_desktop.i18n import _

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # marked with N_
    text: Callable[[Any], str]


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of row dataclasses; each column maps a row to its text once."""

    columns: Sequence[Column] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()].text(self.rows[index.row()])
        if role == Qt.ItemDataRole.DecorationRole:
            return self.decoration(self.rows[index.row()], index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.background(self.rows[index.row()], index.column())
            return QBrush(QColor(colour)) if colour else None
        return None

    def decoration(self, row: Any, column: int) -> Any:
        """An icon for *row*'s cell in *column* (none by default)."""
        return None

    def background(self, row: Any, column: int) -> str | None:
        """A background colour for *row*'s cell in *column* (none by default)."""
        return None

    def row_of(self, record_id: int | None, key: str = "id") -> int:
        """The row showing the record whose *key* is *record_id*, or -1."""
        if record_id is None:
            return -1
        return next((i for i, row in enumerate(self.rows) if getattr(row, key) == record_id), -1)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section].header)
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            last = self.index(len(self.rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
