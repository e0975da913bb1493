"""Importing a concept note: Meetings ▸ Import a concept note… (Ctrl+I), a file dropped on the
Meetings page, or Meetings ▸ Paste a concept note's text… (an e-mail's body).

The note is read and its draft extracted off the UI thread, with a busy indicator that can be
cancelled, and the store is asked whether the note revises a recorded meeting (then the user
chooses: compare with it, create a new meeting, or cancel the import). A file that is not a readable note is
refused with the reader's reason and nothing opens. The review (`NoteReviewDialog`) saves;
afterwards the Meetings page shows the new or updated meeting.

Kept light at import (the window builds its menu from it before its first paint): Qt's
enums and everything else load when an action is used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from rcm_desktop.i18n import _

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData
    from PySide6.QtWidgets import QProgressDialog

    from rcm_desktop.data.services.meetings import MeetingRow
    from rcm_desktop.exchange.notes.draft import NoteDraft
    from rcm_desktop.exchange.notes.reading import NoteFile
    from rcm_desktop.ui.context import AppContext
    from rcm_desktop.ui.dialogs.note_review import NoteReviewDialog

#: The last folder a note was chosen in (the file dialog opens there next time).
FOLDER_KEY = "notes.folder"


def note_menu(window: Any, menu: QMenu) -> None:
    """Fill the window's Meetings menu: import a note's file, or paste its text."""
    menu.addAction(
        window._action(
            _("&Import a concept note…"), lambda: note_import(window).choose_file(), "Ctrl+I"
        )
    )
    menu.addAction(
        window._action(_("&Paste a concept note's text…"), lambda: note_import(window).paste_text())
    )


def note_import(widget: QWidget) -> NoteImport:
    """The window's one concept-note import (made on first use)."""
    window = widget.window()
    found = window.findChild(NoteImport, "noteImport")
    if found is None:
        context = getattr(window, "context", None) or widget.context  # type: ignore[attr-defined]
        found = NoteImport(window, context)
    return found


def accept_note_drops(page: QWidget) -> None:
    """A file dropped on *page* is imported as a concept note."""
    page.setAcceptDrops(True)
    page.installEventFilter(_NoteDrops(page))


def dropped_file(mime: QMimeData) -> Path | None:
    """The one local file a drag carries, or None."""
    files = (
        [url.toLocalFile() for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
    )
    return Path(files[0]) if len(files) == 1 and files[0] else None


class _NoteDrops(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            path = dropped_file(event.mimeData())  # type: ignore[attr-defined]
            if path is None:
                return False
            event.acceptProposedAction()  # type: ignore[attr-defined]
            if kind == QEvent.Type.Drop and isinstance(watched, QWidget):
                note_import(watched).open_file(path)
            return True
        return False


class NoteImport(QObject):
    """Reads notes for *window* and opens their review (`review`, the last one opened)."""

    def __init__(self, window: QWidget, context: AppContext) -> None:
        super().__init__(window)
        self.setObjectName("noteImport")
        self.window_ = window
        self.context = context
        self.review: NoteReviewDialog | None = None
        self.progress: QProgressDialog | None = None
        self._reading = 0  # the reading under way; a cancelled one is forgotten

    # -- the user's ways in -------------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for a note's file, then read it."""
        from PySide6.QtWidgets import QFileDialog

        if self.context.database is None:
            return
        folder = self.context.preferences.get(FOLDER_KEY) or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self.window_,
            _("Import a concept note"),
            folder,
            _("Concept notes (*.docx *.pdf *.odt *.txt *.html *.htm *.eml);;All files (*)"),
        )
        if path:
            self.context.preferences.remember(FOLDER_KEY, str(Path(path).parent))
            self.open_file(path)

    def paste_text(self) -> None:
        """Ask for a note's text (an e-mail's body), then read it."""
        if self.context.database is None:
            return
        dialog = PasteNoteDialog(self.window_)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.open_text(dialog.text.toPlainText())

    def open_file(self, path: str | Path) -> None:
        """Read the note at *path* in the background, then review it."""
        source = Path(path)

        def read() -> NoteFile:
            from rcm_desktop.exchange.notes.reading import read_note_file

            return read_note_file(source)

        self._read(read, source.name)

    def open_text(self, text: str) -> None:
        """Read a pasted note in the background, then review it."""

        def read() -> NoteFile:
            from rcm_desktop.exchange.notes.reading import note_from_text

            return note_from_text(text)

        self._read(read, _("the pasted text"))

    # -- reading ------------------------------------------------------------------------------

    def _read(self, read: Callable[[], NoteFile], name: str) -> None:
        database = self.context.database
        if database is None:
            return
        self._reading += 1
        token = self._reading
        self._show_busy(_("Reading %(file)s…") % {"file": name})

        def work(_report: object) -> tuple[NoteFile, NoteDraft, MeetingRow | None]:
            from rcm_desktop.data.services.meeting_list import meeting_rows
            from rcm_desktop.data.services.note_revision import find_revised_meeting
            from rcm_desktop.exchange.notes.extract import extract_draft
            from rcm_desktop.ui.dialogs.note_review_lists import due_preview

            note = read()
            draft = extract_draft(note.text)
            for deadline in draft.deadlines:  # a calendar's holidays are read here, not on paint
                due_preview(deadline.rule, deadline.days, deadline.after, deadline.calendar)
            found = find_revised_meeting(database, draft)
            revised = meeting_rows(database, [found]).get(found) if found is not None else None
            return note, draft, revised

        self.context.tasks.run(
            work,
            owner=self.window_,
            on_success=lambda result: self._read_done(token, *result),
            on_error=lambda error: self._refused(token, error.message),
            on_done=lambda: self._hide_busy(token),
            what=_("The concept note could not be read."),
        )

    def _show_busy(self, text: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        from rcm_desktop import APP_NAME

        self._hide_busy(None)
        progress = QProgressDialog(text, _("Cancel"), 0, 0, self.window_)
        progress.setObjectName("noteReading")
        progress.setWindowTitle(APP_NAME)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumDuration(300)  # a quick reading shows no flash of a dialog
        progress.canceled.connect(self._cancel)
        progress.setValue(0)
        self.progress = progress
        self._status(text)

    def _hide_busy(self, token: int | None) -> None:
        if token is not None and token != self._reading:
            return
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.canceled.disconnect(self._cancel)
            progress.close()
            progress.deleteLater()
        self._status("")

    def _cancel(self) -> None:
        """The user cancelled the reading: its result, when it comes, is dropped."""
        self._reading += 1
        self._hide_busy(None)

    def _status(self, text: str, timeout: int = 0) -> None:
        status_bar = getattr(self.window_, "statusBar", None)
        if status_bar is not None:
            if text:
                status_bar().showMessage(text, timeout)
            else:
                status_bar().clearMessage()

    def _refused(self, token: int, message: str) -> None:
        from rcm_desktop.ui.dialogs.form_dialog import show_refusal

        if token != self._reading:
            return
        self._hide_busy(token)
        show_refusal(self.window_, message)

    def _read_done(
        self, token: int, note: NoteFile, draft: NoteDraft, revised: MeetingRow | None
    ) -> None:
        from rcm_desktop.ui.dialogs.note_review import NoteReviewDialog

        if token != self._reading:
            return
        self._hide_busy(token)
        answer = self._ask_compare(revised) if revised is not None else "new"
        if answer is None:
            return  # cancelled: nothing opens, nothing is saved
        compare = answer == "compare"
        if self.review is not None:
            self.review.deleteLater()
        self.review = NoteReviewDialog(
            self.context,
            note,
            draft,
            self.window_,
            on_saved=self._saved,
            found=revised.id if revised is not None else None,
        )
        self.review.open()
        if compare and revised is not None:
            self.review.compare_with(revised.id, revised.title)

    def _ask_compare(self, revised: MeetingRow) -> str | None:
        """Whether the user compares the note with *revised* ("compare"), makes a new meeting
        of it ("new"), or cancels the import (None: Cancel or Esc)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from rcm_desktop import APP_NAME
        from rcm_desktop.i18n import format_date

        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, "", parent=self.window_)
        box.setObjectName("revisionQuestion")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            _("This note looks like a revision of “%(title)s” (%(date)s).")
            % {"title": revised.title, "date": format_date(revised.first_date)}
        )
        box.setInformativeText(
            _(
                "Compare it with that meeting to choose which of its changes to apply, or "
                "create a new meeting from it."
            )
        )
        compare = box.addButton(_("&Compare with it"), QMessageBox.ButtonRole.AcceptRole)
        new = box.addButton(_("Create a &new meeting"), QMessageBox.ButtonRole.ActionRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(compare)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "compare" if clicked is compare else "new" if clicked is new else None

    def _saved(self, meeting_id: int, message: str) -> None:
        """Show the meeting saved on the Meetings page, and say so in the status bar."""
        from rcm_desktop.ui.pages.registry import PAGES

        show_page = getattr(self.window_, "show_page", None)
        if show_page is not None:
            show_page(next(i for i, spec in enumerate(PAGES) if spec.key == "meetings"))
        self.context.events.announce("meetings", ids=[meeting_id])
        self._status(message, 15000)


class PasteNoteDialog(QDialog):
    """A large plain-text box for a note's text (an e-mail's body); OK reads it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

        super().__init__(parent)
        self.setObjectName("pasteNote")
        self.setWindowTitle(_("Paste a concept note's text"))
        layout = QVBoxLayout(self)
        caption = QLabel(
            _(
                "Paste the text of the concept note, or the body of the e-mail that holds it "
                "(Ctrl+V). It is read as plain text."
            ),
            self,
        )
        caption.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("pastedNote")
        self.text.setAccessibleName(_("The concept note's text"))
        caption.setBuddy(self.text)
        layout.addWidget(caption)
        layout.addWidget(self.text, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.read_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.read_button.setText(_("&Read the note"))
        self.read_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(
            lambda: self.read_button.setEnabled(bool(self.text.toPlainText().strip()))
        )
        layout.addWidget(self.buttons)
        self.resize(720, 520)
        self.text.setFocus()
