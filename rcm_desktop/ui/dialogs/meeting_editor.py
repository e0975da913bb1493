"""The meeting editor: every field of a concept note, saved in one transaction or not at all."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.domain.meetings import MeetingDraft, Problem, check_meeting
from rcm_desktop.domain.vocabulary import MeetingKind, MeetingStatus, Modality, label
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _, country_name
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.editor_questions import QuestionsTab
from rcm_desktop.ui.dialogs.editor_sessions import SessionsTab
from rcm_desktop.ui.dialogs.form_dialog import GENERAL, FormDialog
from rcm_desktop.ui.style import ERROR_STYLE, WARNING_STYLE, message_label
from rcm_desktop.ui.widgets.dates import date_edit
from rcm_desktop.ui.widgets.zone_picker import ZonePicker

TEXT_FIELDS = ("context", "objectives", "methodology", "interpretation", "participants", "notes")


def _tristate(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(_("Not stated"), None)
    combo.addItem(_("Yes"), True)
    combo.addItem(_("No"), False)
    return combo


class MeetingEditor(FormDialog):
    """Create or edit a meeting. `saved_id` holds the meeting's id after a successful save."""

    def __init__(
        self, context: AppContext, draft: MeetingDraft, parent: QWidget | None = None
    ) -> None:
        title = _("New meeting") if draft.id is None else _("Edit meeting")
        super().__init__(context, title, parent, layout=QVBoxLayout())
        layout = self.outer
        self.setLayout(layout)
        self.original = draft
        self._warnings: list[Problem] = []
        self._listed: dict[str, str] = {}  # the problems listed above the buttons, by field
        self.setObjectName("meetingEditor")
        self.resize(980, 720)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)

        reference = context.reference
        forums = list(reference.forums) if reference else []
        bodies = [(b.code, b.name) for b in reference.bodies_by_name()] if reference else []
        #: Each field's message line, by field name (the form base's `messages`).
        self.errors = self.messages
        member_codes = sorted({code for forum in forums for code in forum.member_codes})
        countries = sorted(
            ((code, country_name(code)) for code in member_codes), key=lambda pair: pair[1]
        )

        self._build_general(forums, bodies)
        self.sessions_tab = SessionsTab(countries, self)
        self.tabs.addTab(self.sessions_tab, _("Sessions and agenda"))
        self.questions_tab = QuestionsTab(self.sessions_tab.keys_and_titles, self)
        self.tabs.addTab(self.questions_tab, _("Guiding questions"))
        self._build_texts()
        self.tabs.currentChanged.connect(self._tab_changed)

        self.problems = message_label(self, name="editorProblems")
        self.problems.hide()
        layout.addWidget(self.problems)
        self.finish()
        self.load(draft)

    # -- building -------------------------------------------------------------------------

    def _build_general(self, forums, bodies) -> None:  # type: ignore[no-untyped-def]
        page = QWidget(self)
        form = QFormLayout(page)

        def row(
            caption: str,
            widget: QWidget | QHBoxLayout,
            field: str | None = None,
            buddy: QWidget | None = None,
        ) -> None:
            self.add_row(caption, widget, field, buddy=buddy, form=form)

        self.title = QLineEdit(page)
        self.title.setObjectName("meetingTitle")
        row(_("&Title:"), self.title, "title")
        self.body = QComboBox(page)
        self.body.setObjectName("meetingBody")
        self.body.addItem(_("(not recorded)"), None)
        for code, name in bodies:
            self.body.addItem(name, code)
        body_row = QHBoxLayout()
        body_row.addWidget(self.body)
        body_row.addStretch(1)
        row(_("Convening &body:"), body_row, buddy=self.body)
        forum_row = QHBoxLayout()
        self.forum_boxes: dict[str, QCheckBox] = {}
        for forum in forums:
            box = QCheckBox(forum.code, page)
            box.setToolTip(forum.name)
            self.forum_boxes[forum.code] = box
            forum_row.addWidget(box)
        forum_row.addStretch(1)
        row(_("Forums:"), forum_row)
        self.kind = QComboBox(page)
        for kind in MeetingKind:
            self.kind.addItem(label(kind), kind)
        self.modality = QComboBox(page)
        for modality in Modality:
            self.modality.addItem(label(modality), modality)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        modality_label = QLabel(_("Modality:"), page)
        modality_label.setBuddy(self.modality)
        kind_row.addWidget(modality_label)
        kind_row.addWidget(self.modality)
        kind_row.addStretch(1)
        row(_("Kind:"), kind_row, buddy=self.kind)
        self.status = QComboBox(page)
        for status in MeetingStatus:
            self.status.addItem(label(status), status)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addStretch(1)
        row(_("Status:"), status_row, buddy=self.status)
        self.start_date = date_edit(page)
        self.end_date = date_edit(page)
        self.start_date.dateChanged.connect(self._start_moved)
        self.start_date.dateChanged.connect(lambda day: self.sessions_tab.set_first_day(day))
        self._previous_start = self.start_date.date()
        dates = QHBoxLayout()
        dates.addWidget(self.start_date)
        dates.addWidget(QLabel(_("to"), page))
        dates.addWidget(self.end_date)
        dates.addStretch(1)
        row(_("&Dates:"), dates, "end_date", buddy=self.start_date)
        self.fields["end_date"] = self.end_date  # "ends before it starts": the end is to fix
        self.watch("end_date", self.end_date)
        self.zone = ZonePicker(page)
        self.zone.put_first(self.context.country)
        self.zone_label = QLineEdit(page)
        self.zone_label.setAccessibleName(_("Time zone as the concept note writes it"))
        self.zone_label.setPlaceholderText(_("as the concept note writes it, e.g. San José time"))
        zone_row = QHBoxLayout()
        zone_row.addWidget(self.zone, 1)
        zone_row.addWidget(self.zone_label, 1)
        row(_("Time &zone:"), zone_row, "time_zone", buddy=self.zone)
        self.venue = QLineEdit(page)
        self.platform = QLineEdit(page)
        self.platform.setPlaceholderText(_("e.g. Zoom"))
        row(_("Venue:"), self.venue)
        row(_("Platform:"), self.platform)
        self.max_participants = QSpinBox(page)
        self.max_participants.setRange(0, 999)
        self.max_participants.setSpecialValueText(_("No limit stated"))
        self.max_participants.setMinimumWidth(160)
        limit_row = QHBoxLayout()
        limit_row.addWidget(self.max_participants)
        limit_row.addStretch(1)
        row(
            _("Participants per country, at most:"),
            limit_row,
            "max_participants_per_country",
            buddy=self.max_participants,
        )
        self.observers = _tristate(page)
        self.civil_society = _tristate(page)
        invited = QHBoxLayout()
        for caption, combo in (
            (_("Observer organisations:"), self.observers),
            (_("Civil society:"), self.civil_society),
        ):
            caption_label = QLabel(caption, page)
            caption_label.setBuddy(combo)
            invited.addWidget(caption_label)
            invited.addWidget(combo)
        invited.addStretch(1)
        row(_("Invited:"), invited)
        self.tabs.addTab(page, _("Meeting"))

    def _build_texts(self) -> None:
        page = QWidget(self)
        form = QFormLayout(page)
        captions = {
            "context": _("Context:"),
            "objectives": _("Objectives:"),
            "methodology": _("Methodology:"),
            "interpretation": _("Interpretation:"),
            "participants": _("Participants:"),
            "notes": _("Notes:"),
        }
        self.texts: dict[str, QPlainTextEdit] = {}
        for name in TEXT_FIELDS:
            edit = QPlainTextEdit(page)
            edit.setObjectName(f"meeting_{name}")
            self.texts[name] = edit
            form.addRow(captions[name], edit)
        self.tabs.addTab(page, _("Objectives and texts"))

    def _start_moved(self, start: QDate) -> None:
        """Moving the first day moves the last day with it, keeping the meeting's length."""
        length = self._previous_start.daysTo(self.end_date.date())
        self._previous_start = start
        if length >= 0:
            self.end_date.setDate(start.addDays(length))

    # -- draft <-> widgets ----------------------------------------------------------------

    def load(self, draft: MeetingDraft) -> None:
        self.title.setText(draft.title)
        self.title.setCursorPosition(0)  # a long title shows its beginning
        self.body.setCurrentIndex(max(self.body.findData(draft.convening_body), 0))
        for code, box in self.forum_boxes.items():
            box.setChecked(code in draft.forums)
        self.kind.setCurrentIndex(self.kind.findData(draft.kind))
        self.modality.setCurrentIndex(self.modality.findData(draft.modality))
        self.status.setCurrentIndex(self.status.findData(draft.status))
        self.start_date.blockSignals(True)
        self.start_date.setDate(QDate(draft.start_date))
        self.start_date.blockSignals(False)
        self._previous_start = self.start_date.date()
        self.end_date.setDate(QDate(draft.end_date or draft.start_date))
        self.zone.set_zone(draft.time_zone)
        self.zone_label.setText(draft.time_zone_label)
        self.venue.setText(draft.venue)
        self.platform.setText(draft.platform)
        self.max_participants.setValue(draft.max_participants_per_country or 0)
        self.observers.setCurrentIndex(self.observers.findData(draft.observers_invited))
        self.civil_society.setCurrentIndex(self.civil_society.findData(draft.civil_society_invited))
        for name, edit in self.texts.items():
            edit.setPlainText(getattr(draft, name))
        self.sessions_tab.set_sessions(draft.sessions, QDate(draft.start_date))
        self.questions_tab.set_questions(draft.questions)

    def collect(self) -> MeetingDraft:
        """The draft the widgets show; raises ValidationError for what cannot be read at all."""
        zone = self.zone.checked_zone()
        return MeetingDraft(
            id=self.original.id,
            version=self.original.version,
            title=self.title.text(),
            start_date=self.start_date.value(),
            end_date=self.end_date.value(),
            kind=self.kind.currentData(),
            modality=self.modality.currentData(),
            status=self.status.currentData(),
            convening_body=self.body.currentData(),
            forums=[code for code, box in self.forum_boxes.items() if box.isChecked()],
            venue=self.venue.text(),
            platform=self.platform.text(),
            time_zone=zone,
            time_zone_label=self.zone_label.text(),
            max_participants_per_country=self.max_participants.value() or None,
            observers_invited=self.observers.currentData(),
            civil_society_invited=self.civil_society.currentData(),
            sessions=self.sessions_tab.sessions(),
            questions=self.questions_tab.questions(),
            **{name: edit.toPlainText() for name, edit in self.texts.items()},
        )

    def _comparable(self, draft: MeetingDraft) -> MeetingDraft:
        copy = MeetingDraft(**vars(draft))
        if copy.end_date is None:
            copy.end_date = copy.start_date
        return copy

    def is_modified(self) -> bool:
        try:
            current = self.collect()
        except ValidationError:
            return True
        return self._comparable(current) != self._comparable(self.original)

    # -- problems -------------------------------------------------------------------------

    def check(self, draft: MeetingDraft) -> dict[str, str]:
        """The blocking problems by field; warnings are kept to show beside them."""
        found: dict[str, str] = {}
        self._warnings = []
        for problem in check_meeting(draft):
            if not problem.blocking:
                self._warnings.append(problem)
            elif problem.field not in found:
                found[problem.field] = problem.message
        return found

    def _list_problems(self) -> None:
        """Every problem still to fix, then the warnings, above the buttons."""
        lines = [
            _("Cannot save yet: %(problem)s") % {"problem": message}
            for message in self._listed.values()
        ]
        lines += [
            _("Warning: %(problem)s") % {"problem": problem.message} for problem in self._warnings
        ]
        self.problems.setText("\n".join(lines))
        self.problems.setStyleSheet(ERROR_STYLE if self._listed else WARNING_STYLE)
        self.problems.setVisible(bool(lines))

    def clear_problem(self, field: str) -> None:
        """The field was edited: its message goes, beside it and in the list."""
        super().clear_problem(field)
        if self._listed.pop(field, None) is not None:
            self._list_problems()

    def show_problems(self, problems: Mapping[str, str]) -> None:
        """Each problem beside its field (a session's in the sessions tab), and every one, with
        the warnings, listed above the buttons; the tab of the first is shown."""
        general = {
            field: message
            for field, message in problems.items()
            if not field.startswith("sessions") and field != "questions"
        }
        super().show_problems(general)
        self.error.hide()  # listed below with the others
        self.sessions_tab.clear_problem()
        self._listed = dict(problems)
        for field, message in problems.items():
            if field.startswith("sessions"):
                self.sessions_tab.show_problem(field, message)
        for problem in self._warnings:
            if problem.field.startswith("sessions") and not problems:
                self.sessions_tab.show_problem(problem.field, problem.message)
        self._list_problems()
        first = next(iter(problems), None)
        if first is None:
            return
        if first.startswith("sessions"):
            self.tabs.setCurrentWidget(self.sessions_tab)
        elif first == "questions":
            self.tabs.setCurrentWidget(self.questions_tab)
        elif first != GENERAL:
            self.tabs.setCurrentIndex(0)

    def reveal(self, widget: QWidget) -> None:
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)

    # -- saving ---------------------------------------------------------------------------

    def adopt_version(self, version: int) -> None:
        self.original = replace(self.original, version=version)

    def write(self, database: Any, draft: MeetingDraft) -> int:
        from rcm_desktop.data.services.meeting_editing import save_meeting

        return save_meeting(database, draft)

    def saved(self, result: int) -> None:
        self.original = replace(self.submitted, id=result)
        self.context.events.announce("meetings", ids=[result])
        self.saved_id = result
        super().accept()

    def reject(self) -> None:
        if self.is_modified():
            answer = QMessageBox.question(
                self,
                APP_NAME,
                _("Discard the changes made to this meeting?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reject()
        if self.isVisible():
            event.ignore()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.questions_tab:
            self.questions_tab.refresh_sessions()
