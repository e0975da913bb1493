"""Combo boxes for a country (forum members first) and an interface language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QWidget

from rcm_desktop.i18n import SUPPORTED_LANGUAGES, current_language, language_name

if TYPE_CHECKING:
    from rcm_desktop.data.services.reference import CountryChoice


class CountryComboBox(QComboBox):
    """Countries by name in the active language; members of RCM, SACM or MIRPS come first."""

    def __init__(self, choices: Sequence[CountryChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countryCombo")
        self.choices = list(choices)
        self.refill()

    def refill(self, choices: Sequence[CountryChoice] | None = None) -> None:
        """(Re)show the countries with their names in the active language, keeping the choice."""
        if choices is not None:
            self.choices = list(choices)
        chosen = self.currentData()
        self.blockSignals(True)
        self.clear()
        members_done = False
        ordered = sorted(self.choices, key=lambda item: (not item.forums, item.name.casefold()))
        for choice in ordered:
            if not choice.forums and not members_done:
                self.insertSeparator(self.count())
                members_done = True
            text = f"{choice.name} ({', '.join(choice.forums)})" if choice.forums else choice.name
            self.addItem(text, choice.code)
        if chosen:
            self.set_code(chosen)
        self.blockSignals(False)

    def code(self) -> str | None:
        """The chosen ISO code."""
        return self.currentData()

    def set_code(self, code: str | None) -> None:
        index = self.findData(code) if code else -1
        self.setCurrentIndex(max(index, 0) if code else -1)


class LanguageComboBox(QComboBox):
    """The shipped interface languages, each named in itself (CLDR names, filled on first use)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languageCombo")

    def fill(self) -> None:
        """Add the languages (babel's data is loaded here, not when the window is built)."""
        if self.count():
            return
        for code in SUPPORTED_LANGUAGES:
            self.addItem(language_name(code), code)
        self.set_code(current_language())

    def code(self) -> str:
        return self.currentData()

    def set_code(self, code: str) -> None:
        self.fill()
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)
