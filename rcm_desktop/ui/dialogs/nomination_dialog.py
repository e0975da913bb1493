"""Nominate someone from the directory to a seat, or replace a nominee; a refusal keeps the dialog open."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.domain.vocabulary import NominationRole, label
from rcm_desktop.errors import RcmDeskError, ValidationError
from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.models.people_table import PeopleTableModel
from rcm_desktop.ui.widgets.record_table import record_table


class NominationDialog(QDialog):
    """Pick a person (search as you type), a seat and a role.

    With *replacing* set, the seat is the replaced nomination's and Save replaces it.
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
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting_id = meeting_id
        self.country_code = country_code
        self.replacing = replacing
        self.saved_id: int | None = None
        self.setWindowTitle(_("Replace a nominee") if replacing else _("Nominate"))
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("nomineeSearch")
        self.search.setPlaceholderText(_("Search the directory by name, institution or email"))
        layout.addWidget(self.search)
        self.model = PeopleTableModel(self)
        self.people = record_table(self, "nomineeTable", self.model)
        self.people.setColumnWidth(0, 220)
        self.people.setColumnWidth(2, 240)
        layout.addWidget(self.people, 1)
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
        form.addRow(_("Role:"), self.role)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setObjectName("nominationError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b42318")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self.find)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.find()

    def find(self) -> None:
        from rcm_desktop.data.services.directory import search_people

        assert self.context.database is not None
        self.timer.stop()
        result = search_people(self.context.database, self.search.text(), limit=100)
        self.model.set_rows(result.rows)
        if result.rows:
            self.people.selectRow(0)

    def person_id(self) -> int | None:
        rows = self.people.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].id if rows else None

    def save(self) -> None:
        from rcm_desktop.data.services import nominations

        database = self.context.database
        assert database is not None
        person = self.person_id()
        if person is None:
            self.error.setText(_("Choose a person from the directory (add them there first)."))
            return
        today = dt.date.today()
        try:
            if self.replacing is not None:
                self.saved_id = nominations.replace(
                    database, self.replacing, person, today, self.role.currentData()
                )
            else:
                self.saved_id = nominations.nominate(
                    database, self.meeting_id, self.country_code, person,
                    self.seat.currentData(), self.role.currentData(), today,
                )  # fmt: skip
        except ValidationError as error:
            self.error.setText(error.message)
            return
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        self.context.events.changed.emit("delegations")
        self.accept()
