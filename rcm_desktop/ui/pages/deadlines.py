"""Documents & deadlines: every deadline with its due date, urgency and how it was counted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.domain.vocabulary import label
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import N_, _, country_name, format_date, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.widgets.messages import confirm
from rcm_desktop.ui.widgets.record_table import record_table

Index = QModelIndex | QPersistentModelIndex
URGENCY_TEXT = {
    "overdue": N_("Overdue"),
    "soon": N_("Due soon"),
    "later": N_("Later"),
    "done": N_("Done"),
    "unknown": N_("No date yet"),
}
URGENCY_COLOUR = {"overdue": "#fde2e1", "soon": "#fff1cc", "done": "#e6f4ea"}
URGENCY_ICON = {
    "overdue": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "soon": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "done": QStyle.StandardPixmap.SP_DialogApplyButton,
    "unknown": QStyle.StandardPixmap.SP_MessageBoxQuestion,
}
HEADERS = (
    N_("Urgency"),
    N_("Due"),
    N_("Deadline"),
    N_("Meeting"),
    N_("Kind"),
    N_("Calendar"),
    N_("On your calendar"),
)


def urgency_label(urgency: str) -> str:
    return _(URGENCY_TEXT[urgency])


class DeadlinesModel(QAbstractTableModel):
    """A small table of deadline rows; colours are never the only signal (text and icon too)."""

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
        return 0 if parent.isValid() else len(HEADERS)

    def _text(self, row: Any, column: int) -> str:
        if column == 0:
            return urgency_label(row.urgency)
        if column == 1:
            return format_date(row.due) if row.due else "—"
        if column == 2:
            return row.title
        if column == 3:
            return row.meeting_title
        if column == 4:
            return label(row.kind)
        if column == 5:
            return country_name(row.calendar) if row.calendar else "—"
        return format_date(row.own_calendar_due) if row.own_calendar_due else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and row.urgency in URGENCY_COLOUR:
            return QBrush(QColor(URGENCY_COLOUR[row.urgency]))
        if (
            role == Qt.ItemDataRole.DecorationRole
            and index.column() == 0
            and row.urgency in URGENCY_ICON
        ):
            return QApplication.style().standardIcon(URGENCY_ICON[row.urgency])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(HEADERS[section])
        return None


class DeadlinesPage(Page):
    """Deadlines by due date, with buttons to add, edit, close, delete and export them."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.layout_.addWidget(self.summary)
        actions = QHBoxLayout()
        self.new_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.done_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.closures_button = QPushButton(self)
        self.show_done = QCheckBox(self)
        for widget in (self.new_button, self.edit_button, self.done_button, self.delete_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        self.layout_.addLayout(actions)
        options = QHBoxLayout()  # a row of its own, so long translations are never clipped
        options.addWidget(self.show_done)
        options.addStretch(1)
        options.addWidget(self.closures_button)
        options.addWidget(self.export_button)
        self.layout_.addLayout(options)
        self.model = DeadlinesModel(self)
        self.table = record_table(self, "deadlinesTable", self.model)
        for column, width in enumerate((120, 120, 320, 260, 110, 110)):
            self.table.setColumnWidth(column, width)
        self.layout_.addWidget(self.table, 1)
        self.explanation = QLabel(self)
        self.explanation.setObjectName("deadlineExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.explanation)
        self.documents_note = QLabel(self)
        self.documents_note.setWordWrap(True)
        self.documents_note.setStyleSheet("color: #4a5563")
        self.layout_.addWidget(self.documents_note)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_args: self._selected_changed()
        )
        self.table.doubleClicked.connect(lambda _index: self.edit_deadline())
        self.new_button.clicked.connect(self.new_deadline)
        self.edit_button.clicked.connect(self.edit_deadline)
        self.done_button.clicked.connect(self.toggle_done)
        self.delete_button.clicked.connect(self.delete_deadline)
        self.export_button.clicked.connect(self.export_calendar)
        self.closures_button.clicked.connect(self.edit_closures)
        self.show_done.toggled.connect(lambda _checked: self.refresh())
        context.events.changed.connect(self._data_changed)
        self.retranslate()

    def title(self) -> str:
        return _("Documents & deadlines")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.new_button.setText(_("&New deadline…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("Delete"))
        self.export_button.setText(_("Export to a calendar (.ics)…"))
        self.closures_button.setText(_("Calendar &closures…"))
        self.show_done.setText(_("Show done"))
        self.documents_note.setText(
            _(
                "Documents circulating for comments and approval (protocols, directories, "
                "regional strategies, recommendations) will be tracked on this page too."
            )
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        self.refresh()

    def current(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def refresh(self) -> None:
        from rcm_desktop.data.services.deadline_lists import list_deadlines
        from rcm_desktop.data.services.settings import profile_country

        database = self.context.database
        if database is None:
            self.summary.setText(_("Opening the database…"))
            return
        selected = self.current()
        rows = list_deadlines(
            database, include_done=self.show_done.isChecked(), own_country=profile_country(database)
        )
        self.model.set_rows(rows)
        overdue = sum(row.urgency == "overdue" for row in rows)
        soon = sum(row.urgency == "soon" for row in rows)
        self.summary.setText(
            ngettext("%(n)d deadline overdue", "%(n)d deadlines overdue", overdue) % {"n": overdue}
            + " · "
            + ngettext("%(n)d due within 3 working days", "%(n)d due within 3 working days", soon)
            % {"n": soon}
        )
        target = next((i for i, row in enumerate(rows) if selected and row.id == selected.id), 0)
        if rows:
            self.table.selectRow(target)
        self._selected_changed()

    def _selected_changed(self) -> None:
        from rcm_desktop.data.services.deadlines import explain_deadline

        row = self.current()
        for button in (self.edit_button, self.done_button, self.delete_button):
            button.setEnabled(row is not None)
        self.done_button.setText(_("Open &again") if row and row.done_on else _("Mark &done"))
        if row is None or self.context.database is None:
            self.explanation.clear()
            return
        text = explain_deadline(self.context.database, row.id)
        if row.own_calendar_due:
            text += "\n" + _("On your own country's calendar it would be %(date)s.") % {
                "date": format_date(row.own_calendar_due, "full")
            }
        self.explanation.setText(text)

    def _data_changed(self, what: str) -> None:
        if what in ("deadlines", "meetings", "settings", "*"):
            self.refresh()

    def new_deadline(self) -> None:
        from rcm_desktop.domain.due_dates import DeadlineDraft
        from rcm_desktop.ui.dialogs.deadline_editor import DeadlineEditor

        if self.context.database is None:
            return
        DeadlineEditor(self.context, DeadlineDraft(title=""), self).exec()

    def edit_deadline(self) -> None:
        from rcm_desktop.data.services.deadlines import load_deadline
        from rcm_desktop.ui.dialogs.deadline_editor import DeadlineEditor

        row = self.current()
        if row is None or self.context.database is None:
            return
        try:
            draft = load_deadline(self.context.database, row.id)
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        DeadlineEditor(self.context, draft, self).exec()

    def toggle_done(self) -> None:
        import datetime as dt

        from rcm_desktop.data.services.deadlines import mark_done

        row = self.current()
        if row is None or self.context.database is None:
            return
        mark_done(self.context.database, row.id, None if row.done_on else dt.date.today())
        self.context.events.changed.emit("deadlines")

    def delete_deadline(self) -> None:
        from rcm_desktop.data.services.deadlines import delete_deadline

        row = self.current()
        if row is None or self.context.database is None:
            return
        if confirm(self, _("Delete the deadline “%(title)s”?") % {"title": row.title}):
            delete_deadline(self.context.database, row.id)
            self.context.events.changed.emit("deadlines")

    def edit_closures(self) -> None:
        from rcm_desktop.ui.dialogs.closures import ClosuresDialog

        if self.context.database is not None:
            ClosuresDialog(self.context, self).exec()

    def export_calendar(self, path: str | None = None) -> None:
        from rcm_desktop.data.services.calendar_export import write_calendar

        if self.context.database is None:
            return
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Export to a calendar"),
                str(Path.home() / "rcm-desk.ics"),
                _("Calendar files (*.ics)"),
            )
        if not path:
            return
        try:
            target = write_calendar(self.context.database, Path(path))
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        self.explanation.setText(_("Calendar written to %(path)s") % {"path": target})
