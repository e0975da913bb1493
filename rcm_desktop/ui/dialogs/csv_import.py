"""Preview of a CSV import: the rows that can be added, the rejected ones with their reasons.

The dialog opens at once and reads the file off the UI thread, with a progress bar fed by
the parser (every thousand rows); Cancel stops the reading. The rejected rows are a model
over the reading (a table of 50,000 rows costs nothing until it is scrolled). Nothing is
written until the user presses "Import the good rows"; then all of them in one transaction,
with the same progress bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.errors import RcmDeskError
from rcm_desktop.exchange.people_csv import (
    CsvReading,
    excerpt,
    import_progress,
    reading_progress,
)
from rcm_desktop.i18n import N_, _, format_list, format_number, ngettext, separator
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.models.rows import Column, RowsModel
from rcm_desktop.ui.widgets.record_table import record_table

#: Ignored columns named in the summary; more are counted.
SHOWN_IGNORED = 10
ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "cp1252": "Windows-1252",
             "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
             "utf-32": "UTF-32", "latin-1": "ISO-8859-1"}  # fmt: skip


class _Cancelled(RcmDeskError):
    """The user closed the preview while the file was read: stop reading."""


class RejectedRowsModel(RowsModel):
    """The rejected rows: line, name, reasons."""

    columns = (
        Column("line", N_("Line"), lambda row: str(row.line)),
        Column("name", N_("Name"), lambda row: row.name),
        Column("reasons", N_("Why it is rejected"), lambda row: " ".join(row.reasons)),
    )


class CsvImportDialog(QDialog):
    """Shows a preview; accepts by importing the good rows in one transaction.

    Give it a reading already made, or open it and call `read(path)`.
    """

    def __init__(
        self,
        context: AppContext,
        reading: CsvReading | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.reading: CsvReading | None = None
        self.imported = 0
        self._busy = False
        self._cancelled = False
        self.setWindowTitle(_("Import people from CSV"))
        self.resize(760, 480)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.model = RejectedRowsModel(self)
        self.rejected_table = record_table(self, "rejectedRows", self.model)
        self.rejected_table.setWordWrap(False)
        self.rejected_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.rejected_table.setColumnWidth(0, 60)
        self.rejected_table.setColumnWidth(1, 200)
        layout.addWidget(QLabel(_("Rejected rows:"), self))
        layout.addWidget(self.rejected_table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton(_("Import"), self)
        self.import_button.setEnabled(False)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.run_import)
        buttons.rejected.connect(self.reject)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(buttons)
        if reading is not None:
            self.show_reading(reading)

    # --- Reading --------------------------------------------------------------------------

    def read(self, path: Path) -> None:
        """Read and check *path* off the UI thread, showing how far it has got."""
        from rcm_desktop.data.services.directory import preview_import

        database = self.context.database
        if database is None:
            return
        self._busy = True
        self.summary.setText(_("Reading %(file)s…") % {"file": path.name})
        self.progress.setRange(0, 0)  # busy until the first report gives the size
        self.progress.show()

        def work(report):  # type: ignore[no-untyped-def]
            def progress(done: int, total: int) -> None:
                if self._cancelled:
                    raise _Cancelled("")
                report(done, total)

            return preview_import(database, path, progress)

        self.context.tasks.run(
            work,
            owner=self,
            on_success=self.show_reading,
            on_error=self._unreadable,
            on_progress=self._reading_progress,
            what=_("The file could not be read."),
        )

    def _reading_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        self.summary.setText(reading_progress(done, total))

    def _unreadable(self, error: RcmDeskError) -> None:
        from rcm_desktop.ui.dialogs.form_dialog import show_refusal

        self._busy = False
        self.progress.hide()
        if isinstance(error, _Cancelled):
            return
        show_refusal(self, error.message)
        self.reject()

    def show_reading(self, reading: CsvReading) -> None:
        """Show what the file holds: counts over every row, and the rejected rows."""
        self._busy = False
        self.reading = reading
        self.progress.hide()
        good, bad = len(reading.rows), len(reading.rejected)
        delimiter = {";": _("semicolons"), ",": _("commas"), "\t": _("tabs")}[reading.delimiter]
        lines = [
            ngettext("%(n)s row can be imported", "%(n)s rows can be imported", good)
            % {"n": format_number(good)}
            + separator()
            + ngettext("%(n)s row rejected", "%(n)s rows rejected", bad)
            % {"n": format_number(bad)},
            _("Read as %(encoding)s, columns separated by %(delimiter)s.")
            % {
                "encoding": ENCODINGS.get(reading.encoding, reading.encoding),
                "delimiter": delimiter,
            },
        ]
        if reading.ignored_columns:
            lines.append(
                _("Columns ignored: %(columns)s")
                % {"columns": ignored_columns(reading.ignored_columns)}
            )
        self.summary.setText("\n".join(lines))
        self.model.set_rows(reading.rejected)
        self.import_button.setText(
            ngettext("Import the %(n)s good row", "Import the %(n)s good rows", good)
            % {"n": format_number(good)}
        )
        self.import_button.setEnabled(good > 0)

    # --- Importing ------------------------------------------------------------------------

    def run_import(self) -> None:
        """Add the good rows, all in one transaction, off the UI thread."""
        from rcm_desktop.data.services.directory import import_people
        from rcm_desktop.ui.dialogs.form_dialog import show_refusal

        if self.reading is None or self._busy:
            return
        database, rows = self.context.database, self.reading.rows
        self._busy = True
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(False)  # a transaction under way ends on its own
        self.progress.setRange(0, max(len(rows), 1))
        self.progress.setValue(0)
        self.progress.show()

        def imported(count: int) -> None:
            self.imported = count
            self.context.events.announce("people")
            self._busy = False
            self.accept()

        def done() -> None:
            self._busy = False
            self.progress.hide()
            self.cancel_button.setEnabled(True)
            self.import_button.setEnabled(bool(rows) and not self.imported)

        self.context.tasks.run(
            lambda report: import_people(database, rows, report),
            owner=self,
            on_success=imported,
            on_error=lambda error: show_refusal(self, error.message),
            on_progress=self._import_progress,
            on_done=done,
            what=_("The people could not be imported."),
            writes=True,
        )

    def _import_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.summary.setText(import_progress(done, total))

    def reject(self) -> None:
        """Cancel: stops a reading under way; waits for an import under way to finish."""
        if self._busy and self.reading is not None:
            return  # importing: the transaction commits or rolls back on its own, soon
        self._cancelled = True
        super().reject()


def ignored_columns(columns: tuple[str, ...]) -> str:
    """The first SHOWN_IGNORED column names as a list, and how many more there are."""
    shown = [excerpt(column.strip(), 40) for column in columns[:SHOWN_IGNORED]]
    more = len(columns) - len(shown)
    if more:
        shown.append(ngettext("%(n)s more", "%(n)s more", more) % {"n": format_number(more)})
    return format_list(shown)
