"""Settings: the delegation's country, the interface language, and where the data lives."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from rcm_desktop.data.services.backups import KEEP_BACKUPS, latest_backup
from rcm_desktop.i18n import _, current_language, format_datetime
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.events import Change
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.widgets.choosers import CountryComboBox, LanguageComboBox
from rcm_desktop.ui.widgets.connection_panel import ConnectionPanel
from rcm_desktop.ui.widgets.zone_picker import ZonePicker


class SettingsPage(Page):
    """Country and language (saved with one button), profile folder and backups."""

    watches = frozenset({"settings", "reference"})

    backup_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.delegation_box = QGroupBox(self)
        self.form = QFormLayout(self.delegation_box)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.country: CountryComboBox | None = None
        self.language = LanguageComboBox(self.delegation_box)
        self.country_label = QLabel(self.delegation_box)
        self.language_label = QLabel(self.delegation_box)
        self.form.addRow(self.language_label, self.language)
        self.zone = ZonePicker(self.delegation_box)
        self.zone.setMinimumWidth(340)
        self.zone_label = QLabel(self.delegation_box)
        self.zone_label.setBuddy(self.zone)
        self.form.addRow(self.zone_label, self.zone)
        self.save_button = QPushButton(self.delegation_box)
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        self.form.addRow("", self.save_button)
        self.message = QLabel(self.delegation_box)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow("", self.message)
        self.language.setMinimumWidth(340)
        self.layout_.addWidget(self.delegation_box)

        self.storage_box = QGroupBox(self)
        storage = QFormLayout(self.storage_box)
        self.storage_text = QLabel(self.storage_box)
        self.storage_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.storage_text.setWordWrap(True)
        storage.addRow(self.storage_text)
        self.backup_button = QPushButton(self.storage_box)
        self.backup_button.clicked.connect(self.backup_requested.emit)
        button_row = QHBoxLayout()
        button_row.addWidget(self.backup_button)
        button_row.addStretch(1)
        storage.addRow(button_row)
        storage.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.connection = ConnectionPanel(context, self)
        for box in (self.delegation_box, self.storage_box, self.connection):
            box.setMaximumWidth(820)
        policy = self.connection.sizePolicy()  # never squeezed below what its notes need:
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)  # the page scrolls instead
        self.connection.setSizePolicy(policy)
        self.layout_.addWidget(self.storage_box)
        self.layout_.addWidget(self.connection)
        self.layout_.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return _("Settings")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.delegation_box.setTitle(_("Delegation and language"))
        self.country_label.setText(_("&Country:"))
        self.language_label.setText(_("&Language:"))
        self.language_label.setBuddy(self.language)
        self.zone_label.setText(_("Your &time zone:"))
        self.zone.setToolTip(
            _(
                "Meeting times are also shown in this zone. Leave it empty to use your country's capital."
            )
        )
        self.save_button.setText(_("&Save settings"))
        self.storage_box.setTitle(_("Data and backups"))
        self.backup_button.setText(_("&Back up now"))
        self.connection.retranslate()
        self.message.clear()
        if self.country is not None:
            self.country.refill()
            self._show_zone_default()
            self.reload()

    def store_ready(self) -> None:
        reference = self.context.reference
        if self.country is None:
            self.country = CountryComboBox(reference.countries if reference else (), self)
            self.country.setMinimumWidth(340)
            self.form.insertRow(0, self.country_label, self.country)
            self.country_label.setBuddy(self.country)
            self.country.currentIndexChanged.connect(lambda _index: self._show_zone_default())
        self.country.set_code(self.context.country)
        self.language.set_code(current_language())
        self.zone.set_zone(self.context.preferences.get("time_zone"))
        self._show_zone_default()
        self.reload()

    def changed(self, change: Change) -> None:
        if self.country is not None and self.context.reference is not None:
            self.country.refill(self.context.reference.countries)
        self.reload()

    def _show_zone_default(self) -> None:
        from rcm_desktop.domain.timezones import capital_zone

        code = self.country.code() if self.country else None
        default = capital_zone(code) if code else None
        self.zone.put_first(code)
        self.zone.lineEdit().setPlaceholderText(
            _("%(zone)s (your country's capital)") % {"zone": default} if default else ""
        )

    def reload(self) -> None:
        """What the profile folder and the backups hold (read from the disk, not the store)."""
        profile = self.context.profile
        from rcm_desktop.data.services.store import shown_location

        location = shown_location(profile, self.context.database_url)
        last = latest_backup(profile)
        lines = [
            _("Profile folder: %(path)s") % {"path": profile.root},
            _("Database: %(location)s") % {"location": location},
            _("Backups folder: %(path)s") % {"path": profile.backups_dir},
            _(
                "A backup is taken when RCM Desk starts with data in it, as soon as the "
                "first record of a new profile is saved, and every 30 minutes while it is "
                "open; the last %(n)d are kept."
            )
            % {"n": KEEP_BACKUPS}
            if not self.context.database_url
            else _(
                "A shared database is backed up on demand (File ▸ Back up now, or "
                "rcm-desktop backup) or by whoever runs the server; RCM Desk takes no "
                "automatic backups of it."
            ),
            _("Last backup: %(when)s") % {"when": format_datetime(last, "short")}
            if last
            else _("Last backup: none yet (one is taken when the first record is saved)"),
        ]
        self.storage_text.setText("<br/>".join(escape(line) for line in lines))

    def save(self) -> None:
        """Save the country to the store (off the UI thread), the language and time zone to the
        user's preferences."""
        from rcm_desktop.data.services.settings import set_profile_country

        database = self.context.database
        if database is None or self.country is None:
            return
        if not self.zone.is_known():
            self.message.setText(
                _(
                    "“%(zone)s” is not a known time zone. Type a city such as “San José” or "
                    "“Mexico City”, or a name such as America/Costa_Rica."
                )
                % {"zone": self.zone.text()}
            )
            return
        code = self.country.code() or ""
        self.save_button.setEnabled(False)
        self.context.tasks.run(
            lambda _report: set_profile_country(database, code),
            owner=self,
            on_success=lambda _none: self._saved(code),
            on_error=lambda error: self.message.setText(error.message),
            on_done=lambda: self.save_button.setEnabled(True),
            what=_("The settings could not be saved."),
            writes=True,
        )

    def _saved(self, code: str) -> None:
        from dataclasses import replace

        language = self.language.code()
        kept = self.context.preferences.remember("time_zone", self.zone.zone())
        kept = self.context.preferences.remember("language", language) and kept
        if self.context.reference is not None:
            self.context.reference = replace(self.context.reference, country=code)
        self._show_zone_default()
        self.context.events.announce("settings")
        if language != current_language():
            self.context.events.language_changed.emit(language)
        self.message.setText(
            _("Saved.")
            if kept
            else _(
                "The country was saved, but your language and time zone could not be written to "
                "the profile folder (is the disk full or read-only?). They apply until you quit."
            )
        )
