"""The main window: navigation, pages, menus, status bar; opens the store after the first paint."""

from __future__ import annotations

import base64
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop import APP_NAME, __version__
from rcm_desktop.errors import NotAnRcmDatabaseError, RcmDeskError
from rcm_desktop.i18n import _, country_name, ngettext
from rcm_desktop.ui.backups import BackupController
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.language import apply_language
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.pages.registry import PAGES

STYLE_SHEET = (
    "#pageHeading { font-size: 16pt; font-weight: 600; }"
    "#navigation { border: none; border-right: 1px solid palette(mid);"
    " background: palette(alternate-base); padding-top: 8px; }"
    "#navigation::item { padding: 4px 10px; }"
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
        self.setStyleSheet(STYLE_SHEET)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(240)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setSpacing(2)
        self.stack = QStackedWidget(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._pages: list[Page | None] = [None] * len(PAGES)
        self._loaded_pages: set[int] = set()
        self._first_paint_callbacks: list[Callable[[], None]] = []
        for spec in PAGES:
            host = QWidget(self.stack)
            host_layout = QVBoxLayout(host)
            host_layout.setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(host)
            item = QListWidgetItem(self.style().standardIcon(spec.icon), _(spec.title))
            item.setSizeHint(QSize(0, 34))
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.stack.currentChanged.connect(self._page_shown)

        self.country_label = QLabel(self.statusBar())
        self.backups = BackupController(self, context)
        self.statusBar().addPermanentWidget(self.country_label)
        self.statusBar().showMessage(_("Opening the database…"))
        self._shortcuts: list[tuple[QAction, object]] = []
        self._build_menus()
        self.after_first_paint(self._install_shortcuts)
        context.events.changed.connect(self._data_changed)
        context.events.language_changed.connect(self.change_language)
        from rcm_desktop.ui.change_watch import ChangeWatcher

        self.change_watch = ChangeWatcher(self, context)  # others' saves appear without restart
        self.backups.finished.connect(self._backup_finished)
        self._restore_window_state()

    # -- menus ----------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object], shortcut: object = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _install_shortcuts(self) -> None:
        """Keyboard shortcuts, set once the window has painted (Qt's key tables load slowly)."""
        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))
        self._shortcuts.clear()

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu(_("&File"))
        self.backup_action = self._action(
            _("&Back up now"), lambda: self.backups.start(manual=True), "Ctrl+Shift+B"
        )
        self.restore_action = self._action(
            _("&Restore from a backup…"), lambda: self.backups.restore(self.open_store)
        )
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addAction(self._action(_("Open the profile &folder"), self.open_profile_folder))
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit))
        go_menu = menus.addMenu(_("&Go"))
        for number, spec in enumerate(PAGES, start=1):
            title = _(spec.title).replace("&", "&&")  # a literal "&", not an accelerator
            go_menu.addAction(
                self._action(title, lambda n=number - 1: self.show_page(n), f"Ctrl+{number}")
            )
        help_menu = menus.addMenu(_("&Help"))
        help_menu.addAction(self._action(_("Run the &self-test…"), self.run_self_test))
        help_menu.addSeparator()
        help_menu.addAction(self._action(_("&About RCM Desk"), self.show_about))
        self._update_actions()

    def _update_actions(self) -> None:
        database = self.context.database
        self.backup_action.setEnabled(database is not None)  # a server: pg_dump or JSON
        self.restore_action.setEnabled(database is not None and database.is_sqlite)

    # -- language -------------------------------------------------------------------------

    def change_language(self, code: str) -> None:
        """Switch the interface to *code* and show every text of the open window in it."""
        apply_language(code)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the window again, in the active language (no restart needed)."""
        self._update_counts()
        for row, spec in enumerate(PAGES):
            if self.context.database is None:
                self.navigation.item(row).setText(_(spec.title))
        for action in self.menuBar().actions():
            if action.menu() is not None:
                action.menu().deleteLater()
        for action in self.findChildren(QAction):
            if action.parent() is self:
                action.deleteLater()
        self.menuBar().clear()
        self._shortcuts.clear()
        self._build_menus()
        self._install_shortcuts()
        self.statusBar().clearMessage()
        self._update_country_label()
        self.backups.retranslate()
        for page in self._pages:
            if page is not None:
                page.retranslate()

    # -- pages ----------------------------------------------------------------------------

    def page(self, index: int) -> Page:
        """The page at *index*, built on first use."""
        page = self._pages[index]
        if page is None:
            page = PAGES[index].create(self.context)
            self.stack.widget(index).layout().addWidget(page)
            page.show()  # the host may already be visible
            self._pages[index] = page
            if PAGES[index].key == "settings":
                page.backup_requested.connect(lambda: self.backups.start(manual=True))
        return page

    def page_by_key(self, key: str) -> Page:
        """The page whose registry key is *key* ("meetings", "settings"…)."""
        return self.page(next(i for i, spec in enumerate(PAGES) if spec.key == key))

    @property
    def meetings(self):  # type: ignore[no-untyped-def]
        return self.page_by_key("meetings")

    @property
    def settings(self):  # type: ignore[no-untyped-def]
        return self.page_by_key("settings")

    def show_page(self, index: int) -> None:
        """Select the navigation entry *index*."""
        self.navigation.setCurrentRow(index)

    def current_page(self) -> Page:
        return self.page(self.stack.currentIndex())

    def _page_shown(self, index: int) -> None:
        if index < 0:
            return
        page = self.page(index)
        if self.context.database is not None and index not in self._loaded_pages:
            self._loaded_pages.add(index)
            page.store_ready()

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run *callback* once the window has painted, so the user sees it before slow work."""
        self._first_paint_callbacks.append(callback)
        self.installEventFilter(
            self
        )  # the window itself paints first (its viewport costs enum set-up)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._first_paint_callbacks:
            watched.removeEventFilter(self)
            callbacks, self._first_paint_callbacks = self._first_paint_callbacks, []
            for callback in callbacks:
                QTimer.singleShot(0, callback)
        return super().eventFilter(watched, event)

    # -- the store ------------------------------------------------------------------------

    def open_store(self) -> bool:
        """Open, check, upgrade and load the store; returns False when the app must close."""
        from rcm_desktop.data.services.store import StoreState, open_store, set_aside_unreadable
        from rcm_desktop.domain import identity

        while True:
            try:
                opened = open_store(
                    self.context.profile,
                    self.context.database_url,
                    user_name=self.context.preferences.get(identity.USER_NAME_KEY),
                )
                database, state = opened.store, opened.state
                if self.context.demo:
                    from rcm_desktop.data.demo import load_demo

                    load_demo(database)
                break
            except NotAnRcmDatabaseError as error:
                if self.context.database_url or not self._offer_new_profile(error.message):
                    return self._fail()
                try:
                    set_aside_unreadable(self.context.profile)
                except OSError as problem:
                    QMessageBox.critical(
                        self,
                        APP_NAME,
                        _(
                            "The unreadable file could not be renamed (%(reason)s), so no new "
                            "profile was started. Choose another folder with --profile."
                        )
                        % {"reason": problem.strerror or problem},
                    )
                    return self._fail()
            except RcmDeskError as error:
                QMessageBox.critical(self, APP_NAME, error.message)
                return self._fail()
        self.context.database = database
        self.change_watch.seen = None  # the first look at this store sets the mark
        if not self._ensure_country():
            return self._fail()
        self._loaded_pages.clear()
        self._page_shown(self.stack.currentIndex())
        self._update_country_label()
        self._update_counts()
        self.statusBar().showMessage(self._week_summary(), 15000)
        self._update_actions()
        if database.is_sqlite:
            if state is StoreState.CURRENT:
                self.backups.start()
            self.backups.timer.start()
        return True

    def _fail(self) -> bool:
        self.exit_status = 1
        QTimer.singleShot(0, self.close)
        return False

    def _offer_new_profile(self, message: str) -> bool:
        """Ask whether to set the unreadable file aside and start afresh."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=self)
        start = box.addButton(_("Start a &new profile"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setInformativeText(
            _("The unreadable file is kept, renamed, in the same folder, so that nothing is lost.")
        )
        box.exec()
        return box.clickedButton() is start

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
        self.context.preferences.remember("language", dialog.language.code())
        self.retranslate()  # the dialog may have switched the language
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
        if what in ("deadlines", "documents", "meetings", "settings", "*"):
            self._update_counts()

    def _week_summary(self) -> str:
        """What falls due this week, said once at start-up in the status bar."""
        import datetime as dt

        from rcm_desktop.data.services.deadline_lists import list_deadlines, pressing_counts

        assert self.context.database is not None
        today = dt.date.today()
        week_end = today + dt.timedelta(days=6 - today.weekday())
        due = sum(
            1
            for row in list_deadlines(self.context.database, pressing_only=True, upcoming_only=True)
            if row.due is not None and row.due <= week_end
        )
        overdue = pressing_counts(self.context.database).overdue
        if not due and not overdue:
            return _("Ready. Nothing falls due this week.")
        return (
            ngettext(
                "Ready. %(n)d deadline falls due this week",
                "Ready. %(n)d deadlines fall due this week",
                due,
            )
            % {"n": due}
            + "; "
            + ngettext("%(n)d is overdue.", "%(n)d are overdue.", overdue) % {"n": overdue}
        )

    def _update_counts(self) -> None:
        """Beside "Documents & deadlines": deadlines overdue or due soon, and documents awaiting
        the country's approval (the tooltip says which is which)."""
        from rcm_desktop.data.services.deadline_lists import pressing_counts
        from rcm_desktop.data.services.document_lists import awaiting_count
        from rcm_desktop.data.services.settings import profile_country

        if self.context.database is None:
            return
        pressing = pressing_counts(self.context.database).total
        awaiting = awaiting_count(self.context.database, profile_country(self.context.database))
        for row, spec in enumerate(PAGES):
            text = _(spec.title)
            if spec.key == "documents":
                self.navigation.item(row).setToolTip("")
            if spec.key == "documents" and pressing + awaiting:
                text = _("%(page)s (%(n)d)") % {"page": text, "n": pressing + awaiting}
                self.navigation.item(row).setToolTip(
                    ngettext(
                        "%(n)d deadline overdue or due soon", "%(n)d deadlines overdue or due soon",
                        pressing,
                    ) % {"n": pressing}
                    + "\n"
                    + ngettext(
                        "%(n)d document awaiting your approval",
                        "%(n)d documents awaiting your approval", awaiting,
                    ) % {"n": awaiting}
                )  # fmt: skip
            self.navigation.item(row).setText(text)

    def _backup_finished(self) -> None:
        settings = self._pages[next(i for i, s in enumerate(PAGES) if s.key == "settings")]
        if settings is not None and self.context.database is not None:
            settings.refresh()

    # -- misc -----------------------------------------------------------------------------

    def open_profile_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.context.profile.root)))

    def run_self_test(self) -> None:
        """Help › Run the self-test: check this installation, with a report to copy for support."""
        from rcm_desktop.ui.dialogs.self_test_dialog import SelfTestDialog

        dialog = SelfTestDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.self_test_dialog = dialog

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
        index = page if isinstance(page, int) and 0 <= page < len(PAGES) else 0
        self.show_page(index)
        self._page_shown(index)  # row 0 emits no change signal, so build it here

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii")
            self.context.preferences.set("window.geometry", geometry)
            self.context.preferences.set("window.page", self.navigation.currentRow())
        except OSError:
            pass  # preferences are a convenience; never block quitting on them
        self.backups.timer.stop()
        self.context.tasks.wait()
        if self.context.database is not None:
            self.context.database.dispose()
        event.accept()
