"""What the review shows beside a field: that the note did not give it ("Not found in the
note"), that the note gives it twice with different values, which the user must choose
between before the meeting can be saved (`ConflictChoice`), or why saving was refused; and
`ReviewPanel`, the base of the review's tabs, which ties each field to its place in the note
(picking a field asks the note's text to show where it was read)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QLabel, QRadioButton, QVBoxLayout, QWidget

from rcm_desktop.domain.note_text.found import Source
from rcm_desktop.exchange.notes.draft import Conflict, NoteDraft
from rcm_desktop.i18n import (
    _,
    format_date,
    format_list,
    format_number,
    format_time,
    ngettext,
    separator,
)
from rcm_desktop.ui.style import (
    ERROR_COLOUR,
    MUTED_STYLE,
    WARNING_COLOUR,
    WARNING_STYLE,
    message_label,
)


def value_text(value: Any) -> str:
    """A value the note gives, as the user reads it (dates and numbers in their language)."""
    if value is None or value == "" or value == []:
        return _("(none)")
    if isinstance(value, list | tuple):
        return format_list([value_text(item) for item in value])
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, dt.time):
        return format_time(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def field_caption(field: str) -> str:
    """A field the note gives twice, as the user knows it (in a message naming fields)."""
    parts = field.split(".")
    if parts[0] == "sessions" and len(parts) > 2 and parts[1].isdigit():
        return _("Title of session %(n)d") % {"n": int(parts[1]) + 1}
    captions = {
        "title": _("Title"),
        "dates": _("Dates"),
        "time_zone": _("Time zone"),
        "limit_per_country": _("Participants per country"),
    }
    return captions.get(field, field)


def not_found_mark(parent: QWidget, name: str) -> QLabel:
    """ "Not found in the note", in the warning colour, for the field *name*; the owner hides it
    once the user has filled the field in."""
    label = message_label(
        parent, style=WARNING_STYLE + "; font-style: italic", name=f"notFound_{name}"
    )
    label.setText(_("Not found in the note"))
    return label


class ConflictChoice(QFrame):
    """Every value the note gives a field, as radio buttons, none chosen at first.

    `picked(value)` when the user chooses one (the owner puts it in the field); `place(Source)`
    to show where that value was read. The choice is `resolved` once a value is chosen or the
    user has edited the field (`field_edited`).
    """

    picked = Signal(object)
    place = Signal(object)

    def __init__(
        self,
        conflict: Conflict,
        parent: QWidget | None = None,
        *,
        caption: str = "",
        shown: Callable[[Any], str] = value_text,
    ) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setObjectName("conflict_" + conflict.field.replace(".", "_"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._edited = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        count = len(conflict.values)
        values = format_list([shown(value) for value in conflict.values], style="or")
        prompt = ngettext(
            "The note gives %(n)d value here: %(values)s. Choose the right one.",
            "The note gives %(n)d different values here: %(values)s. Choose the right one.",
            count,
        ) % {"n": count, "values": values}
        self.prompt = message_label(self, style=WARNING_STYLE, name="conflictPrompt")
        self.prompt.setText(f"{caption} {prompt}".strip())
        layout.addWidget(self.prompt)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QRadioButton] = []
        by_value = len(conflict.sources) == count  # one source a value, in the same order
        for index, value in enumerate(conflict.values):
            source = conflict.sources[index] if by_value else None
            text = shown(value)
            if source is not None:
                text = _("%(value)s (line %(line)d)") % {"value": text, "line": source.line}
            button = QRadioButton(text, self)
            button.setObjectName(f"conflictValue{index}")
            self.group.addButton(button, index)
            self.buttons.append(button)
            layout.addWidget(button)
            button.toggled.connect(
                lambda checked, value=value, source=source: self._toggled(checked, value, source)
            )
        self._style(error=False)

    @property
    def field(self) -> str:
        return self.conflict.field

    @property
    def resolved(self) -> bool:
        """A value was chosen, or the user typed their own."""
        return self._edited or self.group.checkedButton() is not None

    def choose(self, index: int) -> None:
        """Choose the value *index* (as a click on it does)."""
        self.buttons[index].setChecked(True)

    def field_edited(self) -> None:
        """The user changed the field themselves: their value stands."""
        self._edited = True
        self._style(error=False)

    def show_unresolved(self) -> None:
        """Saving was refused for want of a choice: say so, and focus the first value."""
        self._style(error=True)
        self.buttons[0].setFocus()

    def _toggled(self, checked: bool, value: Any, source: Source | None) -> None:
        if not checked:
            return
        self._style(error=False)
        self.picked.emit(value)
        if source is not None:
            self.place.emit(source)

    def _style(self, *, error: bool) -> None:
        colour = ERROR_COLOUR if error else WARNING_COLOUR
        done = self.resolved and not error
        self.prompt.setStyleSheet(MUTED_STYLE if done else WARNING_STYLE)  # settled: no alarm
        self.setStyleSheet(
            f"#{self.objectName()} {{ border: 1px solid {'palette(mid)' if done else colour};"
            " border-radius: 3px; }"
        )


class _SourceLink(QObject):
    """Clicking or focusing a field's widget asks for that field's place in the note (*path*,
    or what it returns when it is a function: the path of the session shown, say)."""

    def __init__(self, panel: ReviewPanel, path: str | Callable[[], str | None]) -> None:
        super().__init__(panel)
        self.panel = panel
        self.path = path

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            path = self.path() if callable(self.path) else self.path
            if path:
                self.panel.source_wanted.emit(path)
        return False


class ReviewPanel(QWidget):
    """A tab of the review: its fields, each with the marks and messages it may need.

    `source_wanted(path)` when the user picks a field; `place_wanted(Source)` for one value
    of a conflict; `edited()` after each change the user makes (not the panel's own).
    """

    source_wanted = Signal(str)
    place_wanted = Signal(object)
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.conflicts: dict[str, ConflictChoice] = {}
        #: The widget to focus for each field (a refusal names the field).
        self.fields: dict[str, QWidget] = {}
        self.loading = False

    def link(self, path: str | Callable[[], str | None], *widgets: QWidget) -> None:
        """Picking any of *widgets* (or a part of one) shows where *path* was read."""
        link = _SourceLink(self, path)
        for widget in widgets:
            for part in (widget, *widget.findChildren(QWidget)):
                part.installEventFilter(link)
        if widgets and isinstance(path, str):
            self.fields.setdefault(path, widgets[0])

    def user_edited(self, path: str) -> None:
        """The user changed *path*: its marks and message go, and a conflict there is settled."""
        if self.loading:
            return
        for marks in (self.marks, self.errors):
            if path in marks:
                marks[path].hide()
        if path in self.conflicts:
            self.conflicts[path].field_edited()
        self.edited.emit()

    def missing(self) -> list[str]:
        """The fields whose "Not found in the note" mark stands (not hidden by an edit)."""
        return [path for path, label in self.marks.items() if not label.isHidden()]

    def mark(self, parent: QWidget, path: str, found: bool) -> QLabel:
        """The "Not found in the note" mark of *path*, shown when the note did not give it."""
        label = not_found_mark(parent, path.replace(".", "_"))
        label.setVisible(not found)
        self.marks[path] = label
        return label

    def message(self, parent: QWidget, path: str) -> QLabel:
        """The (hidden) line where a refusal of *path* is shown."""
        label = message_label(parent, name="problem_" + path.replace(".", "_"))
        label.hide()
        self.errors[path] = label
        return label

    def conflict(
        self, conflict: Conflict, parent: QWidget, put: Callable[[Any], None], caption: str = ""
    ) -> ConflictChoice:
        """A choice between the values of *conflict*; choosing one calls *put* with it."""
        choice = ConflictChoice(conflict, parent, caption=caption)
        self.conflicts[conflict.field] = choice

        def picked(value: Any) -> None:
            self.loading = True  # the panel's own change, not the user's typing
            try:
                put(value)
            finally:
                self.loading = False
            self.edited.emit()

        choice.picked.connect(picked)
        choice.place.connect(self.place_wanted.emit)
        return choice

    def show_problem(self, path: str, message: str) -> QWidget | None:
        """Show *message* beside *path* when the panel has that field; the widget to focus."""
        label = self.errors.get(path)
        if label is None:
            return None
        label.setText(message)
        label.show()
        return self.fields.get(path)

    def fill(self, draft: NoteDraft) -> None:
        """Write the panel's fields into *draft*; ValidationError for what cannot be read."""
        raise NotImplementedError

    def clear_problems(self) -> None:
        for label in self.errors.values():
            label.hide()


def review_summary(found: int, panels: Sequence[ReviewPanel]) -> str:
    """The review's header: *found* values read, the fields marked "Not found in the note" (the
    marks standing, counted as shown), and the choices still open."""
    missing = sum(len(panel.missing()) for panel in panels)
    parts = [
        ngettext("%(n)s value read from the note", "%(n)s values read from the note", found)
        % {"n": format_number(found)},
        ngettext("%(n)s field not found", "%(n)s fields not found", missing)
        % {"n": format_number(missing)},
    ]
    count = len(open_choices(panels))
    if count:
        parts.append(
            ngettext(
                "%(n)s field given twice: choose its value",
                "%(n)s fields given twice: choose their values",
                count,
            )
            % {"n": format_number(count)}
        )
    return separator().join(parts)


def open_choices(panels: Sequence[ReviewPanel]) -> list[ConflictChoice]:
    """The choices between a field's values still to make, tab by tab."""
    return [
        choice for panel in panels for choice in panel.conflicts.values() if not choice.resolved
    ]


def unresolved_message(choices: Sequence[ConflictChoice]) -> str:
    """Why saving waits: the fields whose value is still to choose ("" when none is)."""
    if not choices:
        return ""
    fields = ", ".join(field_caption(choice.field) for choice in choices)
    return _("The note gives two values for %(fields)s: choose the right one before saving.") % {
        "fields": fields
    }
