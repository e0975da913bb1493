"""Garbage collection on the UI thread, at moments the app chooses (as Anki does).

Left automatic, Python's cycle collector runs wherever an allocation trips it: on a worker
thread it may destroy Qt objects away from the thread that owns them, and a full pass over all
that the app has loaded (Qt bindings, SQLAlchemy, babel, reference data) freezes the window for
about 100 ms in the middle of whatever the user is doing. So automatic collection is off while
the window runs; a timer on the UI thread collects the young generations every few seconds
(a millisecond or two), and everything alive once start-up has settled is moved out of later
passes with `gc.freeze()`, which keeps the occasional full pass short.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the young generations are collected.
YOUNG_EVERY_MS = 5_000
#: One pass in this many is a full one (every five minutes).
FULL_EVERY_TICKS = 60


class GarbageCollector(QObject):
    """Owns cycle collection while the window runs; `stop()` gives it back to Python."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticks = 0
        self._settled = False
        self._timer = QTimer(self)
        self._timer.setInterval(YOUNG_EVERY_MS)
        self._timer.timeout.connect(self.collect)
        gc.disable()
        self._timer.start()

    def collect(self) -> int:
        """One pass: the young generations, or every generation one time in FULL_EVERY_TICKS."""
        self._ticks += 1
        full = self._ticks % FULL_EVERY_TICKS == 0
        return gc.collect() if full else gc.collect(1)

    def settle(self) -> None:
        """Start-up is over (the store open, the first page loading): what lives now lives on.

        Everything is frozen out of later passes, without a pass first (the modules imported at
        start-up are tens of thousands of objects; the little garbage among them stays). Called
        once; later calls do nothing, so that objects of closed dialogs stay collectable.
        """
        if self._settled:
            return
        self._settled = True
        gc.freeze()

    def stop(self) -> None:
        """Automatic collection again (at exit, or when the window closes in a test)."""
        self._timer.stop()
        gc.unfreeze()
        gc.enable()
