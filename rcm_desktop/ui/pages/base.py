"""What a page of the main window is: a widget with a title that loads once the store is open."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rcm_desktop.ui.context import AppContext


class Page(QWidget):
    """A page; `store_ready` is called once the store is open, `refresh` after changes."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(18, 14, 18, 14)
        self.layout_.setSpacing(10)
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        self.layout_.addWidget(self.heading)

    def title(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Show every text again in the active language."""
        self.heading.setText(self.title())

    def store_ready(self) -> None:
        """The store is open: load what the page shows."""
        self.refresh()

    def refresh(self) -> None:
        """Reload from the store."""
