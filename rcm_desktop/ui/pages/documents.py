"""The Documents tab: documents with the country's stage; beside them versions, workflow, comments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QWidget,
)

from rcm_desktop.domain.vocabulary import DocumentKind, label
from rcm_desktop.i18n import _, format_number, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import show_refusal
from rcm_desktop.ui.events import Change
from rcm_desktop.ui.history_button import HistoryButton
from rcm_desktop.ui.models.documents_table import DocumentsTableModel
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.pages.document_detail import DocumentDetail
from rcm_desktop.ui.widgets.columns import fit_columns
from rcm_desktop.ui.widgets.messages import confirm
from rcm_desktop.ui.widgets.record_table import record_table
from rcm_desktop.ui.widgets.search_caption import search_caption

if TYPE_CHECKING:
    from rcm_desktop.data.services.documents import DocumentRow


class DocumentsPage(Page):
    """Documents circulating for comments and approval, and the country's review of each."""

    watches = frozenset({"documents", "deadlines", "meetings", "settings"})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.heading.hide()  # the tab says what this is
        filters = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setAccessibleName(_("Kind"))
        self.new_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.history_button = HistoryButton(self, "document", lambda: _id(self.current()))
        self.search_label = search_caption(self, self.search)
        filters.addWidget(self.search_label)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind_filter, 1)
        for button in (self.new_button, self.edit_button, self.delete_button, self.history_button):
            filters.addWidget(button)
        self.layout_.addLayout(filters)
        # The list above the document it shows: the detail's tables get the page's width.
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.model = DocumentsTableModel(self)
        self.table = record_table(splitter, "documentsTable", self.model)
        self.table.setAccessibleName(_("Documents"))
        fit_columns(self.table, stretch=1, widths={0: 120, 2: 90, 3: 70, 4: 160, 5: 90})
        splitter.addWidget(self.table)
        self.detail = DocumentDetail(self)
        splitter.addWidget(self.detail)
        # The detail pane holds rows of buttons and tables: give it the larger share.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([180, 420])
        self.layout_.addWidget(splitter, 1)
        self.status = QLabel(self)
        self.status.setObjectName("documentsStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addWidget(self.status)
        self._select_after: int | None = None
        self._filter_timer = self.delayed(250, self.reload)
        self.search.textChanged.connect(lambda _text: self._filter_timer.start())
        self.kind_filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.show_selected())
        self.table.doubleClicked.connect(lambda _index: self.edit_document())
        self.new_button.clicked.connect(self.new_document)
        self.edit_button.clicked.connect(self.edit_document)
        self.delete_button.clicked.connect(self.delete_document)
        self.retranslate()

    def title(self) -> str:
        return _("Documents")

    def retranslate(self) -> None:
        self.search_label.retranslate()
        self.history_button.retranslate()
        self.search.setPlaceholderText(_("Search titles, versions and meetings…"))
        current = self.kind_filter.currentData()
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItem(_("All kinds"), None)
        for kind in DocumentKind:
            self.kind_filter.addItem(label(kind), kind)
        self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(current), 0))
        self.kind_filter.blockSignals(False)
        self.new_button.setText(_("&New document…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("Delete"))
        self.model.retranslate()
        self.detail.retranslate()
        self._show_status()

    # -- loading --------------------------------------------------------------------------

    def current(self) -> DocumentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def reload(self) -> None:
        from rcm_desktop.data.services.documents import list_documents

        database = self.context.database
        if database is None:
            self.status.setText(_("Opening the database…"))
            return
        self._filter_timer.stop()
        country, search, kind = (
            self.context.country,
            self.search.text(),
            self.kind_filter.currentData(),
        )
        self.load(
            lambda: list_documents(database, country, search=search, kind=kind),
            self._loaded,
            what=_("The documents could not be read."),
            key="list",
        )

    def changed(self, change: Change) -> None:
        self.reload()

    def _loaded(self, rows: list[DocumentRow]) -> None:
        selected = self._select_after if self._select_after is not None else None
        if selected is None:
            current = self.current()
            selected = current.id if current else None
        self._select_after = None
        self.model.set_rows(rows)
        self._show_status()
        if rows:
            self.table.selectRow(max(self.model.row_of(selected), 0))
        self.show_selected()

    def _show_status(self) -> None:
        rows = self.model.rows
        if self.context.database is None:
            self.status.setText(_("Opening the database…"))
        elif rows:
            self.status.setText(
                ngettext("%(n)s document shown.", "%(n)s documents shown.", len(rows))
                % {"n": format_number(len(rows))}
            )
        elif not self.search.text() and self.kind_filter.currentData() is None:
            self.status.setText(
                _("No documents yet. Add one with “New document…” when it arrives.")
            )
        else:
            self.status.setText(_("No document matches the search."))

    def show_selected(self) -> None:
        row = self.current()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(row is not None)
        self.detail.show_document(row)

    # -- documents ------------------------------------------------------------------------

    def new_document(self) -> None:
        from rcm_desktop.domain.documents import DocumentDraft
        from rcm_desktop.ui.dialogs.document_editor import DocumentEditor

        if self.context.database is None:
            return
        editor = DocumentEditor(self.context, DocumentDraft(title=""), self.context.country, self)
        if editor.exec() and editor.saved_id is not None:
            self.search.clear()
            self._select_after = editor.saved_id
            self.reload()

    def edit_document(self) -> None:
        from rcm_desktop.data.services.documents import load_document
        from rcm_desktop.ui.dialogs.document_editor import DocumentEditor

        row, database = self.current(), self.context.database
        if row is None or database is None:
            return
        self.context.tasks.run(
            lambda _report: load_document(database, row.id),
            owner=self,
            on_success=lambda draft: DocumentEditor(
                self.context, draft, self.context.country, self
            ).exec(),
            on_error=lambda error: show_refusal(self, error.message),
            what=_("The document could not be read."),
        )

    def delete_document(self) -> None:
        from rcm_desktop.data.services.documents import delete_document

        row, database, profile = self.current(), self.context.database, self.context.profile
        if row is None or database is None:
            return
        question = _(
            "Delete “%(title)s” with its file versions, reviews and comments? "
            "This cannot be undone, but the backups in the profile keep earlier data."
        ) % {"title": row.title}
        if not confirm(self, question):
            return

        def deleted(_result: Any) -> None:
            self.context.events.announce("documents", ids=[row.id])
            self.context.events.announce("deadlines")

        self.context.tasks.run(
            lambda _report: delete_document(database, profile, row.id),
            owner=self,
            on_success=deleted,
            on_error=lambda error: show_refusal(self, error.message),
            what=_("The document could not be deleted."),
            writes=True,
        )


def _id(row: object) -> int | None:
    """The id of the selected row, or None."""
    return getattr(row, "id", None)
