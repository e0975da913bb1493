"""The meeting editor's sessions tab: sessions in order, each with its day, times, leads and agenda."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.clock import parse_optional_clock
from rcm_desktop.domain.meetings import SessionDraft, session_field
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _
from rcm_desktop.ui.style import message_label
from rcm_desktop.ui.widgets.agenda_table import AgendaTableModel
from rcm_desktop.ui.widgets.columns import fit_columns
from rcm_desktop.ui.widgets.dates import date_edit
from rcm_desktop.ui.widgets.ordered_list import OrderedList, move_button


def _time_text(value) -> str:  # type: ignore[no-untyped-def]
    return value.strftime("%H:%M") if value else ""


class SessionsTab(QWidget):
    """Edit the sessions of a meeting; what is typed is kept even when it cannot be read yet."""

    changed = Signal()

    def __init__(self, countries: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions: list[SessionDraft] = []
        self._agendas: list[AgendaTableModel] = []
        self._times: list[tuple[str, str]] = []
        self._current = -1
        self._default_date = QDate.currentDate()

        layout = QHBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(splitter)

        ordered = OrderedList(_("&Add session"), "sessionList", splitter)
        ordered.list.setAccessibleName(_("Sessions"))
        self.list = ordered.list
        self.add_button, self.remove_button = ordered.add_button, ordered.remove_button
        self.up_button, self.down_button = ordered.up_button, ordered.down_button

        self.form_area = QWidget(splitter)
        form_layout = QVBoxLayout(self.form_area)
        form_layout.setContentsMargins(6, 0, 0, 0)
        form = QFormLayout()
        self.title = QLineEdit(self.form_area)
        self.title.setObjectName("sessionTitle")
        self.date = date_edit(self.form_area)
        self.no_date = QCheckBox(_("Day not stated in the concept note"), self.form_area)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addWidget(self.no_date)
        date_row.addStretch(1)
        self.start = QLineEdit(self.form_area)
        self.end = QLineEdit(self.form_area)
        self.start.setAccessibleName(_("Start"))
        self.end.setAccessibleName(_("End"))
        for field in (self.start, self.end):
            field.setPlaceholderText(_("e.g. 09:00 or 9am"))
            field.setMaximumWidth(140)
        times_row = QHBoxLayout()
        times_row.addWidget(self.start)
        times_row.addWidget(QLabel("–", self.form_area))
        times_row.addWidget(self.end)
        times_row.addStretch(1)
        self.description = QPlainTextEdit(self.form_area)
        self.description.setMaximumHeight(90)
        self.leads = QListWidget(self.form_area)
        self.leads.setObjectName("sessionLeads")
        self.leads.setMaximumHeight(90)
        self.leads.setFlow(QListWidget.Flow.LeftToRight)
        self.leads.setWrapping(True)
        self.leads.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.leads.setSpacing(2)
        for code, name in countries:
            item = QListWidgetItem(name, self.leads)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        form.addRow(_("Title:"), self.title)
        form.addRow(_("Day:"), date_row)
        form.addRow(_("Time:"), times_row)
        form.addRow(_("Description:"), self.description)
        form.addRow(_("Lead countries:"), self.leads)
        form_layout.addLayout(form)

        self.agenda_view = QTableView(self.form_area)
        self.agenda_view.setObjectName("agendaTable")
        self.agenda_view.setAccessibleName(_("Agenda"))
        self.agenda_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda_view.verticalHeader().hide()
        self.agenda_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.agenda_view.horizontalHeader().setStretchLastSection(True)
        form_layout.addWidget(QLabel(_("Agenda (double-click a cell to edit it):"), self.form_area))
        form_layout.addWidget(self.agenda_view, 1)
        agenda_buttons = QHBoxLayout()
        self.add_line_button = QPushButton(_("Add &line"), self.form_area)
        self.remove_line_button = QPushButton(_("Remove line"), self.form_area)
        self.line_up_button = move_button(-1, self.form_area)
        self.line_down_button = move_button(1, self.form_area)
        for button in (
            self.add_line_button,
            self.remove_line_button,
            self.line_up_button,
            self.line_down_button,
        ):
            agenda_buttons.addWidget(button)
        agenda_buttons.addStretch(1)
        form_layout.addLayout(agenda_buttons)
        self.error = message_label(self.form_area, name="sessionsError")
        form_layout.addWidget(self.error)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 700])
        for button in (
            self.up_button,
            self.down_button,
            self.line_up_button,
            self.line_down_button,
        ):
            button.setFixedWidth(36)

        self.list.currentRowChanged.connect(self._select)
        self.add_button.clicked.connect(self.add_session)
        self.remove_button.clicked.connect(self.remove_session)
        self.up_button.clicked.connect(lambda: self.move_session(-1))
        self.down_button.clicked.connect(lambda: self.move_session(1))
        self.add_line_button.clicked.connect(self.add_agenda_line)
        self.remove_line_button.clicked.connect(self._remove_agenda_line)
        self.line_up_button.clicked.connect(lambda: self._move_agenda_line(-1))
        self.line_down_button.clicked.connect(lambda: self._move_agenda_line(1))
        self.no_date.toggled.connect(lambda checked: self.date.setEnabled(not checked))
        self.title.textEdited.connect(self._title_edited)
        self._update_enabled()

    # -- loading and collecting -----------------------------------------------------------

    def set_first_day(self, day: QDate) -> None:
        """The meeting's first day: a first session, or one with no earlier day, falls on it."""
        if day.isValid():
            self._default_date = day

    def set_sessions(self, sessions: list[SessionDraft], default_date: QDate) -> None:
        self._default_date = default_date
        self._sessions = [SessionDraft(**vars(item)) for item in sessions]
        self._agendas = []
        self._times = []
        for item in self._sessions:
            model = AgendaTableModel(self)
            model.set_lines(item.agenda)
            model.dataChanged.connect(lambda *_args: self.changed.emit())
            self._agendas.append(model)
            self._times.append((_time_text(item.start), _time_text(item.end)))
        self._current = -1
        self._refresh_list()
        if self._sessions:
            self.list.setCurrentRow(0)
        self._update_enabled()

    def commit_open_cell(self) -> None:
        """Write a cell still being edited into its model (closing the window does not)."""
        editor = self.agenda_view.indexWidget(self.agenda_view.currentIndex())
        if editor is not None:
            self.agenda_view.commitData(editor)

    def sessions(self) -> list[SessionDraft]:
        """The sessions as drafts; raises ValidationError (field "sessions.N.…") for unreadable times."""
        self.commit_open_cell()
        self._store_form()
        result = []
        for index, item in enumerate(self._sessions):
            start_text, end_text = self._times[index]
            try:
                start = parse_optional_clock(start_text, session_field(index, "start"))
                end = parse_optional_clock(end_text, session_field(index, "end"))
                agenda = self._agendas[index].lines()
            except ValidationError as error:
                message = _("Session %(n)d: %(problem)s") % {
                    "n": index + 1,
                    "problem": error.message,
                }
                raise ValidationError(
                    message,
                    field=error.field
                    if error.field != "agenda"
                    else session_field(index, "agenda"),
                ) from error
            result.append(
                SessionDraft(
                    title=item.title,
                    date=item.date,
                    start=start,
                    end=end,
                    description=item.description,
                    leads=list(item.leads),
                    agenda=agenda,
                    key=item.key,
                )
            )
        return result

    def keys_and_titles(self) -> list[tuple[str, str]]:
        self._store_form()
        return [
            (item.key, item.title or _("Session %(n)d") % {"n": n})
            for n, item in enumerate(self._sessions, 1)
        ]

    def show_problem(self, field: str, message: str) -> None:
        """Select the session a problem names and show the message under its form."""
        parts = field.split(".")
        if len(parts) >= 2 and parts[0] == "sessions" and parts[1].isdigit():
            self.list.setCurrentRow(int(parts[1]))
        self.error.setText(message)

    def clear_problem(self) -> None:
        self.error.clear()

    # -- form <-> drafts ------------------------------------------------------------------

    def _store_form(self) -> None:
        index = self._current
        if not 0 <= index < len(self._sessions):
            return
        item = self._sessions[index]
        item.title = self.title.text()
        typed = self.date.value()  # while it is not a date, the last one stands (Save refuses)
        item.date = None if self.no_date.isChecked() else (typed or item.date)
        item.description = self.description.toPlainText()
        shown = {
            self.leads.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.leads.count())
        }
        checked = {
            self.leads.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.leads.count())
            if self.leads.item(row).checkState() == Qt.CheckState.Checked
        }
        hidden = {code for code in item.leads if code not in shown}  # leads outside the list stay
        item.leads = sorted(checked | hidden)
        self._times[index] = (self.start.text(), self.end.text())

    def _load_form(self, index: int) -> None:
        item = self._sessions[index]
        self.title.setText(item.title)
        self.title.setCursorPosition(0)
        self.no_date.setChecked(item.date is None)
        self.date.setDate(QDate(item.date) if item.date else self._default_date)
        self.start.setText(self._times[index][0])
        self.end.setText(self._times[index][1])
        self.description.setPlainText(item.description)
        for row in range(self.leads.count()):
            lead = self.leads.item(row)
            checked = lead.data(Qt.ItemDataRole.UserRole) in item.leads
            lead.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.agenda_view.setModel(self._agendas[index])
        fit_columns(self.agenda_view, stretch=2, widths={0: 80, 1: 80, 3: 140})

    def _select(self, index: int) -> None:
        if index == self._current:
            return
        if not self._day_readable():
            self.list.blockSignals(True)
            self.list.setCurrentRow(self._current)
            self.list.blockSignals(False)
            return
        self._store_form()
        self._current = index
        if 0 <= index < len(self._sessions):
            self._load_form(index)
        self._update_enabled()

    def _refresh_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for number, item in enumerate(self._sessions, start=1):
            self.list.addItem(item.title or _("Session %(n)d") % {"n": number})
        self.list.blockSignals(False)
        if 0 <= self._current < len(self._sessions):
            self.list.setCurrentRow(self._current)

    def _title_edited(self, text: str) -> None:
        if 0 <= self._current < self.list.count():
            self.list.item(self._current).setText(
                text or _("Session %(n)d") % {"n": self._current + 1}
            )
        self.changed.emit()

    def _update_enabled(self) -> None:
        has = 0 <= self._current < len(self._sessions)
        self.form_area.setEnabled(has)
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(has)

    # -- actions --------------------------------------------------------------------------

    def _day_readable(self) -> bool:
        """False (with the problem shown beside it) while the Day field holds no date."""
        in_use = 0 <= self._current < len(self._sessions) and self.date.isEnabled()
        if in_use and self.date.show_problem():  # keep what was typed, and say what is wrong
            self.date.setFocus()
            return False
        return True

    def add_session(self) -> None:
        if not self._day_readable():
            return
        self._store_form()
        number = len(self._sessions) + 1
        earlier = [session.date for session in self._sessions if session.date is not None]
        first_day = self._default_date.toPython()
        item = SessionDraft(
            title=_("Session %(n)d") % {"n": number},
            date=max(earlier) + dt.timedelta(days=1) if earlier else first_day,
        )
        self._sessions.append(item)
        model = AgendaTableModel(self)
        model.dataChanged.connect(lambda *_args: self.changed.emit())
        self._agendas.append(model)
        self._times.append(self._times[-1] if self._times else ("", ""))
        self._current = -1
        self._refresh_list()
        self.list.setCurrentRow(len(self._sessions) - 1)
        self.title.setFocus()
        self.title.selectAll()
        self.changed.emit()

    def remove_session(self) -> None:
        index = self._current
        if not 0 <= index < len(self._sessions):
            return
        del self._sessions[index], self._agendas[index], self._times[index]
        self._current = -1
        self._refresh_list()
        self.list.setCurrentRow(min(index, len(self._sessions) - 1))
        self._update_enabled()
        self.changed.emit()

    def move_session(self, step: int) -> None:
        index = self._current
        target = index + step
        if not (0 <= index < len(self._sessions) and 0 <= target < len(self._sessions)):
            return
        self._store_form()
        for items in (self._sessions, self._agendas, self._times):
            items[index], items[target] = items[target], items[index]  # type: ignore[index]
        self._current = -1
        self._refresh_list()
        self.list.setCurrentRow(target)
        self.changed.emit()

    def current_agenda(self) -> AgendaTableModel | None:
        return self._agendas[self._current] if 0 <= self._current < len(self._agendas) else None

    def add_agenda_line(self) -> None:
        model = self.current_agenda()
        if model is None:
            return
        selected = self.agenda_view.currentIndex()
        row = model.add_line(selected.row() if selected.isValid() else -1)
        self.agenda_view.setCurrentIndex(model.index(row, 0))
        self.agenda_view.edit(model.index(row, 0))
        self.changed.emit()

    def _remove_agenda_line(self) -> None:
        model = self.current_agenda()
        index = self.agenda_view.currentIndex()
        if model is not None and index.isValid():
            model.remove_line(index.row())
            self.changed.emit()

    def _move_agenda_line(self, step: int) -> None:
        model = self.current_agenda()
        index = self.agenda_view.currentIndex()
        if model is not None and index.isValid():
            row = model.move_line(index.row(), step)
            self.agenda_view.setCurrentIndex(model.index(row, index.column()))
            self.changed.emit()
