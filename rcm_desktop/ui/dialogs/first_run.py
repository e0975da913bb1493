"""First run: which country's delegation this profile serves, and the interface language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from rcm_desktop.i18n import _, country_language, current_language
from rcm_desktop.ui.language import apply_language
from rcm_desktop.ui.style import MUTED_STYLE, message_label
from rcm_desktop.ui.widgets.choosers import CountryComboBox, LanguageComboBox

if TYPE_CHECKING:
    from rcm_desktop.data.services.reference import CountryChoice


class FirstRunDialog(QDialog):
    """Asks the country and the language; choosing a language switches the dialog to it at once.

    A successor may instead open the handover archive they were given: the dialog then ends
    with HANDOVER.
    """

    #: The result when the user chose to open a handover archive instead.
    HANDOVER = 2

    def __init__(self, countries: Sequence[CountryChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.country = CountryComboBox(countries, self)
        self.country.set_code(None)
        self.language = LanguageComboBox(self)
        self.language.set_code(current_language())
        self.country_label = QLabel(self)
        self.country_label.setBuddy(self.country)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        form.addRow(self.country_label, self.country)
        form.addRow(self.language_label, self.language)
        layout.addLayout(form)
        self.note = QLabel(self)
        self.note.setStyleSheet(MUTED_STYLE)
        layout.addWidget(self.note)
        self.error = message_label(self)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.handover = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.handover.setObjectName("firstRunHandover")
        self.handover.clicked.connect(lambda: self.done(self.HANDOVER))
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.language.currentIndexChanged.connect(self._language_chosen)
        #: The language follows the country chosen until the user picks one themselves.
        self._language_picked = False
        self.language.activated.connect(lambda _index: setattr(self, "_language_picked", True))
        self.country.currentIndexChanged.connect(self._country_chosen)
        self.retranslate()

    def retranslate(self) -> None:
        from rcm_desktop.i18n import country_name

        self.setWindowTitle(_("Welcome to RCM Desk"))
        chosen = self.country.code()
        self.intro.setText(
            _(
                "RCM Desk keeps your delegation's meetings, nominations and deadlines on "
                "this computer. Which country's delegation do you work for?"
            )
            if not chosen
            else _(
                "RCM Desk will keep the meetings, nominations and deadlines of the delegation "
                "of %(country)s on this computer. Check the language, then press OK."
            )
            % {"country": country_name(chosen)}
        )
        self.country_label.setText(_("&Country:"))
        self.language_label.setText(_("&Language:"))
        self.country.setPlaceholderText(_("Choose a country"))
        self.note.setText(_("You can change both later in Settings."))
        self.handover.setText(_("Open a &handover archive…"))
        self.handover.setToolTip(
            _("Taking over from a predecessor? Open the archive they gave you instead.")
        )
        if self.error.isVisible():
            self.error.setText(_("Choose your country to continue."))

    def _country_chosen(self) -> None:
        code = self.country.code()
        if code:
            self.error.hide()
        if code and not self._language_picked:
            suggested = country_language(code)
            if suggested != self.language.code():
                self.language.set_code(suggested)  # switches the dialog (_language_chosen)
        self.retranslate()

    def _language_chosen(self) -> None:
        code = self.language.code()
        if code and code != current_language():
            apply_language(code)
            self.country.refill()
            self.retranslate()

    def accept(self) -> None:
        if not self.country.code():
            self.error.setText(_("Choose your country to continue."))
            self.error.show()
            self.country.setFocus()
            return
        super().accept()
