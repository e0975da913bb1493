"""Directory: the people the focal point nominates, searched as you type, imported and exported."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from rcm_desktop.i18n import _, format_number, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import show_refusal
from rcm_desktop.ui.events import Change
from rcm_desktop.ui.history_button import HistoryButton
from rcm_desktop.ui.models.people_table import PeopleTableModel
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.widgets.columns import fit_columns
from rcm_desktop.ui.widgets.messages import confirm
from rcm_desktop.ui.widgets.record_table import record_table
from rcm_desktop.ui.widgets.search_caption import search_caption

if TYPE_CHECKING:
    from rcm_desktop.data.services.directory import SearchResult
    from rcm_desktop.ui.dialogs.csv_import import CsvImportDialog

#: Milliseconds of pause in typing before the search runs.
SEARCH_DELAY_MS = 120


class DirectoryPage(Page):
    """A search box over a table of people, with add, edit, delete, import and export."""

    watches = frozenset({"people"})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._more: bool | None = None  # whether the last search found more than it shows
        #: The CSV import preview while it is open.
        self.import_dialog: CsvImportDialog | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("directorySearch")
        self.search.setClearButtonEnabled(True)
        search_row = QHBoxLayout()
        self.search_label = search_caption(self, self.search)
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        self.layout_.addLayout(search_row)
        actions = QHBoxLayout()
        self.new_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.import_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.history_button = HistoryButton(self, "person", lambda: _id(self.current()))
        for widget in (self.new_button, self.edit_button, self.delete_button, self.history_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        self.layout_.addLayout(actions)
        self.model = PeopleTableModel(self)
        self.table = record_table(self, "peopleTable", self.model)
        self.table.setAccessibleName(_("Directory"))
        fit_columns(self.table, stretch=2, widths={0: 180, 1: 140, 3: 180, 4: 110})
        self.layout_.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setObjectName("directoryStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addWidget(self.status)
        self.timer = self.delayed(SEARCH_DELAY_MS, self.reload)
        self.search.textChanged.connect(lambda _text: self._searching())
        #: What the last import did, shown beside the count until the user searches.
        self._notice = ""
        self.search.returnPressed.connect(self.reload)
        self.table.doubleClicked.connect(lambda _index: self.edit_person())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected_changed())
        self.new_button.clicked.connect(self.new_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.delete_button.clicked.connect(self.delete_person)
        self.import_button.clicked.connect(lambda: self.import_csv())
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.retranslate()

    def title(self) -> str:
        return _("Directory")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.search_label.retranslate()
        self.history_button.retranslate()
        self.search.setPlaceholderText(
            _("Search by name, institution, position or email (accents ignored)")
        )
        self.new_button.setText(_("&New person…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("Delete"))
        self.import_button.setText(_("&Import CSV…"))
        self.export_button.setText(_("E&xport CSV…"))
        self.model.retranslate()
        if self.context.database is None:
            self.status.setText(_("Opening the database…"))
        elif self._more is not None:  # read already: the count in the new language
            self._show_count()

    def current(self):  # type: ignore[no-untyped-def]
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def reload(self) -> None:
        """Search the directory for what is typed, off the UI thread."""
        from rcm_desktop.data.services.directory import search_people

        self.timer.stop()
        database = self.context.database
        if database is None:
            return
        text = self.search.text()
        self.load(
            lambda: search_people(database, text),
            self._found,
            what=_("The directory could not be searched."),
        )

    def changed(self, change: Change) -> None:
        self.reload()

    def _found(self, result: SearchResult) -> None:
        selected = self.current()
        self.model.set_rows(list(result.rows))
        self._more = result.more
        self._show_count()
        if result.rows:
            self.table.selectRow(max(self.model.row_of(selected.id if selected else None), 0))
        self._selected_changed()

    def _searching(self) -> None:
        self._notice = ""
        self.timer.start()

    def _show_count(self) -> None:
        count = self.model.rowCount()
        text = ngettext("%(n)d person", "%(n)d people", count) % {"n": count}
        if self._more:
            text = _("The first %(n)d people; type more to narrow the search.") % {"n": count}
        self.status.setText(f"{self._notice} {text}" if self._notice else text)

    def _selected_changed(self) -> None:
        chosen = self.current() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.history_button.setEnabled(chosen)

    def new_person(self) -> None:
        from rcm_desktop.domain.people import PersonFields
        from rcm_desktop.ui.dialogs.person_editor import PersonEditor

        if self.context.database is None:
            return
        PersonEditor(
            self.context, PersonFields(country_code=self.context.country), None, self
        ).exec()

    def edit_person(self) -> None:
        from rcm_desktop.ui.dialogs.person_editor import PersonEditor

        row = self.current()
        if row is None or self.context.database is None:
            return
        PersonEditor(self.context, row.fields(), row.id, self, version=row.version).exec()

    def delete_person(self) -> None:
        from rcm_desktop.data.services.directory import delete_person

        row, database = self.current(), self.context.database
        if row is None or database is None:
            return
        if not confirm(self, _("Delete %(name)s from the directory?") % {"name": row.full_name}):
            return
        self.context.tasks.run(
            lambda _report: delete_person(database, row.id),
            owner=self,
            on_success=lambda _none: self.context.events.announce("people", ids=[row.id]),
            on_error=lambda error: show_refusal(self, error.message),
            what=_("The person could not be deleted."),
            writes=True,
        )

    def import_csv(self, path: str | None = None) -> None:
        """Open the preview, which reads and checks the file off the UI thread with progress."""
        from rcm_desktop.ui.dialogs.csv_import import CsvImportDialog

        if self.context.database is None:
            return
        if not path:
            path, _filter = QFileDialog.getOpenFileName(
                self, _("Import people from CSV"), str(Path.home()), _("CSV files (*.csv *.txt)")
            )
        if not path:
            return
        dialog = CsvImportDialog(self.context, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._imported(dialog.imported))
        self.import_dialog = dialog
        dialog.open()
        dialog.read(Path(path))

    def _imported(self, count: int) -> None:
        self.import_dialog = None
        if count:  # the reload the import announced shows it beside the count
            self._notice = ngettext("%(n)s person imported.", "%(n)s people imported.", count) % {
                "n": format_number(count)
            }
            self._show_count()

    def export_csv(self, path: str | None = None) -> None:
        from rcm_desktop.data.services.directory import export_people_csv

        database = self.context.database
        if database is None:
            return
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Export the directory"), str(Path.home() / "directory.csv"),
                _("CSV files (*.csv)"),
            )  # fmt: skip
        if not path:
            return
        target = Path(path)
        self.context.tasks.run(
            lambda _report: export_people_csv(database, target),
            owner=self,
            on_success=lambda count: self.status.setText(
                ngettext(
                    "%(n)d person written to %(path)s", "%(n)d people written to %(path)s", count
                )
                % {"n": count, "path": path}
            ),
            on_error=lambda error: show_refusal(self, error.message),
            what=_("The directory could not be exported."),
        )


def _id(row: object) -> int | None:
    """The id of the selected row, or None."""
    return getattr(row, "id", None)
