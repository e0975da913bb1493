"""Shared by the in-process benchmarks: notes when a widget has painted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class PaintProbe(QObject):
    """Install on a widget; `painted` turns True at its first Paint event."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False
