"""Create or edit a document: title, kind, version, the meeting it came from, the day it arrived."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from rcm_desktop.domain.vocabulary import DocumentKind, label
from rcm_desktop.i18n import _, country_name
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import FormDialog
from rcm_desktop.ui.widgets.dates import date_edit


class DocumentEditor(FormDialog):
    """A new document also records the day the country received it, which starts its review."""

    def __init__(
        self, context: AppContext, draft, country: str | None, parent: QWidget | None = None
    ) -> None:  # type: ignore[no-untyped-def]
        from rcm_desktop.data.services.meeting_list import meeting_ids, meeting_rows

        super().__init__(_("New document") if draft.id is None else _("Edit document"), parent)
        assert context.database is not None
        self.context = context
        self.draft = draft
        self.country = country
        self.saved_id: int | None = None
        self.title = QLineEdit(draft.title, self)
        self.title.setCursorPosition(0)
        self.kind = QComboBox(self)
        for kind in DocumentKind:
            self.kind.addItem(label(kind), kind)
        self.kind.setCurrentIndex(max(self.kind.findData(draft.kind), 0))
        self.version = QLineEdit(draft.version, self)
        self.version.setPlaceholderText(_("draft, consolidated, final, v2…"))
        self.meeting = QComboBox(self)
        self.meeting.addItem(_("(no meeting)"), None)
        ids = meeting_ids(context.database)
        rows = meeting_rows(context.database, ids)
        for meeting_id in ids:
            self.meeting.addItem(rows[meeting_id].title, meeting_id)
        self.meeting.setCurrentIndex(max(self.meeting.findData(draft.meeting_id), 0))
        self.received = date_edit(self, QDate(dt.date.today()))
        self.notes = QPlainTextEdit(draft.notes, self)
        self.notes.setMaximumHeight(80)
        self.add_row(_("Title:"), self.title, "title")
        self.add_row(_("Kind:"), self.kind, "kind")
        self.add_row(_("Version:"), self.version, "version")
        self.add_row(_("Meeting:"), self.meeting, "meeting")
        if draft.id is None and country:
            self.add_row(
                _("Received by %(country)s on:") % {"country": country_name(country)},
                self.received,
                "date",
            )
        self.add_row(_("Notes:"), self.notes, "notes")
        self.finish()

    def adopt_version(self, version: int) -> None:
        self.draft.row_version = version

    def apply(self) -> None:
        from rcm_desktop.data.services.documents import save_document
        from rcm_desktop.domain.documents import DocumentDraft

        draft = DocumentDraft(
            id=self.draft.id,
            title=self.title.text(),
            kind=self.kind.currentData(),
            version=self.version.text(),
            meeting_id=self.meeting.currentData(),
            notes=self.notes.toPlainText(),
            row_version=self.draft.row_version,
        )
        self.saved_id = save_document(
            self.context.database,  # type: ignore[arg-type]
            draft,
            country_code=self.country,
            received_on=self.received.date().toPython() if draft.id is None else None,
        )
        self.context.events.changed.emit("documents")
