"""Table models of the documents tab: documents, consultations and comments, with declared columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QStyle

from rcm_desktop.domain.vocabulary import ReviewStage, label
from rcm_desktop.i18n import N_, _, format_date
from rcm_desktop.ui.models.rows import Column, RowsModel

Pixmap = QStyle.StandardPixmap

#: Each stage's icon: the stage is always said in words too, never by the icon alone.
STAGE_ICON: dict[ReviewStage | None, Pixmap] = {
    None: Pixmap.SP_MessageBoxQuestion,
    ReviewStage.RECEIVED: Pixmap.SP_FileIcon,
    ReviewStage.IN_REVIEW: Pixmap.SP_FileDialogContentsView,
    ReviewStage.COMMENTS_SENT: Pixmap.SP_ArrowRight,
    ReviewStage.APPROVAL_SUBMITTED: Pixmap.SP_MessageBoxInformation,
    ReviewStage.APPROVED: Pixmap.SP_DialogApplyButton,
    ReviewStage.NOT_APPROVED: Pixmap.SP_DialogCancelButton,
}


def stage_text(stage: ReviewStage | None) -> str:
    return label(stage) if stage is not None else _("Not received")


def _day(value: Any) -> str:
    return format_date(value) if value else "—"


class DocumentsTableModel(RowsModel):
    """Documents with the country's stage (words and an icon), kind, version, meeting, next due."""

    columns = (
        Column("stage", N_("Your stage"), lambda row: stage_text(row.stage)),
        Column("title", N_("Document"), lambda row: row.title),
        Column("kind", N_("Kind"), lambda row: label(row.kind)),
        Column("version", N_("Version"), lambda row: row.version or "—"),
        Column("meeting", N_("Meeting"), lambda row: row.meeting_title or "—"),
        Column("due", N_("Next due"), lambda row: _day(row.next_due)),
    )

    def decoration(self, row: Any, column: int) -> Any:
        if column == 0:
            return QApplication.style().standardIcon(STAGE_ICON[row.stage])
        return None


class ConsultationsModel(RowsModel):
    columns = (
        Column("institution", N_("Institution consulted"), lambda row: row.institution),
        Column("due", N_("Internal due date"), lambda row: _day(row.due_on)),
        Column(
            "answered",
            N_("Answered"),
            lambda row: format_date(row.answered_on) if row.answered_on else _("Not yet"),
        ),
    )


class CommentsModel(RowsModel):
    columns = (
        Column("position", N_("#"), lambda row: str(row.position)),
        Column("section", N_("Section or paragraph"), lambda row: row.section or "—"),
        Column("comment", N_("Comment"), lambda row: row.comment),
        Column("wording", N_("Proposed wording"), lambda row: row.proposed_wording or "—"),
    )
