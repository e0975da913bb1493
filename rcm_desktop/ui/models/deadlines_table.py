"""The deadlines table: urgency in words, with an icon and a colour (never the colour alone)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QStyle

from rcm_desktop.domain.vocabulary import label
from rcm_desktop.i18n import N_, _, country_name, format_date
from rcm_desktop.ui.models.rows import Column, RowsModel
from rcm_desktop.ui.style import DONE_BACKGROUND, OVERDUE_BACKGROUND, SOON_BACKGROUND

URGENCY_TEXT = {
    "overdue": N_("Overdue"),
    "soon": N_("Due soon"),
    "later": N_("Later"),
    "done": N_("Done"),
    "unknown": N_("No date yet"),
}
URGENCY_COLOUR = {"overdue": OVERDUE_BACKGROUND, "soon": SOON_BACKGROUND, "done": DONE_BACKGROUND}
URGENCY_ICON = {
    "overdue": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "soon": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "done": QStyle.StandardPixmap.SP_DialogApplyButton,
    "unknown": QStyle.StandardPixmap.SP_MessageBoxQuestion,
}


def urgency_label(urgency: str) -> str:
    return _(URGENCY_TEXT[urgency])


class DeadlinesModel(RowsModel):
    """Deadline rows by due date: urgency, due, title, meeting, kind, calendar, the user's own."""

    columns = (
        Column("urgency", N_("Urgency"), lambda row: urgency_label(row.urgency)),
        Column("due", N_("Due"), lambda row: format_date(row.due) if row.due else "—"),
        Column("title", N_("Deadline"), lambda row: row.title),
        Column("meeting", N_("Meeting"), lambda row: row.meeting_title),
        Column("kind", N_("Kind"), lambda row: label(row.kind)),
        Column(
            "calendar",
            N_("Calendar"),
            lambda row: country_name(row.calendar) if row.calendar else "—",
        ),
        Column(
            "own",
            N_("On your calendar"),
            lambda row: format_date(row.own_calendar_due) if row.own_calendar_due else "",
        ),
    )

    def background(self, row: Any, column: int) -> str | None:
        return URGENCY_COLOUR.get(row.urgency)

    def decoration(self, row: Any, column: int) -> Any:
        if column == 0 and row.urgency in URGENCY_ICON:
            return QApplication.style().standardIcon(URGENCY_ICON[row.urgency])
        return None
