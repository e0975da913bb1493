"""What the meetings page's buttons do: open the editor, duplicate, change status, attach, delete.

Each action reaches the store through a service function run off the UI thread, then tells
the other views through the "data changed" signal (after Anki's `aqt.operations`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel

from rcm_desktop.i18n import _
from rcm_desktop.ui.dialogs.status_dialog import StatusDialog
from rcm_desktop.ui.widgets.dates import accept_when_dates_read, date_edit
from rcm_desktop.ui.widgets.messages import confirm

if TYPE_CHECKING:
    from collections.abc import Callable

    from rcm_desktop.domain.meetings import MeetingDraft
    from rcm_desktop.ui.pages.meetings import MeetingsPage


def _with_draft(page: MeetingsPage, then: Callable[[MeetingDraft], None]) -> None:
    """Read the selected meeting as a draft off the UI thread, then call *then* with it."""
    from rcm_desktop.data.services.meeting_editing import load_draft

    database, meeting_id = page.context.database, page.view.meeting_id
    if meeting_id is None or database is None:
        return
    page.context.tasks.run(
        lambda _report: load_draft(database, meeting_id),
        owner=page,
        on_success=then,
        on_error=lambda error: _gone(page, error.message),
        what=_("The meeting could not be read."),
    )


def _gone(page: MeetingsPage, message: str) -> None:
    from rcm_desktop.ui.dialogs.form_dialog import show_refusal

    show_refusal(page, message)
    page.reload()


def _write(
    page: MeetingsPage,
    action: Callable[[], object],
    what: str,
    done: Callable[[object], None],
) -> None:
    """Run a write off the UI thread; refusals are shown, *done* gets the result."""
    from rcm_desktop.ui.dialogs.form_dialog import show_refusal

    page.context.tasks.run(
        lambda _report: action(),
        owner=page,
        on_success=done,
        on_error=lambda error: show_refusal(page, error.message),
        what=what,
        writes=True,
    )


def _open_editor(page: MeetingsPage, draft: MeetingDraft) -> None:
    from rcm_desktop.ui.dialogs.meeting_editor import MeetingEditor

    editor = MeetingEditor(page.context, draft, page)
    editor.exec()  # a save announces the meeting, which the page then reloads and selects


def new_meeting(page: MeetingsPage) -> None:
    """Open the editor on an empty meeting; select it once saved."""
    from rcm_desktop.domain.meetings import MeetingDraft

    _open_editor(page, MeetingDraft())


def edit_meeting(page: MeetingsPage) -> None:
    """Open the editor on the selected meeting, read afresh."""
    _with_draft(page, lambda draft: _open_editor(page, draft))


def duplicate_meeting(page: MeetingsPage) -> None:
    """Copy the selected meeting for its next edition, asking for the new first day."""
    _with_draft(page, lambda draft: _duplicate(page, draft))


def _duplicate(page: MeetingsPage, draft: MeetingDraft) -> None:
    from rcm_desktop.data.services.meeting_editing import duplicate_meeting as duplicate

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
    buttons.accepted.connect(lambda: accept_when_dates_read(dialog))
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    database, meeting_id, day = page.context.database, draft.id or 0, start.value()

    def copied(new_id: object) -> None:  # the page reloads and selects the copy
        page.context.events.announce("meetings", ids=[new_id])  # type: ignore[list-item]

    _write(
        page,
        lambda: duplicate(database, meeting_id, day),  # type: ignore[arg-type]
        _("The meeting could not be duplicated."),
        copied,
    )


def change_status(page: MeetingsPage) -> None:
    """Record a new status of the selected meeting, with its day and a note."""
    from rcm_desktop.data.services.meeting_editing import change_status as record

    data = page.view.data
    if data is None or page.context.database is None:
        return
    dialog = StatusDialog(data.detail.status, page)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    database, meeting_id = page.context.database, data.detail.id
    status, day, note = (
        dialog.status.currentData(),
        dialog.day.value(),
        dialog.note.text(),
    )
    _write(
        page,
        lambda: record(database, meeting_id, status, day, note),
        _("The meeting's status could not be changed."),
        lambda _none: page.context.events.announce("meetings", ids=[meeting_id]),
    )


def attach_file(page: MeetingsPage, path: str | None = None) -> None:
    """Attach a file (asked for when *path* is None) to the selected meeting."""
    from rcm_desktop.data.services.attachments import add_attachment

    meeting_id = page.view.meeting_id
    if meeting_id is None or page.context.database is None:
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
    database, profile, source = page.context.database, page.context.profile, Path(path)
    _write(
        page,
        lambda: add_attachment(database, profile, meeting_id, source),
        _("The file could not be attached."),
        lambda _info: page.context.events.announce("meetings", ids=[meeting_id]),
    )


def delete_meeting(page: MeetingsPage) -> None:
    """Delete the selected meeting after asking."""
    from rcm_desktop.data.services.meeting_editing import delete_meeting as delete

    data = page.view.data
    if data is None or page.context.database is None:
        return
    question = _(
        "Delete “%(title)s” with its sessions, agenda, questions and attachments? "
        "This cannot be undone, but the backups in the profile keep earlier data."
    ) % {"title": data.detail.title}
    if not confirm(page, question):
        return
    database, meeting_id = page.context.database, data.detail.id

    def deleted(_none: object) -> None:
        page.view.show_empty()
        page.context.events.announce("meetings", ids=[meeting_id])

    _write(
        page,
        lambda: delete(database, meeting_id),
        _("The meeting could not be deleted."),
        deleted,
    )


def print_briefing(page: MeetingsPage, *, quiet: bool = False):  # type: ignore[no-untyped-def]
    """Ask how to print the selected meeting's briefing pack, then build it off the UI thread.

    Returns the running `PdfJob` (None when the user cancelled the dialog).
    """
    from rcm_desktop.data.services.briefing_data import gather_briefing
    from rcm_desktop.domain.timezones import capital_zone
    from rcm_desktop.printing.briefing.pack import BriefingOptions, build_briefing
    from rcm_desktop.ui.context import user_zone
    from rcm_desktop.ui.dialogs.print_briefing import PrintBriefingDialog
    from rcm_desktop.ui.pdf_job import PdfJob

    database, data = page.context.database, page.view.data
    if data is None or database is None:
        return None
    dialog = PrintBriefingDialog(page.context, data.detail.title, page, data.detail.start_date)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    country = dialog.country.code() or ""
    zone = user_zone(page.context) if country == page.context.country else capital_zone(country)
    options = BriefingOptions(dialog.language.code(), dialog.marking.text().strip())
    target = dialog.target()
    meeting_id = data.detail.id

    def build(report, cancelled):  # type: ignore[no-untyped-def]
        briefing = gather_briefing(database, meeting_id, country, zone)
        return build_briefing(briefing, target, options, progress=report, cancelled=cancelled)

    job = PdfJob(page.context, page, quiet=quiet)
    page.briefing_job = job  # kept alive while it runs
    job.start(build, target, _("Printing the briefing pack…"))
    return job
