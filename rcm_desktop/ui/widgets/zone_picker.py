"""A time-zone field that takes IANA names and the names people write ("San José", "Mexico City")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from rcm_desktop.domain.timezones import resolve_zone, zone_suggestions
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _


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
        self._first: list[tuple[str, str]] = []

    def put_first(self, country: str | None) -> None:
        """List the zones of *country*, then the forums' capitals (named by their city in the
        interface language), above every other zone."""
        from rcm_desktop.domain.timezones import ordered_zone_choices
        from rcm_desktop.i18n import current_language

        typed = self.text()
        self.blockSignals(True)
        for _index in range(len(self._first) + (1 if self._first else 0)):
            self.removeItem(1)  # the previous first group and its separator
        self._first = list(ordered_zone_choices(country, current_language()))
        for row, (shown, name) in enumerate(self._first, start=1):
            self.insertItem(row, shown, name)
        if self._first:
            self.insertSeparator(len(self._first) + 1)
        self.setEditText(typed)
        self.blockSignals(False)

    def text(self) -> str:
        return self.currentText().strip()

    def zone(self) -> str | None:
        """The IANA zone for what is typed; None when empty or unknown (see `is_known`)."""
        for shown, name in self._first:
            if self.text() == shown:
                return name
        return resolve_zone(self.text())

    def checked_zone(self) -> str | None:
        """The IANA zone for what is typed (None when empty); ValidationError (field
        "time_zone") naming what was typed when it is no zone."""
        zone = self.zone()
        if self.text() and zone is None:
            raise ValidationError(
                _(
                    "“%(zone)s” is not a known time zone. Type a city such as “San José” or "
                    "“Mexico City”, or a name such as America/Costa_Rica."
                )
                % {"zone": self.text()},
                field="time_zone",
            )
        return zone

    def is_known(self) -> bool:
        return not self.text() or self.zone() is not None

    def set_zone(self, name: str | None) -> None:
        self.setEditText(name or "")
