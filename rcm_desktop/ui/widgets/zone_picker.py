"""A time-zone field that takes IANA names and the names people write ("San José", "Mexico City")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from rcm_desktop.domain.timezones import resolve_zone, zone_suggestions


class ZonePicker(QComboBox):
    """Editable combo: type a city or an IANA name; `zone()` gives the IANA name or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("zonePicker")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("")
        self.addItems(list(zone_suggestions()))
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.setMinimumContentsLength(24)

    def text(self) -> str:
        return self.currentText().strip()

    def zone(self) -> str | None:
        """The IANA zone for what is typed; None when empty or unknown (see `is_known`)."""
        return resolve_zone(self.text())

    def is_known(self) -> bool:
        return not self.text() or self.zone() is not None

    def set_zone(self, name: str | None) -> None:
        self.setEditText(name or "")
