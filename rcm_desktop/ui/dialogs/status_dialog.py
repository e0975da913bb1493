"""Change a meeting's status, with the day it changed and a note."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from rcm_desktop.domain.vocabulary import MeetingStatus, label
from rcm_desktop.i18n import _
from rcm_desktop.ui.widgets.dates import accept_when_dates_read, date_edit


class StatusDialog(QDialog):
    """Change a meeting's status, with the day it changed."""

    def __init__(self, current: MeetingStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change status"))
        form = QFormLayout(self)
        self.status = QComboBox(self)
        for status in MeetingStatus:
            self.status.addItem(label(status), status)
        self.status.setCurrentIndex(self.status.findData(current))
        self.day = date_edit(self, QDate.currentDate())
        self.note = QLineEdit(self)
        form.addRow(_("Status:"), self.status)
        form.addRow(_("Since:"), self.day)
        form.addRow(_("Note:"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(lambda: accept_when_dates_read(self))
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
