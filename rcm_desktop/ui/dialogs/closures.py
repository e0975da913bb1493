"""Closures: days a country's calendar does not work beyond its holidays (a decreed bridge day…)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.workdays import SUPPORTED_CALENDARS
from rcm_desktop.i18n import _, country_name, format_date, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.widgets.dates import date_edit


class ClosuresDialog(QDialog):
    """Add or remove closures; every deadline counted over them moves at once."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Calendar closures"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Days a country does not work beyond its public holidays, such as a decreed "
                "bridge day. Deadlines counted in working days on that calendar skip them."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.country = QComboBox(self)
        for code in sorted(SUPPORTED_CALENDARS, key=country_name):
            self.country.addItem(country_name(code), code)
        self.day = date_edit(self, QDate.currentDate())
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(_("Reason, e.g. decreed bridge day"))
        self.add_button = QPushButton(_("&Add"), self)
        self.remove_button = QPushButton(_("&Remove"), self)
        for widget in (self.country, self.day, self.reason, self.add_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.refresh()

    def refresh(self) -> None:
        """Read the closures off the UI thread and list them."""
        from rcm_desktop.data.services.closures import list_closures

        database = self.context.database
        self.context.tasks.run(
            lambda _report: list_closures(database),
            owner=self,
            on_success=self._show,
            key="list",
            what=_("The calendar closures could not be read."),
        )

    def _show(self, closures: list[tuple[str, object, str]]) -> None:
        self.list.clear()
        for country, day, reason in closures:
            text = _("%(day)s — %(country)s") % {
                "day": format_date(day, "full"),
                "country": country_name(country),
            }
            if reason:
                text = _("%(closure)s (%(reason)s)") % {"closure": text, "reason": reason}
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, (country, day))
        self.remove_button.setEnabled(self.list.count() > 0)

    def _changed(self, moved: int) -> None:
        self.message.setText(
            ngettext("%(n)d deadline moved.", "%(n)d deadlines moved.", moved) % {"n": moved}
        )
        self.context.events.announce("deadlines")
        self.refresh()

    def _write(self, action: Callable[[], int]) -> None:
        for button in (self.add_button, self.remove_button):
            button.setEnabled(False)
        self.context.tasks.run(
            lambda _report: action(),
            owner=self,
            on_success=self._changed,
            on_error=lambda error: self.message.setText(error.message),
            on_done=lambda: self.add_button.setEnabled(True),
            what=_("The calendar closures could not be changed."),
            writes=True,
        )

    def add(self) -> None:
        from rcm_desktop.data.services.closures import add_closure

        database = self.context.database
        if self.day.show_problem():
            self.day.setFocus()
            return
        country, day = self.country.currentData(), self.day.value()
        reason = self.reason.text()
        self.reason.clear()
        self._write(lambda: add_closure(database, country, day, reason))

    def remove(self) -> None:
        from rcm_desktop.data.services.closures import remove_closure

        item = self.list.currentItem()
        if item is None:
            return
        database = self.context.database
        country, day = item.data(Qt.ItemDataRole.UserRole)
        self._write(lambda: remove_closure(database, country, day))
