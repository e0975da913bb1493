"""The History… button of a page: opens the history of the record selected there."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton

from rcm_desktop.i18n import _

if TYPE_CHECKING:
    from rcm_desktop.ui.pages.base import Page


class HistoryButton(QPushButton):
    """Opens the history of the record *selected* returns (its id), refreshing the page
    when a version is restored from it."""

    def __init__(self, page: Page, subject: str, selected: Callable[[], int | None]) -> None:
        super().__init__(page)
        self.page, self.subject, self.selected = page, subject, selected
        self.setObjectName(f"{subject}History")
        self.dialog = None
        self.clicked.connect(lambda _checked=False: self.open_history())
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("&History…"))
        self.setToolTip(_("Who changed what, and when; go back to an earlier version"))

    def open_history(self) -> None:
        from rcm_desktop.ui.dialogs.history_dialog import HistoryDialog

        record_id = self.selected()
        if record_id is None or self.page.context.database is None:
            return
        self.dialog = HistoryDialog(self.page.context, self.subject, record_id, self.page.window())
        self.dialog.restored.connect(self.page.reload)
        self.dialog.open()
