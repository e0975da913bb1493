"""The meetings page: a filterable list of meetings beside a readable view of the selected one."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.vocabulary import MeetingStatus, label
from rcm_desktop.i18n import _, ngettext
from rcm_desktop.ui import meeting_actions
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.models.meetings_table import COLUMNS, MeetingsTableModel
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.widgets.meeting_view import MeetingView

FILTER_KEY = "meetings.filter"


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
        self._save_filter_timer = QTimer(self)
        self._save_filter_timer.setSingleShot(True)
        self._save_filter_timer.setInterval(600)
        self._save_filter_timer.timeout.connect(self.save_filter)
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
        self.briefing_button = QPushButton(right)
        self.briefing_button.setObjectName("printBriefing")
        self.briefing_job = None  # the briefing pack being printed, kept alive while it runs
        self.delete_button = QPushButton(right)
        for button in (
            self.edit_button,
            self.duplicate_button,
            self.status_button,
            self.attach_button,
            self.briefing_button,
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
        self.briefing_button.clicked.connect(self.print_briefing)
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
        self._typing = True
        try:
            self.reload()
        finally:
            self._typing = False
        self._save_filter_timer.start()  # written once typing pauses, not on every key

    def save_filter(self) -> None:
        """Remember the current filter for next time (in the user's preferences)."""
        self._save_filter_timer.stop()
        meeting_filter = self.current_filter()
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

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self._save_filter_timer.isActive():
            self.save_filter()  # leaving the page or closing the window keeps the last filter
        super().hideEvent(event)

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
        self.briefing_button.setText(_("&Print briefing pack…"))
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
            self.briefing_button,
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

    # -- actions (rcm_desktop.ui.meeting_actions) --------------------------------------------

    def new_meeting(self) -> None:
        meeting_actions.new_meeting(self)

    def edit_meeting(self) -> None:
        meeting_actions.edit_meeting(self)

    def duplicate_meeting(self) -> None:
        meeting_actions.duplicate_meeting(self)

    def change_status(self) -> None:
        meeting_actions.change_status(self)

    def attach_file(self, path: str | None = None) -> None:
        meeting_actions.attach_file(self, path)

    def delete_meeting(self) -> None:
        meeting_actions.delete_meeting(self)

    def print_briefing(self) -> None:
        meeting_actions.print_briefing(self)
