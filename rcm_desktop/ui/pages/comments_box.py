"""The delegation's comments on the chosen document: added, edited, reordered, deleted, and
exported as a comments matrix (CSV or PDF), every change written off the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QGroupBox, QPushButton, QVBoxLayout

from rcm_desktop.i18n import _
from rcm_desktop.ui.dialogs.form_dialog import show_refusal
from rcm_desktop.ui.models.documents_table import CommentsModel
from rcm_desktop.ui.widgets.button_row import button_row
from rcm_desktop.ui.widgets.columns import fit_columns
from rcm_desktop.ui.widgets.messages import confirm
from rcm_desktop.ui.widgets.ordered_list import move_button
from rcm_desktop.ui.widgets.record_table import record_table

if TYPE_CHECKING:
    from rcm_desktop.data.services.document_reviews import CommentRow
    from rcm_desktop.ui.pages.document_detail import DocumentDetail


class CommentsBox(QGroupBox):
    """The comments table and its buttons, inside the document's detail."""

    def __init__(self, detail: DocumentDetail) -> None:
        super().__init__(detail.body)
        self.detail = detail
        self.context = detail.context
        #: The comment to select again once the list is read back (after a move).
        self.keep_comment: int | None = None
        comments = QVBoxLayout(self)
        self.comments = CommentsModel(self)
        self.comments_table = record_table(self, "comments", self.comments)
        self.comments_table.setAccessibleName(_("Comments"))
        self.comments_table.setMinimumHeight(150)
        fit_columns(self.comments_table, stretch=2, widths={0: 30, 1: 110, 3: 180})
        comments.addWidget(self.comments_table)
        self.add_comment_button = QPushButton(self)
        self.edit_comment_button = QPushButton(self)
        self.delete_comment_button = QPushButton(self)
        self.up_button = move_button(-1, self)
        self.down_button = move_button(1, self)
        comments.addLayout(
            button_row(
                self.add_comment_button, self.edit_comment_button, self.delete_comment_button,
                self.up_button, self.down_button,
            )
        )  # fmt: skip
        self.export_csv_button = QPushButton(self)
        self.export_pdf_button = QPushButton(self)
        comments.addLayout(button_row(self.export_csv_button, self.export_pdf_button))
        self.add_comment_button.clicked.connect(lambda: self.edit_comment(new=True))
        self.edit_comment_button.clicked.connect(lambda: self.edit_comment(new=False))
        self.comments_table.doubleClicked.connect(lambda _i: self.edit_comment(new=False))
        self.delete_comment_button.clicked.connect(self.delete_comment)
        self.up_button.clicked.connect(lambda: self.move_comment(-1))
        self.down_button.clicked.connect(lambda: self.move_comment(1))
        self.export_csv_button.clicked.connect(lambda: self.export_comments("csv"))
        self.export_pdf_button.clicked.connect(lambda: self.export_comments("pdf"))

    @property
    def country(self) -> str | None:
        return self.context.country

    def retranslate(self) -> None:
        texts = {
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
        self.up_button.setAccessibleName(self.up_button.toolTip())
        self.down_button.setAccessibleName(self.down_button.toolTip())
        self.setTitle(_("Your delegation's comments"))
        self.comments.retranslate()

    def show_comments(self, comments: list[CommentRow] | None) -> None:
        """Show the delegation's comments (None: no document, or not read yet)."""
        self.comments.set_rows(list(comments or []))
        if self.keep_comment is not None and comments is not None:
            self.comments_table.selectRow(max(self.comments.row_of(self.keep_comment), 0))
            self.keep_comment = None
        has_comments = bool(self.comments.rows)
        for button in (
            self.edit_comment_button, self.delete_comment_button, self.up_button,
            self.down_button, self.export_csv_button, self.export_pdf_button,
        ):  # fmt: skip
            button.setEnabled(has_comments)
        self.add_comment_button.setEnabled(comments is not None and self.country is not None)

    def edit_comment(self, new: bool) -> None:
        from rcm_desktop.data.services.document_reviews import CommentDraft
        from rcm_desktop.ui.dialogs.comment_editor import CommentEditor

        if self.detail.document is None or self.country is None:
            return
        chosen = None if new else self._selected()
        if not new and chosen is None:
            return
        draft = (
            CommentDraft("")
            if chosen is None
            else CommentDraft(
                chosen.comment, chosen.section, chosen.proposed_wording, chosen.id, chosen.version
            )
        )
        CommentEditor(self.context, self.detail.document.id, self.country, draft, self).exec()

    def delete_comment(self) -> None:
        from rcm_desktop.data.services.document_reviews import delete_comment

        chosen, database = self._selected(), self.context.database
        if chosen is not None and confirm(
            self, _("Delete comment %(n)d?") % {"n": chosen.position}
        ):
            self.detail.write(
                lambda: delete_comment(database, chosen.id),  # type: ignore[arg-type]
                _("The comment could not be deleted."),
            )

    def move_comment(self, offset: int) -> None:
        from rcm_desktop.data.services.document_reviews import move_comment

        chosen, database = self._selected(), self.context.database
        if chosen is None:
            return
        self.keep_comment = chosen.id
        self.detail.write(
            lambda: move_comment(database, chosen.id, offset),  # type: ignore[arg-type]
            _("The comment could not be moved."),
        )

    def export_comments(self, kind: str, path: str | None = None) -> None:
        """Write the comments matrix as CSV or PDF, off the UI thread."""
        from rcm_desktop.data.services.comments_matrix import export_comments_matrix

        document, database, country = self.detail.document, self.context.database, self.country
        if document is None or database is None or country is None:
            return
        if not path:
            suffix = ".csv" if kind == "csv" else ".pdf"
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Export the comments matrix"),
                str(Path.home() / f"comments-{document.id}{suffix}"),
                _("CSV files (*.csv)") if kind == "csv" else _("PDF files (*.pdf)"),
            )
        if not path:
            return
        target = Path(path)
        self.detail.page.status.setText(_("Writing the comments matrix…"))
        self.context.tasks.run(
            lambda _report: export_comments_matrix(database, document.id, country, kind, target),
            owner=self,
            on_success=lambda written: self.detail.page.status.setText(
                _("Comments matrix written to %(path)s") % {"path": written}
            ),
            on_error=lambda error: show_refusal(self, error.message),
            what=_("The comments matrix could not be written."),
        )

    def _selected(self) -> CommentRow | None:
        rows = self.comments_table.selectionModel().selectedRows()
        return self.comments.rows[rows[0].row()] if rows else None
