"""Application-wide signals: every view listens and decides for itself whether to react."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataEvents(QObject):
    """`changed(what)` after any change to the store ("meetings", "settings", "*");
    `language_changed(code)` after the interface language was switched."""

    changed = Signal(str)
    language_changed = Signal(str)
