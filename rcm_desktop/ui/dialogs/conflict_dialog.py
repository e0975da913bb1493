"""Someone else saved the record while you were editing it: see both versions, and choose.

"Ana Peña (ana@LAPTOP-3) changed this nomination at 10:42 while you were editing it",
the fields that differ side by side (theirs, yours), and three ways on: keep theirs
(discard mine), keep mine (save over theirs, deliberately), or go back and edit (the
form keeps everything typed). Nothing the user typed is lost by this dialog.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from enum import Enum, StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.vocabulary import label
from rcm_desktop.errors import ConflictError
from rcm_desktop.i18n import N_, _, format_date, format_time
from rcm_desktop.ui.events import EVERYTHING

#: Bookkeeping fields a user never typed: never shown as a difference.
_HIDDEN = {
    "id", "version", "row_version", "key", "session_key", "document_id", "meeting_id",
    "country_code", "allowed_next", "can_step_back", "first_date", "forums", "title",
}  # fmt: skip

#: Captions of the fields the drafts share, by attribute name.
CAPTIONS = {
    "title": N_("Title"),
    "start_date": N_("Start date"),
    "end_date": N_("End date"),
    "kind": N_("Kind"),
    "modality": N_("Modality"),
    "status": N_("Status"),
    "convening_body": N_("Convened by"),
    "forums": N_("Forums"),
    "venue": N_("Venue"),
    "platform": N_("Platform"),
    "time_zone": N_("Time zone"),
    "time_zone_label": N_("Time zone as written"),
    "context": N_("Context"),
    "objectives": N_("Objectives"),
    "methodology": N_("Methodology"),
    "interpretation": N_("Interpretation"),
    "participants": N_("Participants"),
    "max_participants_per_country": N_("Participants per country"),
    "observers_invited": N_("Observers invited"),
    "civil_society_invited": N_("Civil society invited"),
    "notes": N_("Notes"),
    "sessions": N_("Sessions"),
    "questions": N_("Guiding questions"),
    "full_name": N_("Full name"),
    "institution": N_("Institution"),
    "honorific": N_("Honorific"),
    "position": N_("Position"),
    "agency": N_("Ministry or agency"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "languages": N_("Languages"),
    "gender": N_("Gender"),
    "country_code": N_("Country"),
    "person": N_("Person"),
    "role": N_("Role"),
    "seat_position": N_("Seat"),
    "submitted_on": N_("Submitted on"),
    "status_changed_on": N_("Status changed on"),
    "rule": N_("Rule"),
    "fixed_date": N_("Date"),
    "days": N_("Days"),
    "anchor_kind": N_("Counted from"),
    "anchor_session_id": N_("Session"),
    "anchor_date": N_("From date"),
    "anchor_document_review_id": N_("Document received"),
    "calendar_country": N_("Calendar"),
    "include_optional_days": N_("Optional holidays count as closed"),
    "meeting_id": N_("Meeting"),
    "comment": N_("Comment"),
    "section": N_("Section or paragraph"),
    "proposed_wording": N_("Proposed wording"),
    "due_on": N_("Due on"),
    "done_on": N_("Done on"),
    "received_on": N_("Received on"),
    "review_started_on": N_("Internal review started on"),
    "comments_sent_on": N_("Comments sent on"),
    "approval_submitted_on": N_("Approval submitted on"),
    "decided_on": N_("Decided on"),
    "consultations": N_("Consultations"),
    "stage": N_("Stage"),
    "limit": N_("Maximum per country"),
    "limit_source": N_("Where the limit comes from"),
    "seats": N_("Seats"),
    "answered_on": N_("Answered on"),
}


class ConflictChoice(Enum):
    KEEP_THEIRS = "theirs"
    KEEP_MINE = "mine"
    EDIT = "edit"


def shown(value: object) -> str:
    """A field's value as the comparison shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, StrEnum):
        try:
            return label(value)
        except (KeyError, ValueError):
            return str(value)
    if isinstance(value, dt.datetime):
        return f"{format_date(value.date())} {format_time(value.time())}"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, dt.time):
        return format_time(value)
    if isinstance(value, list | tuple):
        parts = [getattr(item, "title", None) or getattr(item, "text", None) or shown(item)
                 for item in value]  # fmt: skip
        return "\n".join(str(part) for part in parts) or "—"
    return str(value)


def differences(theirs: object, yours: object) -> list[tuple[str, str, str]]:
    """(caption, theirs, yours) for every field the two versions hold differently."""
    if not (dataclasses.is_dataclass(theirs) and dataclasses.is_dataclass(yours)):
        return []
    rows = []
    for field in dataclasses.fields(theirs):  # type: ignore[arg-type]
        if field.name in _HIDDEN or not hasattr(yours, field.name):
            continue
        mine, stored = getattr(yours, field.name), getattr(theirs, field.name)
        stored_text, my_text = shown(stored), shown(mine)
        if stored_text != my_text:
            caption = CAPTIONS.get(field.name)
            rows.append((_(caption) if caption else field.name, stored_text, my_text))
    return rows


class ConflictDialog(QDialog):
    """Who changed the record and when, both versions side by side, and three choices."""

    def __init__(self, conflict: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.choice = ConflictChoice.EDIT
        self.setObjectName("conflictDialog")
        self.setWindowTitle(_("Changed by someone else"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        self.headline = QLabel(conflict.message, self)
        self.headline.setObjectName("conflictHeadline")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setStyleSheet("font-weight: 600")
        layout.addWidget(self.headline)
        rows = differences(conflict.theirs, conflict.yours)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("conflictTable")
        who = conflict.changed_by or _("someone")
        self.table.setHorizontalHeaderLabels(
            [_("Field"), _("Theirs (saved by %(who)s)") % {"who": who}, _("Yours (not saved)")]
        )
        for number, (caption, stored, mine) in enumerate(rows):
            for column, text in enumerate((caption, stored, mine)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(number, column, item)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(rows))
        layout.addWidget(self.table)
        self.same = QLabel(
            _("They saved the same values you typed, or changed parts this form does not show."),
            self,
        )
        self.same.setWordWrap(True)
        self.same.setVisible(not rows)
        layout.addWidget(self.same)
        buttons = QHBoxLayout()
        self.theirs_button = QPushButton(_("Keep &theirs (discard mine)"), self)
        self.mine_button = QPushButton(_("Keep &mine (save over theirs)"), self)
        self.edit_button = QPushButton(_("Go back and &edit"), self)
        self.edit_button.setDefault(True)
        for button, choice in (
            (self.theirs_button, ConflictChoice.KEEP_THEIRS),
            (self.mine_button, ConflictChoice.KEEP_MINE),
            (self.edit_button, ConflictChoice.EDIT),
        ):
            button.clicked.connect(lambda _checked=False, chosen=choice: self.choose(chosen))
            buttons.addWidget(button)
        layout.addLayout(buttons)

    def choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:  # Escape or the window's close box: back to the form
        self.choice = ConflictChoice.EDIT
        super().reject()


def resolve_conflict(parent: QWidget, conflict: ConflictError) -> ConflictChoice:
    """Show the conflict and return what the user chose (EDIT when the dialog is closed)."""
    dialog = ConflictDialog(conflict, parent)
    dialog.exec()
    return dialog.choice


def kept_message(conflict: ConflictError) -> str:
    """What the form says after "go back and edit": the edit is kept; saving replaces theirs."""
    return _(
        "Your edit is kept. %(who)s saved another version meanwhile; when you save, "
        "yours replaces theirs."
    ) % {"who": conflict.changed_by or _("someone")}


def handle_conflict(
    form: QDialog,
    conflict: ConflictError,
    *,
    adopt: Callable[[int], None],
    save_again: Callable[[], None],
    note: QLabel | None = None,
) -> ConflictChoice:
    """Ask, then act for an editor whose save met *conflict*; the form's fields stay as typed.

    *adopt* makes the form carry the stored version (so the next save goes over theirs);
    "keep theirs" closes the form without saving and asks every page to reload.
    """
    choice = resolve_conflict(form, conflict)
    if choice is ConflictChoice.KEEP_THEIRS:
        context = getattr(form, "context", None)
        if context is not None:
            context.events.changed.emit(EVERYTHING)
        form.done(QDialog.DialogCode.Rejected)
        return choice
    adopt(conflict.stored_version)
    if choice is ConflictChoice.KEEP_MINE:
        save_again()
    elif note is not None:
        note.setText(kept_message(conflict))
        note.show()
    return choice
