"""The review's Sessions and agenda tab: the meeting editor's sessions tab over the note's
sessions (title, day, times, lead countries, agenda lines edited in place), with a "Not found"
mark, the choice between two titles the note gives a session, and each session and agenda line
tied to where the note gives it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.meetings import AgendaDraft, SessionDraft
from rcm_desktop.errors import ValidationError
from rcm_desktop.exchange.notes.draft import DraftAgendaLine, DraftSession, NoteDraft
from rcm_desktop.i18n import _, country_name
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.editor_sessions import SessionsTab
from rcm_desktop.ui.dialogs.note_review_lists import remap
from rcm_desktop.ui.dialogs.note_review_marks import ReviewPanel


class SessionsPanel(ReviewPanel):
    """The sessions; `fill(draft)` writes them (and where each came from) into a draft."""

    def __init__(
        self, context: AppContext, draft: NoteDraft, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewSessions")
        self.original = draft
        layout = QVBoxLayout(self)
        reference = context.reference
        codes = (
            sorted({code for forum in reference.forums for code in forum.member_codes})
            if reference
            else []
        )
        countries = sorted(((code, country_name(code)) for code in codes), key=lambda pair: pair[1])
        heading = QHBoxLayout()
        caption = QLabel(_("Sessions and agenda"), self)
        caption.setStyleSheet("font-weight: bold;")
        heading.addWidget(caption)
        heading.addWidget(self.mark(self, "sessions", bool(draft.sessions)), 1)
        layout.addLayout(heading)
        layout.addWidget(self.message(self, "sessions"))
        self.tab = SessionsTab(countries, self)
        self.tab.layout().setContentsMargins(0, 0, 0, 0)
        inner = self.tab.findChild(QSplitter)
        if inner is not None:  # the list above the session: both get the tab's width
            inner.setOrientation(Qt.Orientation.Vertical)
            inner.setSizes([120, 480])
        self._hide_description()
        for conflict in draft.conflicts:
            parts = conflict.field.split(".")
            if parts[0] == "sessions" and parts[-1] == "title" and parts[1].isdigit():
                number = int(parts[1])
                caption_text = _("Title of session %(n)d:") % {"n": number + 1}
                layout.addWidget(
                    self.conflict(
                        conflict, self, lambda t, n=number: self._put_title(n, t), caption_text
                    )
                )
        layout.addWidget(self.tab, 1)
        caption.setBuddy(self.tab.list)
        self.fields["sessions"] = self.tab.list
        self._keys: dict[str, int] = {}
        first = QDate(min(draft.dates)) if draft.dates else QDate.currentDate()
        sessions = []
        for index, found in enumerate(draft.sessions):
            session = SessionDraft(
                title=found.title,
                date=found.date,
                start=found.start,
                end=found.end,
                leads=list(found.leads),
                agenda=[
                    AgendaDraft(line.start, line.end, line.text, line.speakers or "")
                    for line in found.agenda
                ],
            )
            self._keys[session.key] = index
            sessions.append(session)
        self.loading = True
        self.tab.set_sessions(sessions, first)
        self.loading = False
        self.tab.list.currentRowChanged.connect(self._session_picked)
        self.tab.list.currentRowChanged.connect(lambda _row: self._watch_agenda())
        self.tab.list.currentRowChanged.connect(lambda _row: self._agenda_times())
        self.tab.changed.connect(lambda: self.user_edited("sessions"))
        self.tab.changed.connect(self._agenda_times)
        self.tab.title.textEdited.connect(lambda _text: self._title_typed())
        self.tab.date.edited.connect(self._edited_session)
        self.tab.no_date.clicked.connect(lambda _on: self._edited_session())
        self.tab.leads.itemChanged.connect(lambda _item: self._edited_session())
        for field in (self.tab.start, self.tab.end):
            field.textEdited.connect(lambda _text: self._edited_session())
        self.link(lambda: self._current("title"), self.tab.title, self.tab.date)
        self.link(lambda: self._current("time"), self.tab.start, self.tab.end)
        self.link(lambda: self._current("leads"), self.tab.leads)
        self._watched: set[int] = set()
        self._watch_agenda()
        self._agenda_times()

    def _agenda_times(self) -> None:
        """Empty times show, greyed, those the session takes from its agenda when saved."""
        model = self.tab.current_agenda()
        try:
            lines = model.lines() if model is not None else []
        except ValidationError:
            lines = []
        start = lines[0].start if lines else None  # as `meeting_draft` times the session
        ends = [line.end or line.start for line in lines if line.end or line.start]
        shown = _("e.g. 09:00 or 9am")
        self.tab.start.setPlaceholderText(start.strftime("%H:%M") if start else shown)
        self.tab.end.setPlaceholderText(max(ends).strftime("%H:%M") if ends else shown)

    def _hide_description(self) -> None:
        """A session's description is not in a note's draft: its row is hidden rather than
        kept and silently dropped. Its times are (a note that gives them without an agenda);
        left empty, the session takes its agenda's. The tab fits beside the note: "Day not
        stated" goes under the day, the agenda's caption wraps."""
        form = self.tab.form_area.findChild(QFormLayout)
        if form is not None:
            form.setRowVisible(self.tab.description, False)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                day = item.layout() if item is not None else None
                if isinstance(day, QBoxLayout) and day.indexOf(self.tab.no_date) >= 0:
                    day.setDirection(QBoxLayout.Direction.TopToBottom)
                    day.setAlignment(self.tab.date, Qt.AlignmentFlag.AlignLeft)
        column = self.tab.form_area.layout()
        for index in range(column.count() if column is not None else 0):
            caption = column.itemAt(index).widget()
            if isinstance(caption, QLabel):  # the agenda's
                caption.setWordWrap(True)

    # -- sources ------------------------------------------------------------------------------

    def _origin(self, row: int) -> int | None:
        """The note's session shown on *row* of the list (None: one the user added)."""
        keys = self.tab.keys_and_titles() if 0 <= row < self.tab.list.count() else []
        return self._keys.get(keys[row][0]) if row < len(keys) else None

    def _current(self, part: str) -> str | None:
        origin = self._origin(self.tab.list.currentRow())
        return f"sessions.{origin}.{part}" if origin is not None else None

    def _session_picked(self, row: int) -> None:
        origin = self._origin(row)
        if origin is not None:
            self.source_wanted.emit(f"sessions.{origin}.title")

    def _watch_agenda(self) -> None:
        selection: QItemSelectionModel | None = self.tab.agenda_view.selectionModel()
        if selection is not None and id(selection) not in self._watched:
            self._watched.add(id(selection))
            selection.currentRowChanged.connect(self._line_picked)

    def _line_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        origin = self._origin(self.tab.list.currentRow())
        if origin is not None and current.isValid():
            self.source_wanted.emit(f"sessions.{origin}.agenda.{current.row()}")

    # -- values -------------------------------------------------------------------------------

    def _edited_session(self) -> None:
        self.user_edited("sessions")

    def _title_typed(self) -> None:
        """The user typed a session's title: a choice between the note's titles is settled."""
        path = self._current("title")
        if not self.loading and path in self.conflicts:
            self.conflicts[path].field_edited()
        self.user_edited("sessions")

    def _put_title(self, origin: int, title: str) -> None:
        for row in range(self.tab.list.count()):
            if self._origin(row) == origin:
                self.tab.list.setCurrentRow(row)
                self.tab.title.setText(title)
                self.tab.title.textEdited.emit(title)  # the list shows the new title too

    def titles(self) -> list[str]:
        """Each session's title as it stands ("Session 2" when it has none)."""
        return [title for _key, title in self.tab.keys_and_titles()]

    def fill(self, draft: NoteDraft) -> None:
        """Write the sessions into *draft*; ValidationError (field "sessions.N.…") for a time
        that cannot be read."""
        sessions = self.tab.sessions()
        draft.sessions = [
            DraftSession(
                title=session.title.strip(),
                date=session.date,
                leads=list(session.leads),
                start=session.start,
                end=session.end,
                agenda=[
                    DraftAgendaLine(line.start, line.end, line.activity, line.coordinator or None)
                    for line in session.agenda
                ],
            )
            for session in sessions
        ]
        remap(
            draft, self.original, "sessions", [self._keys.get(session.key) for session in sessions]
        )

    def follow_days(self, old: list[dt.date], new: list[dt.date]) -> None:
        """The meeting's days changed to the note's other value: sessions on the old days move
        to the new ones (one to one, or all to a one-day meeting's day)."""
        if not new or not old:
            return
        old, new = sorted(set(old)), sorted(set(new))
        if len(old) == len(new):
            moves = dict(zip(old, new, strict=True))
        elif len(new) == 1:
            moves = dict.fromkeys(old, new[0])
        else:
            return
        try:
            sessions = self.tab.sessions()
        except ValidationError:
            return  # a time being typed: the user moves the sessions
        moved = False
        for session in sessions:
            if session.date in moves and moves[session.date] != session.date:
                session.date, moved = moves[session.date], True
        if moved:
            row = self.tab.list.currentRow()
            self.loading = True
            self.tab.set_sessions(sessions, QDate(new[0]))
            self.loading = False
            self.tab.list.setCurrentRow(max(row, 0))
