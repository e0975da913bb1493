"""The meetings page: the list of meetings beside a readable view of the selected one."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QWidget,
)

from rcm_desktop.i18n import _, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.meeting_html import STYLE, meeting_html
from rcm_desktop.ui.models.meetings_table import MeetingsTableModel
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.rich_text import tag


class MeetingView(QTextBrowser):
    """A read-only page showing one meeting as its concept note describes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("meetingView")
        self.document().setDefaultStyleSheet(STYLE)
        self.meeting_id: int | None = None
        self.show_empty()

    def show_empty(self) -> None:
        self.meeting_id = None
        self.setHtml(tag("p", _("Select a meeting to read it here."), "style='color:#6b7280'"))

    def show_meeting(self, context: AppContext, meeting_id: int) -> None:
        """Load *meeting_id* from the store and show it."""
        from rcm_desktop.data.services.meetings import get_meeting

        assert context.database is not None
        detail = get_meeting(context.database, meeting_id)
        if detail is None:
            self.show_empty()
            return
        self.meeting_id = meeting_id
        self.setHtml(meeting_html(detail))


class MeetingsPage(Page):
    """List of meetings (newest first) and the selected meeting's detail."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view = MeetingView(self.splitter)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 520])
        self.layout_.addWidget(self.splitter, 1)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda index: self.open_meeting(index.row()))
        context.events.changed.connect(self._data_changed)
        self.retranslate()

    def title(self) -> str:
        return _("Meetings")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self._update_count()
        if self.context.database is not None and self.model.rowCount():
            self.refresh()  # dates and labels are formatted in the active language
        elif self.view.meeting_id is None:
            self.view.show_empty()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        if self.context.database is None:
            self.count_label.setText(_("Opening the database…"))
        else:
            self.count_label.setText(
                ngettext("%(n)d meeting recorded", "%(n)d meetings recorded", count) % {"n": count}
            )

    def refresh(self) -> None:
        if self.context.database is None:
            return
        from rcm_desktop.data.services.meetings import list_meetings

        selected = self.view.meeting_id
        self.model.set_rows(list_meetings(self.context.database))
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(1, 300)
        self.table.setColumnWidth(3, 200)
        for column in (2, 4, 5):
            self.table.resizeColumnToContents(column)
        self._update_count()
        row = self.model.row_of(selected) if selected is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.view.show_empty()

    def open_meeting(self, row: int) -> None:
        """Show the meeting on *row* in the view and give it focus."""
        meeting = self.model.row_at(row)
        if meeting is not None:
            self.view.show_meeting(self.context, meeting.id)
            self.view.setFocus()

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {index.row() for index in selected.indexes()}
        if rows:
            meeting = self.model.row_at(min(rows))
            if meeting is not None:
                self.view.show_meeting(self.context, meeting.id)

    def _data_changed(self, what: str) -> None:
        if what in ("meetings", "*"):
            self.refresh()
