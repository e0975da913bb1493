"""The main window: navigation, pages, menus, status bar; opens the store after the first paint."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QStyle,
    QWidget,
)

from rcm_desktop import APP_NAME, __version__
from rcm_desktop.errors import NotAnRcmDatabaseError, RcmDeskError
from rcm_desktop.i18n import _, country_name, format_time
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.pages.dashboard import DashboardPage
from rcm_desktop.ui.pages.explained import DELEGATIONS, DIRECTORY, DOCUMENTS, ExplainedPage
from rcm_desktop.ui.pages.meetings import MeetingsPage
from rcm_desktop.ui.pages.settings import SettingsPage

BACKUP_INTERVAL_MS = 30 * 60 * 1000
_ICONS = (
    QStyle.StandardPixmap.SP_DesktopIcon,
    QStyle.StandardPixmap.SP_FileDialogDetailedView,
    QStyle.StandardPixmap.SP_DirHomeIcon,
    QStyle.StandardPixmap.SP_FileDialogContentsView,
    QStyle.StandardPixmap.SP_DriveNetIcon,
    QStyle.StandardPixmap.SP_FileDialogInfoView,
)


class MainWindow(QMainWindow):
    """The application window. Call `open_store()` once it has been shown."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.exit_status = 0
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(QSize(760, 520))

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(210)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setSpacing(2)
        self.stack = QStackedWidget(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.dashboard = DashboardPage(context)
        self.meetings = MeetingsPage(context)
        self.settings = SettingsPage(context)
        self.settings.backup_requested.connect(lambda: self.start_backup(manual=True))
        self.pages: list[Page] = [
            self.dashboard,
            self.meetings,
            ExplainedPage(context, *DELEGATIONS),
            ExplainedPage(context, *DOCUMENTS),
            ExplainedPage(context, *DIRECTORY),
            self.settings,
        ]
        for page, icon in zip(self.pages, _ICONS, strict=True):
            self.stack.addWidget(page)
            item = QListWidgetItem(self.style().standardIcon(icon), page.title())
            item.setSizeHint(QSize(0, 34))
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.stack.currentChanged.connect(self._load_page)
        self._loaded_pages: set[int] = set()
        self._first_paint_callbacks: list[Callable[[], None]] = []

        self._build_status_bar()
        self._build_menus()
        self.setStyleSheet(
            "#pageHeading { font-size: 16pt; font-weight: 600; }"
            "#navigation { border: none; border-right: 1px solid palette(mid);"
            " background: palette(alternate-base); padding-top: 8px; }"
            "#navigation::item { padding: 4px 10px; }"
        )
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_INTERVAL_MS)
        self.backup_timer.timeout.connect(self.start_backup)
        self._restore_window_state()

    # -- building -------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.backup_progress = QProgressBar(bar)
        self.backup_progress.setMaximumWidth(160)
        self.backup_progress.setTextVisible(False)
        self.backup_progress.hide()
        self.backup_label = QLabel(bar)
        self.country_label = QLabel(bar)
        bar.addPermanentWidget(self.backup_progress)
        bar.addPermanentWidget(self.backup_label)
        bar.addPermanentWidget(self.country_label)
        bar.showMessage(_("Opening the database…"))

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu(_("&File"))
        self.backup_action = self._action(
            _("&Back up now"), lambda: self.start_backup(manual=True), "Ctrl+Shift+B"
        )
        self.restore_action = self._action(_("&Restore from a backup…"), self.restore_from_backup)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addAction(self._action(_("Open the profile &folder"), self.open_profile_folder))
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit))
        go_menu = menus.addMenu(_("&Go"))
        for number, page in enumerate(self.pages, start=1):
            go_menu.addAction(
                self._action(
                    page.title().replace("&", "&&"),  # a literal "&", not an accelerator
                    lambda _checked=False, n=number - 1: self.show_page(n),
                    f"Ctrl+{number}",
                )
            )
        help_menu = menus.addMenu(_("&Help"))
        help_menu.addAction(self._action(_("&About RCM Desk"), self.show_about))
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(False)

    # -- pages ----------------------------------------------------------------------------

    def show_page(self, index: int) -> None:
        """Select the navigation entry *index*."""
        self.navigation.setCurrentRow(index)

    def _load_page(self, index: int) -> None:
        """Pages load from the store the first time they are shown, not all at start-up."""
        if self.context.database is None or index in self._loaded_pages or index < 0:
            return
        self._loaded_pages.add(index)
        self.pages[index].store_ready()

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run *callback* once the window has painted, so the user sees it before slow work."""
        self._first_paint_callbacks.append(callback)
        self.navigation.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._first_paint_callbacks:
            watched.removeEventFilter(self)
            callbacks, self._first_paint_callbacks = self._first_paint_callbacks, []
            for callback in callbacks:
                QTimer.singleShot(0, callback)
        return super().eventFilter(watched, event)

    # -- the store ------------------------------------------------------------------------

    def open_store(self) -> bool:
        """Open, check, upgrade and load the store; returns False when the app must close."""
        from rcm_desktop.data.schema import StoreState
        from rcm_desktop.data.store import open_database, prepare_store

        while True:
            try:
                database = open_database(self.context.profile, self.context.database_url)
                state = prepare_store(database, self.context.profile)
                if self.context.demo:
                    from rcm_desktop.data.demo import load_demo

                    with database.session() as session:
                        load_demo(session)
                break
            except NotAnRcmDatabaseError as error:
                if self.context.database_url or not self._offer_new_profile(error.message):
                    return self._fail()
            except RcmDeskError as error:
                QMessageBox.critical(self, APP_NAME, error.message)
                return self._fail()
        self.context.database = database
        if not self._ensure_country():
            return self._fail()
        self._loaded_pages.clear()
        self._load_page(self.stack.currentIndex())
        self._update_country_label()
        self.statusBar().showMessage(_("Ready."), 5000)
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(database.is_sqlite)
        if database.is_sqlite:
            if state is StoreState.CURRENT:
                self.start_backup()
            self.backup_timer.start()
        self.context.events.changed.connect(self._data_changed)
        return True

    def _fail(self) -> bool:
        self.exit_status = 1
        QTimer.singleShot(0, self.close)
        return False

    def _offer_new_profile(self, message: str) -> bool:
        """Ask whether to set the unreadable file aside and start afresh; True if it was."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=self)
        start = box.addButton(_("Start a &new profile"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setInformativeText(
            _("The unreadable file is kept, renamed, in the same folder, so that nothing is lost.")
        )
        box.exec()
        if box.clickedButton() is not start:
            return False
        self.set_aside_database()
        return True

    def set_aside_database(self) -> Path:
        """Rename the profile's database file (and its journal files) out of the way; returns the new name."""
        path = self.context.profile.database_path
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            journal = path.with_name(path.name + suffix)
            if journal.exists():
                journal.rename(target.with_name(target.name + suffix))
        return target

    def _ensure_country(self) -> bool:
        from rcm_desktop.data.services.settings import profile_country, set_profile_country

        assert self.context.database is not None
        if profile_country(self.context.database):
            return True
        from rcm_desktop.ui.dialogs.first_run import FirstRunDialog

        dialog = FirstRunDialog(self.context.database, self)
        if dialog.exec() != FirstRunDialog.DialogCode.Accepted:
            return False
        set_profile_country(self.context.database, dialog.country.code() or "")
        self.context.preferences.set("language", dialog.language.code())
        return True

    def _update_country_label(self) -> None:
        from rcm_desktop.data.services.settings import profile_country

        if self.context.database is None:
            return
        code = profile_country(self.context.database)
        self.country_label.setText(
            _("Delegation: %(country)s") % {"country": country_name(code)} if code else ""
        )

    def _data_changed(self, what: str) -> None:
        if what in ("settings", "*"):
            self._update_country_label()

    # -- backups --------------------------------------------------------------------------

    def start_backup(self, manual: bool = False) -> None:
        """Take a rotating backup in the background, with progress in the status bar."""
        from rcm_desktop.data.backup import take_rotating_backup

        if self.context.database is None or not self.context.database.is_sqlite:
            return
        profile = self.context.profile
        self.backup_progress.setRange(0, 0)
        self.backup_progress.show()
        self.backup_label.setText(_("Backing up…"))

        def progress(done: int, total: int) -> None:
            self.backup_progress.setRange(0, max(total, 1))
            self.backup_progress.setValue(done)

        def finished(path: Path | None) -> None:
            self.backup_progress.hide()
            self.backup_label.setText(
                _("Backed up at %(time)s") % {"time": format_time(dt.datetime.now().time())}
            )
            if manual and path is not None:
                self.statusBar().showMessage(_("Backup saved as %(path)s") % {"path": path}, 10000)
            self.settings.refresh()

        def failed(error: BaseException) -> None:
            self.backup_progress.hide()
            self.backup_label.setText(_("Backup failed"))
            message = error.message if isinstance(error, RcmDeskError) else str(error)
            if manual:
                QMessageBox.warning(self, APP_NAME, message)
            else:
                self.statusBar().showMessage(message, 15000)

        self.context.tasks.run(
            lambda report: take_rotating_backup(profile, report),
            on_success=finished,
            on_failure=failed,
            on_progress=progress,
        )

    def restore_from_backup(self) -> None:
        """Ask for a backup file, check it, then replace the store with it (keeping a copy)."""
        from rcm_desktop.data.backup import restore_backup, validate_backup

        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Restore from a backup"),
            str(self.context.profile.backups_dir),
            _("RCM Desk databases (*.sqlite3 *.db);;All files (*)"),
        )
        if not path:
            return
        try:
            info = validate_backup(Path(path))
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        answer = QMessageBox.question(
            self,
            APP_NAME,
            _(
                "Replace the current data with this backup (%(n)d meetings)? A copy of the "
                "current data is kept in the backups folder."
            )
            % {"n": info.meetings},
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.context.tasks.wait()
        assert self.context.database is not None
        self.context.database.dispose()
        self.context.database = None
        try:
            restore_backup(self.context.profile, Path(path))
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
        if self.open_store():
            self.context.events.changed.emit("*")
            self.statusBar().showMessage(_("Backup restored."), 10000)

    # -- misc -----------------------------------------------------------------------------

    def open_profile_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.context.profile.root)))

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About RCM Desk"),
            _(
                "RCM Desk %(version)s\n\nAn offline desk for the delegation focal points of "
                "the Regional Conference on Migration and its partner forums.\n\n"
                "Your data stays on this computer; RCM Desk never connects to the internet."
            )
            % {"version": __version__},
        )

    def _restore_window_state(self) -> None:
        encoded = self.context.preferences.get("window.geometry")
        if encoded:
            self.restoreGeometry(QByteArray(base64.b64decode(encoded)))
        else:
            self.resize(1180, 740)
        page = self.context.preferences.get("window.page", 0)
        self.show_page(page if isinstance(page, int) and 0 <= page < len(self.pages) else 0)

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii")
            self.context.preferences.set("window.geometry", geometry)
            self.context.preferences.set("window.page", self.navigation.currentRow())
        except OSError:
            pass  # preferences are a convenience; never block quitting on them
        self.backup_timer.stop()
        self.context.tasks.wait()
        if self.context.database is not None:
            self.context.database.dispose()
        event.accept()
