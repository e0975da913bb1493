"""Write or edit one of the delegation's comments on a document."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from rcm_desktop.data.services.document_reviews import CommentDraft
from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import FormDialog


class CommentEditor(FormDialog):
    """Section or paragraph, the comment, and the wording the delegation proposes."""

    def __init__(
        self, context: AppContext, document_id: int, country: str, draft: CommentDraft,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(
            context, _("New comment") if draft.id is None else _("Edit comment"), parent
        )
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

    def collect(self) -> CommentDraft:
        return replace(
            self.draft,
            comment=self.comment.toPlainText(),
            section=self.section.text(),
            proposed_wording=self.wording.toPlainText(),
        )

    def adopt_version(self, version: int) -> None:
        self.draft = replace(self.draft, version=version)

    def write(self, database: Any, draft: CommentDraft) -> int:
        from rcm_desktop.data.services.document_reviews import save_comment

        return save_comment(database, self.document_id, self.country, draft)

    def saved(self, result: int) -> None:
        self.context.events.announce("documents", ids=[self.document_id])
        super().saved(result)
