"""The country's review of a document: the next step with its day and notes, the receipt day,
consultations. Each save carries the version of the review (or consultation) it was opened on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from rcm_desktop.data.services.document_reviews import ConsultationDraft, ReviewInfo
from rcm_desktop.domain.vocabulary import ReviewStage, label
from rcm_desktop.i18n import _, format_date
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import FormDialog
from rcm_desktop.ui.widgets.dates import date_edit


@dataclass(frozen=True)
class _Step:
    stage: ReviewStage
    on: dt.date
    notes: str


class ReviewStepDialog(FormDialog):
    """Record the review's next step (the ones the workflow allows), its day, and the notes."""

    def __init__(
        self, context: AppContext, review: ReviewInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, _("Next step of the review"), parent)
        self.review = review
        self.current = QLabel(label(review.stage), self)
        self.stage = QComboBox(self)
        for stage in review.allowed_next:
            self.stage.addItem(label(stage), stage)
        self.day = date_edit(self, QDate(dt.date.today()))
        self.notes = QPlainTextEdit(review.notes, self)
        self.notes.setMaximumHeight(70)
        self.notes.setPlaceholderText(_("Who decided, what was sent, reference numbers…"))
        self.add_row(_("Now:"), self.current)
        self.add_row(_("Next step:"), self.stage, "stage")
        self.add_row(_("On:"), self.day, "date")
        self.add_row(_("Notes:"), self.notes, "notes")
        self.finish()

    def collect(self) -> _Step:
        return _Step(self.stage.currentData(), self.day.value(), self.notes.toPlainText())

    def adopt_version(self, version: int) -> None:
        self.review = replace(self.review, version=version)

    def write(self, database: Any, draft: _Step) -> ReviewInfo:
        from rcm_desktop.data.services.document_reviews import advance_review

        return advance_review(
            database, self.review.id, draft.stage, draft.on,
            version=self.review.version, notes=draft.notes,
        )  # fmt: skip

    def saved(self, result: ReviewInfo) -> None:
        self.context.events.announce("documents", ids=[self.review.document_id])
        super().saved(result.id)


class ReceiptDialog(FormDialog):
    """Correct the day the document arrived; deadlines counted from it move with it."""

    def __init__(
        self, context: AppContext, review: ReviewInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, _("Day the document was received"), parent)
        self.review = review
        self.moved = 0
        self.day = date_edit(self, QDate(review.received_on or dt.date.today()))
        self.add_row(_("Received on:"), self.day, "received_on")
        self.finish()

    def collect(self) -> dt.date:
        return self.day.value()

    def adopt_version(self, version: int) -> None:
        self.review = replace(self.review, version=version)

    def write(self, database: Any, draft: dt.date) -> int:
        from rcm_desktop.data.services.document_reviews import change_received_on

        return change_received_on(database, self.review.id, draft, version=self.review.version)

    def saved(self, result: int) -> None:
        self.moved = result
        self.context.events.announce("documents", ids=[self.review.document_id])
        if result:
            self.context.events.announce("deadlines")
        super().saved(self.review.id)


class ConsultationDialog(FormDialog):
    """An institution consulted during the internal review, its internal due date and answer."""

    def __init__(
        self,
        context: AppContext,
        review: ReviewInfo,
        draft: ConsultationDraft,
        parent: QWidget | None = None,
    ) -> None:
        title = _("New consultation") if draft.id is None else _("Edit consultation")
        super().__init__(context, title, parent)
        self.review = review
        self.draft = draft
        self.institution = QLineEdit(draft.institution, self)
        self.institution.setPlaceholderText(_("e.g. Ministry of Foreign Affairs"))
        self.has_due = QCheckBox(_("Internal due date:"), self)
        self.has_due.setChecked(draft.due_on is not None or draft.id is None)
        self.due = date_edit(self, QDate(draft.due_on or dt.date.today() + dt.timedelta(days=7)))
        self.answered = QCheckBox(_("Answered on:"), self)
        self.answered.setChecked(draft.answered_on is not None)
        self.answered_on = date_edit(self, QDate(draft.answered_on or dt.date.today()))
        self.notes = QPlainTextEdit(draft.notes, self)
        self.notes.setMaximumHeight(60)
        self.add_row(_("Institution:"), self.institution, "institution")
        self.form.addRow(self.has_due, self.due)  # type: ignore[union-attr]
        self.form.addRow("", self.field_message("due_on", self.due))  # type: ignore[union-attr]
        self.form.addRow(self.answered, self.answered_on)  # type: ignore[union-attr]
        self.form.addRow("", self.field_message("answered_on", self.answered_on))  # type: ignore[union-attr]
        self.add_row(_("Notes:"), self.notes, "notes")
        self.has_due.toggled.connect(self.due.setEnabled)
        self.answered.toggled.connect(self.answered_on.setEnabled)
        self.due.setEnabled(self.has_due.isChecked())
        self.answered_on.setEnabled(self.answered.isChecked())
        self.finish()

    def collect(self) -> ConsultationDraft:
        return replace(
            self.draft,
            institution=self.institution.text(),
            due_on=self.due.value() if self.has_due.isChecked() else None,
            answered_on=self.answered_on.value() if self.answered.isChecked() else None,
            notes=self.notes.toPlainText(),
        )

    def adopt_version(self, version: int) -> None:
        self.draft = replace(self.draft, version=version)

    def write(self, database: Any, draft: ConsultationDraft) -> int:
        from rcm_desktop.data.services.document_reviews import save_consultation

        return save_consultation(database, self.review.id, draft)

    def saved(self, result: int) -> None:
        self.context.events.announce("documents", ids=[self.review.document_id])
        super().saved(result)


def steps_text(review: ReviewInfo) -> str:
    """The review's steps so far, one per line: "Received: Thursday, 23 September 2021"."""
    days = (
        (ReviewStage.RECEIVED, review.received_on),
        (ReviewStage.IN_REVIEW, review.review_started_on),
        (ReviewStage.COMMENTS_SENT, review.comments_sent_on),
        (ReviewStage.APPROVAL_SUBMITTED, review.approval_submitted_on),
        (review.stage, review.decided_on),
    )
    return "\n".join(
        _("%(step)s: %(day)s") % {"step": label(stage), "day": format_date(day, "full")}
        for stage, day in days
        if day is not None
    )
