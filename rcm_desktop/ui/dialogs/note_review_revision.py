"""A revised note beside the meeting it revises: each field the note changes, with what is
recorded now and what the note says, and a checkbox to take the change or leave it; and the
small dialog that lets the user say which recorded meeting a note revises."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.i18n import _, format_number, ngettext
from rcm_desktop.ui.style import MUTED_STYLE, WARNING_STYLE, message_label
from rcm_desktop.ui.widgets.meeting_picker import MeetingPicker

if TYPE_CHECKING:
    from rcm_desktop.data.services.note_revision import RevisionPlan
    from rcm_desktop.ui.context import AppContext


def _value(text: str, parent: QWidget, name: str) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setFrameShape(QFrame.Shape.StyledPanel)
    label.setMargin(4)
    return label


class RevisionPanel(QWidget):
    """The changes of a `RevisionPlan` as a checklist, every change checked at first (each
    shows both values); `source_wanted(field)` when the user picks one."""

    source_wanted = Signal(str)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revisionPanel")
        self.plan: RevisionPlan | None = None
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        self.heading.setObjectName("revisionHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.heading)
        self.explanation = message_label(self, style=MUTED_STYLE, name="revisionExplanation")
        self.explanation.setText(
            _(
                "Uncheck a change to keep what is recorded. Your own data stays as it is: "
                "nominations, positions on the questions, comments and deadlines done."
            )
        )
        layout.addWidget(self.explanation)
        self.warning = message_label(self, style=WARNING_STYLE, name="revisionWarning")
        self.warning.hide()
        layout.addWidget(self.warning)
        buttons = QHBoxLayout()
        self.check_all = QPushButton(_("Check all"), self)
        self.check_none = QPushButton(_("Uncheck all"), self)
        buttons.addWidget(self.check_all)
        buttons.addWidget(self.check_none)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.check_all.clicked.connect(lambda: self._check_every(True))
        self.check_none.clicked.connect(lambda: self._check_every(False))
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields
        layout.addWidget(self.scroll, 1)
        self.scroll.setWidget(QWidget(self.scroll))

    def show_loading(self, title: str) -> None:
        self.plan = None
        self.heading.setText(_("Comparing the note with “%(title)s”…") % {"title": title})
        self._fill([])

    def set_plan(self, plan: RevisionPlan, unresolved: list[str]) -> None:
        """Show *plan*; *unresolved* names the fields the note gives twice (its first value is
        the one compared)."""
        self.plan = plan
        count = len(plan.changes)
        self.heading.setText(
            ngettext(
                "The note changes %(n)s field of “%(title)s”:",
                "The note changes %(n)s fields of “%(title)s”:",
                count,
            )
            % {"n": format_number(count), "title": plan.meeting_title}
            if count
            else _("The note changes nothing recorded for “%(title)s”.")
            % {"title": plan.meeting_title}
        )
        self.warning.setText(
            _(
                "The note gives two values for %(fields)s: the first is compared. To compare "
                "the other, show the draft, choose it there and compare again."
            )
            % {"fields": ", ".join(unresolved)}
            if unresolved
            else ""
        )
        self.warning.setVisible(bool(unresolved))
        self._fill(list(plan.changes))

    def _fill(self, changes: list) -> None:  # type: ignore[type-arg]
        inner = QWidget(self.scroll)
        grid = QGridLayout(inner)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setVerticalSpacing(6)
        self.boxes = {}
        if changes:
            for column, caption in enumerate((_("Change"), _("Recorded now"), _("In the note"))):
                header = QLabel(caption, inner)
                header.setStyleSheet("font-weight: bold;")
                grid.addWidget(header, 0, column)
        for row, change in enumerate(changes, 1):
            box = QCheckBox(change.label, inner)
            box.setObjectName(f"change_{change.field}")
            box.setChecked(True)
            box.setAccessibleName(
                _("%(field)s: recorded now %(current)s; in the note %(proposed)s")
                % {"field": change.label, "current": change.current, "proposed": change.proposed}
            )
            box.toggled.connect(lambda _on: self.changed.emit())
            box.toggled.connect(lambda _on, field=change.field: self.source_wanted.emit(field))
            self.boxes[change.field] = box
            grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_value(change.current, inner, f"current_{change.field}"), row, 1)
            grid.addWidget(_value(change.proposed, inner, f"proposed_{change.field}"), row, 2)
        grid.setRowStretch(len(changes) + 1, 1)
        self.scroll.setWidget(inner)
        for button in (self.check_all, self.check_none):
            button.setEnabled(bool(changes))
        self.changed.emit()

    def _check_every(self, checked: bool) -> None:
        for box in self.boxes.values():
            box.setChecked(checked)

    def accepted(self) -> set[str]:
        """The fields whose change the user takes."""
        return {field for field, box in self.boxes.items() if box.isChecked()}


def choose_revised_meeting(context: AppContext, parent: QWidget, chosen: int | None) -> int | None:
    """Ask which recorded meeting the note revises; None when the user cancels."""
    dialog = QDialog(parent)
    dialog.setObjectName("chooseRevisedMeeting")
    dialog.setWindowTitle(_("This note revises a recorded meeting"))
    layout = QVBoxLayout(dialog)
    explanation = QLabel(
        _(
            "Choose the meeting this note revises (type words of its title to find it). The "
            "note is then compared with it, field by field."
        ),
        dialog,
    )
    explanation.setWordWrap(True)
    layout.addWidget(explanation)
    picker = MeetingPicker(context, dialog, name="revisedMeeting")
    layout.addWidget(picker)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Compare"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(640, dialog.sizeHint().height())
    picker.set_meeting(chosen)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return picker.meeting_id()


def ask_compare_again(parent: QWidget, reason: str) -> bool:
    """Someone changed the meeting since the comparison: say so (*reason*), and ask whether to
    compare the note again with the meeting as it is now."""
    from rcm_desktop import APP_NAME

    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, "", parent=parent)
    box.setObjectName("compareAgain")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        _(
            "%(reason)s\n\nNothing was applied. Compare the note again with the meeting as "
            "it is recorded now?"
        )
        % {"reason": reason}
    )
    again = box.addButton(_("Compare &again"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(again)
    box.exec()
    return box.clickedButton() is again
