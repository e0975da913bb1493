"""A revised note beside the meeting it revises: each field the note changes, with what is
recorded now and what the note says (the lines of a long value found on one side only
highlighted), and a checkbox to take the change or leave it, the long texts left at first;
and the small dialog that lets the user say which recorded meeting a note revises."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.i18n import _, format_number, ngettext
from rcm_desktop.ui.style import MUTED_STYLE, WARNING_STYLE, message_label
from rcm_desktop.ui.widgets.meeting_picker import MeetingPicker

if TYPE_CHECKING:
    from rcm_desktop.data.services.note_revision import RevisionPlan
    from rcm_desktop.ui.context import AppContext


#: The fields whose change is left unchecked at first: the note's long texts and seat profiles
#: would replace the meeting's, the user's own summaries and wording among them.
LONG_TEXTS = frozenset({"context", "objectives", "methodology", "participants", "seats"})
#: The background of words found in one value only: recorded now, in the note.
GONE_COLOUR, NEW_COLOUR = "#f8d7d5", "#d5f2d5"


_TOKENS = re.compile(r"\s+|\S+")
#: Values longer than this are marked line by line (a word diff of long texts costs too much).
_WORD_DIFF_LIMIT = 20_000


def _same(token: str) -> str:
    """A token as the comparison sees it: blanks are one space, or one line break."""
    return ("\n" if "\n" in token else " ") if token.isspace() else token


def marked_words(text: str, other: str, colour: str) -> str | None:
    """*text* as rich text with the words *other* does not have at that place on *colour*
    (a colon in a title, a time in an agenda line; blanks aside); None when none differs."""
    mine = _TOKENS.findall(text)
    if len(text) + len(other) > _WORD_DIFF_LIMIT:  # whole lines: "a" and "b" are lines
        mine = text.split("\n")
        theirs = other.split("\n")
        mine = [piece for line in mine for piece in (line, "\n")][:-1]
        theirs = [piece for line in theirs for piece in (line, "\n")][:-1]
    else:
        theirs = _TOKENS.findall(other)
    matcher = SequenceMatcher(
        None, [_same(t) for t in theirs], [_same(t) for t in mine], autojunk=False
    )
    changed: set[int] = set()
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            changed.update(index for index in range(j1, j2) if mine[index].strip())
    if not changed:
        return None
    shown = []
    for index, token in enumerate(mine):
        if token == "\n" or (token.isspace() and "\n" in token):
            shown.append("<br>" * max(1, token.count("\n")))
            continue
        html = escape(token).replace("  ", "&nbsp; ")
        if index in changed:
            html = f'<span style="background-color: {colour}; color: black;">{html}</span>'
        shown.append(html)
    return "".join(shown)


def _value(text: str, parent: QWidget, name: str, other: str = "", colour: str = "") -> QLabel:
    marked = marked_words(text, other, colour) if colour else None
    label = QLabel(marked if marked is not None else text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText if marked is None else Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setFrameShape(QFrame.Shape.StyledPanel)
    label.setMargin(4)
    return label


class RevisionPanel(QWidget):
    """The changes of a `RevisionPlan` as a checklist, each showing both values, checked at
    first but for the long texts; `source_wanted(field)` when the user picks one."""

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
        self.texts_left = message_label(self, style=MUTED_STYLE, name="revisionTextsLeft")
        self.texts_left.setText(
            _(
                "The note's long texts are left unchecked: taking one replaces the recorded "
                "text, your own summary with it."
            )
        )
        self.texts_left.hide()
        layout.addWidget(self.texts_left)
        self.legend = message_label(self, style=MUTED_STYLE, name="revisionLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        swatch = '<span style="background-color: %s; color: black;">&nbsp;%s&nbsp;</span>'
        self.legend.setText(
            escape(_("Words on one side only:"))
            + " "
            + swatch % (GONE_COLOUR, escape(_("Recorded now")))
            + " "
            + swatch % (NEW_COLOUR, escape(_("In the note")))
        )
        self.legend.hide()
        layout.addWidget(self.legend)
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
        grid.setContentsMargins(0, 0, 0, 0)  # beside the note: its room for the values
        grid.setHorizontalSpacing(4)
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
            box.setChecked(change.field not in LONG_TEXTS)
            box.setAccessibleName(
                _("%(field)s: recorded now %(current)s; in the note %(proposed)s")
                % {"field": change.label, "current": change.current, "proposed": change.proposed}
            )
            box.toggled.connect(lambda _on: self.changed.emit())
            box.toggled.connect(lambda _on, field=change.field: self.source_wanted.emit(field))
            self.boxes[change.field] = box
            grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            current, proposed = change.current, change.proposed
            grid.addWidget(
                _value(current, inner, f"current_{change.field}", proposed, GONE_COLOUR), row, 1
            )
            grid.addWidget(
                _value(proposed, inner, f"proposed_{change.field}", current, NEW_COLOUR), row, 2
            )
        grid.setRowStretch(len(changes) + 1, 1)
        self.texts_left.setVisible(any(change.field in LONG_TEXTS for change in changes))
        self.legend.setVisible(
            any(marked_words(c.proposed, c.current, NEW_COLOUR) is not None for c in changes)
        )
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


class _MiddleElided(QObject):
    """Paints a combo's chosen text elided in the middle (a title's end says which meeting
    it is as much as its beginning); the whole title is in the combo's tooltip."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QComboBox):
            return False
        option = QStyleOptionComboBox()
        watched.initStyleOption(option)
        painter = QStylePainter(watched)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = watched.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            watched,
        )
        option.currentText = watched.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideMiddle, max(field.width() - 4, 0)
        )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        painter.end()
        return True


def _widen_list(combo: QComboBox, room: int) -> None:
    """The combo's list as wide as its longest title, within *room* (elided in the middle
    beyond it, each whole in its tooltip)."""
    longest = max(
        (combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())),
        default=0,
    )
    combo.view().setMinimumWidth(min(longest + 48, room))


def choose_revised_meeting(context: AppContext, parent: QWidget, chosen: int | None) -> int | None:
    """Ask which recorded meeting the note revises, *chosen* (the one found, or compared
    before) offered first; None when the user cancels."""
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
    search, combo = picker.search, picker.combo
    picker.layout().removeWidget(search)  # on a line of its own: the titles get the width
    search.setMaximumWidth(16777215)
    layout.addWidget(search)
    layout.addWidget(picker)
    combo.setMinimumContentsLength(40)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)
    combo.installEventFilter(_MiddleElided(combo))
    screen = parent.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().width() - 80 if screen is not None else 1200
    combo.model().rowsInserted.connect(lambda *_args: _widen_list(combo, room))
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Compare"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    wide = dialog.fontMetrics().averageCharWidth() * 120  # most titles whole
    dialog.resize(max(min(wide, room), 480), dialog.sizeHint().height())
    picker.set_meeting(chosen)
    QWidget.setTabOrder(search, combo)
    combo.setFocus()
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
