"""Opening the store from the window, off the UI thread: the file checked, backed up, upgraded,
the demo loaded on a demo profile, the reference data read; then, on the UI thread, what only
the user can answer (set aside an unreadable file? which country's delegation?).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from rcm_desktop import APP_NAME
from rcm_desktop.errors import NotAnRcmDatabaseError, RcmDeskError
from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext

#: Where Settings remembers a shared database (`services.shared_database.PREFERENCE_KEY`).
SHARED_DATABASE_PREFERENCE = "database.url"

if TYPE_CHECKING:
    from rcm_desktop.data.services.reference import Reference
    from rcm_desktop.data.services.store import OpenedStore


@dataclass(frozen=True)
class Opened:
    """What the background open brings back."""

    store: OpenedStore
    reference: Reference


def _open(context: AppContext) -> Opened:
    from rcm_desktop.data.services.reference import reference_data
    from rcm_desktop.data.services.store import open_store
    from rcm_desktop.domain import identity

    opened = open_store(
        context.profile,
        context.database_url,
        user_name=context.preferences.get(identity.USER_NAME_KEY),
    )
    try:
        if context.demo:
            from rcm_desktop.data.demo import load_demo

            load_demo(opened.store)
        reference = reference_data(opened.store)
        _read_ahead(reference)
        return Opened(opened, reference)
    except BaseException:
        opened.store.dispose()
        raise


def _read_ahead(reference: Reference) -> None:
    """What the window formats soon and is slow to read the first time, read here on the
    opening thread: the locale's country names, the list of time zones (a walk of the
    time-zone database's folders)."""
    from rcm_desktop.domain.timezones import ordered_zone_choices, zone_suggestions
    from rcm_desktop.i18n import country_name, current_language

    if reference.country:
        country_name(reference.country)
    zone_suggestions()
    ordered_zone_choices(reference.country, current_language())  # CLDR city names: ~0.1 s


class StoreOpener(QObject):
    """Opens the context's store for *window*; calls *ready(opened)* or *failed()* when done."""

    def __init__(
        self,
        window: QWidget,
        context: AppContext,
        ready: Callable[[Opened], None],
        failed: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.ready = ready
        self.failed = failed
        self._server_tried = False

    def start(self) -> None:
        """Open in the background (again after an unreadable file was set aside).

        A shared database remembered in Settings is tried first (its password asked for);
        when it cannot be reached, the user may work on this computer's file for this run.
        """
        remembered = self.context.preferences.get(SHARED_DATABASE_PREFERENCE)
        wanted = isinstance(remembered, str) and bool(remembered)
        if wanted and not self.context.database_url and not self._server_tried:
            self._server_tried = True
            self._try_server(remembered, remembered, None)
            return
        self.context.tasks.run(
            lambda _report: _open(self.context),
            owner=self.window,
            on_success=self._opened,
            on_error=self._refused,
            what=_("The database could not be opened."),
            writes=True,
        )

    def _try_server(self, remembered: str, url: str, problem: str | None) -> None:
        from rcm_desktop.data.services.shared_database import check_connection

        self.context.tasks.run(
            lambda _report: check_connection(url),
            owner=self.window,
            on_success=lambda _report: self._use_server(url),
            on_error=lambda error: self._server_refused(remembered, error, problem),
            what=_("The shared database could not be reached."),
        )

    def _use_server(self, url: str) -> None:
        self.context.database_url = url
        self.start()

    def _server_refused(self, remembered: str, error: RcmDeskError, problem: str | None) -> None:
        from rcm_desktop.data.services.shared_database import PasswordNeededError, with_password
        from rcm_desktop.ui.shared_database import ask_password, offer_local_file

        wrong_password = problem is not None and "password" in error.message.lower()
        if isinstance(error, PasswordNeededError) or wrong_password:
            password = ask_password(remembered, error.message, self.window)
            if password is None:
                self.failed()
                return
            self._try_server(remembered, with_password(remembered, password), error.message)
            return
        if offer_local_file(error.message, self.window):
            self.start()  # this computer's own file, for this run
        else:
            self.failed()

    def _opened(self, opened: Opened) -> None:
        if opened.reference.country is None:
            self._ask_country(opened)
            return
        self.ready(opened)

    def _refused(self, error: RcmDeskError) -> None:
        if isinstance(error, NotAnRcmDatabaseError) and not self.context.database_url:
            if self._offer_new_profile(error.message):
                self._set_aside()
                return
        else:
            QMessageBox.critical(self.window, APP_NAME, error.message)
        self.failed()

    def _offer_new_profile(self, message: str) -> bool:
        """Ask whether to set the unreadable file aside and start afresh."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=self.window)
        start = box.addButton(_("Start a &new profile"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setInformativeText(
            _("The unreadable file is kept, renamed, in the same folder, so that nothing is lost.")
        )
        box.exec()
        return box.clickedButton() is start

    def _set_aside(self) -> None:
        from rcm_desktop.data.services.store import set_aside_unreadable

        try:
            set_aside_unreadable(self.context.profile)
        except OSError as problem:
            QMessageBox.critical(
                self.window,
                APP_NAME,
                _(
                    "The unreadable file could not be renamed (%(reason)s), so no new "
                    "profile was started. Choose another folder with --profile."
                )
                % {"reason": problem.strerror or problem},
            )
            self.failed()
            return
        self.start()

    def _ask_country(self, opened: Opened) -> None:
        """First run: which country's delegation the profile serves, and the language."""
        from dataclasses import replace

        from rcm_desktop.data.services.settings import set_profile_country
        from rcm_desktop.ui.dialogs.first_run import FirstRunDialog

        dialog = FirstRunDialog(opened.reference.countries_by_name(), self.window)
        if dialog.exec() != FirstRunDialog.DialogCode.Accepted:
            opened.store.store.dispose()
            self.failed()
            return
        code = dialog.country.code() or ""
        self.context.preferences.remember("language", dialog.language.code())

        def refused(error: RcmDeskError) -> None:
            QMessageBox.critical(self.window, APP_NAME, error.message)
            opened.store.store.dispose()
            self.failed()

        self.context.tasks.run(
            lambda _report: set_profile_country(opened.store.store, code),
            owner=self.window,
            on_success=lambda _none: self.ready(
                Opened(opened.store, replace(opened.reference, country=code))
            ),
            on_error=refused,
            what=_("The country could not be saved."),
            writes=True,
        )
