"""What the meetings page's buttons do: open the editor, duplicate, change status, attach, delete.

Each action reaches the store through service functions and tells the other views through the
"data changed" signal (after Anki's `aqt.operations`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
)

from rcm_desktop import APP_NAME
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _
from rcm_desktop.ui.dialogs.status_dialog import StatusDialog
from rcm_desktop.ui.widgets.dates import date_edit
from rcm_desktop.ui.widgets.messages import confirm

if TYPE_CHECKING:
    from rcm_desktop.domain.meetings import MeetingDraft
    from rcm_desktop.ui.pages.meetings import MeetingsPage


def _selected_draft(page: MeetingsPage) -> MeetingDraft | None:
    """The selected meeting as a draft; None (after saying why) when there is none any more."""
    from rcm_desktop.data.services.meeting_editing import load_draft

    if page.view.meeting_id is None or page.context.database is None:
        return None
    try:
        return load_draft(page.context.database, page.view.meeting_id)
    except RcmDeskError as error:
        QMessageBox.warning(page, APP_NAME, error.message)
        page.reload()
        return None


def new_meeting(page: MeetingsPage) -> None:
    """Open the editor on an empty meeting; select it once saved."""
    from rcm_desktop.domain.meetings import MeetingDraft
    from rcm_desktop.ui.dialogs.meeting_editor import MeetingEditor

    editor = MeetingEditor(page.context, MeetingDraft(), page)
    if editor.exec() == QDialog.DialogCode.Accepted and editor.saved_id is not None:
        page.reload(select_id=editor.saved_id)


def edit_meeting(page: MeetingsPage) -> None:
    """Open the editor on the selected meeting."""
    from rcm_desktop.ui.dialogs.meeting_editor import MeetingEditor

    draft = _selected_draft(page)
    if draft is None:
        return
    editor = MeetingEditor(page.context, draft, page)
    if editor.exec() == QDialog.DialogCode.Accepted and editor.saved_id is not None:
        page.reload(select_id=editor.saved_id)
        page.view.show_meeting(page.context, editor.saved_id)


def duplicate_meeting(page: MeetingsPage) -> None:
    """Copy the selected meeting for its next edition, asking for the new first day."""
    from rcm_desktop.data.services.meeting_editing import duplicate_meeting

    draft = _selected_draft(page)
    if draft is None:
        return
    dialog = QDialog(page)
    dialog.setWindowTitle(_("Duplicate meeting"))
    form = QFormLayout(dialog)
    explanation = QLabel(
        _(
            "A copy for the next edition: its sessions move by the same number of days, "
            "and the delegation's positions are left empty."
        ),
        dialog,
    )
    explanation.setWordWrap(True)
    form.addRow(explanation)
    start = date_edit(dialog, QDate(draft.start_date).addMonths(3))
    form.addRow(_("New first day:"), start)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        new_id = duplicate_meeting(page.context.database, draft.id or 0, start.date().toPython())
    except RcmDeskError as error:
        QMessageBox.warning(page, APP_NAME, error.message)
        return
    page.context.events.changed.emit("meetings")
    page.reload(select_id=new_id)


def change_status(page: MeetingsPage) -> None:
    """Record a new status of the selected meeting, with its day and a note."""
    from rcm_desktop.data.services.meeting_editing import change_status
    from rcm_desktop.data.services.meetings import get_meeting

    if page.view.meeting_id is None or page.context.database is None:
        return
    detail = get_meeting(page.context.database, page.view.meeting_id)
    if detail is None:
        return
    dialog = StatusDialog(detail.status, page)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        change_status(
            page.context.database,
            detail.id,
            dialog.status.currentData(),
            dialog.day.date().toPython(),
            dialog.note.text(),
        )
    except RcmDeskError as error:
        QMessageBox.warning(page, APP_NAME, error.message)
        return
    page.context.events.changed.emit("meetings")


def attach_file(page: MeetingsPage, path: str | None = None) -> None:
    """Attach a file (asked for when *path* is None) to the selected meeting."""
    from rcm_desktop.data.services.attachments import add_attachment

    if page.view.meeting_id is None or page.context.database is None:
        return
    if not path:
        path, _filter = QFileDialog.getOpenFileName(
            page,
            _("Attach a file to the meeting"),
            str(Path.home()),
            _("Documents (*.pdf *.docx *.doc *.odt *.xlsx *.pptx *.txt);;All files (*)"),
        )
    if not path:
        return
    try:
        add_attachment(
            page.context.database, page.context.profile, page.view.meeting_id, Path(path)
        )
    except RcmDeskError as error:
        QMessageBox.warning(page, APP_NAME, error.message)
        return
    page.view.show_meeting(page.context, page.view.meeting_id)


def delete_meeting(page: MeetingsPage) -> None:
    """Delete the selected meeting after asking."""
    from rcm_desktop.data.services.meeting_editing import delete_meeting

    if page.view.meeting_id is None or page.context.database is None:
        return
    row = page.model.row_of(page.view.meeting_id)
    meeting = page.model.row_at(row)
    title = meeting.title if meeting else ""
    question = _(
        "Delete “%(title)s” with its sessions, agenda, questions and attachments? "
        "This cannot be undone, but the backups in the profile keep earlier data."
    ) % {"title": title}
    if not confirm(page, question):
        return
    try:
        delete_meeting(page.context.database, page.view.meeting_id)
    except RcmDeskError as error:
        QMessageBox.warning(page, APP_NAME, error.message)
        return
    page.view.show_empty()
    page.context.events.changed.emit("meetings")


def print_briefing(page: MeetingsPage, *, quiet: bool = False):  # type: ignore[no-untyped-def]
    """Ask how to print the selected meeting's briefing pack, then build it off the UI thread.

    Returns the running `PdfJob` (None when the user cancelled the dialog).
    """
    from rcm_desktop.data.services.briefing_data import gather_briefing
    from rcm_desktop.data.services.settings import profile_country
    from rcm_desktop.domain.timezones import capital_zone
    from rcm_desktop.printing.briefing.pack import BriefingOptions, build_briefing
    from rcm_desktop.ui.context import user_zone
    from rcm_desktop.ui.dialogs.print_briefing import PrintBriefingDialog
    from rcm_desktop.ui.pdf_job import PdfJob

    database = page.context.database
    meeting_id = page.view.meeting_id
    if meeting_id is None or database is None:
        return None
    row = page.model.row_at(page.model.row_of(meeting_id))
    dialog = PrintBriefingDialog(page.context, row.title if row else "", page)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    country = dialog.country.code() or ""
    zone = (
        user_zone(page.context) if country == profile_country(database) else capital_zone(country)
    )
    options = BriefingOptions(dialog.language.code(), dialog.marking.text().strip())
    target = dialog.target()

    def build(report, cancelled):  # type: ignore[no-untyped-def]
        data = gather_briefing(database, meeting_id, country, zone)
        return build_briefing(data, target, options, progress=report, cancelled=cancelled)

    job = PdfJob(page.context, page, quiet=quiet)
    page.briefing_job = job  # kept alive while it runs
    job.start(build, target, _("Printing the briefing pack…"))
    return job
