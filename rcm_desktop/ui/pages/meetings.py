"""The meetings page: a filterable list of meetings beside a readable view of the selected one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QItemSelection, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.data.enums import MeetingStatus, label
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _, ngettext
from rcm_desktop.ui.context import AppContext, user_zone
from rcm_desktop.ui.meeting_html import STYLE, meeting_html
from rcm_desktop.ui.models.meetings_table import COLUMNS, MeetingsTableModel
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.rich_text import tag
from rcm_desktop.ui.widgets.dates import date_edit
from rcm_desktop.ui.widgets.messages import confirm

FILTER_KEY = "meetings.filter"


class MeetingView(QTextBrowser):
    """A read-only page showing one meeting, its times in the organiser's zone and the user's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("meetingView")
        self.document().setDefaultStyleSheet(STYLE)
        self.meeting_id: int | None = None
        self.context: AppContext | None = None
        self.anchorClicked.connect(self._open_link)
        self.show_empty()

    def show_empty(self) -> None:
        self.meeting_id = None
        self.setHtml(tag("p", _("Select a meeting to read it here."), "style='color:#6b7280'"))

    def show_meeting(self, context: AppContext, meeting_id: int) -> None:
        """Load *meeting_id* from the store and show it."""
        from rcm_desktop.data.services.attachments import list_attachments
        from rcm_desktop.data.services.meeting_editing import status_history
        from rcm_desktop.data.services.meetings import get_meeting

        assert context.database is not None
        self.context = context
        detail = get_meeting(context.database, meeting_id)
        if detail is None:
            self.show_empty()
            return
        self.meeting_id = meeting_id
        position = self.verticalScrollBar().value()
        self.setHtml(
            meeting_html(
                detail,
                user_zone(context),
                list_attachments(context.database, context.profile, meeting_id),
                status_history(context.database, meeting_id),
            )
        )
        self.verticalScrollBar().setValue(position)

    def _open_link(self, url: QUrl) -> None:
        from rcm_desktop.data.services.attachments import list_attachments

        if url.scheme() != "attachment" or self.context is None or self.meeting_id is None:
            return
        assert self.context.database is not None
        for item in list_attachments(self.context.database, self.context.profile, self.meeting_id):
            if str(item.id) == url.path():
                if not item.stored_path.exists():
                    QMessageBox.warning(
                        self,
                        APP_NAME,
                        _(
                            "The copy of “%(name)s” is missing from the profile folder. Attach the file again."
                        )
                        % {"name": item.file_name},
                    )
                    return
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(item.stored_path)))


class StatusDialog(QDialog):
    """Change a meeting's status, with the day it changed."""

    def __init__(self, current: MeetingStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change status"))
        form = QFormLayout(self)
        self.status = QComboBox(self)
        for status in MeetingStatus:
            self.status.addItem(label(status), status)
        self.status.setCurrentIndex(self.status.findData(current))
        self.day = date_edit(self, QDate.currentDate())
        self.note = QLineEdit(self)
        form.addRow(_("Status:"), self.status)
        form.addRow(_("Since:"), self.day)
        form.addRow(_("Note:"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class MeetingsPage(Page):
    """Filter bar, list of meetings (SQL-filtered and sorted), and the selected meeting's view."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._sort = ("date", True)
        self._typing = False
        # While the user types a filter, the list follows each keystroke and the detail pane
        # follows once typing pauses: the slow part of a keystroke is rendering a meeting.
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(180)
        self._detail_timer.timeout.connect(self._show_selected)
        self._build_filters()
        self.count_label = QLabel(self)
        self.layout_.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = MeetingsTableModel(self)
        self.table = QTableView(self.splitter)
        self.table.setObjectName("meetingsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        for column, width in enumerate((110, 300, 90, 200, 80)):
            self.table.setColumnWidth(column, width)

        right = QWidget(self.splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        self.edit_button = QPushButton(right)
        self.duplicate_button = QPushButton(right)
        self.status_button = QPushButton(right)
        self.attach_button = QPushButton(right)
        self.delete_button = QPushButton(right)
        for button in (
            self.edit_button,
            self.duplicate_button,
            self.status_button,
            self.attach_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.delete_button)
        right_layout.addLayout(actions)
        self.view = MeetingView(right)
        right_layout.addWidget(self.view, 1)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 640])
        self.layout_.addWidget(self.splitter, 1)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda index: self.open_meeting(index.row()))
        self.new_button.clicked.connect(self.new_meeting)
        self.edit_button.clicked.connect(self.edit_meeting)
        self.duplicate_button.clicked.connect(self.duplicate_meeting)
        self.status_button.clicked.connect(self.change_status)
        self.attach_button.clicked.connect(self.attach_file)
        self.delete_button.clicked.connect(self.delete_meeting)
        context.events.changed.connect(self._data_changed)
        self.retranslate()
        self._update_actions()

    # -- filters ----------------------------------------------------------------------------

    def _build_filters(self) -> None:
        search_row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("meetingSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(520)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newMeeting")
        search_row.addWidget(self.search, 1)
        search_row.addStretch(1)
        search_row.addWidget(self.new_button)
        self.layout_.addLayout(search_row)
        bar = QHBoxLayout()
        self.forum_filter = QComboBox(self)
        self.body_filter = QComboBox(self)
        self.year_filter = QComboBox(self)
        self.status_filter = QComboBox(self)
        for combo in (self.forum_filter, self.body_filter, self.year_filter, self.status_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            bar.addWidget(combo)
        self.forum_filter.setMaximumWidth(260)
        self.body_filter.setMaximumWidth(320)
        self.clear_button = QPushButton(self)
        bar.addWidget(self.clear_button)
        bar.addStretch(1)
        self.layout_.addLayout(bar)
        self.search.textChanged.connect(self._filters_changed)
        for combo in (self.forum_filter, self.body_filter, self.year_filter, self.status_filter):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.clear_button.clicked.connect(self.clear_filters)

    def _fill_filter_choices(self) -> None:
        from rcm_desktop.data.services.meeting_list import filter_choices

        assert self.context.database is not None
        choices = filter_choices(self.context.database)
        saved = self.context.preferences.get(FILTER_KEY) or {}
        current = {
            "forum": self.forum_filter.currentData()
            if self.forum_filter.count()
            else saved.get("forum"),
            "body": self.body_filter.currentData()
            if self.body_filter.count()
            else saved.get("body"),
            "year": self.year_filter.currentData()
            if self.year_filter.count()
            else saved.get("year"),
            "status": self.status_filter.currentData()
            if self.status_filter.count()
            else saved.get("status"),
        }
        fills = (
            (self.forum_filter, _("All forums"), choices.forums, "forum"),
            (self.body_filter, _("All convening bodies"), choices.bodies, "body"),
            (
                self.year_filter,
                _("All years"),
                [(year, str(year)) for year in choices.years],
                "year",
            ),
            (
                self.status_filter,
                _("Any status"),
                [(s.value, label(s)) for s in MeetingStatus],
                "status",
            ),
        )
        for combo, everything, options, key in fills:
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value, text in options:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(current[key]), 0))
            combo.blockSignals(False)
        if not self.search.text() and saved.get("text"):
            self.search.blockSignals(True)
            self.search.setText(saved["text"])
            self.search.blockSignals(False)

    def current_filter(self):  # type: ignore[no-untyped-def]
        from rcm_desktop.data.services.meeting_list import MeetingFilter

        status = self.status_filter.currentData()
        return MeetingFilter(
            text=self.search.text(),
            forum=self.forum_filter.currentData(),
            body=self.body_filter.currentData(),
            year=self.year_filter.currentData(),
            status=MeetingStatus(status) if status else None,
        )

    def _filters_changed(self) -> None:
        meeting_filter = self.current_filter()
        self._typing = True
        try:
            self.reload()
        finally:
            self._typing = False
        self.context.preferences.remember(
            FILTER_KEY,
            {
                "text": meeting_filter.text,
                "forum": meeting_filter.forum,
                "body": meeting_filter.body,
                "year": meeting_filter.year,
                "status": meeting_filter.status.value if meeting_filter.status else None,
            },
        )

    def clear_filters(self) -> None:
        for combo in (self.forum_filter, self.body_filter, self.year_filter, self.status_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.clear()  # emits textChanged once: one reload
        self._filters_changed()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        key = COLUMNS[column].sort_key
        if key is None:  # this column cannot be sorted in SQL: keep the current order
            header = self.table.horizontalHeader()
            current = next(i for i, c in enumerate(COLUMNS) if c.sort_key == self._sort[0])
            header.blockSignals(True)
            header.setSortIndicator(
                current,
                Qt.SortOrder.DescendingOrder if self._sort[1] else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            return
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        self.reload()

    # -- page -----------------------------------------------------------------------------

    def title(self) -> str:
        return _("Meetings")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.search.setPlaceholderText(_("Search titles, venues, platforms…"))
        self.clear_button.setText(_("Clear filters"))
        self.new_button.setText(_("&New meeting…"))
        self.edit_button.setText(_("&Edit…"))
        self.duplicate_button.setText(_("D&uplicate…"))
        self.status_button.setText(_("Change &status…"))
        self.attach_button.setText(_("A&ttach file…"))
        self.delete_button.setText(_("Delete"))
        if self.context.database is not None:
            self._fill_filter_choices()
            self.model.retranslate()
            if self.view.meeting_id is not None:
                self.view.show_meeting(self.context, self.view.meeting_id)
        else:
            self.view.show_empty()
        self._update_count()

    def store_ready(self) -> None:
        self._fill_filter_choices()
        self.reload()

    def refresh(self) -> None:
        if self.context.database is None:
            return
        self._fill_filter_choices()
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Query the ids that pass the filters and show them, keeping the selection if it stays."""
        from rcm_desktop.data.services.meeting_list import meeting_ids, meeting_rows

        database = self.context.database
        if database is None:
            return
        selected = select_id if select_id is not None else self.view.meeting_id
        ids = meeting_ids(database, self.current_filter(), *self._sort)
        self.model.set_ids(ids, lambda wanted: meeting_rows(database, wanted))
        self._update_count()
        row = self.model.row_of(selected) if selected is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            if self._typing:
                self._detail_timer.start()
            else:
                self._show_selected()  # the meeting's content may have changed
        else:
            self.view.show_empty()
        self._update_actions()

    def _update_count(self) -> None:
        if self.context.database is None:
            self.count_label.setText(_("Opening the database…"))
            return
        count = self.model.rowCount()
        self.count_label.setText(
            ngettext("%(n)d meeting recorded", "%(n)d meetings recorded", count) % {"n": count}
            if not self._filtering()
            else ngettext(
                "%(n)d meeting matches the filters", "%(n)d meetings match the filters", count
            )
            % {"n": count}
        )

    def _filtering(self) -> bool:
        meeting_filter = self.current_filter()
        return bool(
            meeting_filter.text.strip()
            or meeting_filter.forum
            or meeting_filter.body
            or meeting_filter.year
            or meeting_filter.status
        )

    def _update_actions(self) -> None:
        has = self.view.meeting_id is not None
        for button in (
            self.edit_button,
            self.duplicate_button,
            self.status_button,
            self.attach_button,
            self.delete_button,
        ):
            button.setEnabled(has)
        self.new_button.setEnabled(self.context.database is not None)

    def open_meeting(self, row: int) -> None:
        """Show the meeting on *row* in the view and give it focus."""
        meeting_id = self.model.id_at(row)
        if meeting_id is not None:
            self.view.show_meeting(self.context, meeting_id)
            self.view.setFocus()

    def _selected_id(self) -> int | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.model.id_at(min(rows)) if rows else None

    def _show_selected(self) -> None:
        meeting_id = self._selected_id()
        if meeting_id is not None:
            self.view.show_meeting(self.context, meeting_id)
        self._update_actions()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._typing:
            return  # shown when typing pauses
        meeting_id = self._selected_id()
        if meeting_id is not None and meeting_id != self.view.meeting_id:
            self.view.show_meeting(self.context, meeting_id)
        self._update_actions()

    def _data_changed(self, what: str) -> None:
        if what in ("meetings", "*"):
            self.refresh()

    # -- actions --------------------------------------------------------------------------

    def new_meeting(self) -> None:
        from rcm_desktop.meeting_draft import MeetingDraft
        from rcm_desktop.ui.dialogs.meeting_editor import MeetingEditor

        editor = MeetingEditor(self.context, MeetingDraft(), self)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved_id is not None:
            self.reload(select_id=editor.saved_id)

    def edit_meeting(self) -> None:
        from rcm_desktop.data.services.meeting_editing import load_draft
        from rcm_desktop.ui.dialogs.meeting_editor import MeetingEditor

        if self.view.meeting_id is None or self.context.database is None:
            return
        try:
            draft = load_draft(self.context.database, self.view.meeting_id)
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            self.reload()
            return
        editor = MeetingEditor(self.context, draft, self)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved_id is not None:
            self.reload(select_id=editor.saved_id)
            self.view.show_meeting(self.context, editor.saved_id)

    def duplicate_meeting(self) -> None:
        from rcm_desktop.data.services.meeting_editing import duplicate_meeting, load_draft

        if self.view.meeting_id is None or self.context.database is None:
            return
        try:
            draft = load_draft(self.context.database, self.view.meeting_id)
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            self.reload()
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(_("Duplicate meeting"))
        form = QFormLayout(dialog)
        explanation = QLabel(
            _(
                "A copy for the next edition: its sessions move by the same number of days, "
                "and the delegation's positions are left empty."
            ),
            dialog,
        )
        explanation.setWordWrap(True)
        form.addRow(explanation)
        start = date_edit(dialog, QDate(draft.start_date).addMonths(3))
        form.addRow(_("New first day:"), start)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            new_id = duplicate_meeting(
                self.context.database, draft.id or 0, start.date().toPython()
            )
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        self.context.events.changed.emit("meetings")
        self.reload(select_id=new_id)

    def change_status(self) -> None:
        from rcm_desktop.data.services.meeting_editing import change_status
        from rcm_desktop.data.services.meetings import get_meeting

        if self.view.meeting_id is None or self.context.database is None:
            return
        detail = get_meeting(self.context.database, self.view.meeting_id)
        if detail is None:
            return
        dialog = StatusDialog(detail.status, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            change_status(
                self.context.database,
                detail.id,
                dialog.status.currentData(),
                dialog.day.date().toPython(),
                dialog.note.text(),
            )
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        self.context.events.changed.emit("meetings")

    def attach_file(self, path: str | None = None) -> None:
        from rcm_desktop.data.services.attachments import add_attachment

        if self.view.meeting_id is None or self.context.database is None:
            return
        if not path:
            path, _filter = QFileDialog.getOpenFileName(
                self,
                _("Attach a file to the meeting"),
                str(Path.home()),
                _("Documents (*.pdf *.docx *.doc *.odt *.xlsx *.pptx *.txt);;All files (*)"),
            )
        if not path:
            return
        try:
            add_attachment(
                self.context.database, self.context.profile, self.view.meeting_id, Path(path)
            )
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        self.view.show_meeting(self.context, self.view.meeting_id)

    def delete_meeting(self) -> None:
        from rcm_desktop.data.services.meeting_editing import delete_meeting

        if self.view.meeting_id is None or self.context.database is None:
            return
        row = self.model.row_of(self.view.meeting_id)
        meeting = self.model.row_at(row)
        title = meeting.title if meeting else ""
        question = _(
            "Delete “%(title)s” with its sessions, agenda, questions and attachments? "
            "This cannot be undone, but the backups in the profile keep earlier data."
        ) % {"title": title}
        if not confirm(self, question):
            return
        try:
            delete_meeting(self.context.database, self.view.meeting_id)
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        self.view.show_empty()
        self.context.events.changed.emit("meetings")
