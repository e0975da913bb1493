"""The country's review of a document: the next step with its day, the receipt day, consultations."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from rcm_desktop.domain.vocabulary import label
from rcm_desktop.i18n import _, format_date
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import FormDialog
from rcm_desktop.ui.widgets.dates import date_edit


class ReviewStepDialog(FormDialog):
    """Record the review's next step (the ones the workflow allows) and the day it happened."""

    def __init__(self, context: AppContext, review, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(_("Next step of the review"), parent)
        self.context = context
        self.review = review
        self.current = QLabel(label(review.stage), self)
        self.stage = QComboBox(self)
        for stage in review.allowed_next:
            self.stage.addItem(label(stage), stage)
        self.day = date_edit(self, QDate(dt.date.today()))
        self.add_row(_("Now:"), self.current)
        self.add_row(_("Next step:"), self.stage, "stage")
        self.add_row(_("On:"), self.day, "date")
        self.finish()

    def apply(self) -> None:
        from rcm_desktop.data.services.document_reviews import advance_review

        advance_review(
            self.context.database,  # type: ignore[arg-type]
            self.review.id,
            self.stage.currentData(),
            self.day.date().toPython(),
        )
        self.context.events.changed.emit("documents")


class ReceiptDialog(FormDialog):
    """Correct the day the document arrived; deadlines counted from it move with it."""

    def __init__(self, context: AppContext, review, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(_("Day the document was received"), parent)
        self.context = context
        self.review = review
        self.moved = 0
        self.day = date_edit(self, QDate(review.received_on or dt.date.today()))
        self.add_row(_("Received on:"), self.day, "received_on")
        self.finish()

    def apply(self) -> None:
        from rcm_desktop.data.services.document_reviews import change_received_on

        self.moved = change_received_on(
            self.context.database,  # type: ignore[arg-type]
            self.review.id,
            self.day.date().toPython(),
        )
        self.context.events.changed.emit("documents")
        if self.moved:
            self.context.events.changed.emit("deadlines")


class ConsultationDialog(FormDialog):
    """An institution consulted during the internal review, its internal due date and answer."""

    def __init__(
        self, context: AppContext, review_id: int, draft, parent: QWidget | None = None
    ) -> None:  # type: ignore[no-untyped-def]
        super().__init__(
            _("New consultation") if draft.id is None else _("Edit consultation"), parent
        )
        self.context = context
        self.review_id = review_id
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
        self.form.addRow(self.has_due, self.due)
        self.fields["due_on"] = self.due
        self.form.addRow(self.answered, self.answered_on)
        self.fields["answered_on"] = self.answered_on
        self.add_row(_("Notes:"), self.notes, "notes")
        self.has_due.toggled.connect(self.due.setEnabled)
        self.answered.toggled.connect(self.answered_on.setEnabled)
        self.due.setEnabled(self.has_due.isChecked())
        self.answered_on.setEnabled(self.answered.isChecked())
        self.finish()

    def apply(self) -> None:
        from rcm_desktop.data.services.document_reviews import ConsultationDraft, save_consultation

        save_consultation(
            self.context.database,  # type: ignore[arg-type]
            self.review_id,
            ConsultationDraft(
                institution=self.institution.text(),
                due_on=self.due.date().toPython() if self.has_due.isChecked() else None,
                answered_on=(
                    self.answered_on.date().toPython() if self.answered.isChecked() else None
                ),
                notes=self.notes.toPlainText(),
                id=self.draft.id,
            ),
        )
        self.context.events.changed.emit("documents")


def steps_text(review) -> str:  # type: ignore[no-untyped-def]
    """The review's steps so far, one per line: "Received — Thu 23 Sep 2021"."""
    from rcm_desktop.domain.vocabulary import ReviewStage

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
