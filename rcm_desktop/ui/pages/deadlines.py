"""Documents & deadlines: every deadline with its due date, urgency and how it was counted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from rcm_desktop.i18n import _, format_date, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import show_refusal
from rcm_desktop.ui.events import Change
from rcm_desktop.ui.history_button import HistoryButton
from rcm_desktop.ui.models.deadlines_table import DeadlinesModel, urgency_label
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.style import MUTED_STYLE
from rcm_desktop.ui.widgets.columns import fit_columns
from rcm_desktop.ui.widgets.messages import confirm
from rcm_desktop.ui.widgets.record_table import record_table

if TYPE_CHECKING:
    from rcm_desktop.data.services.deadline_lists import DeadlineRow

__all__ = ["DeadlinesPage", "urgency_label"]


class DeadlinesPage(Page):
    """Deadlines by due date, with buttons to add, edit, close, delete and export them."""

    watches = frozenset({"deadlines", "meetings", "documents", "settings"})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.layout_.addWidget(self.summary)
        actions = QHBoxLayout()
        self.new_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.done_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.closures_button = QPushButton(self)
        self.show_done = QCheckBox(self)
        self.history_button = HistoryButton(self, "deadline", lambda: _id(self.current()))
        for widget in (self.new_button, self.edit_button, self.done_button, self.delete_button,
                       self.history_button):  # fmt: skip
            actions.addWidget(widget)
        actions.addStretch(1)
        self.layout_.addLayout(actions)
        options = QHBoxLayout()  # a row of its own, so long translations are never clipped
        options.addWidget(self.show_done)
        options.addStretch(1)
        options.addWidget(self.closures_button)
        options.addWidget(self.export_button)
        self.layout_.addLayout(options)
        self.model = DeadlinesModel(self)
        self.table = record_table(self, "deadlinesTable", self.model)
        self.table.setAccessibleName(_("Deadlines"))
        fit_columns(self.table, stretch=2, widths={0: 90, 1: 100, 3: 200, 4: 100})
        self.layout_.addWidget(self.table, 1)
        self.explanation = QLabel(self)
        self.explanation.setObjectName("deadlineExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.explanation)
        self.documents_note = QLabel(self)
        self.documents_note.setWordWrap(True)
        self.documents_note.setStyleSheet(MUTED_STYLE)
        self.layout_.addWidget(self.documents_note)
        self._selecting = False
        self.table.selectionModel().selectionChanged.connect(
            lambda *_args: None if self._selecting else self._selected_changed()
        )
        self.table.doubleClicked.connect(lambda _index: self.edit_deadline())
        self.new_button.clicked.connect(self.new_deadline)
        self.edit_button.clicked.connect(self.edit_deadline)
        self.done_button.clicked.connect(self.toggle_done)
        self.delete_button.clicked.connect(self.delete_deadline)
        self.export_button.clicked.connect(lambda: self.export_calendar())
        self.closures_button.clicked.connect(self.edit_closures)
        self.show_done.toggled.connect(lambda _checked: self.reload())
        self.retranslate()

    def title(self) -> str:
        return _("Documents & deadlines")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.new_button.setText(_("&New deadline…"))
        self.history_button.retranslate()
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("Delete"))
        self.export_button.setText(_("Export to a calendar (.ics)…"))
        self.closures_button.setText(_("Calendar &closures…"))
        self.show_done.setText(_("Show done"))
        self.documents_note.setText(
            _(
                "Documents circulating for comments and approval (protocols, directories, "
                "regional strategies, recommendations) will be tracked on this page too."
            )
        )
        self.model.retranslate()
        self._show_summary()
        if self.context.database is not None:
            self.reload_when_shown()  # explanations and calendars in the new language
        else:
            self.summary.setText(_("Opening the database…"))
        self._selected_changed()

    def current(self) -> DeadlineRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        from rcm_desktop.data.services.deadline_lists import list_deadlines

        database = self.context.database
        if database is None:
            return
        include_done, country = self.show_done.isChecked(), self.context.country
        self.load(
            lambda: list_deadlines(database, include_done=include_done, own_country=country),
            self._loaded,
            what=_("The deadlines could not be read."),
        )

    def changed(self, change: Change) -> None:
        self.reload()

    def _loaded(self, rows: list[DeadlineRow]) -> None:
        selected = self.current()
        self.model.set_rows(rows)
        self._show_summary()
        row = self.model.row_of(selected.id if selected else None)
        if rows:
            self._selecting = True  # one explanation read below, not one per signal
            try:
                self.table.selectRow(max(row, 0))
            finally:
                self._selecting = False
        self._selected_changed()

    def _show_summary(self) -> None:
        rows = self.model.rows
        overdue = sum(row.urgency == "overdue" for row in rows)
        soon = sum(row.urgency == "soon" for row in rows)
        self.summary.setText(
            ngettext(
                "%(n)d deadline overdue, %(soon)d due within 3 working days.",
                "%(n)d deadlines overdue, %(soon)d due within 3 working days.",
                overdue,
            )
            % {"n": overdue, "soon": soon}
        )

    def _selected_changed(self) -> None:
        from rcm_desktop.data.services.deadlines import explain_deadline

        row = self.current()
        for button in (self.edit_button, self.done_button, self.delete_button,
                       self.history_button):  # fmt: skip
            button.setEnabled(row is not None)
        self.done_button.setText(_("Open &again") if row and row.done_on else _("Mark &done"))
        database = self.context.database
        if row is None or database is None:
            self.explanation.clear()
            return

        def show(text: str) -> None:
            if row.own_calendar_due:
                text += "\n" + _("On your own country's calendar it would be %(date)s.") % {
                    "date": format_date(row.own_calendar_due, "full")
                }
            self.explanation.setText(text)

        self.load(
            lambda: explain_deadline(database, row.id),
            show,
            what=_("How the deadline was counted could not be read."),
            key="explanation",
        )

    # -- actions ---------------------------------------------------------------------------

    def _write(self, action: Any, what: str, ids: list[int] | None = None) -> None:
        self.context.tasks.run(
            lambda _report: action(),
            owner=self,
            on_success=lambda _result: self.context.events.announce("deadlines", ids=ids),
            on_error=self._refused,
            what=what,
            writes=True,
        )

    def _refused(self, error: Any) -> None:
        from rcm_desktop.errors import ConflictError

        if isinstance(error, ConflictError):
            from rcm_desktop.ui.dialogs.conflict_dialog import resolve_conflict

            resolve_conflict(self, error)  # the list shows theirs after the reload
            self.reload()
            return
        show_refusal(self, error.message)

    def new_deadline(self) -> None:
        from rcm_desktop.domain.due_dates import DeadlineDraft
        from rcm_desktop.ui.dialogs.deadline_editor import DeadlineEditor

        if self.context.database is None:
            return
        DeadlineEditor(self.context, DeadlineDraft(title=""), self).exec()

    def edit_deadline(self) -> None:
        from rcm_desktop.data.services.deadlines import load_deadline
        from rcm_desktop.ui.dialogs.deadline_editor import DeadlineEditor

        row, database = self.current(), self.context.database
        if row is None or database is None:
            return
        self.context.tasks.run(
            lambda _report: load_deadline(database, row.id),
            owner=self,
            on_success=lambda draft: DeadlineEditor(self.context, draft, self).exec(),
            on_error=self._refused,
            what=_("The deadline could not be read."),
        )

    def toggle_done(self) -> None:
        from rcm_desktop.data.services.deadlines import mark_done

        row, database = self.current(), self.context.database
        if row is None or database is None:
            return
        on = None if row.done_on else dt.date.today()
        self._write(
            lambda: mark_done(database, row.id, on, version=row.version),
            _("The state of the deadline could not be changed."),
            [row.id],
        )

    def delete_deadline(self) -> None:
        from rcm_desktop.data.services.deadlines import delete_deadline

        row, database = self.current(), self.context.database
        if row is None or database is None:
            return
        if confirm(self, _("Delete the deadline “%(title)s”?") % {"title": row.title}):
            self._write(
                lambda: delete_deadline(database, row.id),
                _("The deadline could not be deleted."),
                [row.id],
            )

    def edit_closures(self) -> None:
        from rcm_desktop.ui.dialogs.closures import ClosuresDialog

        if self.context.database is not None:
            ClosuresDialog(self.context, self).exec()

    def export_calendar(self, path: str | None = None) -> None:
        """Write every session and deadline to an .ics file, off the UI thread."""
        from rcm_desktop.data.services.calendar_export import write_calendar

        database = self.context.database
        if database is None:
            return
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Export to a calendar"),
                str(Path.home() / "rcm-desk.ics"),
                _("Calendar files (*.ics)"),
            )
        if not path:
            return
        target = Path(path)
        self.context.tasks.run(
            lambda _report: write_calendar(database, target),
            owner=self,
            on_success=lambda written: self.explanation.setText(
                _("Calendar written to %(path)s") % {"path": written}
            ),
            on_error=lambda error: show_refusal(self, error.message),
            what=_("The calendar could not be written."),
        )


def _id(row: object) -> int | None:
    """The id of the selected row, or None."""
    return getattr(row, "id", None)
