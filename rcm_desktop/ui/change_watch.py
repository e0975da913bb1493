"""Changes saved by others appear without restarting.

Every 15 seconds, and whenever the window becomes active again, one tiny query
reads the store's change counter (`data_version`, bumped by every transaction
that writes, from this app, another computer or the command line). When it
moved, `changed("*")` asks every page to reload. The app's own saves move the
counter too: they already announced themselves, so a move of one step right
after an announcement is taken as the app's own and does not refresh twice.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from rcm_desktop.ui.context import AppContext

#: How often the store is asked whether anything changed, in milliseconds.
POLL_INTERVAL_MS = 15_000


class ChangeWatcher(QObject):
    """Polls the change counter for *window*'s store; emits `changed("*")` when others wrote."""

    def __init__(self, window: QWidget, context: AppContext) -> None:
        super().__init__(window)
        self.context = context
        self.seen: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self._announcing = False
        window.installEventFilter(self)
        context.events.changed.connect(self._after_local_change)

    def _read(self) -> int | None:
        from rcm_desktop.data.services.store import change_counter

        database = self.context.database
        if database is None:
            return None
        try:
            return change_counter(database)
        except Exception:  # a server gone away: the next save says so; keep polling quietly
            return None

    def check(self) -> bool:
        """Refresh every page if someone else saved since the last look; True if so."""
        current = self._read()
        if current is None:
            return False
        if self.seen is None or current == self.seen:
            self.seen = current
            return False
        self.seen = current
        self._announcing = True
        try:
            self.context.events.changed.emit("*")
        finally:
            self._announcing = False
        return True

    def _after_local_change(self, _what: str) -> None:
        # One step past the last look is this app's own save; more means others wrote too,
        # and the next check reloads for them.
        if self._announcing or self.seen is None:
            return
        current = self._read()
        if current is not None and current - self.seen <= 1:
            self.seen = current

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            QTimer.singleShot(0, self.check)
        return False
