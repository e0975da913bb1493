"""A list the user orders: the list itself with Add, Remove, Move up and Move down below it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from rcm_desktop.i18n import _


def move_button(step: int, parent: QWidget) -> QPushButton:
    """An arrow button that moves the chosen line up (-1) or down (1): its name, read by screen
    readers, and its tooltip say so in words; its width follows the font."""
    button = QPushButton("↑" if step < 0 else "↓", parent)
    words = _("Move up") if step < 0 else _("Move down")
    button.setToolTip(words)
    button.setAccessibleName(words)
    button.setMaximumWidth(button.fontMetrics().horizontalAdvance("↑") * 2 + 24)
    return button


class OrderedList(QWidget):
    """`list`, `add_button`, `remove_button`, `up_button`, `down_button`; the owner wires them."""

    def __init__(self, add_caption: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setObjectName(object_name)
        self.list.setWordWrap(True)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(add_caption, self)
        self.remove_button = QPushButton(_("Remove"), self)
        self.up_button = move_button(-1, self)
        self.down_button = move_button(1, self)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
