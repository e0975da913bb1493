"""Changes saved by others appear without restarting.

Every 15 seconds, and whenever the window becomes active again, one tiny query (in the
background) reads the store's change counter; when it moved, a second one reads what
changed, and `changed(Change)` tells the views which kinds and which records others changed
(the window's own saves are marked with its origin and left out: it announced them already).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.events import ALL_KINDS, Change

#: How often the store is asked whether anything changed, in milliseconds.
POLL_INTERVAL_MS = 15_000


class ChangeWatcher(QObject):
    """Polls the change counter for *window*'s store; emits `changed` when others wrote."""

    def __init__(self, window: QWidget, context: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.seen: int | None = None
        self._checking = False
        self._announced = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        window.installEventFilter(self)

    def check(self) -> bool:
        """Look (in the background) whether others saved since the last look.

        Returns True when a change was announced before returning (a synchronous runner).
        """
        database = self.context.database
        if database is None or self._checking:
            return False
        from rcm_desktop.data.services.store import changes_since

        seen = self.seen

        def read(_report: object) -> object:
            try:
                return changes_since(database, seen)
            except Exception:  # a server gone away: the next save says so; keep polling quietly
                return None

        self._checking = True
        self._announced = False
        self.context.tasks.run(
            read,
            owner=self.window,
            on_success=lambda found: self._found(found, database),
            on_done=self._done,
        )
        return self._announced

    def _done(self) -> None:
        self._checking = False

    def _found(self, found: object, database: object) -> None:
        if found is None or database is not self.context.database:
            return
        version = found.version  # type: ignore[attr-defined]
        if self.seen is None or version == self.seen:
            self.seen = version
            return
        self.seen = version
        kinds = ALL_KINDS if found.everything else found.kinds  # type: ignore[attr-defined]
        if kinds:
            self._announced = True
            self.context.events.changed.emit(Change(frozenset(kinds), found.ids, remote=True))  # type: ignore[attr-defined]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            QTimer.singleShot(0, self.check)
        return False
