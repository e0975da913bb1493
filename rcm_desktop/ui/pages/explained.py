"""A page whose features arrive in a later release: it says plainly what it will hold."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.pages.base import Page


class ExplainedPage(Page):
    """Heading plus an explanation of what the page is for."""

    def __init__(
        self, context: AppContext, title: str, explanation: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self._title = title
        self._explanation = explanation
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setObjectName("pageExplanation")
        self.body.setMaximumWidth(720)
        self.layout_.addWidget(self.body)
        self.layout_.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return _(self._title)

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.body.setText(_(self._explanation))
