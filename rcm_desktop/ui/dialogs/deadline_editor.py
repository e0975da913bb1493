"""Create or edit a deadline: a fixed date, or N working or calendar days after a session or a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.domain.due_dates import DeadlineDraft, deadline_problems
from rcm_desktop.domain.vocabulary import AnchorKind, DeadlineKind, DeadlineRule, label
from rcm_desktop.domain.workdays import SUPPORTED_CALENDARS
from rcm_desktop.i18n import _, country_name
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import FormDialog
from rcm_desktop.ui.style import MUTED_STYLE
from rcm_desktop.ui.widgets.dates import date_edit
from rcm_desktop.ui.widgets.meeting_picker import MeetingPicker


class DeadlineEditor(FormDialog):
    """The fields that apply to the chosen rule are shown; Save checks and writes in one go."""

    def __init__(
        self, context: AppContext, draft: DeadlineDraft, parent: QWidget | None = None
    ) -> None:
        title = _("New deadline") if draft.id is None else _("Edit deadline")
        super().__init__(context, title, parent)
        self.draft = draft
        self.title = QLineEdit(draft.title, self)
        self.title.setCursorPosition(0)  # a long title shows its beginning
        self.kind = QComboBox(self)
        for kind in DeadlineKind:
            self.kind.addItem(label(kind), kind)
        self.kind.setCurrentIndex(self.kind.findData(draft.kind))
        self.meeting = MeetingPicker(context, self, none_text=_("(no meeting)"))
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
        self.anchor_document.setObjectName("anchorDocument")
        self.anchor_session.setObjectName("anchorSession")
        for combo in (self.anchor_document, self.anchor_session):  # long titles are elided
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(30)
            combo.currentIndexChanged.connect(
                lambda _i, combo=combo: combo.setToolTip(combo.currentText())
            )
        self.calendar = QComboBox(self)
        for code in sorted(SUPPORTED_CALENDARS, key=lambda code: country_name(code)):
            self.calendar.addItem(country_name(code), code)
        own = context.country if context.country in SUPPORTED_CALENDARS else None
        self.calendar.setCurrentIndex(max(self.calendar.findData(draft.calendar_country or own), 0))
        self.documents = QListWidget(self)
        self.documents.setObjectName("deadlineDocuments")
        self.documents.setAccessibleName(_("Documents this deadline governs"))
        self.documents.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.documents.setToolTip(
            _("Tick the documents this deadline is for, e.g. three documents for comments.")
        )
        self.documents.setWordWrap(True)  # a long title wraps inside the list
        self.documents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._checked_documents = set(draft.document_ids)
        self.optional_days = QCheckBox(_("Also skip the calendar's optional days"), self)
        self.optional_days.setChecked(draft.include_optional_days)
        #: The due date this form gives, explained (read off the UI thread as the user types).
        self.preview = QLabel(self)
        self.preview.setObjectName("deadlinePreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setStyleSheet(MUTED_STYLE)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(150)
        self._preview_timer.timeout.connect(self._show_preview)
        self.notes = QPlainTextEdit(draft.notes, self)
        self.notes.setMaximumHeight(70)
        rows: list[tuple[str, QWidget, str | None]] = [
            (_("Title:"), self.title, "title"),
            (_("Kind:"), self.kind, "kind"),
            (_("Meeting:"), self.meeting, "meeting"),
            (_("Rule:"), self.rule, "rule"),
            (_("Date:"), self.fixed_date, "fixed_date"),
            (_("Days:"), self.days, "days"),
            (_("Counted from:"), self.anchor_kind, None),
            (_("Session:"), self.anchor_session, "anchor"),
            (_("Anchor date:"), self.anchor_date, "anchor_date"),
            (_("Document received:"), self.anchor_document, "anchor_document"),
            (_("Calendar:"), self.calendar, "calendar"),
            ("", self.optional_days, None),
            (_("Due:"), self.preview, None),
            (_("Documents it governs:"), self.documents, "documents"),
            (_("Notes:"), self.notes, "notes"),
        ]
        for caption, widget, field in rows:
            self.add_row(caption, widget, field)
        self.finish()
        self.meeting.chosen.connect(self._meeting_changed)
        self.rule.currentIndexChanged.connect(self._update_visible)
        self.anchor_kind.currentIndexChanged.connect(self._update_visible)
        self._wanted_session = draft.anchor_session_id
        self._load_documents(draft.anchor_document_review_id)
        self.meeting.set_meeting(draft.meeting_id)
        self._meeting_changed(keep_calendar=True)
        self._update_visible()
        for signal in (
            self.rule.currentIndexChanged, self.anchor_kind.currentIndexChanged,
            self.anchor_session.currentIndexChanged, self.anchor_document.currentIndexChanged,
            self.calendar.currentIndexChanged, self.days.valueChanged,
            self.optional_days.toggled, self.fixed_date.dateChanged, self.anchor_date.dateChanged,
        ):  # fmt: skip
            signal.connect(lambda *_args: self._preview_timer.start())
        self._preview_timer.start()

    # -- what the chosen meeting offers ----------------------------------------------------

    def _load_documents(self, chosen: int | None) -> None:
        from rcm_desktop.data.services.document_lists import review_choices

        database, country = self.context.database, self.context.country

        def show(choices: list[tuple[int, str]]) -> None:
            self.anchor_document.clear()
            for review_id, text in choices:
                self.anchor_document.addItem(text, review_id)
                last = self.anchor_document.count() - 1
                self.anchor_document.setItemData(last, text, Qt.ItemDataRole.ToolTipRole)
            self.anchor_document.setCurrentIndex(max(self.anchor_document.findData(chosen), 0))

        self.context.tasks.run(
            lambda _report: review_choices(database, country),
            owner=self,
            on_success=show,
            what=_("The documents could not be read."),
        )

    def _meeting_changed(self, keep_calendar: bool = False) -> None:
        from rcm_desktop.data.services.deadlines import meeting_anchors

        database, meeting_id = self.context.database, self.meeting.meeting_id()

        def show(anchors: Any) -> None:
            wanted = self._wanted_session or self.anchor_session.currentData()
            self.anchor_session.clear()
            for session_id, title in anchors.sessions:
                self.anchor_session.addItem(title, session_id)
                last = self.anchor_session.count() - 1
                self.anchor_session.setItemData(last, title, Qt.ItemDataRole.ToolTipRole)
            self.anchor_session.setCurrentIndex(max(self.anchor_session.findData(wanted), 0))
            self._wanted_session = None
            if anchors.calendar and not (keep_calendar and self.draft.calendar_country):
                self.calendar.setCurrentIndex(self.calendar.findData(anchors.calendar))
            self._show_documents(anchors.documents)

        linked = tuple(self._checked_documents | set(self.checked_documents()))
        self.context.tasks.run(
            lambda _report: meeting_anchors(database, meeting_id, linked),
            owner=self,
            on_success=show,
            key="anchors",
            what=_("The meeting's sessions could not be read."),
        )

    def _show_documents(self, choices: tuple[tuple[int, str], ...]) -> None:
        checked = self._checked_documents | set(self.checked_documents())
        self.documents.clear()
        for document_id, title in choices:
            item = QListWidgetItem(title, self.documents)
            item.setData(Qt.ItemDataRole.UserRole, document_id)
            item.setToolTip(title)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if document_id in checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
        self._checked_documents = checked
        if not choices:
            item = QListWidgetItem(_("No document recorded for this meeting."), self.documents)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def checked_documents(self) -> list[int]:
        """The documents ticked in the list."""
        return [
            self.documents.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.documents.count())
            if self.documents.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _show_preview(self) -> None:
        from rcm_desktop.data.services.deadline_preview import preview_deadline

        database = self.context.database
        if database is None:
            return
        draft = self.collect()
        self.context.tasks.run(
            lambda _report: preview_deadline(database, draft),
            owner=self,
            on_success=lambda text: self.preview.setText(
                text or _("Complete the rule to see the due date.")
            ),
            key="preview",
            what=_("The due date could not be worked out."),
        )

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
        for widget, shown in visible.items():  # the whole row: no gap where it was
            assert self.form is not None
            self.form.setRowVisible(self.captions[widget], shown)

    # -- saving ----------------------------------------------------------------------------

    def collect(self) -> DeadlineDraft:
        return replace(
            self.draft,
            title=self.title.text(),
            kind=self.kind.currentData(),
            rule=self.rule.currentData(),
            fixed_date=self.fixed_date.value(),
            days=self.days.value(),
            anchor_kind=self.anchor_kind.currentData(),
            anchor_session_id=self.anchor_session.currentData(),
            anchor_date=self.anchor_date.value(),
            anchor_document_review_id=self.anchor_document.currentData(),
            calendar_country=self.calendar.currentData(),
            include_optional_days=self.optional_days.isChecked(),
            meeting_id=self.meeting.meeting_id(),
            document_ids=tuple(self.checked_documents()),
            notes=self.notes.toPlainText(),
        )

    def check(self, draft: DeadlineDraft) -> dict[str, str]:
        found = deadline_problems(draft)
        anchor = found.pop("anchor", None)
        if anchor is not None:  # shown under the anchor the rule uses
            field = {
                AnchorKind.DATE: "anchor_date",
                AnchorKind.DOCUMENT: "anchor_document",
            }.get(draft.anchor_kind, "anchor")  # type: ignore[arg-type]
            found[field] = anchor
        return found

    def confirm_before_saving(self, draft: DeadlineDraft) -> bool:
        if draft.rule != DeadlineRule.FIXED or draft.id is not None:
            return True
        if draft.fixed_date is None or draft.fixed_date >= dt.date.today():
            return True
        answer = QMessageBox.question(
            self, APP_NAME, _("This date has already passed. Save the deadline anyway?")
        )
        return answer == QMessageBox.StandardButton.Yes

    def adopt_version(self, version: int) -> None:
        self.draft = replace(self.draft, version=version)

    def write(self, database: Any, draft: DeadlineDraft) -> int:
        from rcm_desktop.data.services.deadlines import save_deadline

        return save_deadline(database, draft)

    def saved(self, result: int) -> None:
        self.context.events.announce("deadlines", ids=[result])
        super().saved(result)
