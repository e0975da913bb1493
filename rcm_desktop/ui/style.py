"""The window's colours and small text styles, in one place."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

#: Text saying what is wrong and how to fix it.
ERROR_COLOUR = "#b42318"
#: A warning that does not stop anything.
WARNING_COLOUR = "#8a5a00"
#: Secondary text: explanations, counts, dates.
MUTED_COLOUR = "#4a5563"
#: Backgrounds of table rows that need attention: overdue, due soon or empty, done.
OVERDUE_BACKGROUND = "#fde2e1"
SOON_BACKGROUND = "#fff1cc"
DONE_BACKGROUND = "#e6f4ea"
CLOSED_BACKGROUND = "#eef0f3"

ERROR_STYLE = f"color: {ERROR_COLOUR}"
WARNING_STYLE = f"color: {WARNING_COLOUR}"
MUTED_STYLE = f"color: {MUTED_COLOUR}"


def message_label(parent: QWidget, style: str = ERROR_STYLE, name: str | None = None) -> QLabel:
    """A label for a message (an error by default): wrapped, plain text, hidden while empty."""
    from PySide6.QtCore import Qt  # its hundred enums load in 15 ms: not before first paint

    label = QLabel(parent)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what the user typed
    label.setStyleSheet(style)
    return label
