"""Date fields that read what the user types, show what they understood, and refuse the rest.

A `DateField` is a line edit with a calendar button. What is typed is read in the interface
language (`domain.date_text.read_date`: day first in es, fr, pt; the month as a word or ISO in
English): while typing, the line under the field shows the date understood ("Thu, Jun 10,
2021"); when the user leaves the field the text is rewritten that way, or the line says what
is wrong and how to fix it. `date()` always reads the text as it stands, so a form never saves
a date the user did not see; `first_date_problem` lets a dialog refuse to save meanwhile.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.date_text import DateTextError, read_date, show_date
from rcm_desktop.i18n import _, current_language
from rcm_desktop.ui.style import ERROR_STYLE, MUTED_STYLE, message_label


class _DateText(QLineEdit):
    """The text of a date field: Up and Down move a day, Page Up and Page Down a month."""

    stepped = Signal(int, int)  # days, months

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Up: (1, 0),
            Qt.Key.Key_Down: (-1, 0),
            Qt.Key.Key_PageUp: (0, 1),
            Qt.Key.Key_PageDown: (0, -1),
        }
        step = steps.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        self.stepped.emit(*step)


class DateField(QWidget):
    """A date typed or picked; `date()` is an invalid QDate while the text is not a date."""

    #: A new date was accepted (typed and left, picked, or set).
    dateChanged = Signal(QDate)
    #: The user changed the text (each key).
    edited = Signal()

    def __init__(self, parent: QWidget | None = None, value: QDate | dt.date | None = None) -> None:
        super().__init__(parent)
        self.language = current_language()
        self.edit = _DateText(self)
        self.edit.setObjectName("dateText")
        self.edit.setPlaceholderText(show_date(dt.date.today(), self.language))
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("Www, 00 Wwww 0000__"))
        self.button = QToolButton(self)
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(_("Choose the date in a calendar"))
        self.button.setAccessibleName(_("Choose the date in a calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hint = message_label(self, style=MUTED_STYLE, name="dateHint")
        self.hint.setWordWrap(True)  # a long message wraps under the field instead of widening it
        policy = self.hint.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.hint.setSizePolicy(policy)
        self.hint.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.hint)
        self.setFocusProxy(self.edit)
        self._accepted: dt.date | None = None
        self._calendar: QCalendarWidget | None = None
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._left)
        self.edit.stepped.connect(self._step)
        self.button.clicked.connect(self.pick_in_calendar)
        if value is not None:
            self.setDate(value)

    # -- what the field holds ----------------------------------------------------------------

    def value(self) -> dt.date | None:
        """The date the text names now, or None (empty, half-typed or impossible)."""
        try:
            return read_date(self.edit.text(), self.language)
        except DateTextError:
            return None

    def date(self) -> QDate:
        """The date the text names now, as a QDate (invalid when it names none)."""
        value = self.value()
        return QDate(value) if value is not None else QDate()

    def problem(self) -> str | None:
        """Why the text is not a date, with what to type instead; None when it is one."""
        try:
            read_date(self.edit.text(), self.language)
        except DateTextError as error:
            return error.message
        return None

    def setDate(self, value: QDate | dt.date | None) -> None:
        """Show *value* (None empties the field)."""
        day = value.toPython() if isinstance(value, QDate) and value.isValid() else value
        if isinstance(day, QDate):
            day = None
        self.edit.setText(show_date(day, self.language) if day else "")
        self._show(None)
        self._accept(day)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def show_problem(self) -> bool:
        """Show why the text is not a date beside the field; True when there is a problem."""
        problem = self.problem()
        self._show(problem, error=True)
        return problem is not None

    # -- typing --------------------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        self.edited.emit()
        value = self.value()
        self._show(show_date(value, self.language) if value and text.strip() else None)

    def _left(self) -> None:
        value = self.value()
        if value is None:
            if self.edit.text().strip() or self._accepted is not None:
                self.show_problem()
            return
        shown = show_date(value, self.language)
        if self.edit.text() != shown:
            self.edit.setText(shown)
        self._show(None)
        self._accept(value)

    def _step(self, days: int, months: int) -> None:
        value = self.value()
        if value is None:
            return
        moved = QDate(value).addDays(days).addMonths(months)
        self.edited.emit()
        self.setDate(moved)

    def _accept(self, value: dt.date | None) -> None:
        if value != self._accepted:
            self._accepted = value
            if value is not None:
                self.dateChanged.emit(QDate(value))

    def _show(self, message: str | None, *, error: bool = False) -> None:
        self.hint.setStyleSheet(ERROR_STYLE if error else MUTED_STYLE)
        self.hint.setText(message or "")
        self.hint.setVisible(bool(message))
        self.edit.setProperty("invalid", bool(message) and error)

    # -- the calendar -------------------------------------------------------------------------

    def pick_in_calendar(self) -> None:
        """Open a calendar on the field's date (or today); a click there fills the field."""
        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.setGridVisible(True)
            self._calendar.clicked.connect(self._picked)
            self._calendar.activated.connect(self._picked)
        self._calendar.setSelectedDate(QDate(self.value() or dt.date.today()))
        self._calendar.move(self.mapToGlobal(self.edit.geometry().bottomLeft()))
        self._calendar.show()
        self._calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        if self._calendar is not None:
            self._calendar.hide()
        self.edited.emit()
        self.setDate(day)
        self.edit.setFocus()


def date_edit(parent: QWidget | None = None, value: QDate | dt.date | None = None) -> DateField:
    """A date field (typed in the interface language, or picked in a calendar)."""
    return DateField(parent, value)


def first_date_problem(container: QWidget) -> DateField | None:
    """Show the problem of every date field in use in *container*; the first one, or None."""
    first = None
    for field in container.findChildren(DateField):
        if _in_use(field, container) and field.show_problem():
            first = first or field
    return first


def _in_use(field: QWidget, container: QWidget) -> bool:
    """Enabled and not hidden by the form (a field on another tab is still in use)."""
    if not field.isEnabledTo(container):
        return False
    widget: QWidget | None = field
    while widget is not None and widget is not container:
        parent = widget.parentWidget()
        if widget.isHidden() and not isinstance(parent, QStackedWidget):
            return False
        widget = parent
    return True


def accept_when_dates_read(dialog: QDialog) -> None:
    """Accept *dialog* unless one of its date fields is not a date (then focus it)."""
    field = first_date_problem(dialog)
    if field is None:
        dialog.accept()
    else:
        field.setFocus()
