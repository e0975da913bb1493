"""Create or edit a document: title, kind, version, the meeting it came from, the day it arrived."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from rcm_desktop.domain.document_workflow import USUAL_PURPOSE
from rcm_desktop.domain.documents import DocumentDraft, document_problems
from rcm_desktop.domain.vocabulary import DocumentKind, DocumentPurpose, label
from rcm_desktop.i18n import _, country_name
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import FormDialog
from rcm_desktop.ui.widgets.dates import date_edit
from rcm_desktop.ui.widgets.meeting_picker import MeetingPicker


@dataclass(frozen=True)
class _NewDocument:
    draft: DocumentDraft
    received_on: dt.date | None


class DocumentEditor(FormDialog):
    """A new document also records the day the country received it, which starts its review."""

    def __init__(
        self,
        context: AppContext,
        draft: DocumentDraft,
        country: str | None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("New document") if draft.id is None else _("Edit document")
        super().__init__(context, title, parent)
        self.draft = draft
        self.country = country
        self.title = QLineEdit(draft.title, self)
        self.title.setCursorPosition(0)
        self.kind = QComboBox(self)
        for kind in DocumentKind:
            self.kind.addItem(label(kind), kind)
        self.kind.setCurrentIndex(max(self.kind.findData(draft.kind), 0))
        self.purpose = QComboBox(self)
        for purpose in DocumentPurpose:
            self.purpose.addItem(label(purpose), purpose)
        first = USUAL_PURPOSE[draft.kind] if draft.id is None else draft.purpose
        self.purpose.setCurrentIndex(max(self.purpose.findData(first), 0))
        self.purpose.setToolTip(
            _("What the sender asks of your country: comments, approval, or nothing.")
        )
        #: A new document's purpose follows its kind until the user chooses one.
        self._purpose_chosen = draft.id is not None
        self.purpose.activated.connect(lambda _index: setattr(self, "_purpose_chosen", True))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.version = QLineEdit(draft.version, self)
        self.version.setPlaceholderText(_("draft, consolidated, final, v2…"))
        self.meeting = MeetingPicker(context, self, none_text=_("(no meeting)"))
        self.meeting.set_meeting(draft.meeting_id)
        #: The day the country received it: asked only of a new document (its review starts).
        self.received = (
            date_edit(self, QDate(dt.date.today())) if draft.id is None and country else None
        )
        self.notes = QPlainTextEdit(draft.notes, self)
        self.notes.setMaximumHeight(80)
        self.add_row(_("Title:"), self.title, "title")
        self.add_row(_("Kind:"), self.kind, "kind")
        self.add_row(_("Sent for:"), self.purpose, "purpose")
        self.add_row(_("Version:"), self.version, "version")
        self.add_row(_("Meeting:"), self.meeting, "meeting")
        if self.received is not None:
            self.add_row(
                _("Received by %(country)s on:") % {"country": country_name(country)},
                self.received,
                "date",
            )
        self.add_row(_("Notes:"), self.notes, "notes")
        self.finish()

    def _kind_changed(self, _index: int) -> None:
        if not self._purpose_chosen:
            usual = USUAL_PURPOSE[self.kind.currentData()]
            self.purpose.setCurrentIndex(self.purpose.findData(usual))

    def adopt_version(self, version: int) -> None:
        self.draft = replace(self.draft, row_version=version)

    def collect(self) -> _NewDocument:
        draft = replace(
            self.draft,
            title=self.title.text(),
            kind=self.kind.currentData(),
            purpose=self.purpose.currentData(),
            version=self.version.text(),
            meeting_id=self.meeting.meeting_id(),
            notes=self.notes.toPlainText(),
        )
        received = self.received.value() if self.received is not None else None
        return _NewDocument(draft, received)

    def check(self, draft: _NewDocument) -> dict[str, str]:
        return document_problems(draft.draft)

    def write(self, database: Any, draft: _NewDocument) -> int:
        from rcm_desktop.data.services.documents import save_document

        return save_document(
            database, draft.draft, country_code=self.country, received_on=draft.received_on
        )

    def saved(self, result: int) -> None:
        self.context.events.announce("documents", ids=[result])
        super().saved(result)
