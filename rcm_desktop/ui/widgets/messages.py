"""Message boxes that show user text literally (a title with "<b>" in it is not markup)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from rcm_desktop import APP_NAME


def confirm(parent: QWidget | None, text: str) -> bool:
    """Ask a Yes/No question in plain text; True for Yes."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, text: str) -> None:
    """Tell the user something in plain text, with the text selectable (a path to copy)."""
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
