"""A row of buttons, left-aligned, as the detail panes lay them out."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """*buttons* side by side, then the rest of the row empty."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
