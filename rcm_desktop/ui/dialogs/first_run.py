"""First run: which country's delegation this profile serves, and the interface language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from rcm_desktop.i18n import _, current_language
from rcm_desktop.ui.widgets.choosers import CountryComboBox, LanguageComboBox

if TYPE_CHECKING:
    from rcm_desktop.data.db import Database


class FirstRunDialog(QDialog):
    """Asks the country and the language; both can be changed later in Settings."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to RCM Desk"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "RCM Desk keeps your delegation's meetings, nominations and deadlines on "
                "this computer. Which country's delegation do you work for?"
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.country = CountryComboBox(database, self)
        self.country.set_code(None)
        self.country.setPlaceholderText(_("Choose a country"))
        self.language = LanguageComboBox(self)
        self.language.set_code(current_language())
        form.addRow(_("&Country:"), self.country)
        form.addRow(_("&Language:"), self.language)
        layout.addLayout(form)
        note = QLabel(_("You can change both later in Settings."), self)
        note.setStyleSheet("color: #4a5563")
        layout.addWidget(note)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b42318")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if not self.country.code():
            self.error.setText(_("Choose your country to continue."))
            self.error.show()
            self.country.setFocus()
            return
        super().accept()
