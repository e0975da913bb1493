"""A read-only page showing one meeting, its times in the organiser's zone and the user's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from rcm_desktop import APP_NAME
from rcm_desktop.i18n import _
from rcm_desktop.ui.meeting_html import STYLE, meeting_html
from rcm_desktop.ui.rich_text import tag
from rcm_desktop.ui.style import MUTED_COLOUR
from rcm_desktop.ui.system_open import open_with_system

if TYPE_CHECKING:
    from rcm_desktop.data.services.meeting_pages import MeetingPage


class MeetingView(QTextBrowser):
    """Shows a `MeetingPage` read by the meetings page; opens its attachments when clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("meetingView")
        self.document().setDefaultStyleSheet(STYLE)
        self.meeting_id: int | None = None
        self.data: MeetingPage | None = None
        self.zone: str | None = None
        self.anchorClicked.connect(self._open_link)
        self.show_empty()

    def show_empty(self) -> None:
        self.meeting_id = None
        self.data = None
        self.setHtml(
            tag("p", _("Select a meeting to read it here."), f"style='color:{MUTED_COLOUR}'")
        )

    def show_loading(self, meeting_id: int) -> None:
        """The meeting is being read: say so, and keep its id (the actions apply to it)."""
        if self.data is not None and self.data.detail.id == meeting_id:
            return  # the page shown stays until the new one arrives
        self.meeting_id = meeting_id
        self.data = None
        self.setHtml(tag("p", _("Loading…"), f"style='color:{MUTED_COLOUR}'"))

    def show_page(self, data: MeetingPage, user_zone: str | None) -> None:
        """Show *data*, with times also in *user_zone*; the scroll position is kept."""
        same = self.meeting_id == data.detail.id
        position = self.verticalScrollBar().value()
        self.meeting_id = data.detail.id
        self.data = data
        self.zone = user_zone
        self.setHtml(meeting_html(data.detail, user_zone, data.attachments, data.history))
        if same:
            self.verticalScrollBar().setValue(position)

    def rerender(self) -> None:
        """Show the same meeting again (after a language switch)."""
        if self.data is not None:
            self.show_page(self.data, self.zone)

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() != "attachment" or self.data is None:
            return
        for item in self.data.attachments:
            if str(item.id) == url.path():
                if not item.stored_path.exists():
                    QMessageBox.warning(
                        self,
                        APP_NAME,
                        _(
                            "The copy of “%(name)s” is missing from the profile folder. Attach the file again."
                        )
                        % {"name": item.file_name},
                    )
                    return
                open_with_system(self, item.stored_path)
