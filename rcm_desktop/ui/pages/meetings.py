"""The meetings page: a filterable list of meetings beside a readable view of the selected one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.vocabulary import MeetingStatus, label
from rcm_desktop.i18n import _, ngettext
from rcm_desktop.ui import meeting_actions
from rcm_desktop.ui.context import AppContext, user_zone
from rcm_desktop.ui.events import Change
from rcm_desktop.ui.history_button import HistoryButton
from rcm_desktop.ui.models.meetings_table import COLUMNS, MeetingsTableModel
from rcm_desktop.ui.note_import import accept_note_drops, note_import
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.widgets.columns import fit_columns
from rcm_desktop.ui.widgets.meeting_view import MeetingView
from rcm_desktop.ui.widgets.search_caption import search_caption

if TYPE_CHECKING:
    from rcm_desktop.data.services.meeting_pages import MeetingPage, MeetingsListing

FILTER_KEY = "meetings.filter"


class MeetingsPage(Page):
    """Filter bar, list of meetings (SQL-filtered and sorted), and the selected meeting's view."""

    watches = frozenset({"meetings", "settings", "reference"})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._sort = ("date", True)
        self._choices_shown = False
        self._selecting = False
        # While the user types a filter, the list follows each keystroke and the detail pane
        # follows once typing pauses: the slow part of a keystroke is rendering a meeting.
        self._detail_timer = self.delayed(180, self._show_selected)
        self._save_filter_timer = QTimer(self)
        self._save_filter_timer.setSingleShot(True)
        self._save_filter_timer.setInterval(600)
        self._save_filter_timer.timeout.connect(self.save_filter)
        self._build_filters()
        self.count_label = QLabel(self)
        self.layout_.addWidget(self.count_label)
        # The list above the meeting it shows: both get the page's whole width.
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.model = MeetingsTableModel(self)
        self.model.rows_wanted.connect(self._read_rows)
        self.table = QTableView(self.splitter)
        self.table.setAccessibleName(_("Meetings"))
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
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        fit_columns(self.table, stretch=1, widths={0: 100, 2: 110, 3: 200, 4: 80, 5: 150})

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
        self.history_button = HistoryButton(self, "meeting", self.selected_meeting)
        for button in (
            self.edit_button,
            self.duplicate_button,
            self.status_button,
            self.attach_button,
            self.briefing_button,
            self.history_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.delete_button)
        right_layout.addLayout(actions)
        self.view = MeetingView(right)
        self.view.setAccessibleName(_("Meeting"))
        right_layout.addWidget(self.view, 1)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 420])
        self.layout_.addWidget(self.splitter, 1)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda index: self.open_meeting(index.row()))
        self.new_button.clicked.connect(self.new_meeting)
        self.import_button.clicked.connect(lambda: note_import(self).choose_file())
        accept_note_drops(self)
        self.edit_button.clicked.connect(self.edit_meeting)
        self.duplicate_button.clicked.connect(self.duplicate_meeting)
        self.status_button.clicked.connect(self.change_status)
        self.attach_button.clicked.connect(self.attach_file)
        self.briefing_button.clicked.connect(self.print_briefing)
        self.delete_button.clicked.connect(self.delete_meeting)
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
        self.import_button = QPushButton(self)  # a concept note's file; one dropped here too
        self.import_button.setObjectName("importNote")
        self.search_label = search_caption(self, self.search)
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        search_row.addStretch(1)
        search_row.addWidget(self.import_button)
        search_row.addWidget(self.new_button)
        self.layout_.addLayout(search_row)
        bar = QHBoxLayout()
        self.forum_filter = QComboBox(self)
        self.body_filter = QComboBox(self)
        self.year_filter = QComboBox(self)
        self.status_filter = QComboBox(self)
        for combo, name in (
            (self.forum_filter, _("Forums")),
            (self.body_filter, _("Convening body")),
            (self.year_filter, _("Date")),
            (self.status_filter, _("Status")),
        ):
            combo.setAccessibleName(name)
        for combo in (self.forum_filter, self.body_filter, self.year_filter, self.status_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            bar.addWidget(combo)
        for combo in (self.year_filter, self.status_filter):  # short: never cut
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
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

    def _fill_filter_choices(self, years: list[int]) -> None:
        """The forums and bodies (from the reference data in memory) and the years read."""
        reference = self.context.reference
        forums = [(forum.code, forum.name) for forum in reference.forums] if reference else []
        bodies = (
            [(body.code, body.name) for body in reference.bodies_by_name()] if reference else []
        )
        saved = self.context.preferences.get(FILTER_KEY) or {}
        first = not self._choices_shown
        current = {
            "forum": saved.get("forum") if first else self.forum_filter.currentData(),
            "body": saved.get("body") if first else self.body_filter.currentData(),
            "year": saved.get("year") if first else self.year_filter.currentData(),
            "status": saved.get("status") if first else self.status_filter.currentData(),
        }
        fills = (
            (self.forum_filter, _("All forums"), forums, "forum"),
            (self.body_filter, _("All convening bodies"), bodies, "body"),
            (self.year_filter, _("All years"), [(year, str(year)) for year in years], "year"),
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
        if first and not self.search.text() and saved.get("text"):
            self.search.blockSignals(True)
            self.search.setText(saved["text"])
            self.search.blockSignals(False)
        self._choices_shown = True

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
        self.reload(with_choices=False, typing=True)
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
        self.reload(with_choices=False)

    # -- page -----------------------------------------------------------------------------

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self._save_filter_timer.isActive():
            self.save_filter()  # leaving the page or closing the window keeps the last filter
        super().hideEvent(event)

    def title(self) -> str:
        return _("Meetings")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.search_label.retranslate()
        self.history_button.retranslate()
        self.search.setPlaceholderText(_("Search titles, venues, platforms…"))
        self.clear_button.setText(_("Clear filters"))
        self.new_button.setText(_("&New meeting…"))
        self.import_button.setText(_("&Import a concept note…"))
        self.edit_button.setText(_("&Edit…"))
        self.duplicate_button.setText(_("D&uplicate…"))
        self.status_button.setText(_("Change &status…"))
        self.attach_button.setText(_("A&ttach file…"))
        self.briefing_button.setText(_("&Print briefing pack…"))
        self.delete_button.setText(_("Delete"))
        self.model.retranslate()
        if self.view.data is not None:
            self.view.rerender()
        elif self.view.meeting_id is None:
            self.view.show_empty()
        if self.context.database is not None and self._choices_shown:
            self.reload(with_choices=True)  # body names and statuses in the new language
        self._update_count()

    def reload(
        self, select_id: int | None = None, *, with_choices: bool = True, typing: bool = False
    ) -> None:
        """Read the meetings that pass the filters (and the filter choices), then show them,
        keeping the selection when it stays in the list."""
        from rcm_desktop.data.services.meeting_pages import meetings_listing

        database = self.context.database
        if database is None:
            return
        selected = select_id if select_id is not None else self.view.meeting_id
        meeting_filter = self.current_filter()
        sort, descending = self._sort
        profile = None if typing else self.context.profile  # typing: shown once it pauses
        self.load(
            lambda: meetings_listing(
                database,
                meeting_filter,
                sort,
                descending,
                around=selected,
                with_choices=with_choices or not self._choices_shown,
                profile=profile,
            ),
            lambda listing: self._listed(listing, selected, typing),
            what=_("The list of meetings could not be read."),
            key="list",
        )

    def _listed(self, listing: MeetingsListing, selected: int | None, typing: bool) -> None:
        if listing.years is not None:
            first = not self._choices_shown
            self._fill_filter_choices(listing.years)
            if first and self._filtering():  # the remembered filter: read the list it gives
                self.reload(selected, with_choices=False)
                return
        self.model.set_ids(listing.ids, listing.rows)
        self._update_count()
        row = self.model.row_of(selected)
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self._selecting = True
            try:
                self.table.selectRow(row)
            finally:
                self._selecting = False
            self.table.scrollTo(self.model.index(row, 0))
            if typing:
                self._detail_timer.start()
            elif listing.selected is not None:
                self.view.show_page(listing.selected, user_zone(self.context))
            else:
                self._show_selected()
        else:
            self.view.show_empty()
        self._update_actions()

    def _read_rows(self, ids: list[int]) -> None:
        """The view scrolled to rows not read yet: read them off the UI thread."""
        from rcm_desktop.data.services.meeting_list import meeting_rows

        database = self.context.database
        if database is None:
            return
        self.context.tasks.run(
            lambda _report: meeting_rows(database, ids),
            owner=self,
            on_success=self.model.add_rows,
            what=_("The list of meetings could not be read."),
        )

    def show_meeting(self, meeting_id: int) -> None:
        """Read the meeting in full, off the UI thread, and show it beside the list."""
        from rcm_desktop.data.services.meeting_pages import meeting_page

        database, profile = self.context.database, self.context.profile
        if database is None:
            return
        self.view.show_loading(meeting_id)
        self._update_actions()

        def show(data: MeetingPage | None) -> None:
            if data is None:
                self.view.show_empty()
            else:
                self.view.show_page(data, user_zone(self.context))
            self._update_actions()

        self.load(
            lambda: meeting_page(database, profile, meeting_id),
            show,
            what=_("The meeting could not be read."),
            key="detail",
        )

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
        has = self.view.data is not None
        for button in (
            self.edit_button,
            self.duplicate_button,
            self.status_button,
            self.attach_button,
            self.briefing_button,
            self.history_button,
            self.delete_button,
        ):
            button.setEnabled(has)
        self.new_button.setEnabled(self.context.database is not None)
        self.import_button.setEnabled(self.context.database is not None)

    def open_meeting(self, row: int) -> None:
        """Show the meeting on *row* in the view and give it focus."""
        meeting_id = self.model.id_at(row)
        if meeting_id is not None:
            self.show_meeting(meeting_id)
            self.view.setFocus()

    def selected_meeting(self) -> int | None:
        """The meeting selected in the list, or None."""
        return self._selected_id()

    def _selected_id(self) -> int | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.model.id_at(min(rows)) if rows else None

    def _show_selected(self) -> None:
        meeting_id = self._selected_id()
        if meeting_id is not None:
            self.show_meeting(meeting_id)
        self._update_actions()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._selecting:
            return  # the list that selected it shows it
        meeting_id = self._selected_id()
        if meeting_id is not None and meeting_id != self.view.meeting_id:
            self.show_meeting(meeting_id)
        self._update_actions()

    def changed(self, change: Change) -> None:
        if change.concerns(("settings", "reference")) and self.view.data is not None:
            self.view.rerender()  # the user's time zone may have moved
        if not change.concerns(("meetings", "reference")):
            return
        ids = change.ids_of("meetings")
        self.model.forget(ids)
        # the one meeting this window just saved, created or copied is the one to show
        just_saved = next(iter(ids)) if not change.remote and ids and len(ids) == 1 else None
        self.reload(select_id=just_saved)

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
