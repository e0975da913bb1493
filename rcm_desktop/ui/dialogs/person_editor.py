"""Add or edit a directory entry; a problem is shown under the form and nothing typed is lost."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.domain.vocabulary import Gender, label
from rcm_desktop.errors import ConflictError, RcmDeskError, ValidationError
from rcm_desktop.i18n import _, country_name
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.widgets.messages import confirm


class PersonEditor(QDialog):
    """The fields of a directory entry; Save checks them and warns about look-alike entries."""

    def __init__(
        self,
        context: AppContext,
        fields: PersonFields | None = None,
        person_id: int | None = None,
        parent: QWidget | None = None,
        version: int | None = None,
    ) -> None:
        super().__init__(parent)
        #: The entry's stored version when the form was filled (a newer one is a conflict).
        self.version = version
        assert context.database is not None
        self.context = context
        self.person_id = person_id
        self.saved_id: int | None = None
        fields = fields or PersonFields()
        self.setWindowTitle(_("New person") if person_id is None else _("Edit person"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
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
            form.addRow(caption, edit)
        self.gender = QComboBox(self)
        for gender in Gender:
            self.gender.addItem(label(gender), str(gender))
        self.gender.setCurrentIndex(max(self.gender.findData(fields.gender), 0))
        form.addRow(_("Gender:"), self.gender)
        self.country = QComboBox(self)
        self.country.addItem(_("(not stated)"), None)
        from rcm_desktop.domain.countries import iso_country_codes

        for code in sorted(iso_country_codes(), key=country_name):
            self.country.addItem(country_name(code), code)
        self.country.setCurrentIndex(max(self.country.findData(fields.country_code), 0))
        form.addRow(_("Country:"), self.country)
        self.notes = QPlainTextEdit(fields.notes, self)
        self.notes.setMaximumHeight(70)
        form.addRow(_("Notes:"), self.notes)
        self.error = QLabel(self)
        self.error.setObjectName("personError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b42318")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def collect(self) -> PersonFields:
        values = {name: edit.text() for name, edit in self.inputs.items()}
        return PersonFields(
            **values,
            gender=self.gender.currentData(),
            notes=self.notes.toPlainText(),
            country_code=self.country.currentData(),
        )

    def _adopt_version(self, version: int) -> None:
        self.version = version

    def save(self) -> None:
        from rcm_desktop.data.services.directory import SimilarPersonError, save_person

        fields = self.collect()
        database = self.context.database
        assert database is not None
        try:
            try:
                self.saved_id = save_person(database, fields, self.person_id, version=self.version)
            except SimilarPersonError as similar:
                self.error.setText(similar.message)
                if not confirm(self, similar.message):
                    return
                self.saved_id = save_person(
                    database, fields, self.person_id, confirm_similar=True, version=self.version
                )
        except ConflictError as conflict:
            from rcm_desktop.ui.dialogs.conflict_dialog import handle_conflict

            handle_conflict(
                self, conflict, adopt=self._adopt_version, save_again=self.save, note=self.error
            )
            return
        except ValidationError as error:
            self.error.setText(error.message)
            if error.field in self.inputs:
                self.inputs[error.field].setFocus()
            return
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        self.context.events.changed.emit("people")
        self.accept()
