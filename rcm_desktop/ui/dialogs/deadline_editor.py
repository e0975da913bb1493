"""Create or edit a deadline: a fixed date, or N working or calendar days after a session or a date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.domain.vocabulary import AnchorKind, DeadlineKind, DeadlineRule, label
from rcm_desktop.domain.workdays import SUPPORTED_CALENDARS
from rcm_desktop.errors import ConflictError, RcmDeskError, ValidationError
from rcm_desktop.i18n import _, country_name
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.widgets.dates import date_edit


class DeadlineEditor(QDialog):
    """The fields that apply to the chosen rule are shown; Save checks and writes in one go."""

    def __init__(self, context: AppContext, draft, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        from rcm_desktop.data.services.meeting_list import meeting_ids, meeting_rows

        super().__init__(parent)
        assert context.database is not None
        self.context = context
        self.draft = draft
        self.saved_id: int | None = None
        self.setWindowTitle(_("New deadline") if draft.id is None else _("Edit deadline"))
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        self.title = QLineEdit(draft.title, self)
        self.title.setCursorPosition(0)  # a long title shows its beginning
        self.kind = QComboBox(self)
        for kind in DeadlineKind:
            self.kind.addItem(label(kind), kind)
        self.kind.setCurrentIndex(self.kind.findData(draft.kind))
        self.meeting = QComboBox(self)
        self.meeting.addItem(_("(no meeting)"), None)
        ids = meeting_ids(context.database)
        rows = meeting_rows(context.database, ids)
        for meeting_id in ids:
            self.meeting.addItem(rows[meeting_id].title, meeting_id)
        self.meeting.setCurrentIndex(max(self.meeting.findData(draft.meeting_id), 0))
        self.rule = QComboBox(self)
        for rule in DeadlineRule:
            self.rule.addItem(label(rule), rule)
        self.rule.setCurrentIndex(self.rule.findData(draft.rule))
        self.fixed_date = date_edit(self, QDate(draft.fixed_date or dt.date.today()))
        self.days = QSpinBox(self)
        self.days.setRange(0, 366)
        self.days.setValue(draft.days or 10)
        self.anchor_kind = QComboBox(self)
        for kind in AnchorKind:
            self.anchor_kind.addItem(label(kind), kind)
        self.anchor_kind.setCurrentIndex(max(self.anchor_kind.findData(draft.anchor_kind), 0))
        self.anchor_session = QComboBox(self)
        self.anchor_date = date_edit(self, QDate(draft.anchor_date or dt.date.today()))
        self.anchor_document = QComboBox(self)
        self._fill_documents(draft.anchor_document_review_id)
        self.calendar = QComboBox(self)
        for code in sorted(SUPPORTED_CALENDARS, key=lambda code: country_name(code)):
            self.calendar.addItem(country_name(code), code)
        self.calendar.setCurrentIndex(max(self.calendar.findData(draft.calendar_country), 0))
        self.optional_days = QCheckBox(_("Also skip the calendar's optional days"), self)
        self.optional_days.setChecked(draft.include_optional_days)
        self.notes = QPlainTextEdit(draft.notes, self)
        self.notes.setMaximumHeight(70)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b42318")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        rows_ = [
            (_("Title:"), self.title),
            (_("Kind:"), self.kind),
            (_("Meeting:"), self.meeting),
            (_("Rule:"), self.rule),
            (_("Date:"), self.fixed_date),
            (_("Days:"), self.days),
            (_("Counted from:"), self.anchor_kind),
            (_("Session:"), self.anchor_session),
            (_("Anchor date:"), self.anchor_date),
            (_("Document received:"), self.anchor_document),
            (_("Calendar:"), self.calendar),
            ("", self.optional_days),
            (_("Notes:"), self.notes),
        ]
        self.rows: dict[QWidget, QLabel] = {}
        for caption, widget in rows_:
            caption_label = QLabel(caption, self)
            self.rows[widget] = caption_label
            form.addRow(caption_label, widget)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.meeting.currentIndexChanged.connect(self._meeting_changed)
        self.rule.currentIndexChanged.connect(self._update_visible)
        self.anchor_kind.currentIndexChanged.connect(self._update_visible)
        self._fill_sessions(draft.anchor_session_id)
        self._update_visible()

    def _fill_sessions(self, chosen: int | None = None) -> None:
        from rcm_desktop.data.services.meetings import get_meeting

        self.anchor_session.clear()
        meeting_id = self.meeting.currentData()
        detail = get_meeting(self.context.database, meeting_id) if meeting_id else None  # type: ignore[arg-type]
        for session in detail.sessions if detail else ():
            self.anchor_session.addItem(session.title, session.id)
        self.anchor_session.setCurrentIndex(max(self.anchor_session.findData(chosen), 0))

    def _fill_documents(self, chosen: int | None) -> None:
        from rcm_desktop.data.services.document_lists import review_choices
        from rcm_desktop.data.services.settings import profile_country

        database = self.context.database
        for review_id, text in review_choices(database, profile_country(database)):  # type: ignore[arg-type]
            self.anchor_document.addItem(text, review_id)
        self.anchor_document.setCurrentIndex(max(self.anchor_document.findData(chosen), 0))

    def _meeting_changed(self) -> None:
        from rcm_desktop.data.services.deadlines import organiser_calendar

        self._fill_sessions()
        code = organiser_calendar(self.context.database, self.meeting.currentData())  # type: ignore[arg-type]
        if code:
            self.calendar.setCurrentIndex(self.calendar.findData(code))

    def _update_visible(self) -> None:
        rule = self.rule.currentData()
        fixed = rule == DeadlineRule.FIXED
        by_session = self.anchor_kind.currentData() == AnchorKind.SESSION
        by_document = self.anchor_kind.currentData() == AnchorKind.DOCUMENT
        visible = {
            self.fixed_date: fixed,
            self.days: not fixed,
            self.anchor_kind: not fixed,
            self.anchor_session: not fixed and by_session,
            self.anchor_date: not fixed and not by_session and not by_document,
            self.anchor_document: not fixed and by_document,
            self.calendar: rule == DeadlineRule.WORKING_DAYS,
            self.optional_days: rule == DeadlineRule.WORKING_DAYS,
        }
        for widget, shown in visible.items():
            widget.setVisible(shown)
            self.rows[widget].setVisible(shown)

    def collect(self):  # type: ignore[no-untyped-def]
        from rcm_desktop.domain.due_dates import DeadlineDraft

        return DeadlineDraft(
            id=self.draft.id,
            version=self.draft.version,
            title=self.title.text(),
            kind=self.kind.currentData(),
            rule=self.rule.currentData(),
            fixed_date=self.fixed_date.date().toPython(),
            days=self.days.value(),
            anchor_kind=self.anchor_kind.currentData(),
            anchor_session_id=self.anchor_session.currentData(),
            anchor_date=self.anchor_date.date().toPython(),
            anchor_document_review_id=self.anchor_document.currentData(),
            calendar_country=self.calendar.currentData(),
            include_optional_days=self.optional_days.isChecked(),
            meeting_id=self.meeting.currentData(),
            notes=self.notes.toPlainText(),
        )

    def _adopt_version(self, version: int) -> None:
        self.draft.version = version

    def save(self) -> None:
        from rcm_desktop.data.services.deadlines import save_deadline

        draft = self.collect()
        if (
            draft.rule == DeadlineRule.FIXED
            and draft.id is None
            and draft.fixed_date < dt.date.today()
            and QMessageBox.question(
                self, APP_NAME, _("This date has already passed. Save the deadline anyway?")
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        try:
            self.saved_id = save_deadline(self.context.database, draft)  # type: ignore[arg-type]
        except ConflictError as conflict:
            from rcm_desktop.ui.dialogs.conflict_dialog import handle_conflict

            handle_conflict(
                self, conflict, adopt=self._adopt_version, save_again=self.save, note=self.error
            )
            return
        except ValidationError as error:
            self.error.setText(error.message)
            return
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        self.context.events.changed.emit("deadlines")
        self.accept()
