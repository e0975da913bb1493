"""A read-only page showing one meeting, its times in the organiser's zone and the user's."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from rcm_desktop import APP_NAME
from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext, user_zone
from rcm_desktop.ui.meeting_html import STYLE, meeting_html
from rcm_desktop.ui.rich_text import tag


class MeetingView(QTextBrowser):
    """A read-only page showing one meeting, its times in the organiser's zone and the user's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("meetingView")
        self.document().setDefaultStyleSheet(STYLE)
        self.meeting_id: int | None = None
        self.context: AppContext | None = None
        self.anchorClicked.connect(self._open_link)
        self.show_empty()

    def show_empty(self) -> None:
        self.meeting_id = None
        self.setHtml(tag("p", _("Select a meeting to read it here."), "style='color:#6b7280'"))

    def show_meeting(self, context: AppContext, meeting_id: int) -> None:
        """Load *meeting_id* from the store and show it."""
        from rcm_desktop.data.services.attachments import list_attachments
        from rcm_desktop.data.services.meeting_editing import status_history
        from rcm_desktop.data.services.meetings import get_meeting

        assert context.database is not None
        self.context = context
        detail = get_meeting(context.database, meeting_id)
        if detail is None:
            self.show_empty()
            return
        self.meeting_id = meeting_id
        position = self.verticalScrollBar().value()
        self.setHtml(
            meeting_html(
                detail,
                user_zone(context),
                list_attachments(context.database, context.profile, meeting_id),
                status_history(context.database, meeting_id),
            )
        )
        self.verticalScrollBar().setValue(position)

    def _open_link(self, url: QUrl) -> None:
        from rcm_desktop.data.services.attachments import list_attachments

        if url.scheme() != "attachment" or self.context is None or self.meeting_id is None:
            return
        assert self.context.database is not None
        for item in list_attachments(self.context.database, self.context.profile, self.meeting_id):
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
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(item.stored_path)))
