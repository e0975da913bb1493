"""The visible caption of a page's search box: "Search:", its buddy, in the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from rcm_desktop.i18n import _


class SearchCaption(QLabel):
    """A label that names its search box; the page calls `retranslate` with its own texts."""

    def __init__(self, parent: QWidget, search: QLineEdit) -> None:
        super().__init__(parent)
        self.search = search
        self.setBuddy(search)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("&Search:"))
        self.search.setAccessibleName(_("Search"))


def search_caption(parent: QWidget, search: QLineEdit) -> SearchCaption:
    """A caption "Search:" for *search*; Alt+S (or the language's letter) focuses it."""
    return SearchCaption(parent, search)
