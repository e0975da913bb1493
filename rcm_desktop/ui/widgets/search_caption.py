"""The visible caption of a page's search box: "Search:", its buddy, in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from rcm_desktop.i18n import _


class _Caption(QLabel):
    """A label that names its search box (and keeps saying it after a change of language)."""

    def __init__(self, parent: QWidget, search: QLineEdit) -> None:
        super().__init__(parent)
        self.search = search
        self.setBuddy(search)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("&Search:"))
        self.search.setAccessibleName(_("Search"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def search_caption(parent: QWidget, search: QLineEdit) -> _Caption:
    """A caption "Search:" for *search*; Alt+S (or the language's letter) focuses it."""
    return _Caption(parent, search)


__all__ = ["search_caption"]
