"""What a page of the main window is: a widget with a title that loads in the background.

A page says which kinds of change concern it (`watches`). When one happens while the page is
shown, `changed(change)` reloads what it concerns; while it is hidden the change waits, and
the page reloads when it is shown again. `load()` runs a read through the task runner, with
"Loading…" beside the heading until it is back; the window never waits on the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.events import EVERYTHING, Change


class Page(QWidget):
    """A page; `store_ready` is called once the store is open, `changed` after changes."""

    #: Every load the page started has been shown (or has failed).
    loaded = Signal()

    #: The kinds of change (see `rcm_desktop.ui.events`) this page shows.
    watches: frozenset[str] = frozenset()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(18, 14, 18, 14)
        self.layout_.setSpacing(10)
        heading_row = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        font = self.heading.font()
        font.setPointSizeF(16)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("busyLabel")
        self.busy_label.hide()
        heading_row.addWidget(self.heading)
        heading_row.addWidget(self.busy_label)
        heading_row.addStretch(1)
        self.layout_.addLayout(heading_row)
        self._busy: set[str] = set()
        self._delays: list[QTimer] = []
        self._loaded_once = False
        self._pending: Change | None = None
        context.events.changed.connect(self._store_changed)

    def title(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Show every text again in the active language."""
        self.heading.setText(self.title())

    def store_ready(self) -> None:
        """The store is open: load what the page shows (once it is shown, if it is hidden)."""
        if self.isVisible():
            self.reload()
        else:
            self._pending = EVERYTHING

    def reload(self) -> None:
        """Load everything the page shows from the store (in the background)."""

    def reload_when_shown(self) -> None:
        """Read again what the page has shown (after a change of language): now if it is
        shown, else when it is next shown; nothing if it was never read."""
        if self.context.database is None or not self._loaded_once:
            return
        if self.isVisible():
            self.reload()
        else:
            self._pending = EVERYTHING

    def delayed(self, interval_ms: int, slot: Callable[[], None]) -> QTimer:
        """A single-shot timer that starts a load after a pause (in typing, in scrolling); the
        page counts as busy while it waits."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        self._delays.append(timer)
        return timer

    def refresh(self) -> None:
        """Reload from the store."""
        self.reload()

    def changed(self, change: Change) -> None:
        """The store changed in a way that concerns this page, while it is shown."""
        self.reload()

    # -- background loads -----------------------------------------------------------------

    def load(
        self,
        read: Callable[[], Any],
        show: Callable[[Any], None],
        *,
        what: str,
        key: str = "page",
    ) -> None:
        """Run *read* off the UI thread, then *show* its result; only the latest load of *key*
        is shown. *what* says, in a sentence, what failed if it fails."""
        self._loaded_once = True
        self._set_busy(key, True)
        self.context.tasks.run(
            lambda _report: read(),
            owner=self,
            on_success=show,
            on_done=lambda: self._set_busy(key, False),
            what=what,
            key=key,
        )

    def _set_busy(self, key: str, busy: bool) -> None:
        if busy:
            self._busy.add(key)
        else:
            self._busy.discard(key)
        self.busy_label.setText(_("Loading…"))
        self.busy_label.setVisible(bool(self._busy))
        if not busy and not self._busy:
            self.loaded.emit()

    @property
    def busy(self) -> bool:
        """True while one of the page's loads runs or waits for a pause to start."""
        return bool(self._busy) or any(timer.isActive() for timer in self._delays)

    # -- changes ---------------------------------------------------------------------------

    def _store_changed(self, change: Change) -> None:
        if self.context.database is None or not change.concerns(self.watches):
            return
        if self.isVisible():
            self.changed(change)
        else:
            self._pending = change if self._pending is None else self._pending.merged(change)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending is not None and self.context.database is not None:
            change, self._pending = self._pending, None
            self.changed(change)
