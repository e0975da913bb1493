"""The base of every editor: fields with their messages, and Save done off the UI thread.

Each field registered with a name gets a message line right under it. `show_problems` shows
every problem at once, each under its field (others in the line above the buttons), and
focuses the first; a message disappears as soon as its field is edited. Save reads the form
(`collect`), checks it (`check`, the domain's rules), then writes it (`write`, run by the
task runner with the form kept as typed): a refusal comes back beside its field, a conflict
goes through the one conflict dialog, anything else is reported by the one failure path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.errors import ConflictError, RcmDeskError, ValidationError
from rcm_desktop.i18n import _
from rcm_desktop.ui.style import message_label
from rcm_desktop.ui.widgets.dates import DateField, first_date_problem

#: The message line for problems that belong to no particular field.
GENERAL = ""


def _edited_signal(widget: QWidget) -> Any:
    """The signal a widget sends when the user changes it, or None."""
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.textChanged
    if isinstance(widget, DateField):
        return widget.edited
    if isinstance(widget, QAbstractSpinBox):
        return getattr(widget, "valueChanged", None)
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    return None


class FormDialog(QDialog):
    """Subclasses add rows (`add_row`), then implement `collect`, `write` (and `check`)."""

    def __init__(
        self,
        context: Any,
        title: str,
        parent: QWidget | None = None,
        *,
        layout: QLayout | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.outer = layout if layout is not None else QFormLayout(self)
        self.form = self.outer if isinstance(self.outer, QFormLayout) else None
        self.fields: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        #: The caption of each widget added with `add_row` (to hide a row with its widget).
        self.captions: dict[QWidget, QLabel] = {}
        self.error = message_label(self, name="formError")
        self.error.hide()
        self.messages[GENERAL] = self.error
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.saving = False
        self.saved_id: Any = None
        #: The draft of the save under way (or the last one).
        self.submitted: Any = None

    # -- building --------------------------------------------------------------------------

    def add_row(
        self,
        caption: str,
        widget: QWidget | QLayout,
        field: str | None = None,
        *,
        buddy: QWidget | None = None,
        form: QFormLayout | None = None,
    ) -> Any:
        """A caption and a widget (or a layout of several), with a message line for *field*.

        *buddy* is the widget the caption names when *widget* is a layout; *form* is another
        form than the dialog's own (a tab's).
        """
        form = form or self.form
        assert form is not None, "add_row needs a form layout"
        cell = QVBoxLayout()
        cell.setSpacing(2)
        if isinstance(widget, QWidget):
            cell.addWidget(widget)
        else:
            cell.addLayout(widget)
        target = buddy or (widget if isinstance(widget, QWidget) else None)
        if field is not None:
            cell.addWidget(self.field_message(field, target))
        caption_label = QLabel(caption, self)
        if target is not None:
            caption_label.setBuddy(target)
            self.captions[target] = caption_label
            if not target.accessibleName() and caption:  # what a screen reader announces
                target.setAccessibleName(caption.replace("&", "").rstrip(": \u00a0"))
        form.addRow(caption_label, cell)
        return widget

    def field_message(self, field: str, widget: QWidget | None = None) -> QLabel:
        """The message line of *field* (placed by the caller); *widget* is focused on a problem
        and clears the message when edited."""
        label = message_label(self, name=f"message_{field}")
        label.hide()
        self.messages[field] = label
        if widget is not None:
            self.watch(field, widget)
        return label

    def watch(self, field: str, widget: QWidget) -> None:
        """Editing *widget* clears the message of *field*; a problem there focuses it."""
        self.fields.setdefault(field, widget)
        signal = _edited_signal(widget)
        if signal is not None:
            signal.connect(lambda *_args, field=field: self.clear_problem(field))

    def finish(self) -> None:
        """Call once every row is added: the general message line and the buttons go last."""
        if self.form is not None:
            self.form.addRow(self.error)
            self.form.addRow(self.buttons)
        else:
            self.outer.addWidget(self.error)
            self.outer.addWidget(self.buttons)

    def save_button(self):  # type: ignore[no-untyped-def]
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    # -- problems --------------------------------------------------------------------------

    def show_problems(self, problems: Mapping[str, str]) -> None:
        """Show every problem at once, each beside its field, and focus the first field."""
        for label in self.messages.values():
            label.clear()
            label.hide()
        general = []
        first: QWidget | None = None
        for field, message in problems.items():
            label = self.messages.get(field)
            if label is None or field == GENERAL:
                general.append(message)
                continue
            label.setText(message)
            label.show()
            if first is None:
                first = self.fields.get(field)
        if general:
            self.error.setText("\n".join(general))
            self.error.show()
        if first is not None:
            self.reveal(first)
            first.setFocus()

    def reveal(self, widget: QWidget) -> None:
        """Make *widget* visible before it is focused (a tab, a section): subclasses override."""

    def clear_problem(self, field: str) -> None:
        label = self.messages.get(field)
        if label is not None and field != GENERAL:
            label.clear()
            label.hide()

    def shown_problems(self) -> str:
        """Every message the form shows now, one a line (what the user reads)."""
        return "\n".join(
            label.text() for label in self.messages.values() if label.isVisible() and label.text()
        )

    def note(self, message: str) -> None:
        """A message in the line above the buttons (not an error of a field)."""
        self.error.setText(message)
        self.error.show()

    # -- saving ----------------------------------------------------------------------------

    def collect(self) -> Any:
        """The draft the form shows; ValidationError for what cannot be read at all."""
        raise NotImplementedError

    def check(self, draft: Any) -> dict[str, str]:
        """Every problem of *draft* by field (checked before writing); none by default."""
        return {}

    def write(self, database: Any, draft: Any) -> Any:
        """Save *draft*; runs off the UI thread. Returns what `saved` receives."""
        raise NotImplementedError

    def saved(self, result: Any) -> None:
        """After a successful write: by default keep the result as `saved_id` and close."""
        self.saved_id = result
        self.accept()

    def adopt_version(self, version: int) -> None:
        """After a conflict: carry the stored version, so the next save goes over it."""

    def confirm_before_saving(self, draft: Any) -> bool:
        """A last question before writing (e.g. a date already past); True to go on."""
        return True

    def save(self) -> None:
        """Read, check and write the form; a refusal keeps the dialog open with what was typed."""
        if self.saving:
            return
        unreadable = first_date_problem(self)
        if unreadable is not None:
            self.reveal(unreadable)
            unreadable.setFocus()
            return
        try:
            draft = self.collect()
        except ValidationError as error:
            self.show_problems({error.field or GENERAL: error.message})
            return
        found = self.check(draft)
        self.show_problems(found)
        if found or not self.confirm_before_saving(draft):
            return
        database = self.context.database
        if database is None:
            return
        self.submitted = draft
        self._set_saving(True)
        self.context.tasks.run(
            lambda _report: self.write(database, draft),
            owner=self,
            on_success=self.saved,
            on_error=self.refused,
            on_done=lambda: self._set_saving(False),
            what=_("The changes could not be saved."),
            writes=True,
        )

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        button = self.save_button()
        if button is not None:
            button.setEnabled(not saving)
        if saving:
            self.note(_("Saving…"))
        elif self.error.text() == _("Saving…"):
            self.error.clear()
            self.error.hide()

    def refused(self, error: RcmDeskError) -> None:
        """The write was refused: show why, beside its field; the form keeps what was typed."""
        self._set_saving(False)
        if isinstance(error, ConflictError):
            from rcm_desktop.ui.dialogs.conflict_dialog import handle_conflict

            handle_conflict(
                self, error, adopt=self.adopt_version, save_again=self.save, note=self.error
            )
        elif isinstance(error, ValidationError):
            self.show_problems({error.field or GENERAL: error.message})
        else:
            show_refusal(self, error.message)


def show_refusal(parent: QWidget, message: str) -> None:
    """Say why something was refused, as plain text."""
    from PySide6.QtCore import Qt

    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
