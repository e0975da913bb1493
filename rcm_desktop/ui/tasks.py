"""Background work on a thread pool, with results and progress handed back on the main thread.

A task function receives a `report(done, total)` callable; it never touches widgets.
Writes go through a one-thread pool so they never race each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

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


class TaskRunner(QObject):
    """Runs functions off the UI thread; `synchronous=True` runs them inline (for tests)."""

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._readers = QThreadPool(self)
        self._writers = QThreadPool(self)
        self._writers.setMaxThreadCount(1)
        self._running: set[_TaskSignals] = set()

    def run(
        self,
        function: TaskFunction,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Report | None = None,
        writes: bool = False,
    ) -> None:
        """Run *function(report)*; callbacks run on the main thread."""
        signals = _TaskSignals()
        if on_progress:
            signals.progress.connect(on_progress)
        if on_success:
            signals.succeeded.connect(on_success)
        if on_failure:
            signals.failed.connect(on_failure)
        signals.succeeded.connect(lambda _result: self._running.discard(signals))
        signals.failed.connect(lambda _error: self._running.discard(signals))
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
