"""Write or edit one of the delegation's comments on a document."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import FormDialog


class CommentEditor(FormDialog):
    """Section or paragraph, the comment, and the wording the delegation proposes."""

    def __init__(
        self, context: AppContext, document_id: int, country: str, draft,
        parent: QWidget | None = None,
    ) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
        super().__init__(_("New comment") if draft.id is None else _("Edit comment"), parent)
        self.context = context
        self.document_id = document_id
        self.country = country
        self.draft = draft
        self.section = QLineEdit(draft.section, self)
        self.section.setPlaceholderText(_("e.g. § 12, Phase II, Annex 1"))
        self.comment = QPlainTextEdit(draft.comment, self)
        self.comment.setMinimumHeight(90)
        self.wording = QPlainTextEdit(draft.proposed_wording, self)
        self.wording.setMinimumHeight(70)
        self.wording.setPlaceholderText(_("Optional: the text the delegation proposes instead"))
        self.add_row(_("Section or paragraph:"), self.section, "section")
        self.add_row(_("Comment:"), self.comment, "comment")
        self.add_row(_("Proposed wording:"), self.wording, "proposed_wording")
        self.finish()

    def apply(self) -> None:
        from rcm_desktop.data.services.document_reviews import CommentDraft, save_comment

        save_comment(
            self.context.database,  # type: ignore[arg-type]
            self.document_id,
            self.country,
            CommentDraft(
                comment=self.comment.toPlainText(),
                section=self.section.text(),
                proposed_wording=self.wording.toPlainText(),
                id=self.draft.id,
            ),
        )
        self.context.events.changed.emit("documents")
