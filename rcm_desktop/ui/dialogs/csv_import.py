"""Preview of a CSV import: the rows that can be added, the rejected ones with their reasons.

Nothing is written until the user presses "Import the good rows"; then all of them in one go.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.exchange.people_csv import CsvReading
from rcm_desktop.i18n import _, format_list, ngettext, separator
from rcm_desktop.ui.context import AppContext


class CsvImportDialog(QDialog):
    """Shows a preview; accepts by importing the good rows in one transaction."""

    def __init__(
        self, context: AppContext, reading: CsvReading, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.reading = reading
        self.imported = 0
        self.setWindowTitle(_("Import people from CSV"))
        self.resize(760, 480)
        layout = QVBoxLayout(self)
        good, bad = len(reading.rows), len(reading.rejected)
        encoding = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "cp1252": "Windows-1252"}.get(
            reading.encoding, reading.encoding
        )
        delimiter = {";": _("semicolons"), ",": _("commas"), "\t": _("tabs")}[reading.delimiter]
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setText(
            ngettext("%(n)d row can be imported", "%(n)d rows can be imported", good) % {"n": good}
            + separator()
            + ngettext("%(n)d row rejected", "%(n)d rows rejected", bad) % {"n": bad}
            + "\n"
            + _("Read as %(encoding)s, columns separated by %(delimiter)s.")
            % {"encoding": encoding, "delimiter": delimiter}
            + (
                "\n"
                + _("Columns ignored: %(columns)s")
                % {"columns": format_list(reading.ignored_columns)}
                if reading.ignored_columns
                else ""
            )
        )
        layout.addWidget(self.summary)
        self.rejected = QTableWidget(bad, 3, self)  # a small read-only report, not data
        self.rejected.setObjectName("rejectedRows")
        self.rejected.setHorizontalHeaderLabels([_("Line"), _("Name"), _("Why it is rejected")])
        self.rejected.verticalHeader().hide()
        self.rejected.horizontalHeader().setStretchLastSection(True)
        self.rejected.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, item in enumerate(reading.rejected):
            for column, text in enumerate((str(item.line), item.name, " ".join(item.reasons))):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.rejected.setItem(row, column, cell)
        self.rejected.setColumnWidth(0, 60)
        self.rejected.setColumnWidth(1, 200)
        self.rejected.resizeRowsToContents()
        self.rejected.setWordWrap(True)
        layout.addWidget(QLabel(_("Rejected rows:"), self))
        layout.addWidget(self.rejected, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton(
            ngettext("Import the %(n)d good row", "Import the %(n)d good rows", good) % {"n": good},
            self,
        )
        self.import_button.setEnabled(good > 0)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.run_import)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

    def run_import(self) -> None:
        """Add the good rows, all in one transaction, off the UI thread."""
        from rcm_desktop.data.services.directory import import_people
        from rcm_desktop.ui.dialogs.form_dialog import show_refusal

        database, rows = self.context.database, self.reading.rows
        self.import_button.setEnabled(False)

        def imported(count: int) -> None:
            self.imported = count
            self.context.events.announce("people")
            self.accept()

        self.context.tasks.run(
            lambda _report: import_people(database, rows),
            owner=self,
            on_success=imported,
            on_error=lambda error: show_refusal(self, error.message),
            on_done=lambda: self.import_button.setEnabled(True),
            what=_("The people could not be imported."),
            writes=True,
        )
