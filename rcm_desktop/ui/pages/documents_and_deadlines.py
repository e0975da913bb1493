"""Documents & deadlines: one navigation entry, two tabs (deadlines, documents)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.pages.base import Page


class DocumentsAndDeadlinesPage(Page):
    """The deadlines page and the documents page, each in a tab; loaded with the store."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        from rcm_desktop.ui.pages.deadlines import DeadlinesPage
        from rcm_desktop.ui.pages.documents import DocumentsPage

        super().__init__(context, parent)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("documentsTabs")
        self.deadlines = DeadlinesPage(context, self.tabs)
        self.deadlines.heading.hide()  # the tab names it
        self.deadlines.documents_note.hide()  # documents have their own tab now
        self.documents = DocumentsPage(context, self.tabs)
        self.tabs.addTab(self.deadlines, "")
        self.tabs.addTab(self.documents, "")
        self.layout_.addWidget(self.tabs, 1)
        self.retranslate()

    def title(self) -> str:
        return _("Documents & deadlines")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.tabs.setTabText(0, _("Deadlines"))
        self.tabs.setTabText(1, _("Documents"))
        self.deadlines.retranslate()
        self.documents.retranslate()

    def store_ready(self) -> None:
        self.deadlines.store_ready()
        self.documents.store_ready()

    def reload(self) -> None:
        for page in (self.deadlines, self.documents):
            if page.isVisible():
                page.reload()
