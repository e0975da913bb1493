"""The Documents tab: documents with the country's stage; beside them versions, workflow, comments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.vocabulary import DocumentKind, label
from rcm_desktop.i18n import _, format_date, format_number, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import run_safely, show_refusal
from rcm_desktop.ui.models.documents_table import (
    STAGE_ICON,
    CommentsModel,
    ConsultationsModel,
    DocumentsTableModel,
    stage_text,
)
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.widgets.messages import confirm
from rcm_desktop.ui.widgets.record_table import record_table


def _selected(table: QTableView, model: Any) -> Any:
    rows = table.selectionModel().selectedRows()
    return model.rows[rows[0].row()] if rows else None


class DocumentsPage(Page):
    """Documents circulating for comments and approval, and the country's review of each."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.heading.hide()  # the tab says what this is
        self.country: str | None = None
        self.review: Any = None
        filters = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.kind_filter = QComboBox(self)
        self.new_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind_filter, 1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            filters.addWidget(button)
        self.layout_.addLayout(filters)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = DocumentsTableModel(self)
        self.table = record_table(splitter, "documentsTable", self.model)
        for column, width in enumerate((170, 300, 130, 100, 220)):
            self.table.setColumnWidth(column, width)
        self.table.setIconSize(self.table.iconSize())
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_detail(splitter))
        # The detail pane holds rows of buttons and tables: give it the larger share.
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 600])
        self.layout_.addWidget(splitter, 1)
        self.status = QLabel(self)
        self.status.setObjectName("documentsStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addWidget(self.status)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._filter_timer.start())
        self.kind_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.show_selected())
        self.table.doubleClicked.connect(lambda _index: self.edit_document())
        self.new_button.clicked.connect(self.new_document)
        self.edit_button.clicked.connect(self.edit_document)
        self.delete_button.clicked.connect(self.delete_document)
        context.events.changed.connect(self._data_changed)
        self.retranslate()

    # -- building -------------------------------------------------------------------------

    def _build_detail(self, parent: QWidget) -> QWidget:
        scroll = QScrollArea(parent)
        scroll.setWidgetResizable(True)
        self.detail = QWidget(scroll)
        layout = QVBoxLayout(self.detail)
        self.document_title = QLabel(self.detail)
        self.document_title.setObjectName("documentTitle")
        self.document_title.setWordWrap(True)
        self.document_title.setTextFormat(Qt.TextFormat.PlainText)
        self.document_title.setStyleSheet("font-size: 13pt; font-weight: 600")
        layout.addWidget(self.document_title)
        self.document_meta = QLabel(self.detail)
        self.document_meta.setWordWrap(True)
        self.document_meta.setTextFormat(Qt.TextFormat.PlainText)
        self.document_meta.setStyleSheet("color: #4a5563")
        layout.addWidget(self.document_meta)
        self.workflow_box = QGroupBox(self.detail)
        box = QVBoxLayout(self.workflow_box)
        stage_row = QHBoxLayout()
        self.stage_icon = QLabel(self.workflow_box)
        self.stage_label = QLabel(self.workflow_box)
        self.stage_label.setObjectName("stageLabel")
        self.stage_label.setStyleSheet("font-weight: 600")
        stage_row.addWidget(self.stage_icon)
        stage_row.addWidget(self.stage_label, 1)
        box.addLayout(stage_row)
        self.steps = QLabel(self.workflow_box)
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        self.steps.setWordWrap(True)
        box.addWidget(self.steps)
        self.next_step_button = QPushButton(self.workflow_box)
        self.undo_button = QPushButton(self.workflow_box)
        self.receipt_button = QPushButton(self.workflow_box)
        box.addLayout(self._row(self.next_step_button, self.undo_button, self.receipt_button))
        self.consultations = ConsultationsModel(self)
        self.consultations_table = record_table(
            self.workflow_box, "consultations", self.consultations
        )
        self.consultations_table.setMaximumHeight(130)
        header = self.consultations_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.consultations_table)
        self.add_consultation_button = QPushButton(self.workflow_box)
        self.edit_consultation_button = QPushButton(self.workflow_box)
        self.remove_consultation_button = QPushButton(self.workflow_box)
        box.addLayout(
            self._row(
                self.add_consultation_button,
                self.edit_consultation_button,
                self.remove_consultation_button,
            )
        )
        layout.addWidget(self.workflow_box)
        self.comments_box = QGroupBox(self.detail)
        comments = QVBoxLayout(self.comments_box)
        self.comments = CommentsModel(self)
        self.comments_table = record_table(self.comments_box, "comments", self.comments)
        self.comments_table.setMinimumHeight(150)
        for column, width in enumerate((30, 120, 220)):
            self.comments_table.setColumnWidth(column, width)
        comments.addWidget(self.comments_table)
        self.add_comment_button = QPushButton(self.comments_box)
        self.edit_comment_button = QPushButton(self.comments_box)
        self.delete_comment_button = QPushButton(self.comments_box)
        self.up_button = QPushButton("↑", self.comments_box)
        self.down_button = QPushButton("↓", self.comments_box)
        comments.addLayout(
            self._row(
                self.add_comment_button, self.edit_comment_button, self.delete_comment_button,
                self.up_button, self.down_button,
            )
        )  # fmt: skip
        self.export_csv_button = QPushButton(self.comments_box)
        self.export_pdf_button = QPushButton(self.comments_box)
        comments.addLayout(self._row(self.export_csv_button, self.export_pdf_button))
        layout.addWidget(self.comments_box)
        self.versions_box = QGroupBox(self.detail)
        versions = QVBoxLayout(self.versions_box)
        self.versions = QListWidget(self.versions_box)
        self.versions.setMaximumHeight(80)
        versions.addWidget(self.versions)
        self.add_version_button = QPushButton(self.versions_box)
        self.open_version_button = QPushButton(self.versions_box)
        versions.addLayout(self._row(self.add_version_button, self.open_version_button))
        layout.addWidget(self.versions_box)
        self.matrix = QLabel(self.detail)
        self.matrix.setWordWrap(True)
        layout.addWidget(self.matrix)
        layout.addStretch(1)
        scroll.setWidget(self.detail)
        self.next_step_button.clicked.connect(self.next_step)
        self.undo_button.clicked.connect(self.undo_step)
        self.receipt_button.clicked.connect(self.change_receipt)
        self.add_consultation_button.clicked.connect(lambda: self.edit_consultation(new=True))
        self.edit_consultation_button.clicked.connect(lambda: self.edit_consultation(new=False))
        self.consultations_table.doubleClicked.connect(lambda _i: self.edit_consultation(False))
        self.remove_consultation_button.clicked.connect(self.remove_consultation)
        self.add_version_button.clicked.connect(lambda: self.add_version())
        self.open_version_button.clicked.connect(self.open_version)
        self.versions.itemDoubleClicked.connect(lambda _item: self.open_version())
        self.add_comment_button.clicked.connect(lambda: self.edit_comment(new=True))
        self.edit_comment_button.clicked.connect(lambda: self.edit_comment(new=False))
        self.comments_table.doubleClicked.connect(lambda _i: self.edit_comment(new=False))
        self.delete_comment_button.clicked.connect(self.delete_comment)
        self.up_button.clicked.connect(lambda: self.move_comment(-1))
        self.down_button.clicked.connect(lambda: self.move_comment(1))
        self.export_csv_button.clicked.connect(lambda: self.export_comments("csv"))
        self.export_pdf_button.clicked.connect(lambda: self.export_comments("pdf"))
        return scroll

    @staticmethod
    def _row(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        return row

    def title(self) -> str:
        return _("Documents")

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search titles, versions and meetings…"))
        current = self.kind_filter.currentData()
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItem(_("All kinds"), None)
        for kind in DocumentKind:
            self.kind_filter.addItem(label(kind), kind)
        self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(current), 0))
        self.kind_filter.blockSignals(False)
        texts = {
            self.new_button: _("&New document…"),
            self.edit_button: _("&Edit…"),
            self.delete_button: _("Delete"),
            self.next_step_button: _("Next &step…"),
            self.undo_button: _("&Undo last step"),
            self.receipt_button: _("Receipt &day…"),
            self.add_consultation_button: _("Add consultation…"),
            self.edit_consultation_button: _("Edit…"),
            self.remove_consultation_button: _("Remove"),
            self.add_version_button: _("Add &version…"),
            self.open_version_button: _("&Open"),
            self.add_comment_button: _("Add &comment…"),
            self.edit_comment_button: _("Edit…"),
            self.delete_comment_button: _("Delete"),
            self.export_csv_button: _("Comments matrix (CSV)…"),
            self.export_pdf_button: _("Comments matrix (PDF)…"),
        }
        for button, text in texts.items():
            button.setText(text)
        self.up_button.setToolTip(_("Move the comment up"))
        self.down_button.setToolTip(_("Move the comment down"))
        self.workflow_box.setTitle(_("Your country's review"))
        self.versions_box.setTitle(_("Versions of the file"))
        self.comments_box.setTitle(_("Your delegation's comments"))
        for model in (self.model, self.consultations, self.comments):
            model.retranslate()
        self.refresh()

    # -- loading --------------------------------------------------------------------------

    def current(self) -> Any:
        return _selected(self.table, self.model)

    def refresh(self) -> None:
        from rcm_desktop.data.services.documents import list_documents
        from rcm_desktop.data.services.settings import profile_country

        database = self.context.database
        if database is None:
            self.status.setText(_("Opening the database…"))
            return
        selected = self.current()
        self.country = profile_country(database)
        rows = list_documents(
            database, self.country, search=self.search.text(), kind=self.kind_filter.currentData()
        )
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(max(self.model.row_of(selected.id if selected else None), 0))
        self.status.setText(
            ngettext("%(n)s document shown.", "%(n)s documents shown.", len(rows))
            % {"n": format_number(len(rows))} if rows else
            _("No documents yet. Add one with “New document…” when it arrives.")
            if not self.search.text() and self.kind_filter.currentData() is None
            else _("No document matches the search.")
        )  # fmt: skip
        self.show_selected()

    def show_selected(self) -> None:
        from rcm_desktop.data.services.document_files import list_document_files
        from rcm_desktop.data.services.document_reviews import get_review, list_comments

        row = self.current()
        database = self.context.database
        self.detail.setEnabled(row is not None)
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(row is not None)
        if row is None or database is None:
            self.document_title.setText(_("Choose a document to see its review and comments."))
            self.document_meta.clear()
            self.review = None
            self.consultations.set_rows([])
            self.comments.set_rows([])
            self.versions.clear()
            self._show_review()
            return
        self.document_title.setText(row.title)
        self.document_meta.setText(
            " · ".join(
                part
                for part in (
                    label(row.kind),
                    _("version: %(version)s") % {"version": row.version} if row.version else "",
                    row.meeting_title,
                )
                if part
            )
        )
        self.review = get_review(database, row.id, self.country) if self.country else None
        self._show_review()
        self.versions.clear()
        for info in list_document_files(database, self.context.profile, row.id):
            item = QListWidgetItem(
                _("%(version)s — %(name)s, added %(day)s")
                % {
                    "version": info.version or _("(no version)"),
                    "name": info.file_name,
                    "day": format_date(info.added_at.date()),
                }
            )
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.versions.addItem(item)
        if self.versions.count():
            self.versions.setCurrentRow(0)
        self.open_version_button.setEnabled(self.versions.count() > 0)
        self.comments.set_rows(
            list_comments(database, row.id, self.country) if self.country else []
        )
        has_comments = bool(self.comments.rows)
        for button in (
            self.edit_comment_button, self.delete_comment_button, self.up_button,
            self.down_button, self.export_csv_button, self.export_pdf_button,
        ):  # fmt: skip
            button.setEnabled(has_comments)
        self.add_comment_button.setEnabled(self.country is not None)
        self._show_matrix(row.id)

    def _show_review(self) -> None:
        from rcm_desktop.ui.dialogs.review_dialog import steps_text

        review = self.review
        stage = review.stage if review else None
        self.stage_icon.setPixmap(self.style().standardIcon(STAGE_ICON[stage]).pixmap(20, 20))
        self.stage_label.setText(stage_text(stage))
        self.steps.setText(steps_text(review) if review else "")
        self.next_step_button.setEnabled(bool(review and review.allowed_next))
        self.undo_button.setEnabled(bool(review and review.can_step_back))
        self.receipt_button.setEnabled(self.current() is not None and self.country is not None)
        self.receipt_button.setText(_("Receipt &day…") if review else _("Record &receipt…"))
        self.consultations.set_rows(list(review.consultations) if review else [])
        for button in (self.edit_consultation_button, self.remove_consultation_button):
            button.setEnabled(bool(self.consultations.rows))
        self.add_consultation_button.setEnabled(review is not None)

    def _show_matrix(self, document_id: int) -> None:
        """Where the profile records several countries: each one's stage for this document."""
        from html import escape

        from rcm_desktop.data.services.document_lists import approval_matrix
        from rcm_desktop.i18n import country_name

        matrix = approval_matrix(self.context.database)  # type: ignore[arg-type]
        cells = next((cells for id_, *_rest, cells in matrix.rows if id_ == document_id), {})
        if len(matrix.countries) < 2:
            self.matrix.clear()
            return
        lines = "".join(
            f"<li>{escape(country_name(code))}: {escape(stage_text(cells.get(code)))}</li>"
            for code in matrix.countries
        )
        heading = escape(_("Approval by country"))
        self.matrix.setText(f"<b>{heading}</b><ul>{lines}</ul>")

    def _data_changed(self, what: str) -> None:
        if what in ("documents", "deadlines", "meetings", "settings", "*"):
            self.refresh()

    # -- documents ------------------------------------------------------------------------

    def new_document(self) -> None:
        from rcm_desktop.domain.documents import DocumentDraft
        from rcm_desktop.ui.dialogs.document_editor import DocumentEditor

        if self.context.database is None:
            return
        editor = DocumentEditor(self.context, DocumentDraft(title=""), self.country, self)
        if editor.exec() and editor.saved_id is not None:
            self.search.clear()
            self.refresh()
            self.table.selectRow(max(self.model.row_of(editor.saved_id), 0))

    def edit_document(self) -> None:
        from rcm_desktop.data.services.documents import load_document
        from rcm_desktop.ui.dialogs.document_editor import DocumentEditor

        row = self.current()
        if row is None or self.context.database is None:
            return
        drafts: list[Any] = []
        if run_safely(self, lambda: drafts.append(load_document(self.context.database, row.id))):  # type: ignore[arg-type]
            DocumentEditor(self.context, drafts[0], self.country, self).exec()

    def delete_document(self) -> None:
        from rcm_desktop.data.services.documents import delete_document

        row = self.current()
        if row is None or self.context.database is None:
            return
        question = _(
            "Delete “%(title)s” with its file versions, reviews and comments? "
            "This cannot be undone, but the backups in the profile keep earlier data."
        ) % {"title": row.title}
        if confirm(self, question):
            delete_document(self.context.database, self.context.profile, row.id)
            self.context.events.changed.emit("documents")
            self.context.events.changed.emit("deadlines")

    # -- the review -----------------------------------------------------------------------

    def next_step(self) -> None:
        from rcm_desktop.ui.dialogs.review_dialog import ReviewStepDialog

        if self.review is not None:
            ReviewStepDialog(self.context, self.review, self).exec()

    def undo_step(self) -> None:
        from rcm_desktop.data.services.document_reviews import step_back_review

        if self.review is None or self.context.database is None:
            return
        question = _("Undo the last step (%(stage)s)? Its day is forgotten.") % {
            "stage": label(self.review.stage)
        }
        if confirm(self, question) and run_safely(
            self,
            lambda: step_back_review(self.context.database, self.review.id),  # type: ignore[arg-type]
        ):
            self.context.events.changed.emit("documents")

    def change_receipt(self) -> None:
        from rcm_desktop.ui.dialogs.review_dialog import ReceiptDialog

        row = self.current()
        if row is None or self.context.database is None or self.country is None:
            return
        if self.review is None:
            self._record_receipt(row.id)
            return
        dialog = ReceiptDialog(self.context, self.review, self)
        if dialog.exec() and dialog.moved:
            self.status.setText(
                ngettext(
                    "%(n)s deadline counted from the receipt moved.",
                    "%(n)s deadlines counted from the receipt moved.",
                    dialog.moved,
                )
                % {"n": format_number(dialog.moved)}
            )

    def _record_receipt(self, document_id: int) -> None:
        import datetime as dt

        from rcm_desktop.data.services.document_reviews import start_review

        if run_safely(
            self,
            lambda: start_review(
                self.context.database,
                document_id,
                self.country,
                dt.date.today(),  # type: ignore[arg-type]
            ),
        ):
            self.context.events.changed.emit("documents")

    def edit_consultation(self, new: bool) -> None:
        from rcm_desktop.data.services.document_reviews import ConsultationDraft
        from rcm_desktop.ui.dialogs.review_dialog import ConsultationDialog

        if self.review is None:
            return
        chosen = None if new else _selected(self.consultations_table, self.consultations)
        if not new and chosen is None:
            return
        draft = (
            ConsultationDraft("")
            if chosen is None
            else ConsultationDraft(
                chosen.institution, chosen.due_on, chosen.answered_on, chosen.notes, chosen.id
            )
        )
        ConsultationDialog(self.context, self.review.id, draft, self).exec()

    def remove_consultation(self) -> None:
        from rcm_desktop.data.services.document_reviews import delete_consultation

        chosen = _selected(self.consultations_table, self.consultations)
        if chosen is not None and confirm(
            self, _("Remove the consultation of “%(name)s”?") % {"name": chosen.institution}
        ):
            delete_consultation(self.context.database, chosen.id)  # type: ignore[arg-type]
            self.context.events.changed.emit("documents")

    # -- versions -------------------------------------------------------------------------

    def add_version(self, path: str | None = None, version: str | None = None) -> None:
        """Copy a new version of the file into the profile, off the UI thread."""
        from rcm_desktop.data.services.document_files import add_document_file

        row = self.current()
        if row is None or self.context.database is None:
            return
        if not path:
            path, _filter = QFileDialog.getOpenFileName(
                self,
                _("Add a version of the document"),
                str(Path.home()),
                _("Documents (*.pdf *.docx *.doc *.odt *.xlsx *.pptx *.txt);;All files (*)"),
            )
        if not path:
            return
        if version is None:
            version, accepted = QInputDialog.getText(
                self, _("Version"), _("Which version is this file (draft, consolidated, final…)?")
            )
            if not accepted:
                return
        database, profile, document_id = self.context.database, self.context.profile, row.id
        self.status.setText(_("Copying “%(name)s” into the profile…") % {"name": Path(path).name})
        self.add_version_button.setEnabled(False)
        self.context.tasks.run(
            lambda _report: add_document_file(database, profile, document_id, Path(path), version),
            on_success=self._version_added,
            on_failure=self._task_failed,
            writes=True,
        )

    def _version_added(self, info: Any) -> None:
        self.add_version_button.setEnabled(True)
        self.context.events.changed.emit("documents")
        self.status.setText(
            _("Version added: %(name)s (SHA-256 %(digest)s…).")
            % {"name": info.file_name, "digest": info.sha256[:12]}
        )

    def _task_failed(self, error: BaseException) -> None:
        from rcm_desktop.errors import RcmDeskError

        self.add_version_button.setEnabled(True)
        self.status.clear()
        if not isinstance(error, RcmDeskError):
            raise error
        show_refusal(self, error.message)

    def open_version(self) -> None:
        from rcm_desktop.data.services.document_files import openable_file

        item = self.versions.currentItem()
        if item is None or self.context.database is None:
            return
        paths: list[Path] = []
        file_id = item.data(Qt.ItemDataRole.UserRole)
        if run_safely(
            self,
            lambda: paths.append(
                openable_file(self.context.database, self.context.profile, file_id)
            ),  # type: ignore[arg-type]
        ):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths[0])))

    # -- comments -------------------------------------------------------------------------

    def edit_comment(self, new: bool) -> None:
        from rcm_desktop.data.services.document_reviews import CommentDraft
        from rcm_desktop.ui.dialogs.comment_editor import CommentEditor

        row = self.current()
        if row is None or self.country is None:
            return
        chosen = None if new else _selected(self.comments_table, self.comments)
        if not new and chosen is None:
            return
        draft = (
            CommentDraft("")
            if chosen is None
            else CommentDraft(chosen.comment, chosen.section, chosen.proposed_wording, chosen.id)
        )
        CommentEditor(self.context, row.id, self.country, draft, self).exec()

    def delete_comment(self) -> None:
        from rcm_desktop.data.services.document_reviews import delete_comment

        chosen = _selected(self.comments_table, self.comments)
        if chosen is not None and confirm(
            self, _("Delete comment %(n)d?") % {"n": chosen.position}
        ):
            delete_comment(self.context.database, chosen.id)  # type: ignore[arg-type]
            self.context.events.changed.emit("documents")

    def move_comment(self, offset: int) -> None:
        from rcm_desktop.data.services.document_reviews import move_comment

        chosen = _selected(self.comments_table, self.comments)
        if chosen is None:
            return
        move_comment(self.context.database, chosen.id, offset)  # type: ignore[arg-type]
        self.context.events.changed.emit("documents")
        target = next((i for i, r in enumerate(self.comments.rows) if r.id == chosen.id), 0)
        self.comments_table.selectRow(target)

    def export_comments(self, kind: str, path: str | None = None) -> None:
        """Write the comments matrix as CSV or PDF, off the UI thread."""
        from rcm_desktop.data.services.comments_matrix import export_comments_matrix

        row = self.current()
        if row is None or self.context.database is None or self.country is None:
            return
        if not path:
            suffix = ".csv" if kind == "csv" else ".pdf"
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Export the comments matrix"),
                str(Path.home() / f"comments-{row.id}{suffix}"),
                _("CSV files (*.csv)") if kind == "csv" else _("PDF files (*.pdf)"),
            )
        if not path:
            return
        database, document_id, country = self.context.database, row.id, self.country
        self.status.setText(_("Writing the comments matrix…"))
        self.context.tasks.run(
            lambda _report: export_comments_matrix(
                database, document_id, country, kind, Path(path)
            ),
            on_success=lambda target: self.status.setText(
                _("Comments matrix written to %(path)s") % {"path": target}
            ),
            on_failure=self._task_failed,
        )
