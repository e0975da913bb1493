"""A small form dialog: captions and fields, a refusal shown beside the form, Save and Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.errors import ConflictError, RcmDeskError, ValidationError


class FormDialog(QDialog):
    """Subclasses add rows with `add_row` and implement `apply()`; a refusal keeps the dialog open."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.form = QFormLayout(self)
        self.fields: dict[str, QWidget] = {}
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b42318")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def add_row(self, caption: str, widget: QWidget, field: str | None = None) -> QWidget:
        self.form.addRow(caption, widget)
        if field:
            self.fields[field] = widget
        return widget

    def finish(self) -> None:
        """Call once every row is added: the error line and the buttons go last."""
        self.form.addRow(self.error)
        self.form.addRow(self.buttons)

    def save_button(self):  # type: ignore[no-untyped-def]
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def apply(self) -> None:
        raise NotImplementedError

    def adopt_version(self, version: int) -> None:
        """After a conflict: carry the stored version, so the next save goes over it."""

    def save(self) -> None:
        """Apply; a refusal is shown beside the form and focuses its field."""
        try:
            self.apply()
        except ConflictError as conflict:
            from rcm_desktop.ui.dialogs.conflict_dialog import handle_conflict

            handle_conflict(
                self, conflict, adopt=self.adopt_version, save_again=self.save, note=self.error
            )
            return
        except ValidationError as error:
            self.error.setText(error.message)
            widget = self.fields.get(error.field or "")
            if widget is not None:
                widget.setFocus()
            return
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        self.accept()


def show_refusal(parent: QWidget, message: str) -> None:
    """Say why something was refused, as plain text."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def run_safely(parent: QWidget, action: Callable[[], object]) -> bool:
    """Run a one-click action; show its refusal in a message box. True when it went through."""
    try:
        action()
    except RcmDeskError as error:
        show_refusal(parent, error.message)
        return False
    return True
