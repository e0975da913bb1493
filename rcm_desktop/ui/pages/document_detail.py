"""Beside the documents list: the chosen document's review by your country, with its
consultations, the delegation's comments, the versions of its file and every country's stage.

Everything is read in one unit of work off the UI thread (`services.document_pages`), and every
change is written the same way, carrying the version of what it changes.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.vocabulary import label
from rcm_desktop.errors import ConflictError, RcmDeskError
from rcm_desktop.i18n import _, country_name, format_date, format_number, ngettext, separator
from rcm_desktop.ui.dialogs.form_dialog import show_refusal
from rcm_desktop.ui.models.documents_table import (
    STAGE_ICON,
    ConsultationsModel,
    stage_text,
)
from rcm_desktop.ui.pages.comments_box import CommentsBox
from rcm_desktop.ui.style import ERROR_STYLE, MUTED_STYLE
from rcm_desktop.ui.system_open import open_with_system
from rcm_desktop.ui.widgets.button_row import button_row
from rcm_desktop.ui.widgets.messages import confirm
from rcm_desktop.ui.widgets.record_table import record_table

if TYPE_CHECKING:
    from collections.abc import Callable

    from rcm_desktop.data.services.document_pages import DocumentPage
    from rcm_desktop.data.services.documents import DocumentRow
    from rcm_desktop.ui.pages.documents import DocumentsPage


def _selected(table: QTableView, model: Any) -> Any:
    rows = table.selectionModel().selectedRows()
    return model.rows[rows[0].row()] if rows else None


class DocumentDetail(QScrollArea):
    """The chosen document's review, comments and versions; `show_document` reads them."""

    def __init__(self, page: DocumentsPage) -> None:
        super().__init__(page)
        self.page = page
        self.context = page.context
        self.document: DocumentRow | None = None
        self.data: DocumentPage | None = None
        self.setWidgetResizable(True)
        self.body = QWidget(self)
        layout = QVBoxLayout(self.body)
        self.document_title = QLabel(self.body)
        self.document_title.setObjectName("documentTitle")
        self.document_title.setWordWrap(True)
        self.document_title.setTextFormat(Qt.TextFormat.PlainText)
        self.document_title.setStyleSheet("font-size: 13pt; font-weight: 600")
        layout.addWidget(self.document_title)
        self.document_meta = QLabel(self.body)
        self.document_meta.setWordWrap(True)
        self.document_meta.setTextFormat(Qt.TextFormat.PlainText)
        self.document_meta.setStyleSheet(MUTED_STYLE)
        layout.addWidget(self.document_meta)
        self.document_deadlines = QLabel(self.body)
        self.document_deadlines.setObjectName("documentDeadlines")
        self.document_deadlines.setWordWrap(True)
        self.document_deadlines.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.document_deadlines)
        layout.addWidget(self._build_workflow())
        self.comments_box = CommentsBox(self)
        layout.addWidget(self.comments_box)
        layout.addWidget(self._build_versions())
        self.matrix = QLabel(self.body)
        self.matrix.setWordWrap(True)
        layout.addWidget(self.matrix)
        layout.addStretch(1)
        self.setWidget(self.body)
        self._connect()

    # -- building -------------------------------------------------------------------------

    def _build_workflow(self) -> QGroupBox:
        self.workflow_box = QGroupBox(self.body)
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
        box.addLayout(button_row(self.next_step_button, self.undo_button, self.receipt_button))
        self.consultations = ConsultationsModel(self)
        self.consultations_table = record_table(
            self.workflow_box, "consultations", self.consultations
        )
        self.consultations_table.setAccessibleName(_("Consultations"))
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
            button_row(
                self.add_consultation_button,
                self.edit_consultation_button,
                self.remove_consultation_button,
            )
        )
        return self.workflow_box

    def _build_versions(self) -> QGroupBox:
        self.versions_box = QGroupBox(self.body)
        versions = QVBoxLayout(self.versions_box)
        self.versions = QListWidget(self.versions_box)
        self.versions.setAccessibleName(_("Versions"))
        self.versions.setMaximumHeight(80)
        versions.addWidget(self.versions)
        self.add_version_button = QPushButton(self.versions_box)
        self.open_version_button = QPushButton(self.versions_box)
        versions.addLayout(button_row(self.add_version_button, self.open_version_button))
        return self.versions_box

    def _connect(self) -> None:
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

    def retranslate(self) -> None:
        texts = {
            self.next_step_button: _("Next &step…"),
            self.undo_button: _("&Undo last step"),
            self.add_consultation_button: _("Add consultation…"),
            self.edit_consultation_button: _("Edit…"),
            self.remove_consultation_button: _("Remove"),
            self.add_version_button: _("Add &version…"),
            self.open_version_button: _("&Open"),
        }
        for button, text in texts.items():
            button.setText(text)
        self.workflow_box.setTitle(_("Your country's review"))
        self.versions_box.setTitle(_("Versions of the file"))
        self.consultations.retranslate()
        self.comments_box.retranslate()
        self._show()

    # -- reading and showing --------------------------------------------------------------

    @property
    def country(self) -> str | None:
        return self.context.country

    @property
    def review(self) -> Any:
        return self.data.review if self.data is not None else None

    def show_document(self, document: DocumentRow | None) -> None:
        """Read *document*'s review, comments and versions off the UI thread, then show them."""
        from rcm_desktop.data.services.document_pages import document_page

        self.document = document
        if document is None or self.context.database is None:
            self.data = None
            self._show()
            return
        if self.data is not None and self.data.document_id != document.id:
            self.data = None
        database, profile, country = self.context.database, self.context.profile, self.country
        self._show()
        self.page.load(
            lambda: document_page(database, profile, document.id, country),
            self._loaded,
            what=_("The document could not be read."),
            key="detail",
        )

    def _loaded(self, data: DocumentPage) -> None:
        if self.document is None or data.document_id != self.document.id:
            return
        self.data = data
        self._show()

    def _show(self) -> None:
        document = self.document
        self.body.setEnabled(document is not None)
        if document is None:
            self.document_title.setText(_("Choose a document to see its review and comments."))
            self.document_meta.clear()
        else:
            self.document_title.setText(document.title)
            version = (
                _("version: %(version)s") % {"version": document.version}
                if document.version
                else ""
            )
            parts = [label(document.kind), label(document.purpose), version]
            parts.append(document.meeting_title)
            self.document_meta.setText(separator().join(part for part in parts if part))
        self._show_deadlines(document)
        self._show_review()
        self._show_versions()
        self.comments_box.show_comments(self.data.comments if self.data else None)
        self._show_matrix()

    def _show_deadlines(self, document: DocumentRow | None) -> None:
        """Each open deadline of the document, in words; an overdue one says so, in red."""
        today = dt.date.today()
        lines, late = [], False
        for entry in document.deadlines if document is not None else ():
            overdue = entry.due < today
            late = late or overdue
            pattern = (
                _("Overdue since %(date)s: %(title)s") if overdue else _("Due %(date)s: %(title)s")
            )
            lines.append(pattern % {"date": format_date(entry.due), "title": entry.title})
        self.document_deadlines.setText("\n".join(lines))
        self.document_deadlines.setVisible(bool(lines))
        self.document_deadlines.setStyleSheet(ERROR_STYLE if late else "")

    def _show_review(self) -> None:
        from rcm_desktop.ui.dialogs.review_dialog import steps_text

        review = self.review
        stage = review.stage if review else None
        self.stage_icon.setPixmap(self.style().standardIcon(STAGE_ICON[stage]).pixmap(20, 20))
        self.stage_label.setText(stage_text(stage))
        self.steps.setText(steps_text(review) if review else "")
        self.next_step_button.setEnabled(bool(review and review.allowed_next))
        self.undo_button.setEnabled(bool(review and review.can_step_back))
        ready = self.data is not None and self.country is not None
        self.receipt_button.setEnabled(ready)
        self.receipt_button.setText(_("Receipt &day…") if review else _("Record &receipt…"))
        self.consultations.set_rows(list(review.consultations) if review else [])
        for button in (self.edit_consultation_button, self.remove_consultation_button):
            button.setEnabled(bool(self.consultations.rows))
        self.add_consultation_button.setEnabled(review is not None)

    def _show_versions(self) -> None:
        self.versions.clear()
        for info in self.data.files if self.data else ():
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
        self.add_version_button.setEnabled(self.data is not None)

    def _show_matrix(self) -> None:
        """Where the profile records several countries: each one's stage for this document."""
        approvals = self.data.approvals if self.data else {}
        if not approvals:
            self.matrix.clear()
            return
        lines = "".join(
            "<li>"
            + escape(
                _("%(country)s: %(stage)s")
                % {"country": country_name(code), "stage": stage_text(stage)}
            )
            + "</li>"
            for code, stage in approvals.items()
        )
        heading = escape(_("Approval by country"))
        self.matrix.setText(f"<b>{heading}</b><ul>{lines}</ul>")

    # -- writing ---------------------------------------------------------------------------

    def write(
        self,
        action: Callable[[], object],
        what: str,
        done: Callable[[object], None] | None = None,
    ) -> None:
        """Run a change off the UI thread; refusals are shown, a conflict too; then reload."""
        document = self.document
        if document is None:
            return

        def finished(result: object) -> None:
            if done is not None:
                done(result)
            self.context.events.announce("documents", ids=[document.id])

        self.context.tasks.run(
            lambda _report: action(),
            owner=self,
            on_success=finished,
            on_error=self._refused,
            what=what,
            writes=True,
        )

    def _refused(self, error: RcmDeskError) -> None:
        if isinstance(error, ConflictError):
            from rcm_desktop.ui.dialogs.conflict_dialog import resolve_conflict

            resolve_conflict(self, error)
            self.show_document(self.document)
            return
        show_refusal(self, error.message)

    def next_step(self) -> None:
        from rcm_desktop.ui.dialogs.review_dialog import ReviewStepDialog

        if self.review is not None:
            ReviewStepDialog(self.context, self.review, self).exec()

    def undo_step(self) -> None:
        from rcm_desktop.data.services.document_reviews import step_back_review

        review, database = self.review, self.context.database
        if review is None or database is None:
            return
        question = _("Undo the last step (%(stage)s)? Its day is forgotten.") % {
            "stage": label(review.stage)
        }
        if confirm(self, question):
            self.write(
                lambda: step_back_review(database, review.id, review.version),
                _("The last step could not be undone."),
            )

    def change_receipt(self) -> None:
        from rcm_desktop.ui.dialogs.review_dialog import ReceiptDialog

        if self.document is None or self.country is None:
            return
        if self.review is None:
            self._record_receipt(self.document.id)
            return
        dialog = ReceiptDialog(self.context, self.review, self)
        if dialog.exec() and dialog.moved:
            self.page.status.setText(
                ngettext(
                    "%(n)s deadline counted from the receipt moved.",
                    "%(n)s deadlines counted from the receipt moved.",
                    dialog.moved,
                )
                % {"n": format_number(dialog.moved)}
            )

    def _record_receipt(self, document_id: int) -> None:
        from rcm_desktop.data.services.document_reviews import start_review

        database, country = self.context.database, self.country
        self.write(
            lambda: start_review(database, document_id, country, dt.date.today()),  # type: ignore[arg-type]
            _("The receipt could not be recorded."),
        )

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
                chosen.institution, chosen.due_on, chosen.answered_on, chosen.notes, chosen.id,
                chosen.version,
            )
        )  # fmt: skip
        ConsultationDialog(self.context, self.review, draft, self).exec()

    def remove_consultation(self) -> None:
        from rcm_desktop.data.services.document_reviews import delete_consultation

        chosen = _selected(self.consultations_table, self.consultations)
        database = self.context.database
        if chosen is not None and confirm(
            self, _("Remove the consultation of “%(name)s”?") % {"name": chosen.institution}
        ):
            self.write(
                lambda: delete_consultation(database, chosen.id),  # type: ignore[arg-type]
                _("The consultation could not be removed."),
            )

    # -- versions -------------------------------------------------------------------------

    def add_version(self, path: str | None = None, version: str | None = None) -> None:
        """Copy a new version of the file into the profile, off the UI thread."""
        from rcm_desktop.data.services.document_files import add_document_file

        document, database = self.document, self.context.database
        if document is None or database is None:
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
        profile, source, chosen = self.context.profile, Path(path), version
        self.page.status.setText(_("Copying “%(name)s” into the profile…") % {"name": source.name})
        self.add_version_button.setEnabled(False)

        def added(info: Any) -> None:
            self.page.status.setText(
                _("Version added: %(name)s (SHA-256 %(digest)s…).")
                % {"name": info.file_name, "digest": info.sha256[:12]}
            )

        self.write(
            lambda: add_document_file(database, profile, document.id, source, chosen),
            _("The file could not be added."),
            added,
        )

    def open_version(self) -> None:
        item = self.versions.currentItem()
        if item is None or self.data is None:
            return
        file_id = item.data(Qt.ItemDataRole.UserRole)
        info = next((info for info in self.data.files if info.id == file_id), None)
        if info is None:
            return
        if not info.stored_path.is_file():
            show_refusal(
                self,
                _(
                    "The copy of “%(name)s” is missing from the profile folder (%(path)s). "
                    "Add the file again as a new version."
                )
                % {"name": info.file_name, "path": info.stored_path.parent},
            )
            return
        open_with_system(self, info.stored_path)
