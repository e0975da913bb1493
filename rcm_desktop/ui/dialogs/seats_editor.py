"""Seats and limit of a meeting: the maximum per country, its source, and ordered seats with profiles."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.data.services.seats import SeatDraft, SeatSetup
from rcm_desktop.domain.delegation_rules import regular_seats_over_limit, seats_over_limit_message
from rcm_desktop.i18n import _, separator
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import FormDialog
from rcm_desktop.ui.widgets.ordered_list import OrderedList

SeatRole = Qt.ItemDataRole.UserRole


class SeatsEditor(FormDialog):
    """Edit the limit and the seats; Save writes them in one transaction or shows why not."""

    def __init__(
        self, context: AppContext, setup: SeatSetup, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, _("Seats and limit"), parent, layout=QVBoxLayout())
        layout = self.outer
        self.setLayout(layout)
        self.setup = setup
        self.setMinimumWidth(640)
        title = QLabel(setup.title, self)
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(title)
        form = QFormLayout()
        self.limit = QSpinBox(self)
        self.limit.setObjectName("seatLimit")
        self.limit.setRange(0, 99)
        self.limit.setSpecialValueText(_("No limit"))
        self.limit.setValue(setup.limit or 0)
        self.limit_source = QLineEdit(setup.limit_source or "", self)
        self.limit_source.setPlaceholderText(_("e.g. concept note, section Participants"))
        form.addRow(_("Maximum per country:"), self.limit)
        form.addRow("", self.field_message("limit", self.limit))
        form.addRow(_("Where the limit comes from:"), self.limit_source)
        layout.addLayout(form)
        self.seats = OrderedList(_("Add seat"), "seatList", self)
        self.seats.list.setAccessibleName(_("Seats"))
        layout.addWidget(self.seats, 1)
        layout.addWidget(self.field_message("seats", self.seats.list))
        seat_form = QFormLayout()
        self.profile = QPlainTextEdit(self)
        self.profile.setObjectName("seatProfile")
        self.profile.setMaximumHeight(70)
        self.forum = QComboBox(self)
        self.forum.addItem(_("Every country"), None)
        for code in setup.forums:
            self.forum.addItem(
                _("Members of %(forum)s at the meeting's date") % {"forum": code}, code
            )
        self.beyond = QCheckBox(_("Extra seat: does not count towards the limit"), self)
        self.source = QLineEdit(self)
        seat_form.addRow(_("Required profile:"), self.profile)
        seat_form.addRow(_("Open to:"), self.forum)
        seat_form.addRow("", self.beyond)
        seat_form.addRow(_("Source:"), self.source)
        layout.addLayout(seat_form)
        self.error.setObjectName("seatsError")
        self.finish()
        for seat in setup.seats:
            self._append(
                SeatDraft(seat.profile, seat.forum_code, seat.beyond_limit, seat.source, seat.id)
            )
        self.seats.add_button.clicked.connect(lambda: self._append(SeatDraft(), select=True))
        self.seats.remove_button.clicked.connect(self._remove)
        self.seats.up_button.clicked.connect(lambda: self._move(-1))
        self.seats.down_button.clicked.connect(lambda: self._move(1))
        self.seats.list.currentRowChanged.connect(self._show)
        self.profile.textChanged.connect(self._store)
        self.forum.currentIndexChanged.connect(self._store)
        self.beyond.toggled.connect(self._store)
        self.source.textChanged.connect(self._store)
        self._loading = False
        if setup.seats:
            self.seats.list.setCurrentRow(0)
        self._show(self.seats.list.currentRow())

    def _caption(self, position: int, seat: SeatDraft) -> str:
        text = _("Seat %(n)d: %(profile)s") % {
            "n": position,
            "profile": seat.profile or _("(no profile)"),
        }
        if seat.forum_code:
            text += separator() + seat.forum_code
        return text

    def _append(self, seat: SeatDraft, select: bool = False) -> None:
        item = QListWidgetItem(self._caption(self.seats.list.count() + 1, seat))
        item.setData(SeatRole, seat)
        self.seats.list.addItem(item)
        if select:
            self.seats.list.setCurrentItem(item)
            self.profile.setFocus()

    def _renumber(self) -> None:
        for row in range(self.seats.list.count()):
            item = self.seats.list.item(row)
            item.setText(self._caption(row + 1, item.data(SeatRole)))

    def _remove(self) -> None:
        row = self.seats.list.currentRow()
        if row >= 0:
            self.seats.list.takeItem(row)
            self._renumber()

    def _move(self, step: int) -> None:
        row = self.seats.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.seats.list.count():
            return
        item = self.seats.list.takeItem(row)
        self.seats.list.insertItem(target, item)
        self.seats.list.setCurrentRow(target)
        self._renumber()

    def _show(self, row: int) -> None:
        self._loading = True
        item = self.seats.list.item(row) if row >= 0 else None
        seat: SeatDraft = item.data(SeatRole) if item else SeatDraft()
        for widget in (self.profile, self.forum, self.beyond, self.source):
            widget.setEnabled(item is not None)
        self.profile.setPlainText(seat.profile)
        self.forum.setCurrentIndex(max(self.forum.findData(seat.forum_code), 0))
        self.beyond.setChecked(seat.beyond_limit)
        self.source.setText(seat.source)
        self._loading = False

    def _store(self) -> None:
        if self._loading:
            return
        item = self.seats.list.currentItem()
        if item is None:
            return
        seat: SeatDraft = item.data(SeatRole)
        seat = SeatDraft(
            self.profile.toPlainText(),
            self.forum.currentData(),
            self.beyond.isChecked(),
            self.source.text(),
            seat.id,
        )
        item.setData(SeatRole, seat)
        item.setText(self._caption(self.seats.list.row(item) + 1, seat))

    def drafts(self) -> list[SeatDraft]:
        return [self.seats.list.item(row).data(SeatRole) for row in range(self.seats.list.count())]

    def collect(self) -> SeatSetup:
        return replace(
            self.setup,
            limit=self.limit.value() or None,
            limit_source=self.limit_source.text(),
            seats=tuple(self.drafts()),
        )

    def confirm_before_saving(self, draft: SeatSetup) -> bool:
        """More regular seats than the limit: raise the limit only with the user's consent."""
        regular = regular_seats_over_limit(draft.limit, (s.beyond_limit for s in draft.seats))
        if regular is None or draft.limit is None:
            return True
        answer = QMessageBox.question(
            self,
            APP_NAME,
            _(
                "%(seats)d seats count towards the limit of %(limit)d per country. "
                "Raise the limit to %(seats)d?"
            )
            % {"seats": regular, "limit": draft.limit},
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.limit.setValue(regular)
            self.save()
        else:
            self.show_problems({"seats": seats_over_limit_message(draft.limit, regular)})
        return False

    def adopt_version(self, version: int) -> None:
        self.setup = replace(self.setup, version=version)

    def write(self, database: Any, draft: SeatSetup) -> None:
        from rcm_desktop.data.services.seats import save_seat_setup

        save_seat_setup(
            database,
            draft.meeting_id,
            draft.limit,
            draft.limit_source or "",
            list(draft.seats),
            version=draft.version,
        )

    def saved(self, result: Any) -> None:
        self.context.events.announce("delegations", ids=[self.setup.meeting_id])
        self.context.events.announce("meetings", ids=[self.setup.meeting_id])
        super().saved(self.setup.meeting_id)
