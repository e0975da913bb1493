"""The agenda of one session, edited in place: times as typed ("09:00", "9am"), activity, coordinator."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rcm_desktop.clock import parse_optional_clock
from rcm_desktop.domain.meetings import AgendaDraft
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import N_, _, format_time

Index = QModelIndex | QPersistentModelIndex
HEADERS = (N_("Start"), N_("End"), N_("Activity"), N_("Coordinator or lead"))


def _time_text(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


class AgendaTableModel(QAbstractTableModel):
    """Rows of typed text; `lines()` converts them, naming the first line that cannot be read."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []

    def set_lines(self, lines: list[AgendaDraft]) -> None:
        self.beginResetModel()
        self._rows = [
            [_time_text(line.start), _time_text(line.end), line.activity, line.coordinator]
            for line in lines
        ]
        self.endResetModel()

    def lines(self) -> list[AgendaDraft]:
        """The agenda as drafts; raises ValidationError for a time that cannot be read."""
        result = []
        for number, (start, end, activity, coordinator) in enumerate(self._rows, start=1):
            try:
                result.append(
                    AgendaDraft(
                        parse_optional_clock(start),
                        parse_optional_clock(end),
                        activity,
                        coordinator,
                    )
                )
            except ValidationError as error:
                raise ValidationError(
                    _("Agenda line %(line)d: %(problem)s")
                    % {"line": number, "problem": error.message},
                    field="agenda",
                ) from error
        return result

    def add_line(self, after: int = -1) -> int:
        """Insert an empty line after row *after* (at the end by default); returns its row."""
        row = len(self._rows) if after < 0 else after + 1
        start = self._rows[row - 1][1] if 0 < row <= len(self._rows) else ""
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, [start, "", "", ""])
        self.endInsertRows()
        return row

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def move_line(self, row: int, step: int) -> int:
        """Move a line up (-1) or down (+1); returns its new row."""
        target = row + step
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return row
        self.beginResetModel()
        self._rows[row], self._rows[target] = self._rows[target], self._rows[row]
        self.endResetModel()
        return target

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() < 2 and value:
                try:
                    parsed = parse_optional_clock(value)
                    return format_time(parsed) if parsed else ""
                except ValidationError:
                    return value + " ⚠"
            return value
        if role == Qt.ItemDataRole.ToolTipRole and index.column() < 2:
            return _("Type a time such as 09:00, 9:30, 9am or 2:30 pm.")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self._rows[index.row()][index.column()] = str(value)
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(HEADERS[section])
        return None
