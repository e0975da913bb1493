"""Backups from the window: rotating and manual backups in the background, and restore."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar

from rcm_desktop import APP_NAME
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _, format_time
from rcm_desktop.ui.context import AppContext

#: The rotating backups' spacing while the app is open.
BACKUP_INTERVAL_MS = 30 * 60 * 1000


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

    def _show(self, text: Callable[[], str]) -> None:
        """Show a status that can be re-rendered in another language."""
        self._label_text = text
        self.label.setText(text())

    def retranslate(self) -> None:
        self.label.setText(self._label_text())

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

        def failed(error: BaseException) -> None:
            self.progress.hide()
            self._show(lambda: _("Backup failed"))
            message = error.message if isinstance(error, RcmDeskError) else str(error)
            if manual:
                QMessageBox.warning(self.window, APP_NAME, message)
            else:
                self.window.statusBar().showMessage(message, 15000)

        self.context.tasks.run(
            lambda report: back_up_profile(profile, report),
            on_success=succeeded,
            on_failure=failed,
            on_progress=progress,
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

        def failed(error: BaseException) -> None:
            self.progress.hide()
            self._show(lambda: _("Backup failed"))
            message = error.message if isinstance(error, RcmDeskError) else str(error)
            QMessageBox.warning(self.window, APP_NAME, message)

        self.context.tasks.run(
            lambda report: back_up_server_into_profile(database, profile, report),
            on_success=succeeded,
            on_failure=failed,
        )

    def restore(self, reopen: Callable[[], bool]) -> None:
        """Ask for a backup file, check it, replace the store with it (keeping a copy), reopen."""
        from rcm_desktop.data.services.backups import check_backup, restore_profile

        path, _filter = QFileDialog.getOpenFileName(
            self.window,
            _("Restore from a backup"),
            str(self.context.profile.backups_dir),
            _("RCM Desk databases (*.sqlite3 *.db);;All files (*)"),
        )
        if not path:
            return
        try:
            info = check_backup(Path(path))
        except RcmDeskError as error:
            QMessageBox.warning(self.window, APP_NAME, error.message)
            return
        question = _(
            "Replace the current data with this backup (%(n)d meetings)? A copy of the "
            "current data is kept in the backups folder."
        ) % {"n": info.meetings}
        if QMessageBox.question(self.window, APP_NAME, question) != QMessageBox.StandardButton.Yes:
            return
        self.context.tasks.wait()
        if self.context.database is not None:
            self.context.database.dispose()
            self.context.database = None
        try:
            restore_profile(self.context.profile, Path(path))
        except RcmDeskError as error:
            QMessageBox.warning(self.window, APP_NAME, error.message)
        if reopen():
            self.context.events.changed.emit("*")
            self.window.statusBar().showMessage(_("Backup restored."), 10000)
