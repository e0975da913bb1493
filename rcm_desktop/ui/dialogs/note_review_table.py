"""An editable table of one of the draft's lists (seats, questions, deadlines, documents).

Cells are typed in place (dates and numbers as text, read when the draft is built, a cell that
cannot be read shows ⚠ and keeps what was typed), a value from a list is chosen in a combo, a
yes/no is a checkbox; an empty cell may show, greyed, what its row makes of it (a deadline's due
date counted from its rule). Rows are added and removed; each row remembers which row of the
note it came from, so picking it shows where the note gives it.

The columns share the table's width: the main one (a question's text) keeps at least its share
of it (half, say), a column no row fills shrinks to its header, and a row is at most a few lines
high (its whole text in the cell's tooltip).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.date_text import DateTextError, read_date, show_date
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _, current_language, format_date
from rcm_desktop.ui.widgets.columns import header_width

Index = QModelIndex | QPersistentModelIndex
TEXT, NUMBER, DATE, CHECK, CHOICE = "text", "number", "date", "check", "choice"
#: The lines a row shows at most, and the narrowest a column gets (its header elided).
MAX_LINES = 7
NARROWEST = 36
#: What an empty cell shows of its row: (text, explanation) or None.
Preview = Callable[[dict[str, Any]], tuple[str, str] | None]


@dataclass(frozen=True)
class TableColumn:
    key: str
    header: str  # marked with N_
    kind: str = TEXT
    #: (value, text) for a CHOICE column, read when the combo opens (the sessions may change).
    choices: Callable[[], Sequence[tuple[Any, str]]] | None = None
    width: int = 0
    #: What the cell shows while empty, from its row's values (read as the draft reads them).
    preview: Preview | None = None
    #: False: the text shows on one line, elided (whole in its tooltip), and never makes its
    #: row higher (a session's long title beside a question).
    wrap: bool = True


def _shown_date(text: str) -> str:
    try:
        return format_date(read_date(text, current_language())) if text.strip() else ""
    except DateTextError:
        return text + " ⚠"


class DraftRowsModel(QAbstractTableModel):
    """Rows as {column key: value}; text, number and date cells hold what was typed."""

    def __init__(
        self, columns: Sequence[TableColumn], title: str, field: str, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.title = title
        self.field = field  # the draft's list, named by a refusal
        self._rows: list[dict[str, Any]] = []
        #: The row of the note each row came from (None: added by the user).
        self.origins: list[int | None] = []

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """Show *rows* (typed values: dates, numbers), each from the note's row of its index."""
        self.beginResetModel()
        self._rows = [{c.key: self._cell(c, row.get(c.key)) for c in self.columns} for row in rows]
        self.origins = list(range(len(rows)))
        self.endResetModel()

    @staticmethod
    def _cell(column: TableColumn, value: Any) -> Any:
        if column.kind == DATE:
            return show_date(value, current_language()) if value else ""
        if column.kind == NUMBER:
            return "" if value is None else str(value)
        if column.kind == CHECK:
            return bool(value)
        if column.kind == TEXT:
            return value or ""
        return value

    def values(self) -> list[dict[str, Any]]:
        """The rows with their cells read; ValidationError naming the row that cannot be."""
        result = []
        for number, row in enumerate(self._rows, 1):
            values: dict[str, Any] = {}
            for column in self.columns:
                cell = row[column.key]
                try:
                    values[column.key] = self._read(column, cell)
                except (DateTextError, ValueError) as error:
                    problem = getattr(error, "message", "") or _("Type a whole number, such as 2.")
                    raise ValidationError(
                        _("%(table)s, row %(row)d, %(column)s: %(problem)s")
                        % {
                            "table": self.title,
                            "row": number,
                            "column": _(column.header),
                            "problem": problem,
                        },
                        field=self.field,
                    ) from error
            result.append(values)
        return result

    def read_row(self, row: int) -> dict[str, Any]:
        """Row *row*'s values, a cell that cannot be read as None (for a preview)."""
        values: dict[str, Any] = {}
        for column in self.columns:
            try:
                values[column.key] = self._read(column, self._rows[row][column.key])
            except (DateTextError, ValueError):
                values[column.key] = None
        return values

    def filled(self, column: int) -> bool:
        """Whether any row shows a value in *column* (a check box or a choice always does)."""
        shown = self.columns[column]
        if shown.kind in (CHECK, CHOICE) or any(str(row[shown.key]).strip() for row in self._rows):
            return True
        preview = shown.preview
        return preview is not None and any(
            preview(self.read_row(row)) for row in range(len(self._rows))
        )

    @staticmethod
    def _read(column: TableColumn, cell: Any) -> Any:
        if column.kind == DATE:
            return read_date(cell, current_language()) if cell.strip() else None
        if column.kind == NUMBER:
            return int(cell.strip()) if cell.strip() else None
        if column.kind == TEXT:
            return cell.strip()
        return cell

    def add_row(self, after: int) -> int:
        """An empty row after row *after* (at the end when it is -1); returns its row."""
        row = len(self._rows) if after < 0 else after + 1
        empty = {column.key: self._cell(column, None) for column in self.columns}
        for column in self.columns:  # a new row's choice starts on the list's first value
            if column.kind == CHOICE and column.choices is not None:
                first = next(iter(column.choices()), None)
                empty[column.key] = first[0] if first else None
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, empty)
        self.origins.insert(row, None)
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row], self.origins[row]
            self.endRemoveRows()

    # -- the model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        value = self._rows[index.row()][column.key]
        if column.kind == CHECK:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return _("Yes") if value else _("No")
            return None
        if role == Qt.ItemDataRole.EditRole:
            return value
        if column.preview is not None and not str(value).strip():
            return self._preview(column.preview, index.row(), role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column.kind == DATE:
                return _shown_date(value)
            if column.kind == CHOICE:
                labels = dict(column.choices()) if column.choices else {}
                return labels.get(value, "" if value is None else str(value))
            return value
        return None

    def _preview(self, preview: Preview, row: int, role: int) -> Any:
        shown = preview(self.read_row(row))
        if shown is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return shown[0]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return shown[1]
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QPalette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column = self.columns[index.column()]
        if column.kind == CHECK and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self._rows[index.row()][column.key] = checked
        elif column.kind != CHECK and role == Qt.ItemDataRole.EditRole:
            self._rows[index.row()][column.key] = value if column.kind == CHOICE else str(value)
        else:
            return False
        last = self.index(index.row(), len(self.columns) - 1)
        self.dataChanged.emit(self.index(index.row(), 0), last)  # a preview of the row may change
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.columns[index.column()].kind == CHECK:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if role in shown and orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section].header)  # whole in the tooltip when elided
        return None


class _ChoiceDelegate(QStyledItemDelegate):
    """A combo for the cells of a CHOICE column; the default editor for the others."""

    def __init__(self, model: DraftRowsModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = self.model.columns[index.column()]
        if column.kind != CHOICE or column.choices is None:
            return super().createEditor(parent, option, index)
        editor = QComboBox(parent)
        editor.setAccessibleName(_(column.header))
        for value, text in column.choices():
            editor.addItem(text, value)
        return editor

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if not self.model.columns[index.column()].wrap:
            option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class _RowsView(QTableView):
    """A table whose columns share its width (see the module) and whose rows take the height
    their wrapped text needs, up to MAX_LINES."""

    def __init__(
        self, columns: Sequence[TableColumn], stretch: int, share: float, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.stretch = stretch
        self.share = share
        self._filled: tuple[bool, ...] = ()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()
        QTimer.singleShot(0, self.fit_rows)  # once the columns have their widths

    def fit_columns(self, *, force: bool = True) -> None:
        """Give each column its share of the width; with *force* False, only when a column has
        been filled or emptied since (typing in a cell does not move the others)."""
        model = self.model()
        if not isinstance(model, DraftRowsModel):
            return
        filled = tuple(model.filled(column) for column in range(len(self.columns)))
        if not force and filled == self._filled:
            return
        self._filled = filled
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        least, wanted = {}, {}
        for number, column in enumerate(self.columns):
            if number == self.stretch:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
            least[number] = header_width(header, _(column.header))
            wanted[number] = max(column.width, least[number]) if filled[number] else least[number]
        room = self.viewport().width() or self.width()
        budget, needed = int(room * (1 - self.share)), sum(least.values())
        if needed > budget:  # too narrow for every header: each gives way alike (elided)
            for number in least:
                self.setColumnWidth(number, max(least[number] * budget // needed, NARROWEST))
            return
        spare = budget - needed
        extra = sum(wanted[number] - least[number] for number in wanted)
        for number in wanted:  # above its header's width, each gets its share of what is spare
            more = wanted[number] - least[number]
            self.setColumnWidth(
                number, least[number] + (more * spare // extra if extra > spare else more)
            )

    def fit_rows(self) -> None:
        """Each row as high as its wrapped text, up to MAX_LINES lines (the rest elided)."""
        self.resizeRowsToContents()
        most = self.fontMetrics().lineSpacing() * MAX_LINES + 8
        for row in range(self.model().rowCount() if self.model() is not None else 0):
            if self.rowHeight(row) > most:
                self.setRowHeight(row, most)


class DraftTable(QWidget):
    """The table with Add and Remove below it; `row_picked(origin)` names the note's row of the
    current row (None for a row the user added), `edited()` follows every change."""

    row_picked = Signal(object)
    edited = Signal()

    def __init__(
        self,
        columns: Sequence[TableColumn],
        field: str,
        title: str,
        add_caption: str,
        parent: QWidget | None = None,
        *,
        stretch: int = 0,
        share: float = 0.5,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = DraftRowsModel(columns, title, field, self)
        self.view = _RowsView(columns, stretch, share, self)
        self.view.setObjectName(f"review_{field}")
        self.view.setAccessibleName(title)
        self.view.setModel(self.model)
        self.view.setItemDelegate(_ChoiceDelegate(self.model, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setTabKeyNavigation(False)  # Tab leaves the table for the next control
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.fit_columns()
        self.model.headerDataChanged.connect(lambda *_args: self.view.fit_columns())
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(add_caption, self)
        self.remove_button = QPushButton(_("Remove"), self)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._picked(current.row())
        )
        self.view.clicked.connect(lambda index: self._picked(index.row()))
        for signal in (self.model.dataChanged, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(lambda *_args: self._changed())
        self.view.horizontalHeader().sectionResized.connect(lambda *_args: self.view.fit_rows())
        self._update_buttons()

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        self.view.fit_columns()
        self.view.fit_rows()
        self._update_buttons()

    def values(self) -> list[tuple[int | None, dict[str, Any]]]:
        """(the note's row or None, the row's values) for each row, in order."""
        return list(zip(self.model.origins, self.model.values(), strict=True))

    def add_row(self) -> None:
        current = self.view.currentIndex()
        row = self.model.add_row(current.row() if current.isValid() else -1)
        first = next(
            (i for i, c in enumerate(self.model.columns) if c.kind in (TEXT, NUMBER, DATE)), 0
        )
        index = self.model.index(row, first)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        self.view.edit(index)

    def remove_row(self) -> None:
        current = self.view.currentIndex()
        if current.isValid():
            self.model.remove_row(current.row())

    def _picked(self, row: int) -> None:
        if 0 <= row < len(self.model.origins):
            self.row_picked.emit(self.model.origins[row])

    def _changed(self) -> None:
        self.view.fit_columns(force=False)
        self.view.fit_rows()
        self._update_buttons()
        self.edited.emit()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.model.rowCount() > 0)
