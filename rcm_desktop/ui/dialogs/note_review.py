"""The review of a concept note: the note's text on the left, every value read from it
highlighted; on the right the draft meeting, field by field as the meeting editor groups them,
every field editable, those the note does not give marked, those it gives twice to choose.

"Create the meeting" saves it in one transaction (the note's file attached); nothing is saved
while a choice is open or the title, first day or modality is missing, and a refusal keeps
everything typed. A note that revises a recorded meeting is compared with it instead: the
changes as a checklist, and only the checked ones applied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.errors import ConflictError, RcmDeskError, ValidationError
from rcm_desktop.exchange.notes.draft import NoteDraft
from rcm_desktop.exchange.notes.to_meeting import check_importable
from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.note_review_general import GeneralPanel
from rcm_desktop.ui.dialogs.note_review_lists import (
    DeadlinesPanel,
    ParticipantsPanel,
    QuestionsPanel,
)
from rcm_desktop.ui.dialogs.note_review_marks import (
    ReviewPanel,
    field_caption,
    open_choices,
    review_summary,
    unresolved_message,
)
from rcm_desktop.ui.dialogs.note_review_revision import (
    RevisionPanel,
    ask_compare_again,
    choose_revised_meeting,
)
from rcm_desktop.ui.dialogs.note_review_sessions import SessionsPanel
from rcm_desktop.ui.dialogs.note_review_text import GROUPS, NoteLegend, NoteTextView
from rcm_desktop.ui.style import MUTED_STYLE, message_label
from rcm_desktop.ui.widgets.dates import first_date_problem

if TYPE_CHECKING:
    from rcm_desktop.data.services.note_import import ImportedNote
    from rcm_desktop.data.services.note_revision import RevisionPlan
    from rcm_desktop.exchange.notes.reading import NoteFile

#: The draft's lists: their sources are carried row by row by the panels that edit them.
LISTS = ("sessions", "seats", "guiding_questions", "deadlines", "documents")
#: The fields a refusal may name, as the review calls them.
ALIASES = {
    "start_date": "dates",
    "end_date": "dates",
    "max_participants_per_country": "limit_per_country",
    "convening_body": "body",
    "questions": "guiding_questions",
}
#: What to do once a meeting is saved: (meeting id, a sentence for the status bar).
Saved = Callable[[int, str], None]


def _scrolled(panel: QWidget) -> QScrollArea:
    """*panel* in a frameless scroll area: below its minimum size it scrolls, never clips, and
    the note's text beside it keeps its room."""
    area = QScrollArea(panel.parentWidget())
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields
    area.setWidget(panel)
    return area


class NoteReviewDialog(QDialog):
    """Review *draft*, read from *note*; `on_saved(meeting id, message)` after a save.
    *found*: the recorded meeting the note seems to revise (offered first when asked)."""

    def __init__(
        self,
        context: AppContext,
        note: NoteFile,
        draft: NoteDraft,
        parent: QWidget | None = None,
        *,
        on_saved: Saved | None = None,
        found: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.note = note
        self.draft = draft
        self.on_saved = on_saved or (
            lambda meeting_id, _message: context.events.announce("meetings", ids=[meeting_id])
        )
        self.saved_id: int | None = None
        self.plan: RevisionPlan | None = None
        self.revised_id: int | None = None
        self.compared: NoteDraft | None = None
        self.found_id = found
        self.busy = False
        self._waiting = False  # the problems line says which choices saving waits for
        self.setObjectName("noteReview")
        self.setWindowTitle(_("Review the concept note: %(file)s") % {"file": note.file_name})
        self.setSizeGripEnabled(True)
        self.setMinimumSize(QSize(640, 420))
        layout = QVBoxLayout(self)

        self.summary = message_label(self, style=MUTED_STYLE, name="reviewSummary")
        layout.addWidget(self.summary)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        left = QWidget(self.splitter)
        left.setMinimumWidth(left.fontMetrics().averageCharWidth() * 36)  # the note stays readable
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("The &note, as read (click a field to see where it comes from):"), left)
        caption.setWordWrap(True)
        self.text = NoteTextView(left)
        caption.setBuddy(self.text)
        self.legend = NoteLegend(left)
        left_layout.addWidget(caption)
        left_layout.addWidget(self.text, 1)
        left_layout.addWidget(self.legend)

        self.stack = QStackedWidget(self.splitter)
        self.tabs = QTabWidget(self.stack)
        self.tabs.setObjectName("reviewTabs")
        self.tabs.setUsesScrollButtons(True)
        self.general = GeneralPanel(context, draft, self.tabs)
        self.sessions = SessionsPanel(context, draft, self.tabs)
        self.general.days_chosen.connect(self.sessions.follow_days)
        self.participants = ParticipantsPanel(context, draft, self.tabs)
        self.questions = QuestionsPanel(draft, self.sessions.titles, self.tabs)
        self.deadlines = DeadlinesPanel(draft, self.tabs)
        self.panels: tuple[ReviewPanel, ...] = (
            self.general,
            self.sessions,
            self.participants,
            self.questions,
            self.deadlines,
        )
        for panel, (_key, title, _colour) in zip(self.panels, GROUPS, strict=True):
            self.tabs.addTab(panel if panel is self.general else _scrolled(panel), _(title))
            panel.source_wanted.connect(self.text.show_source)
            panel.place_wanted.connect(self.text.show_place)
            panel.edited.connect(self._refresh)
        self.stack.addWidget(self.tabs)
        self.revision = RevisionPanel(self.stack)
        self.revision.source_wanted.connect(self.text.show_source)
        self.stack.addWidget(self.revision)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        layout.addWidget(self.splitter, 1)
        self.text.set_note(
            note.text,
            draft.sources,
            [(c.field, source) for c in draft.conflicts for source in c.sources],
        )

        self.problems = message_label(self, name="reviewProblems")
        self.problems.hide()
        layout.addWidget(self.problems)
        buttons = QHBoxLayout()
        self.revises_button = QPushButton(_("This note &revises a recorded meeting…"), self)
        self.draft_button = QPushButton(_("&Show the draft"), self)
        self.create_button = QPushButton(_("Create the &meeting"), self)
        self.create_button.setObjectName("createMeeting")
        self.apply_button = QPushButton(_("&Apply the checked changes"), self)
        self.apply_button.setObjectName("applyChanges")
        self.cancel_button = QPushButton(_("Cancel"), self)
        buttons.addWidget(self.revises_button)
        buttons.addWidget(self.draft_button)
        buttons.addStretch(1)
        for button in (self.create_button, self.apply_button, self.cancel_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.revises_button.clicked.connect(self.choose_revised)
        self.draft_button.clicked.connect(lambda: self._set_mode(compare=False))
        self.create_button.clicked.connect(self.create_meeting)
        self.apply_button.clicked.connect(self.apply_changes)
        self.cancel_button.clicked.connect(self.reject)
        self.summary.setText(review_summary(len(draft.sources), self.panels))
        self._set_mode(compare=False)
        self._fit_screen()
        self.snapshot = self._current()
        self.setTabOrder(self.text, self.tabs)
        self.general.title.setFocus()  # the first field; its place in the note is shown

    # -- building -----------------------------------------------------------------------------

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if visible:  # shown with its title selected (as Tab selects it): from its beginning
            title = self.general.title
            if title.hasSelectedText() and title.selectedText() == title.text():
                title.setSelection(len(title.text()), -len(title.text()))
            else:
                title.setCursorPosition(0)

    def _fit_screen(self) -> None:
        """As large as the meeting editor's room allows: 1240 × 780 at most, inside the screen."""
        screen = self.screen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
        width, height = min(1240, room.width() - 40), min(780, room.height() - 60)
        self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))
        self.splitter.setSizes([width * 4 // 9, width * 5 // 9])

    def _set_mode(self, *, compare: bool) -> None:
        self.stack.setCurrentWidget(self.revision if compare else self.tabs)
        self.draft_button.setVisible(compare)
        self.revises_button.setVisible(not compare)
        self.apply_button.setVisible(compare)
        self.create_button.setVisible(not compare)
        (self.apply_button if compare else self.create_button).setDefault(True)
        self._update_buttons()

    def _update_buttons(self) -> None:
        for button in (self.create_button, self.revises_button, self.draft_button):
            button.setEnabled(not self.busy)
        self.apply_button.setEnabled(not self.busy and self.plan is not None)

    # -- the draft ----------------------------------------------------------------------------

    def collect(self) -> NoteDraft:
        """The draft as the fields show it; ValidationError for what cannot be read."""
        draft = NoteDraft(language=self.draft.language)
        draft.sources = {
            path: list(found)
            for path, found in self.draft.sources.items()
            if path.split(".")[0] not in LISTS
        }
        for panel in self.panels:
            panel.fill(draft)
        chosen = {choice.field for panel in self.panels for choice in panel.conflicts.values()
                  if choice.resolved}  # fmt: skip
        draft.conflicts = [c for c in self.draft.conflicts if c.field not in chosen]
        return draft

    def _current(self) -> Any:
        try:
            return self.collect()
        except ValidationError:
            return None

    def is_modified(self) -> bool:
        current = self._current()
        return current is None or current != self.snapshot

    def _unresolved(self) -> list[Any]:
        return open_choices(self.panels)

    def _refresh(self) -> None:
        """After each edit: the header's counts, and the choices saving still waits for."""
        self.summary.setText(review_summary(len(self.draft.sources), self.panels))
        if self._waiting:
            self._say_waiting(self._unresolved())

    def _say_waiting(self, choices: list[Any]) -> None:
        self._say(unresolved_message(choices))
        self._waiting = bool(choices)

    # -- problems -----------------------------------------------------------------------------

    def _say(self, message: str, *, muted: bool = False) -> None:
        from rcm_desktop.ui.style import ERROR_STYLE

        self._waiting = False
        self.problems.setStyleSheet(MUTED_STYLE if muted else ERROR_STYLE)
        self.problems.setText(message)
        self.problems.setVisible(bool(message))

    def show_problem(self, field: str | None, message: str) -> None:
        """*message* above the buttons and beside the field it names, which gets the focus."""
        self._set_mode(compare=False)
        self._say(message)
        path = ALIASES.get(field or "", field or "")
        widget: QWidget | None = None
        if path.startswith("sessions.") and path.split(".")[1].isdigit():
            self.sessions.tab.show_problem(path, message)
            widget = self.sessions.tab.list
        for panel in self.panels:
            widget = widget or panel.show_problem(path, message)
            widget = widget or panel.show_problem(path.split(".")[0], message)
        if widget is not None:
            self.reveal(widget)
            widget.setFocus()

    def reveal(self, widget: QWidget) -> None:
        """Show the tab that holds *widget*."""
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)

    def _clear_problems(self) -> None:
        self._say("")
        for panel in self.panels:
            panel.clear_problems()
        self.sessions.tab.clear_problem()

    # -- creating the meeting -----------------------------------------------------------------

    def create_meeting(self) -> None:
        """Check the draft, then create the meeting off the UI thread; a refusal keeps it all."""
        from rcm_desktop.data.services.note_import import import_note

        if self.busy:
            return
        self._clear_problems()
        unreadable = first_date_problem(self.tabs)
        if unreadable is not None:
            self.reveal(unreadable)
            unreadable.setFocus()
            return
        unresolved = self._unresolved()
        if unresolved:
            for choice in reversed(unresolved):
                self.reveal(choice)
                choice.show_unresolved()
            self._say_waiting(unresolved)
            return
        try:
            draft = self.collect()
            check_importable(draft)
        except ValidationError as error:
            self.show_problem(error.field, error.message)
            return
        database, profile, note = self.context.database, self.context.profile, self.note
        if database is None:
            return
        self._set_busy(True, _("Creating the meeting…"))
        self.context.tasks.run(
            lambda _report: import_note(database, profile, draft, note),
            owner=self,
            on_success=self._created,
            on_error=self._refused,
            on_done=lambda: self._set_busy(False),
            what=_("The meeting could not be created from the concept note."),
            writes=True,
        )

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self.busy = busy
        if busy:
            self._say(message, muted=True)
        elif self.problems.styleSheet() == MUTED_STYLE:
            self._say("")
        self._update_buttons()

    def _created(self, imported: ImportedNote) -> None:
        self.saved_id = imported.meeting_id
        self._set_busy(False)
        self.done(QDialog.DialogCode.Accepted)
        self.on_saved(imported.meeting_id, _("Meeting created from the concept note"))

    def _refused(self, error: RcmDeskError) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationError):
            self.show_problem(error.field, error.message)
        else:
            self._say(error.message)

    # -- a revised note -----------------------------------------------------------------------

    def choose_revised(self) -> None:
        """Ask which recorded meeting the note revises, then compare the note with it."""
        offered = self.revised_id if self.revised_id is not None else self.found_id
        chosen = choose_revised_meeting(self.context, self, offered)
        if chosen is not None:
            self.compare_with(chosen)

    def compare_with(self, meeting_id: int, title: str = "") -> None:
        """Show what the note (as the fields show it) changes in the meeting *meeting_id*."""
        from rcm_desktop.data.services.note_revision import plan_revision

        database = self.context.database
        if database is None or self.busy:
            return
        self._clear_problems()
        try:
            draft = self.collect()
        except ValidationError as error:
            self.show_problem(error.field, error.message)
            return
        self.revised_id, self.compared, self.plan = meeting_id, draft, None
        self.revision.show_loading(title)
        self._set_mode(compare=True)
        unresolved = [field_caption(choice.field) for choice in self._unresolved()]
        self.context.tasks.run(
            lambda _report: plan_revision(database, meeting_id, draft),
            owner=self,
            on_success=lambda plan: self._compared(plan, unresolved),
            on_error=self._comparison_refused,
            what=_("The note could not be compared with the recorded meeting."),
            key="plan",
        )

    def _compared(self, plan: RevisionPlan, unresolved: list[str]) -> None:
        self.plan = plan
        self.revision.set_plan(plan, unresolved)
        self._update_buttons()

    def _comparison_refused(self, error: RcmDeskError) -> None:
        from rcm_desktop.ui.dialogs.form_dialog import show_refusal

        self._set_mode(compare=False)
        show_refusal(self, error.message)

    def apply_changes(self) -> None:
        """Apply the checked changes to the recorded meeting, in one transaction."""
        from rcm_desktop.data.services.note_revision import apply_revision

        plan, draft, database = self.plan, self.compared, self.context.database
        if plan is None or draft is None or database is None or self.busy:
            return
        accepted = self.revision.accepted()
        if not accepted:
            self._say(_("Check the changes to apply, or show the draft to create a new meeting."))
            return
        self._set_busy(True, _("Applying the changes…"))
        self.context.tasks.run(
            lambda _report: apply_revision(
                database, plan.meeting_id, draft, accepted, plan.version
            ),
            owner=self,
            on_success=lambda _none: self._applied(plan.meeting_id),
            on_error=self._apply_refused,
            on_done=lambda: self._set_busy(False),
            what=_("The changes could not be applied to the recorded meeting."),
            writes=True,
        )

    def _applied(self, meeting_id: int) -> None:
        self.saved_id = meeting_id
        self._set_busy(False)
        self.done(QDialog.DialogCode.Accepted)
        self.on_saved(meeting_id, _("Meeting updated from the concept note"))

    def _apply_refused(self, error: RcmDeskError) -> None:
        self._set_busy(False)
        if not isinstance(error, ConflictError):
            self._say(error.message)
            return
        if ask_compare_again(self, error.message) and self.revised_id is not None:
            self.compare_with(self.revised_id, self.plan.meeting_title if self.plan else "")

    # -- leaving ------------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel (Esc): asks first when the user changed the draft; never while saving."""
        if self.busy:
            return
        if self.is_modified():
            box = QMessageBox(
                QMessageBox.Icon.Question,
                APP_NAME,
                _("Discard the draft? The changes you made to it are lost; nothing is saved."),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            if box.exec() != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reject()
        if self.isVisible():
            event.ignore()
