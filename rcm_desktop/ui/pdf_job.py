"""Building a PDF off the UI thread: a progress dialog with Cancel, then Open or Show in folder.

`PdfJob(context, parent).start(build, path)` runs `build(report, cancelled) -> pages` through
the app's task runner; `cancelled()` turns true when the user presses Cancel, and the build
stops at its next step leaving no file. The job says how it ended with one of three signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from rcm_desktop import APP_NAME
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.system_open import open_with_system

Build = Callable[[Callable[[int, int], None], Callable[[], bool]], int]


class PdfJob(QObject):
    """One PDF build with its progress dialog; emits `finished`, `failed` or `cancelled`."""

    finished = Signal(object, int)  # the file's path, its number of pages
    failed = Signal(str)  # a message for the user
    cancelled = Signal()

    def __init__(self, context: AppContext, parent: QWidget, *, quiet: bool = False) -> None:
        super().__init__(parent)
        self.context = context
        self.parent_widget = parent
        #: True: no message boxes at the end (the caller reports; tests).
        self.quiet = quiet
        self._stop = threading.Event()
        self.progress: QProgressDialog | None = None
        self.path: Path | None = None
        self.result_box: QMessageBox | None = None

    def start(self, build: Build, path: Path, label: str) -> None:
        """Run *build* off the UI thread, writing *path*; *label* says what is being printed."""
        self.path = path
        self._stop.clear()
        self.progress = QProgressDialog(label, _("Cancel"), 0, 100, self.parent_widget)
        self.progress.setWindowTitle(APP_NAME)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setValue(0)
        self.progress.canceled.connect(self.cancel)
        self.context.tasks.run(
            lambda report: build(report, self._stop.is_set),
            owner=self.parent_widget,
            on_success=self._succeeded,
            on_error=self._failed,
            on_progress=self._progressed,
            on_done=self._close_progress,
            what=_("The PDF could not be made."),
        )

    def cancel(self) -> None:
        """Ask the build to stop at its next step."""
        self._stop.set()
        if self.progress is not None:
            self.progress.setLabelText(_("Cancelling…"))

    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None and not self._stop.is_set():
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(min(done, total))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _succeeded(self, pages: int) -> None:
        assert self.path is not None
        self.finished.emit(self.path, pages)
        if not self.quiet:
            self._offer_to_open(self.path, pages)

    def _failed(self, error: RcmDeskError) -> None:
        from rcm_desktop.printing.pdf.document import BuildCancelled

        self._close_progress()
        if isinstance(error, BuildCancelled):
            self.cancelled.emit()
            return
        message = error.message
        self.failed.emit(message)
        if not self.quiet:
            box = QMessageBox(
                QMessageBox.Icon.Warning, APP_NAME, message, parent=self.parent_widget
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()
            self.result_box = box

    def _offer_to_open(self, path: Path, pages: int) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            APP_NAME,
            _("The PDF is ready: %(path)s (%(pages)d pages).") % {"path": path, "pages": pages},
            parent=self.parent_widget,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        open_button = box.addButton(_("&Open"), QMessageBox.ButtonRole.AcceptRole)
        folder_button = box.addButton(_("Show in &folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)

        def clicked(button: object) -> None:
            if button is open_button:
                open_with_system(self.parent_widget, path)
            elif button is folder_button:
                open_with_system(self.parent_widget, path.parent)

        box.buttonClicked.connect(clicked)
        box.open()
        self.result_box = box
