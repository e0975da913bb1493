"""Background work on a thread pool, with results and progress handed back on the main thread.

A task function receives a `report(done, total)` callable; it never touches widgets. Every
task is tied to the widget that asked for it (its *owner*): once that widget is destroyed,
or the dialog or window it is has been closed, none of its callbacks run. A task started
with a *key* supersedes the owner's earlier tasks of the same key (a page reloaded while
its last load still runs shows only the newest result). Writes go through a one-thread pool
so they never race each other. A failure takes one path: the caller's `on_error` for RCM
Desk's own errors when it gives one, else `ui.failures.report_failure` (logged with its
traceback, then shown).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QDialog, QWidget

from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _

Report = Callable[[int, int], None]
TaskFunction = Callable[[Report], Any]


class _TaskSignals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, function: TaskFunction, signals: _TaskSignals) -> None:
        super().__init__()
        self.function = function
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.function(self.signals.progress.emit)
        except BaseException as error:  # handed to the main thread, never lost
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


class _Owners(QObject):
    """Which owners are gone: destroyed, or (windows and dialogs) closed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watched: set[int] = set()
        self._gone: set[int] = set()

    def watch(self, owner: QObject) -> None:
        key = id(owner)
        if key in self._watched:
            return
        self._watched.add(key)
        self._gone.discard(key)
        owner.destroyed.connect(lambda *_args, key=key: self._forget(key))
        if isinstance(owner, QDialog):
            owner.finished.connect(lambda _result, key=key: self._gone.add(key))
        elif isinstance(owner, QWidget) and owner.isWindow():
            owner.installEventFilter(self)

    def _forget(self, key: int) -> None:
        self._gone.add(key)
        self._watched.discard(key)

    def alive(self, owner: QObject | None) -> bool:
        return owner is None or id(owner) not in self._gone

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self._gone.add(id(watched))
        elif event.type() == QEvent.Type.Show:
            self._gone.discard(id(watched))
        return False


class TaskRunner(QObject):
    """Runs functions off the UI thread; `synchronous=True` runs them inline (for tests)."""

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._readers = QThreadPool(self)
        self._writers = QThreadPool(self)
        self._writers.setMaxThreadCount(1)
        self._running: set[_TaskSignals] = set()
        self._owners = _Owners(self)
        self._latest: dict[tuple[int, str], int] = {}
        self._numbers = itertools.count(1)
        #: Where failures are logged (shown in the message of a bug); set when the profile is known.
        self.log_path: Path | None = None
        #: The store is open read-only: a task that writes is refused before it starts.
        self.read_only = False

    def run(
        self,
        function: TaskFunction,
        *,
        owner: QObject | None = None,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[RcmDeskError], None] | None = None,
        on_progress: Report | None = None,
        on_done: Callable[[], None] | None = None,
        what: str | None = None,
        key: str | None = None,
        writes: bool = False,
    ) -> None:
        """Run *function(report)* off the UI thread; callbacks run on the main thread.

        *owner* is the widget that asked (no callback runs once it is gone); *on_error*
        receives RCM Desk's own errors (refusals) when given, every other failure goes to
        `report_failure` with *what*, a sentence saying what failed. *on_done* runs after
        either. *key* makes this the owner's only live task of that key.
        """
        if writes and self.read_only:
            function = _refuse_in_read_only
        number = next(self._numbers)
        slot = (id(owner), key) if key is not None else None
        if slot is not None:
            self._latest[slot] = number
        if owner is not None:
            self._owners.watch(owner)

        def current() -> bool:
            live = self._owners.alive(owner)
            return live and (slot is None or self._latest.get(slot) == number)

        signals = _TaskSignals()

        def succeeded(result: object) -> None:
            self._running.discard(signals)
            if not current():
                return
            if on_success is not None:
                on_success(result)
            if on_done is not None:
                on_done()

        def failed(error: BaseException) -> None:
            self._running.discard(signals)
            if not current():
                if not isinstance(error, RcmDeskError):
                    from rcm_desktop.ui.failures import log_failure

                    log_failure(error, what or "A background task")
                return
            if isinstance(error, RcmDeskError) and on_error is not None:
                on_error(error)
            else:
                from rcm_desktop.ui.failures import report_failure

                parent = owner if isinstance(owner, QWidget) else None
                sentence = what or _("The last action could not be completed.")
                report_failure(parent, error, sentence, self.log_path)
            if on_done is not None:
                on_done()
            if not isinstance(error, Exception):
                raise error  # KeyboardInterrupt and the like are not ours to swallow

        def progressed(done: int, total: int) -> None:
            if on_progress is not None and current():
                on_progress(done, total)

        signals.progress.connect(progressed)
        signals.succeeded.connect(succeeded)
        signals.failed.connect(failed)
        self._running.add(signals)
        runnable = _Runnable(function, signals)
        if self.synchronous:
            runnable.run()
            return
        (self._writers if writes else self._readers).start(runnable)

    @property
    def busy(self) -> bool:
        """True while a task is running or queued."""
        return bool(self._running)

    def wait(self, milliseconds: int = 30000) -> bool:
        """Wait for every task (at quit); True if all finished in time."""
        return self._writers.waitForDone(milliseconds) and self._readers.waitForDone(milliseconds)


def _refuse_in_read_only(_report: Report) -> None:
    from rcm_desktop.data.services.store import read_only_refusal

    raise read_only_refusal()
