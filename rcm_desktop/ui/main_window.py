"""The main window: navigation, pages, menus, status bar; opens the store after the first paint."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.i18n import _, country_name, current_language, ngettext
from rcm_desktop.ui.backups import BackupController
from rcm_desktop.ui.bring_back import bring_back_action, offer_bring_back
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.events import Change
from rcm_desktop.ui.handover import handover_actions
from rcm_desktop.ui.language import apply_language
from rcm_desktop.ui.note_import import note_menu
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.pages.registry import PAGES

if TYPE_CHECKING:
    from rcm_desktop.data.services.dashboard import Attention
    from rcm_desktop.ui.opening import Opened

#: The navigation's look, set on the navigation alone: a style sheet on the window would make
#: Qt style every widget of every page and dialog through it (an editor opened 20 ms slower).
NAVIGATION_STYLE = (
    "#navigation { border: none; border-right: 1px solid palette(mid);"
    " background: palette(alternate-base); padding-top: 8px; }"
    "#navigation::item { padding: 4px 10px; }"
)


class _PageHost(QWidget):
    """What a page's scroll area holds. It never trades width for height (as wrapped labels
    would): the page then scrolls only below its minimum size, not below its preferred one."""

    def heightForWidth(self, _width: int) -> int:
        return self.minimumSizeHint().height()


class MainWindow(QMainWindow):
    """The application window. Call `open_store()` once it has been shown."""

    #: The store is open and the current page is loading (start-up is over).
    store_opened = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.exit_status = 0
        #: The counts beside the navigation, read in the background after every change.
        self.attention: Attention | None = None
        self._summary_due = False  # what falls due this week, said once the counts are read
        self._shown_language = current_language()  # the language of the window's texts
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(QSize(760, 520))

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAVIGATION_STYLE)
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
        #: Until the window has painted, pages are not built (the frame shows first).
        self._pages_deferred = True
        for spec in PAGES:
            # Below its minimum size (a small window, large fonts) a page scrolls, never clips.
            host = QScrollArea(self.stack)
            host.setWidgetResizable(True)
            host.setFrameShape(QFrame.Shape.NoFrame)
            inner = _PageHost(host)
            host_layout = QVBoxLayout(inner)
            host_layout.setContentsMargins(0, 0, 0, 0)
            host.setWidget(inner)
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
        file_menu.addAction(bring_back_action(self))  # shown when the profile was taken home
        file_menu.addSeparator()
        file_menu.addActions(handover_actions(self))  # ui/handover.py
        file_menu.addAction(self._action(_("Open the profile &folder"), self.open_profile_folder))
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit))
        note_menu(self, menus.addMenu(_("&Meetings")))  # concept notes: ui/note_import.py
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
        self._shown_language = current_language()
        self._update_counts()
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
            self.stack.widget(index).widget().layout().addWidget(page)
            page.show()  # the host may already be visible
            self._pages[index] = page
            if PAGES[index].key == "settings":
                page.backup_requested.connect(lambda: self.backups.start(manual=True))
            if PAGES[index].key == "dashboard":
                page.attention_read.connect(self._show_attention)
        return page

    @staticmethod
    def _index_of(key: str) -> int:
        return next(i for i, spec in enumerate(PAGES) if spec.key == key)

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
        if index < 0 or self._pages_deferred:
            return
        page = self.page(index)
        if PAGES[index].key == "delegations":  # open on the meeting chosen in Meetings
            meetings = self._pages[self._index_of("meetings")]
            chosen = meetings.selected_meeting() if meetings is not None else None
            if chosen is not None:
                page.follow_meeting(chosen)  # type: ignore[attr-defined]
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
        """Open, check, upgrade and load the store in the background.

        Returns True when it is already open (a synchronous task runner, as in tests).
        """
        from rcm_desktop.ui.opening import StoreOpener

        self.statusBar().showMessage(_("Opening the database…"))
        self.context.tasks.log_path = self.context.profile.logs_dir / "rcm-desk.log"
        self.opener = StoreOpener(self, self.context, self._store_ready, self._fail)
        self.opener.start()
        return self.context.database is not None and self.exit_status == 0

    def _store_ready(self, opened: Opened) -> None:
        from rcm_desktop.data.services.store import StoreState

        database = opened.store.store
        self.context.database = database
        self.context.reference = opened.reference
        self.change_watch.seen = None  # the first look at this store sets the mark
        self.change_watch.check()
        if current_language() != self._shown_language:
            self.retranslate()  # the first run switched the language
        self._loaded_pages.clear()
        self._summary_due = True  # said in the status bar once the counts are read
        self._pages_deferred = False
        self._page_shown(self.stack.currentIndex())
        self._update_country_label()
        self._after_current_page(self._refresh_attention)
        self._update_actions()
        offer_bring_back(self)
        if database.is_sqlite:
            if opened.store.state is StoreState.CURRENT:
                self.backups.start_soon()
            self.backups.back_up_after_first_record()
            self.backups.timer.start()
        self.store_opened.emit()

    def _fail(self) -> bool:
        self.exit_status = 1
        self.statusBar().clearMessage()
        QTimer.singleShot(0, self.close)
        return False

    def _update_country_label(self) -> None:
        code = self.context.country
        self.country_label.setText(
            _("Delegation: %(country)s") % {"country": country_name(code)} if code else ""
        )

    def _data_changed(self, change: Change) -> None:
        if self.context.database is None:
            return
        if change.concerns(("settings", "reference")):
            self._reload_reference()
        if change.concerns(("deadlines", "documents", "meetings", "settings")):
            self._refresh_attention()

    def _reload_reference(self) -> None:
        from rcm_desktop.data.services.reference import reference_data

        database = self.context.database
        assert database is not None

        def show(reference: object) -> None:
            self.context.reference = reference  # type: ignore[assignment]
            self._update_country_label()

        self.context.tasks.run(
            lambda _report: reference_data(database),
            owner=self,
            on_success=show,
            key="reference",
            what=_("The forums and countries could not be read."),
        )

    def _refresh_attention(self) -> None:
        """The counts beside the navigation, read in the background; the dashboard, when it is
        shown, reads them with its own load."""
        database = self.context.database
        assert database is not None
        if self._dashboard_shown():
            return

        def read(_report: object) -> Attention:
            from rcm_desktop.data.services.dashboard import attention  # imported off the UI thread

            return attention(database)

        self.context.tasks.run(
            read,
            owner=self,
            on_success=self._show_attention,
            key="attention",
            what=_("The deadlines and documents awaiting approval could not be counted."),
        )

    def _after_current_page(self, then: Callable[[], None]) -> None:
        """*then*, once the page in view has read what it shows (it comes first at start)."""
        page = self._pages[self.stack.currentIndex()]
        if page is None or not page.busy:
            then()
            return

        def once() -> None:
            page.loaded.disconnect(once)
            then()

        page.loaded.connect(once)

    def _dashboard_shown(self) -> bool:
        index = self.stack.currentIndex()
        page = self._pages[index] if index >= 0 else None
        return PAGES[index].key == "dashboard" and page is not None and page.isVisible()

    def _show_attention(self, found: Attention) -> None:
        self.attention = found
        self._update_counts()
        if self._summary_due:
            self._summary_due = False
            self.statusBar().showMessage(self._week_summary(found), 15000)

    @staticmethod
    def _week_summary(found: Attention) -> str:
        """What falls due this week, said once at start-up in the status bar."""
        if not found.due_this_week and not found.overdue:
            return _("Ready. Nothing falls due this week.")
        week = ngettext(
            "Ready. %(n)d deadline falls due this week.",
            "Ready. %(n)d deadlines fall due this week.",
            found.due_this_week,
        ) % {"n": found.due_this_week}
        if not found.overdue:
            return week
        overdue = ngettext("%(n)d is overdue.", "%(n)d are overdue.", found.overdue) % {
            "n": found.overdue
        }
        return _("%(first)s %(second)s") % {"first": week, "second": overdue}

    def _update_counts(self) -> None:
        """Beside "Documents & deadlines": deadlines overdue or due soon, and documents awaiting
        the country's comments or approval (the tooltip says which is which)."""
        found = self.attention
        for row, spec in enumerate(PAGES):
            text = _(spec.title)
            item = self.navigation.item(row)
            if spec.key == "documents":
                item.setToolTip("")
            if spec.key == "documents" and found is not None and found.pressing + found.awaiting:
                total = found.pressing + found.awaiting
                text = _("%(page)s (%(n)d)") % {"page": text, "n": total}
                item.setToolTip(
                    ngettext(
                        "%(n)d deadline overdue or due soon", "%(n)d deadlines overdue or due soon",
                        found.pressing,
                    ) % {"n": found.pressing}
                    + "\n"
                    + ngettext(
                        "%(n)d document awaiting your comments",
                        "%(n)d documents awaiting your comments", found.documents.comments_due,
                    ) % {"n": found.documents.comments_due}
                    + "\n"
                    + ngettext(
                        "%(n)d document awaiting your approval",
                        "%(n)d documents awaiting your approval", found.documents.approvals_pending,
                    ) % {"n": found.documents.approvals_pending}
                )  # fmt: skip
            item.setText(text)

    def _backup_finished(self) -> None:
        settings = self._pages[next(i for i, s in enumerate(PAGES) if s.key == "settings")]
        if settings is not None and self.context.database is not None:
            settings.refresh()

    # -- misc -----------------------------------------------------------------------------

    def open_profile_folder(self) -> None:
        from rcm_desktop.ui.system_open import open_with_system

        open_with_system(self, self.context.profile.root)

    def run_self_test(self) -> None:
        """Help › Run the self-test: check this installation, with a report to copy for support."""
        from PySide6.QtCore import Qt  # its hundred enums load in 15 ms: not before first paint

        from rcm_desktop.ui.dialogs.self_test_dialog import SelfTestDialog

        dialog = SelfTestDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.self_test_dialog = dialog

    def show_about(self) -> None:
        from rcm_desktop.ui.about import show_about

        show_about(self)

    def _restore_window_state(self) -> None:
        encoded = self.context.preferences.get("window.geometry")
        if encoded:
            self.restoreGeometry(QByteArray(base64.b64decode(encoded)))
        else:
            self.resize(1180, 740)
        page = self.context.preferences.get("window.page", 0)
        index = page if isinstance(page, int) and 0 <= page < len(PAGES) else 0
        self.show_page(index)  # its page is built once the window has painted
        self.after_first_paint(self._show_first_page)

    def _show_first_page(self) -> None:
        if self._pages_deferred:
            self._pages_deferred = False
            self._page_shown(self.stack.currentIndex())

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
