"""A form whose action runs in the background: an introduction, the fields, a progress bar and
a message under them, Cancel and the action's button.

The dialog stays open, with what was typed, until the task ends: it closes on success; a
refusal shows under the fields; an unexpected failure is reported by the task runner and the
form can be used, or closed, again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.style import message_label


def path_row(parent: QWidget, line: QLineEdit, browse: Callable[[], object]) -> QHBoxLayout:
    """A file path and its Browse… button on one row."""
    row = QHBoxLayout()
    button = QPushButton(_("&Browse…"), parent)
    button.clicked.connect(browse)
    row.addWidget(line, 1)
    row.addWidget(button)
    return row


def fit_text(dialog: QDialog) -> None:
    """Grow *dialog* to show every wrapped line (a message shown, a larger font)."""
    layout = dialog.layout()
    needed = layout.heightForWidth(dialog.width()) if layout.hasHeightForWidth() else 0
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


class TaskFormDialog(QDialog):
    """The frame of the form; subclasses add their rows, then call `finish_form`."""

    def __init__(
        self, context: AppContext, parent: QWidget | None, *, name: str, title: str, intro: str
    ) -> None:
        super().__init__(parent)
        self.context = context
        #: What the task returned, once it succeeded.
        self.outcome: Any = None
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        introduction = QLabel(intro, self)
        introduction.setWordWrap(True)
        self.form.addRow(introduction)

    def finish_form(self, action: str) -> QPushButton:
        """Add the progress bar, the message and the buttons; returns the action's button."""
        name = self.objectName().removesuffix("Dialog")
        self.progress = QProgressBar(self)
        self.progress.setObjectName(f"{name}Progress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.form.addRow(self.progress)
        self.error = message_label(self, name=f"{name}Error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.action_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)
        self.resize(620, self.sizeHint().height())
        return self.action_button

    def hide_message_on_edit(self, *lines: QLineEdit) -> None:
        """A message about what was typed goes away as soon as the user types again."""
        for line in lines:
            line.textEdited.connect(lambda _text: self.error.hide())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_text(self)

    def refuse(self, message: str, widget: QWidget) -> None:
        """Show *message* under the fields and put the cursor where the fix goes."""
        self.error.setText(message)
        self.error.show()
        fit_text(self)
        # Once a message has shown, its place stays when it goes: the buttons never move
        # under the pointer as the user types the fix.
        policy = self.error.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.error.setSizePolicy(policy)
        widget.setFocus()

    @property
    def running(self) -> bool:
        return self.progress.isVisible()

    def start(self, task: Callable[[Callable[[int, int], None]], Any], what: str) -> None:
        """Run *task(report)* in the background; *what* says what failed, if it does."""
        self.set_running(True)
        self.context.tasks.run(
            task,
            owner=self,
            on_success=self._succeeded,
            on_error=self.failed,
            on_done=self._settle,
            on_progress=lambda done, total: self.progress.setValue(done * 100 // max(total, 1)),
            what=what,
        )

    def set_running(self, on: bool) -> None:
        """Show the progress and lock the action while the task runs (subclasses lock more)."""
        self.progress.setVisible(on)
        self.progress.setValue(0)
        self.progress.resetFormat()
        self.error.hide()
        self.action_button.setEnabled(not on)
        fit_text(self)

    def failed(self, error: RcmDeskError) -> None:
        """A refusal: said under the fields, which keep what was typed."""
        self.set_running(False)
        self.refuse(error.message, self.focus_after(error))

    def focus_after(self, error: RcmDeskError) -> QWidget:
        """Where the cursor goes after *error* (the first field unless a subclass knows)."""
        return self.focusWidget() or self

    def _succeeded(self, outcome: Any) -> None:
        self.set_running(False)
        self.outcome = outcome
        super().accept()

    def _settle(self) -> None:
        if self.running:  # an unexpected failure, reported by the task runner
            self.set_running(False)
