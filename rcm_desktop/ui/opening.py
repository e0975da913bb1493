"""Opening the store from the window, off the UI thread: the file checked, backed up, upgraded,
the demo loaded on a demo profile, the reference data read; then, on the UI thread, what only
the user can answer (set aside an unreadable file? open a store in a read-only folder
read-only, or copy it elsewhere? which country's delegation?).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from rcm_desktop import APP_NAME
from rcm_desktop.errors import NotAnRcmDatabaseError, RcmDeskError, ReadOnlyStoreError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile
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


#: The locks of profiles copied out of a read-only folder, held until the process ends.
_COPIES_LOCKED: list[object] = []
#: The status-bar label that says the store is open read-only.
READ_ONLY_LABEL = "readOnlyLabel"


def _open(context: AppContext, read_only: bool = False) -> Opened:
    from rcm_desktop.data.services.reference import reference_data
    from rcm_desktop.data.services.store import open_store
    from rcm_desktop.domain import identity

    opened = open_store(
        context.profile,
        context.database_url,
        user_name=context.preferences.get(identity.USER_NAME_KEY),
        read_only=read_only,
    )
    try:
        if context.demo and not opened.read_only:
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
        #: The user chose to open the profile's store read-only (it is in a read-only folder).
        self.read_only = False
        context.events.language_changed.connect(self._language_changed)

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
        read_only = self.read_only and not self.context.database_url
        self.context.tasks.run(
            lambda _report: _open(self.context, read_only),
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

    def _language_changed(self, _code: str) -> None:
        show_read_only(self.window, self.context)

    def _opened(self, opened: Opened) -> None:
        if opened.reference.country is None and opened.store.read_only:
            opened.store.store.dispose()
            QMessageBox.critical(
                self.window,
                APP_NAME,
                _(
                    "This database has not been set up yet (no delegation was chosen), which "
                    "cannot be done while it is open read-only. Copy the profile to a folder "
                    "you may write to and open the copy."
                ),
            )
            self.failed()
            return
        if opened.reference.country is None:
            self._ask_country(opened)
            return
        self._ready(opened)

    def _ready(self, opened: Opened) -> None:
        self.context.tasks.read_only = opened.store.read_only
        self.ready(opened)
        show_read_only(self.window, self.context)
        backups = getattr(self.window, "backups", None)
        if opened.store.read_only and backups is not None:
            backups.timer.stop()  # nothing to back up into a folder that cannot be written

    def _refused(self, error: RcmDeskError) -> None:
        if isinstance(error, ReadOnlyStoreError) and not self.context.database_url:
            self._offer_read_only(error)
            return
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
        from rcm_desktop.ui.handover import open_handover_first

        dialog = FirstRunDialog(opened.reference.countries_by_name(), self.window)
        result = dialog.exec()
        if result == FirstRunDialog.HANDOVER:
            self.context.preferences.remember("language", dialog.language.code())
            if not open_handover_first(self.window, self.context, opened.store.store):
                self._ask_country(opened)  # cancelled, or not restarted: the question again
            return
        if result != FirstRunDialog.DialogCode.Accepted:
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
            on_success=lambda _none: self._ready(
                Opened(opened.store, replace(opened.reference, country=code))
            ),
            on_error=refused,
            what=_("The country could not be saved."),
            writes=True,
        )

    # -- a healthy store that cannot be written where it is -------------------------------

    def _offer_read_only(self, error: ReadOnlyStoreError) -> None:
        """Open the store read-only, copy the profile to a folder that can be written, or quit."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, error.message, parent=self.window)
        box.setInformativeText(
            _(
                "You may open it read-only, to read and print what it holds, or copy the "
                "profile to a folder you may write to and work on the copy."
            )
        )
        read_only = box.addButton(_("Open &read-only"), QMessageBox.ButtonRole.AcceptRole)
        copy = box.addButton(_("&Copy to another folder…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(read_only)
        box.exec()
        if box.clickedButton() is read_only:
            self.read_only = True
            self.start()
        elif box.clickedButton() is copy:
            self._copy_elsewhere(error)
        else:
            self.failed()

    def _copy_elsewhere(self, error: ReadOnlyStoreError) -> None:
        from PySide6.QtWidgets import QFileDialog

        from rcm_desktop.data.services.store import copy_profile

        chosen = QFileDialog.getExistingDirectory(
            self.window, _("Choose a folder for the copy of the profile"), str(_data_folder())
        )
        if not chosen:
            self._offer_read_only(error)  # back to the choice
            return
        source = self.context.profile
        target = copy_target(Path(chosen), source)

        def refused(problem: RcmDeskError) -> None:
            QMessageBox.warning(self.window, APP_NAME, problem.message)
            self._offer_read_only(error)

        self.context.tasks.run(
            lambda _report: copy_profile(source, target),
            owner=self.window,
            on_success=self._copied,
            on_error=refused,
            what=_("The profile could not be copied."),
            writes=True,
        )

    def _copied(self, profile: Profile) -> None:
        """Work on the copy from now on: its lock taken, its preferences read, then opened."""
        from rcm_desktop.errors import ProfileInUseError
        from rcm_desktop.preferences import Preferences
        from rcm_desktop.ui.profile_lock import ProfileLock

        lock = ProfileLock(profile)
        try:
            lock.acquire()
        except ProfileInUseError as problem:
            QMessageBox.critical(self.window, APP_NAME, problem.message)
            self.failed()
            return
        _COPIES_LOCKED.append(lock)
        self.context.profile = profile
        self.context.preferences = Preferences(profile.preferences_path)
        self.context.tasks.log_path = profile.logs_dir / "rcm-desk.log"
        self.read_only = False
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(
                _("Working on the copy in %(path)s") % {"path": profile.root}, 30000
            )
        self.start()


def copy_target(chosen: Path, source: Profile) -> Path:
    """Where a copy of *source* goes in the folder the user chose: that folder when it is
    empty, else a new folder in it named after the profile's."""
    if chosen.is_dir() and any(chosen.iterdir()):
        base = _("%(name)s (copy)") % {"name": source.root.name or "RCM Desk"}
        target, number = chosen / base, 2
        while target.exists():
            target, number = chosen / f"{base} {number}", number + 1
        return target
    return chosen


def _data_folder() -> Path:
    """The user's data folder for RCM Desk, where the copy is suggested."""
    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def show_read_only(window: QWidget, context: AppContext) -> None:
    """Say in the title and the status bar whether the open store is read-only."""
    read_only = bool(getattr(context.database, "read_only", False))
    window.setWindowTitle(_("%(app)s (read-only)") % {"app": APP_NAME} if read_only else APP_NAME)
    if not isinstance(window, QMainWindow):
        return
    label = window.statusBar().findChild(QLabel, READ_ONLY_LABEL)
    if label is None and read_only:
        label = QLabel(window.statusBar())
        label.setObjectName(READ_ONLY_LABEL)
        window.statusBar().insertPermanentWidget(0, label)
    if label is not None:
        label.setText(_("Read-only: nothing can be saved") if read_only else "")
        label.setVisible(read_only)
