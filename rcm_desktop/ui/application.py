"""Running the window: QApplication, language, profile lock, error hook, then the main window."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from rcm_desktop import APP_NAME, ORGANIZATION_NAME
from rcm_desktop.errors import ProfileInUseError
from rcm_desktop.i18n import _, system_language
from rcm_desktop.paths import Profile, resources_dir
from rcm_desktop.preferences import Preferences
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.garbage import GarbageCollector
from rcm_desktop.ui.language import apply_language
from rcm_desktop.ui.profile_lock import ProfileLock
from rcm_desktop.ui.tasks import TaskRunner
from rcm_desktop.ui.warm_up import WarmUp, modules_to_warm

if TYPE_CHECKING:
    from rcm_desktop.ui.main_window import MainWindow

LOGGER_NAME = "rcm_desktop"


def setup_logging(profile: Profile) -> None:
    """Log to a rotating file in the profile, and nowhere else (no telemetry, ever)."""
    import logging
    import logging.handlers

    log = logging.getLogger(LOGGER_NAME)
    if log.handlers:
        return
    try:
        profile.logs_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            profile.logs_dir / "rcm-desk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def install_exception_hook(profile: Profile) -> None:
    """Unexpected errors are logged and shown in a dialog instead of ending the app."""

    def hook(kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
        import logging
        import traceback

        setup_logging(profile)
        details = "".join(traceback.format_exception(kind, value, trace))
        logging.getLogger(LOGGER_NAME).error("Unexpected error\n%s", details)
        if QApplication.instance() is None:
            sys.__excepthook__(kind, value, trace)
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, _("Something went wrong."))
        box.setInformativeText(
            _(
                "What you were doing may not have been saved. The details were written to "
                "%(path)s; please send that file to your support contact."
            )
            % {"path": profile.logs_dir / "rcm-desk.log"}
        )
        box.setDetailedText(details)
        box.exec()

    sys.excepthook = hook


#: Set by the start-up benchmarks: print the time of the first paint, then quit.
STARTUP_PROBE_VARIABLE = "RCM_DESK_STARTUP_PROBE"


def _report_first_paint_and_quit(app: QApplication) -> None:
    import time

    print("FIRST_PAINT", time.time(), flush=True)
    QTimer.singleShot(0, app.quit)


@dataclass
class Housekeeping:
    """Garbage collected on the UI thread; the pages' code read ahead once start-up is over."""

    collector: GarbageCollector
    warm_up: WarmUp


def keep_house(app: QApplication, window: MainWindow) -> Housekeeping:
    """Start the housekeeping of *window*; stop its collector when the event loop ends."""
    housekeeping = Housekeeping(GarbageCollector(app), WarmUp(modules_to_warm(), app))
    window.store_opened.connect(housekeeping.collector.settle)
    window.store_opened.connect(housekeeping.warm_up.start)
    return housekeeping


def run_gui(
    args: argparse.Namespace, profile: Profile, language_requested: str | None = None
) -> int:
    """Show the main window on *profile* and run the event loop; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "rcm-desk.png")))
    app.setDesktopFileName("rcm-desk")
    preferences = Preferences(profile.preferences_path)
    apply_language(language_requested or preferences.get("language") or system_language())
    lock = ProfileLock(profile)
    try:
        lock.acquire()
    except ProfileInUseError as error:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, APP_NAME, error.message)
        return 1
    install_exception_hook(profile)
    database_url = args.database_url  # else a remembered shared database is tried, after paint
    from rcm_desktop.ui.main_window import MainWindow

    context = AppContext(
        profile=profile,
        preferences=preferences,
        tasks=TaskRunner(app),
        database_url=database_url,
        demo=args.demo,
    )
    window = MainWindow(context)
    housekeeping = keep_house(app, window)
    window.after_first_paint(window.open_store)
    window.after_first_paint(lambda: setup_logging(profile))
    if os.environ.get(STARTUP_PROBE_VARIABLE):
        window.after_first_paint(lambda: _report_first_paint_and_quit(app))
    window.show()
    status = app.exec()
    housekeeping.collector.stop()
    lock.release()
    return window.exit_status or status
