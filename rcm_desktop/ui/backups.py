"""Backups from the window: rotating and manual backups in the background, and restore."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar

from rcm_desktop import APP_NAME
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _, format_time
from rcm_desktop.ui.context import AppContext

#: Kinds of change that are records a user would not want to lose (settings are not).
RECORD_KINDS = frozenset({"meetings", "deadlines", "documents", "delegations", "people"})
#: The rotating backups' spacing while the app is open.
BACKUP_INTERVAL_MS = 30 * 60 * 1000
#: The backup taken at start waits this long, so that the first page is read first.
STARTUP_BACKUP_DELAY_MS = 2_000


class BackupController(QObject):
    """Owns the status-bar progress of backups, the 30-minute timer, and the restore flow."""

    finished = Signal()

    def __init__(self, window: QMainWindow, context: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        bar = window.statusBar()
        self.progress = QProgressBar(bar)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.label = QLabel(bar)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setInterval(BACKUP_INTERVAL_MS)
        self.timer.timeout.connect(self.start)
        self._label_text: Callable[[], str] = str
        self._watching_first_save = False

    def _show(self, text: Callable[[], str]) -> None:
        """Show a status that can be re-rendered in another language."""
        self._label_text = text
        self.label.setText(text())

    def retranslate(self) -> None:
        self.label.setText(self._label_text())

    def back_up_after_first_record(self) -> None:
        """A profile with no backup yet (a new one) gets its first as soon as a record is saved,
        not half an hour later."""
        if not self._watching_first_save:
            self._watching_first_save = True
            self.context.events.changed.connect(self._maybe_first_backup)

    def _maybe_first_backup(self, change: Any) -> None:
        from rcm_desktop.data.services.backups import latest_backup

        database = self.context.database
        if change.remote or database is None or not database.is_sqlite:
            return
        if not change.concerns(RECORD_KINDS):
            return
        self.context.events.changed.disconnect(self._maybe_first_backup)
        self._watching_first_save = False
        if latest_backup(self.context.profile) is None:
            self.start()

    def start_soon(self) -> None:
        """The start-up backup, taken once the first page has had its turn."""
        QTimer.singleShot(STARTUP_BACKUP_DELAY_MS, self, self.start)

    def start(self, manual: bool = False) -> None:
        """Take a rotating backup in the background, with progress in the status bar."""
        from rcm_desktop.data.services.backups import back_up_profile

        if self.context.database is None:
            return
        if not self.context.database.is_sqlite:
            if manual:  # a server is backed up on demand only: pg_dump, or every table as JSON
                self._start_server_backup()
            return
        profile = self.context.profile
        self.progress.setRange(0, 0)
        self.progress.show()
        self._show(lambda: _("Backing up…"))

        def progress(done: int, total: int) -> None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

        def succeeded(path: Path | None) -> None:
            self.progress.hide()
            when = dt.datetime.now().time()
            self._show(lambda: _("Backed up at %(time)s") % {"time": format_time(when)})
            if manual and path is not None:
                message = _("Backup saved as %(path)s") % {"path": path}
                self.window.statusBar().showMessage(message, 10000)
            self.finished.emit()

        def failed(error: RcmDeskError) -> None:
            self._show(lambda: _("Backup failed"))
            if manual:
                QMessageBox.warning(self.window, APP_NAME, error.message)
            else:
                self.window.statusBar().showMessage(error.message, 15000)

        self.context.tasks.run(
            lambda report: back_up_profile(profile, report),
            owner=self.window,
            on_success=succeeded,
            on_error=failed,
            on_progress=progress,
            on_done=self.progress.hide,
            what=_("The backup could not be taken."),
        )

    def _start_server_backup(self) -> None:
        """File › Back up now on a shared database: into the profile's backups folder."""
        from rcm_desktop.data.services.backups import (
            back_up_server_into_profile,
            describe_server_backup,
        )

        database, profile = self.context.database, self.context.profile
        assert database is not None
        self.progress.setRange(0, 0)
        self.progress.show()
        self._show(lambda: _("Backing up…"))

        def succeeded(backup: object) -> None:
            self.progress.hide()
            when = dt.datetime.now().time()
            self._show(lambda: _("Backed up at %(time)s") % {"time": format_time(when)})
            self.window.statusBar().showMessage(describe_server_backup(backup), 15000)  # type: ignore[arg-type]
            self.finished.emit()

        def failed(error: RcmDeskError) -> None:
            self._show(lambda: _("Backup failed"))
            QMessageBox.warning(self.window, APP_NAME, error.message)

        self.context.tasks.run(
            lambda report: back_up_server_into_profile(database, profile, report),
            owner=self.window,
            on_success=succeeded,
            on_error=failed,
            on_done=self.progress.hide,
            what=_("The backup could not be taken."),
        )

    def restore(self, reopen: Callable[[], object]) -> None:
        """Ask for a backup file, check it (off the UI thread), replace the store with it (keeping
        a copy), then reopen the store."""
        from rcm_desktop.data.services.backups import check_backup

        path, _filter = QFileDialog.getOpenFileName(
            self.window,
            _("Restore from a backup"),
            str(self.context.profile.backups_dir),
            _("RCM Desk databases (*.sqlite3 *.db);;All files (*)"),
        )
        if not path:
            return
        source = Path(path)
        self._show(lambda: _("Checking the backup…"))
        self.context.tasks.run(
            lambda _report: check_backup(source),
            owner=self.window,
            on_success=lambda info: self._confirm_restore(source, info, reopen),
            on_error=self._restore_refused,
            what=_("The backup could not be checked."),
        )

    def _restore_refused(self, error: RcmDeskError) -> None:
        self._show(str)
        QMessageBox.warning(self.window, APP_NAME, error.message)

    def _confirm_restore(self, source: Path, info: Any, reopen: Callable[[], object]) -> None:
        from rcm_desktop.data.services.backups import restore_profile
        from rcm_desktop.data.services.store import close_store

        self._show(str)
        question = _(
            "Replace the current data with this backup (%(n)d meetings)? A copy of the "
            "current data is kept in the backups folder."
        ) % {"n": info.meetings}
        if QMessageBox.question(self.window, APP_NAME, question) != QMessageBox.StandardButton.Yes:
            return
        self.context.tasks.wait()
        if self.context.database is not None:
            close_store(self.context.database)
            self.context.database = None
        profile = self.context.profile

        def restored(_saved: object) -> None:
            reopen()
            self.window.statusBar().showMessage(_("Backup restored."), 10000)

        def refused(error: RcmDeskError) -> None:
            QMessageBox.warning(self.window, APP_NAME, error.message)
            reopen()

        self.context.tasks.run(
            lambda _report: restore_profile(profile, source),
            owner=self.window,
            on_success=restored,
            on_error=refused,
            what=_("The backup could not be restored."),
            writes=True,
        )
