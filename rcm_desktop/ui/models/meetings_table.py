"""Table model of the meetings list: declared columns, each formatted once per row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rcm_desktop.data.enums import label
from rcm_desktop.i18n import N_, _, format_date

if TYPE_CHECKING:
    from rcm_desktop.data.services.meetings import MeetingRow

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # marked with N_, translated when shown
    format: Callable[[MeetingRow], str]


COLUMNS: tuple[Column, ...] = (
    Column("date", N_("Date"), lambda row: format_date(row.first_date)),
    Column("title", N_("Title"), lambda row: row.title),
    Column("forums", N_("Forums"), lambda row: ", ".join(row.forums)),
    Column("body", N_("Convening body"), lambda row: row.body),
    Column("modality", N_("Modality"), lambda row: label(row.modality)),
    Column("status", N_("Status"), lambda row: label(row.status)),
)


class MeetingsTableModel(QAbstractTableModel):
    """The meetings list; `data()` is a lookup into texts formatted when rows arrive."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MeetingRow] = []
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows: list[MeetingRow]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [tuple(column.format(row) for column in COLUMNS) for row in self._rows]
        self.endResetModel()

    def row_at(self, row: int) -> MeetingRow | None:
        """The meeting shown on *row*, or None."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, meeting_id: int) -> int:
        """The row showing *meeting_id*, or -1."""
        return next((i for i, row in enumerate(self._rows) if row.id == meeting_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts[index.row()][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section].header)
        return None
