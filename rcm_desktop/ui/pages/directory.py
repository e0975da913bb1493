"""Directory: the people the focal point nominates, searched as you type, imported and exported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.models.people_table import PeopleTableModel
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.widgets.messages import confirm
from rcm_desktop.ui.widgets.record_table import record_table

#: Milliseconds of pause in typing before the search runs.
SEARCH_DELAY_MS = 120


class DirectoryPage(Page):
    """A search box over a table of people, with add, edit, delete, import and export."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("directorySearch")
        self.search.setClearButtonEnabled(True)
        self.layout_.addWidget(self.search)
        actions = QHBoxLayout()
        self.new_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.import_button = QPushButton(self)
        self.export_button = QPushButton(self)
        for widget in (self.new_button, self.edit_button, self.delete_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        self.layout_.addLayout(actions)
        self.model = PeopleTableModel(self)
        self.table = record_table(self, "peopleTable", self.model)
        for column, width in enumerate((230, 200, 260, 220, 150, 90)):
            self.table.setColumnWidth(column, width)
        self.layout_.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setObjectName("directoryStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addWidget(self.status)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.search.returnPressed.connect(self.refresh)
        self.table.doubleClicked.connect(lambda _index: self.edit_person())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected_changed())
        self.new_button.clicked.connect(self.new_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.delete_button.clicked.connect(self.delete_person)
        self.import_button.clicked.connect(lambda: self.import_csv())
        self.export_button.clicked.connect(lambda: self.export_csv())
        context.events.changed.connect(self._data_changed)
        self.retranslate()

    def title(self) -> str:
        return _("Directory")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.search.setPlaceholderText(
            _("Search by name, institution, position or email (accents ignored)")
        )
        self.new_button.setText(_("&New person…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("Delete"))
        self.import_button.setText(_("&Import CSV…"))
        self.export_button.setText(_("E&xport CSV…"))
        self.model.retranslate()
        self.refresh()

    def current(self):  # type: ignore[no-untyped-def]
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def refresh(self) -> None:
        from rcm_desktop.data.services.directory import search_people

        self.timer.stop()
        if self.context.database is None:
            self.status.setText(_("Opening the database…"))
            return
        selected = self.current()
        result = search_people(self.context.database, self.search.text())
        self.model.set_rows(result.rows)
        count = len(result.rows)
        text = ngettext("%(n)d person", "%(n)d people", count) % {"n": count}
        if result.more:
            text = _("The first %(n)d people; type more to narrow the search.") % {"n": count}
        self.status.setText(text)
        target = next(
            (i for i, row in enumerate(result.rows) if selected and row.id == selected.id), 0
        )
        if result.rows:
            self.table.selectRow(target)
        self._selected_changed()

    def _selected_changed(self) -> None:
        chosen = self.current() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _data_changed(self, what: str) -> None:
        if what in ("people", "*"):
            self.refresh()

    def new_person(self) -> None:
        from rcm_desktop.data.services.settings import profile_country
        from rcm_desktop.domain.people import PersonFields
        from rcm_desktop.ui.dialogs.person_editor import PersonEditor

        if self.context.database is None:
            return
        fields = PersonFields(country_code=profile_country(self.context.database))
        PersonEditor(self.context, fields, None, self).exec()

    def edit_person(self) -> None:
        from rcm_desktop.ui.dialogs.person_editor import PersonEditor

        row = self.current()
        if row is None or self.context.database is None:
            return
        PersonEditor(self.context, row.fields(), row.id, self, version=row.version).exec()

    def delete_person(self) -> None:
        from rcm_desktop.data.services.directory import delete_person

        row = self.current()
        if row is None or self.context.database is None:
            return
        if not confirm(self, _("Delete %(name)s from the directory?") % {"name": row.full_name}):
            return
        try:
            delete_person(self.context.database, row.id)
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        self.context.events.changed.emit("people")

    def import_csv(self, path: str | None = None) -> None:
        from rcm_desktop.data.services.directory import preview_import
        from rcm_desktop.ui.dialogs.csv_import import CsvImportDialog

        if self.context.database is None:
            return
        if not path:
            path, _filter = QFileDialog.getOpenFileName(
                self, _("Import people from CSV"), str(Path.home()), _("CSV files (*.csv *.txt)")
            )
        if not path:
            return
        try:
            reading = preview_import(self.context.database, Path(path))
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        dialog = CsvImportDialog(self.context, reading, self)
        if dialog.exec() and dialog.imported:
            self.status.setText(
                ngettext("%(n)d person imported.", "%(n)d people imported.", dialog.imported)
                % {"n": dialog.imported}
            )

    def export_csv(self, path: str | None = None) -> None:
        from rcm_desktop.data.services.directory import export_people_csv

        if self.context.database is None:
            return
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Export the directory"), str(Path.home() / "directory.csv"),
                _("CSV files (*.csv)"),
            )  # fmt: skip
        if not path:
            return
        try:
            count = export_people_csv(self.context.database, Path(path))
        except (RcmDeskError, OSError) as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return
        self.status.setText(
            ngettext("%(n)d person written to %(path)s", "%(n)d people written to %(path)s", count)
            % {"n": count, "path": path}
        )
