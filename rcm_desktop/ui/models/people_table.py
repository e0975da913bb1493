"""The directory table: a page of people rows with declared columns, each mapped to a formatter once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rcm_desktop.data.enums import label
from rcm_desktop.data.services.directory import PersonRow
from rcm_desktop.i18n import N_, _, country_name

Index = QModelIndex | QPersistentModelIndex

#: (header marked for translation, formatter) per column.
COLUMNS: tuple[tuple[str, Callable[[PersonRow], str]], ...] = (
    (N_("Name"), lambda row: " ".join(filter(None, (row.honorific, row.full_name)))),
    (N_("Position"), lambda row: row.position or ""),
    (N_("Institution"), lambda row: row.institution),
    (N_("Email"), lambda row: row.email or ""),
    (N_("Phone"), lambda row: row.phone or ""),
    (N_("Gender"), lambda row: label(row.gender)),
    (N_("Country"), lambda row: country_name(row.country_code) if row.country_code else ""),
)


class PeopleTableModel(QAbstractTableModel):
    """Rows of one search; `data()` is a formatter lookup."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: tuple[PersonRow, ...] = ()

    def set_rows(self, rows: tuple[PersonRow, ...]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return COLUMNS[index.column()][1](self.rows[index.row()])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section][0])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )
