"""Add or edit a directory entry; each problem is shown under its field and nothing typed is lost."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from rcm_desktop.domain.countries import iso_country_codes
from rcm_desktop.domain.people import PersonFields, problems
from rcm_desktop.domain.vocabulary import Gender, label
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _, country_name
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import FormDialog
from rcm_desktop.ui.widgets.messages import confirm


class PersonEditor(FormDialog):
    """The fields of a directory entry; Save checks them and warns about look-alike entries."""

    def __init__(
        self,
        context: AppContext,
        fields: PersonFields | None = None,
        person_id: int | None = None,
        parent: QWidget | None = None,
        version: int | None = None,
    ) -> None:
        title = _("New person") if person_id is None else _("Edit person")
        super().__init__(context, title, parent)
        #: The entry's stored version when the form was filled (a newer one is a conflict).
        self.version = version
        self.person_id = person_id
        self.confirm_similar = False
        fields = fields or PersonFields()
        self.inputs: dict[str, QLineEdit] = {}
        captions = (
            ("honorific", _("Honorific:")),
            ("full_name", _("Full name:")),
            ("position", _("Position:")),
            ("institution", _("Institution:")),
            ("agency", _("Ministry or agency:")),
            ("email", _("Email:")),
            ("phone", _("Phone:")),
            ("languages", _("Languages (es, en…):")),
        )
        for name, caption in captions:
            edit = QLineEdit(getattr(fields, name), self)
            edit.setObjectName(f"person_{name}")
            self.inputs[name] = edit
            self.add_row(caption, edit, name)
        self.gender = QComboBox(self)
        for gender in Gender:
            self.gender.addItem(label(gender), str(gender))
        self.gender.setCurrentIndex(max(self.gender.findData(fields.gender), 0))
        self.add_row(_("Gender:"), self.gender, "gender")
        self.country = QComboBox(self)
        self.country.addItem(_("(not stated)"), None)
        for code in sorted(iso_country_codes(), key=country_name):
            self.country.addItem(country_name(code), code)
        self.country.setCurrentIndex(max(self.country.findData(fields.country_code), 0))
        self.add_row(_("Country:"), self.country, "country_code")
        self.notes = QPlainTextEdit(fields.notes, self)
        self.notes.setMaximumHeight(70)
        self.add_row(_("Notes:"), self.notes, "notes")
        self.finish()

    def collect(self) -> PersonFields:
        values = {name: edit.text() for name, edit in self.inputs.items()}
        return PersonFields(
            **values,
            gender=self.gender.currentData(),
            notes=self.notes.toPlainText(),
            country_code=self.country.currentData(),
        )

    def check(self, draft: PersonFields) -> dict[str, str]:
        return problems(draft)

    def adopt_version(self, version: int) -> None:
        self.version = version

    def write(self, database: Any, draft: PersonFields) -> int:
        from rcm_desktop.data.services.directory import save_person

        return save_person(
            database,
            draft,
            self.person_id,
            confirm_similar=self.confirm_similar,
            version=self.version,
        )

    def saved(self, result: int) -> None:
        self.context.events.announce("people", ids=[result])
        super().saved(result)

    def refused(self, error: RcmDeskError) -> None:
        from rcm_desktop.data.services.directory import SimilarPersonError

        if isinstance(error, SimilarPersonError):
            self.show_problems({"full_name": error.message})
            if confirm(self, error.message):
                self.confirm_similar = True
                self.save()
            return
        super().refused(error)
