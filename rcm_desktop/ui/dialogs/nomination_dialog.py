"""Nominate someone from the directory to a seat, or replace a nominee; a refusal keeps the dialog open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.vocabulary import NominationRole, label
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import FormDialog
from rcm_desktop.ui.models.people_table import PeopleTableModel
from rcm_desktop.ui.widgets.columns import fit_columns
from rcm_desktop.ui.widgets.record_table import record_table


@dataclass(frozen=True)
class NominationChoice:
    """What the dialog asks for: a person, a seat, a role."""

    person_id: int
    seat_id: int | None
    role: NominationRole


class NominationDialog(FormDialog):
    """Pick a person (search as you type), a seat and a role.

    With *replacing* set (and its *version*, as the page read it), the seat is the replaced
    nomination's and Save replaces it.
    """

    def __init__(
        self,
        context: AppContext,
        meeting_id: int,
        country_code: str,
        seats: list[tuple[int | None, str]],
        chosen_seat: int | None = None,
        replacing: int | None = None,
        role: NominationRole = NominationRole.DELEGATE,
        parent: QWidget | None = None,
        version: int | None = None,
    ) -> None:
        title = _("Replace a nominee") if replacing else _("Nominate")
        super().__init__(context, title, parent, layout=QVBoxLayout())
        self.setLayout(self.outer)
        self.meeting_id = meeting_id
        self.country_code = country_code
        self.replacing = replacing
        self.version = version
        self.resize(720, 520)
        self.search = QLineEdit(self)
        self.search.setObjectName("nomineeSearch")
        self.search.setPlaceholderText(_("Search the directory by name, institution or email"))
        self.search.setAccessibleName(_("Search the directory"))
        self.new_person_button = QPushButton(_("&New person…"), self)
        self.new_person_button.setObjectName("newPersonButton")
        self.new_person_button.setToolTip(
            _("Add someone who is not in the directory yet; they are then chosen here.")
        )
        self.new_person_button.clicked.connect(self.add_person)
        search_row = QHBoxLayout()
        search_caption = QLabel(_("&Find:"), self)
        search_caption.setBuddy(self.search)
        search_row.addWidget(search_caption)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.new_person_button)
        self.outer.addLayout(search_row)
        #: The person to select once the next search shows them (one just added).
        self._select_person: int | None = None
        self.model = PeopleTableModel(self)
        self.people = record_table(self, "nomineeTable", self.model)
        self.people.setAccessibleName(_("Directory"))
        for column in range(4, self.model.columnCount()):  # phone, gender, country: not needed
            self.people.setColumnHidden(column, True)  # to choose, and they crowd the rest
        fit_columns(self.people, stretch=2, widths={0: 200, 1: 150, 3: 170})
        self.outer.addWidget(self.people, 1)
        self.outer.addWidget(self.field_message("person", self.people))
        form = QFormLayout()
        self.seat = QComboBox(self)
        self.seat.setObjectName("nominationSeat")
        for seat_id, caption in seats:
            self.seat.addItem(caption, seat_id)
        self.seat.setCurrentIndex(max(self.seat.findData(chosen_seat), 0))
        self.seat.setEnabled(replacing is None)
        self.role = QComboBox(self)
        self.role.setObjectName("nominationRole")
        for value in NominationRole:
            self.role.addItem(label(value), value)
        self.role.setCurrentIndex(self.role.findData(role))
        form.addRow(_("Seat:"), self.seat)
        form.addRow("", self.field_message("seat", self.seat))
        form.addRow(_("Role:"), self.role)
        self.outer.addLayout(form)
        self.error.setObjectName("nominationError")
        self.finish()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self.find)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.people.selectionModel().selectionChanged.connect(
            lambda *_args: self.clear_problem("person")
        )
        self.find()

    def find(self) -> None:
        """Search the directory off the UI thread; the first match is selected."""
        from rcm_desktop.data.services.directory import search_people

        database, text = self.context.database, self.search.text()
        self.timer.stop()

        def show(result: Any) -> None:
            self.model.set_rows(result.rows)
            wanted = [i for i, row in enumerate(result.rows) if row.id == self._select_person]
            if wanted or (result.rows and text.strip()):  # nobody is chosen before a search
                self.people.selectRow(wanted[0] if wanted else 0)
            self._select_person = None

        self.context.tasks.run(
            lambda _report: search_people(database, text, limit=100),
            owner=self,
            on_success=show,
            key="search",
            what=_("The directory could not be searched."),
        )

    def add_person(self) -> None:
        """Create a directory entry (of this country, named as searched) and choose it."""
        from rcm_desktop.domain.people import PersonFields
        from rcm_desktop.ui.dialogs.person_editor import PersonEditor

        typed = self.search.text().strip()
        looks_like_a_name = typed and "@" not in typed and not any(c.isdigit() for c in typed)
        fields = PersonFields(
            full_name=typed if looks_like_a_name else "", country_code=self.country_code
        )
        editor = PersonEditor(self.context, fields, parent=self)
        if editor.exec() and editor.saved_id is not None:
            self._select_person = editor.saved_id
            self.search.setText(editor.inputs["full_name"].text().strip())
            self.find()
            self.clear_problem("person")

    def person_id(self) -> int | None:
        rows = self.people.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].id if rows else None

    def collect(self) -> NominationChoice:
        person = self.person_id()
        if person is None:
            raise ValidationError(
                _("Choose a person from the directory, or add one with the New person button."),
                field="person",
            )
        return NominationChoice(person, self.seat.currentData(), self.role.currentData())

    def adopt_version(self, version: int) -> None:
        self.version = version

    def write(self, database: Any, draft: NominationChoice) -> int:
        from rcm_desktop.data.services import nominations

        today = dt.date.today()
        if self.replacing is not None:
            return nominations.replace(
                database, self.replacing, draft.person_id, today, draft.role, version=self.version
            )
        return nominations.nominate(
            database, self.meeting_id, self.country_code, draft.person_id, draft.seat_id,
            draft.role, today,
        )  # fmt: skip

    def saved(self, result: int) -> None:
        self.context.events.announce("delegations", ids=[self.meeting_id])
        super().saved(result)
