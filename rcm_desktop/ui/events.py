"""The one "data changed" signal: every view listens and decides whether to refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataEvents(QObject):
    """Emitted after any change to the store; the argument names what changed ("meetings", "*")."""

    changed = Signal(str)
