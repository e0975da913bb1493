"""Delegations: for a meeting, the seats your country fills and who fills them; every country's too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.domain.nominations import NominationAction, may
from rcm_desktop.domain.vocabulary import label
from rcm_desktop.errors import ConflictError, RcmDeskError
from rcm_desktop.i18n import (
    SUPPORTED_LANGUAGES,
    _,
    country_name,
    current_language,
    format_date,
    language_name,
    ngettext,
)
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.models.delegation_table import DelegationModel, MatrixModel, rows_of
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.widgets.messages import confirm
from rcm_desktop.ui.widgets.record_table import record_table


class DelegationsPage(Page):
    """Choose a meeting (the next one by default) and a country; nominate within the rules."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.view = None
        choose = QHBoxLayout()
        self.meeting_label = QLabel(self)
        self.meeting = QComboBox(self)
        self.meeting.setObjectName("delegationMeeting")
        self.meeting.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.meeting.setMinimumContentsLength(40)
        self.country_label = QLabel(self)
        self.country = QComboBox(self)
        self.country.setObjectName("delegationCountry")
        choose.addWidget(self.meeting_label)
        choose.addWidget(self.meeting, 1)
        choose.addWidget(self.country_label)
        choose.addWidget(self.country)
        self.layout_.addLayout(choose)
        self.summary = QLabel(self)
        self.summary.setObjectName("delegationSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addWidget(self.summary)
        actions = QHBoxLayout()
        self.nominate_button = QPushButton(self)
        self.replace_button = QPushButton(self)
        self.submit_button = QPushButton(self)
        self.confirm_button = QPushButton(self)
        self.withdraw_button = QPushButton(self)
        for button in (
            self.nominate_button, self.replace_button, self.submit_button,
            self.confirm_button, self.withdraw_button,
        ):  # fmt: skip
            actions.addWidget(button)
        actions.addStretch(1)
        self.layout_.addLayout(actions)
        options = QHBoxLayout()  # a row of its own, so long translations are never clipped
        self.seats_button = QPushButton(self)
        self.letter_button = QPushButton(self)
        self.letter_language = QComboBox(self)
        self.letter_language.setObjectName("letterLanguage")
        for code in SUPPORTED_LANGUAGES:
            self.letter_language.addItem(language_name(code), code)
        self.export_button = QPushButton(self)
        options.addWidget(self.seats_button)
        options.addStretch(1)
        options.addWidget(self.letter_button)
        options.addWidget(self.letter_language)
        options.addWidget(self.export_button)
        self.layout_.addLayout(options)
        self.tabs = QTabWidget(self)
        self.model = DelegationModel(self)
        self.table = record_table(self, "delegationTable")
        self.table.setModel(self.model)
        for column, width in enumerate((50, 420, 220, 150, 150)):
            self.table.setColumnWidth(column, width)
        self.matrix_model = MatrixModel(self)
        self.matrix = record_table(self, "delegationMatrix")
        self.matrix.setModel(self.matrix_model)
        self.tabs.addTab(self.table, "")
        self.tabs.addTab(self.matrix, "")
        self.layout_.addWidget(self.tabs, 1)
        self.history = QLabel(self)
        self.history.setObjectName("delegationHistory")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addWidget(self.history)
        self.message = QLabel(self)
        self.message.setObjectName("delegationMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addWidget(self.message)
        self.meeting.currentIndexChanged.connect(lambda _i: self._meeting_changed())
        self.country.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected_changed())
        self.table.doubleClicked.connect(lambda _index: self.nominate_or_replace())
        self.nominate_button.clicked.connect(lambda: self.nominate())
        self.replace_button.clicked.connect(lambda: self.replace())
        self.submit_button.clicked.connect(lambda: self._change("submit"))
        self.confirm_button.clicked.connect(lambda: self._change("confirm"))
        self.withdraw_button.clicked.connect(lambda: self._change("withdraw"))
        self.seats_button.clicked.connect(self.edit_seats)
        self.letter_button.clicked.connect(lambda: self.print_letter())
        self.export_button.clicked.connect(lambda: self.export())
        context.events.changed.connect(self._data_changed)
        self._loaded = False
        self.retranslate()

    def title(self) -> str:
        return _("Delegations")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.meeting_label.setText(_("Meeting:"))
        self.country_label.setText(_("Country:"))
        self.nominate_button.setText(_("&Nominate…"))
        self.replace_button.setText(_("&Replace…"))
        self.submit_button.setText(_("Mark &submitted"))
        self.confirm_button.setText(_("Mark &confirmed"))
        self.withdraw_button.setText(_("&Withdraw"))
        self.seats_button.setText(_("Seats and &limit…"))
        self.letter_button.setText(_("Nomination &letter (PDF)…"))
        self.export_button.setText(_("E&xport…"))
        self.tabs.setTabText(0, _("Delegation"))
        self.tabs.setTabText(1, _("All countries"))
        self.letter_language.setCurrentIndex(
            max(self.letter_language.findData(current_language()), 0)
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        if self.context.database is not None:
            self._fill_choices()

    def store_ready(self) -> None:
        self._fill_choices()

    # --- Loading ----------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        from rcm_desktop.data.services.delegation_views import default_meeting, meeting_choices

        database = self.context.database
        if database is None:
            return
        chosen = self.meeting.currentData()
        choices = meeting_choices(database)
        self.meeting.blockSignals(True)
        self.meeting.clear()
        for choice in choices:
            self.meeting.addItem(f"{format_date(choice.first_date)} — {choice.title}", choice.id)
        if chosen is None:
            first = default_meeting(choices, dt.date.today())
            chosen = first.id if first else None
        self.meeting.setCurrentIndex(max(self.meeting.findData(chosen), 0))
        self.meeting.blockSignals(False)
        self._meeting_changed()

    def _meeting_changed(self) -> None:
        from rcm_desktop.data.services.delegation_views import delegation_matrix
        from rcm_desktop.data.services.settings import profile_country

        database = self.context.database
        meeting_id = self.meeting.currentData()
        if database is None or meeting_id is None:
            self.refresh()
            return
        matrix = delegation_matrix(database, meeting_id)
        own = profile_country(database)
        chosen = self.country.currentData() or own
        codes = {row.country_code for row in matrix.rows} if matrix else set()
        codes |= {own} if own else set()
        self.country.blockSignals(True)
        self.country.clear()
        for code in sorted(codes, key=country_name):
            self.country.addItem(country_name(code), code)
        self.country.setCurrentIndex(max(self.country.findData(chosen), 0))
        self.country.blockSignals(False)
        self.matrix_model.set_matrix(matrix)
        self.matrix.setColumnWidth(0, 180)
        several = matrix is not None and sum(1 for row in matrix.rows if row.filled) > 1
        self.tabs.setTabVisible(1, several)
        self.refresh()

    def refresh(self) -> None:
        from rcm_desktop.data.services.delegation_views import delegation

        database = self.context.database
        meeting_id = self.meeting.currentData()
        country = self.country.currentData()
        if database is None:
            self.summary.setText(_("Opening the database…"))
            return
        if meeting_id is None or country is None:
            self.view = None
            self.model.set_rows([])
            self.summary.setText(_("Record a meeting first; its delegation is nominated here."))
            self._selected_changed()
            return
        self.view = delegation(database, meeting_id, country)
        self.model.set_rows(rows_of(self.view) if self.view else [])
        self.table.resizeRowsToContents()
        self._show_summary()
        if self.model.rows:
            self.table.selectRow(0)
        self._selected_changed()

    def _show_summary(self) -> None:
        view = self.view
        if view is None:
            self.summary.clear()
            self.history.clear()
            return
        if view.limit is None:
            limit = _("No limit per country is set.")
        else:
            limit = ngettext(
                "At most %(n)d participant per country (%(source)s).",
                "At most %(n)d participants per country (%(source)s).",
                view.limit,
            ) % {"n": view.limit, "source": view.limit_source or _("as recorded for this meeting")}
        if view.places is None:
            filled = ngettext("%(n)d person nominated.", "%(n)d people nominated.", view.filled) % {
                "n": view.filled
            }
        else:
            filled = _("%(filled)d of %(places)d seats filled.") % {
                "filled": view.filled,
                "places": view.places,
            }
        genders = ", ".join(f"{label(gender)}: {count}" for gender, count in view.gender)
        parts = [limit, filled]
        if genders:
            parts.append(_("By gender: %(counts)s.") % {"counts": genders})
        self.summary.setText(" ".join(parts))
        lines = []
        for line in view.history:
            text = _("%(date)s — %(name)s: %(status)s") % {
                "date": format_date(line.status_changed_on) if line.status_changed_on else "—",
                "name": line.full_name,
                "status": label(line.status),
            }
            if line.replaced_by_id:
                successor = next((n for n in view.active if n.id == line.replaced_by_id), None)
                if successor is not None:
                    text += " " + _("(replaced by %(name)s)") % {"name": successor.full_name}
            lines.append(text)
        self.history.setText(_("History:") + "\n" + "\n".join(lines) if lines else "")

    def current(self):  # type: ignore[no-untyped-def]
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _selected_changed(self) -> None:
        row = self.current()
        nomination = row.nomination if row else None
        self.nominate_button.setEnabled(self.view is not None)
        for button, action in (
            (self.replace_button, NominationAction.REPLACE),
            (self.withdraw_button, NominationAction.WITHDRAW),
            (self.submit_button, NominationAction.SUBMIT),
            (self.confirm_button, NominationAction.CONFIRM),
        ):
            button.setEnabled(nomination is not None and may(action, nomination.status))
        for button in (self.seats_button, self.letter_button, self.export_button):
            button.setEnabled(self.view is not None)

    def _data_changed(self, what: str) -> None:
        if what in ("meetings", "*"):
            self._fill_choices()
        elif what in ("delegations", "people", "settings"):
            self._meeting_changed()

    # --- Actions ----------------------------------------------------------------------------

    def _seat_choices(self) -> list[tuple[int | None, str]]:
        choices: list[tuple[int | None, str]] = []
        for line in self.view.seats if self.view else ():
            profile = (line.seat.profile or "").split("\n")[0]
            if len(profile) > 70:
                profile = profile[:69] + "…"
            choices.append(
                (
                    line.seat.id,
                    _("Seat %(n)d: %(profile)s") % {"n": line.seat.position, "profile": profile},
                )
            )
        choices.append((None, _("(no particular seat)")))
        return choices

    def nominate_or_replace(self) -> None:
        row = self.current()
        if row is not None and row.nomination is not None:
            self.replace()
        else:
            self.nominate()

    def nominate(self) -> None:
        from rcm_desktop.ui.dialogs.nomination_dialog import NominationDialog

        if self.view is None:
            return
        row = self.current()
        seat = row.seat_id if row is not None and row.nomination is None and row.open else None
        if seat is None:
            empty = [line.seat.id for line in self.view.seats if line.open and line.holder is None]
            seat = empty[0] if empty else None
        NominationDialog(
            self.context, self.view.meeting_id, self.view.country_code, self._seat_choices(), seat,
            parent=self,
        ).exec()  # fmt: skip

    def replace(self) -> None:
        from rcm_desktop.ui.dialogs.nomination_dialog import NominationDialog

        row = self.current()
        if self.view is None or row is None or row.nomination is None:
            return
        NominationDialog(
            self.context, self.view.meeting_id, self.view.country_code, self._seat_choices(),
            row.seat_id, replacing=row.nomination.id, role=row.nomination.role, parent=self,
        ).exec()  # fmt: skip

    def _change(self, action: str) -> None:
        from rcm_desktop.data.services import nominations

        row = self.current()
        database = self.context.database
        if row is None or row.nomination is None or database is None:
            return
        nomination = row.nomination
        if action == "withdraw" and not confirm(
            self, _("Withdraw %(name)s from the delegation?") % {"name": nomination.full_name}
        ):
            return
        function = {
            "submit": nominations.submit,
            "confirm": nominations.confirm,
            "withdraw": nominations.withdraw,
        }[action]
        try:
            function(database, nomination.id, dt.date.today(), version=nomination.version)
        except ConflictError as conflict:
            from rcm_desktop.ui.dialogs.conflict_dialog import ConflictChoice, resolve_conflict

            if resolve_conflict(self, conflict) is ConflictChoice.KEEP_MINE:
                try:
                    function(
                        database, nomination.id, dt.date.today(), version=conflict.stored_version
                    )
                except RcmDeskError as error:
                    QMessageBox.warning(self, APP_NAME, error.message)
            self.context.events.changed.emit("delegations")
            return
        except RcmDeskError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        self.context.events.changed.emit("delegations")

    def edit_seats(self) -> None:
        from rcm_desktop.data.services.seats import get_seat_setup
        from rcm_desktop.ui.dialogs.seats_editor import SeatsEditor

        if self.view is None or self.context.database is None:
            return
        setup = get_seat_setup(self.context.database, self.view.meeting_id)
        if setup is not None:
            SeatsEditor(self.context, setup, self).exec()

    def print_letter(self, path: str | None = None) -> None:
        """Build the nomination letter PDF off the UI thread."""
        from rcm_desktop.data.services.delegation_export import write_nomination_letter

        database = self.context.database
        if self.view is None or database is None:
            return
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Save the nomination letter"),
                str(Path.home() / f"nomination-{self.view.country_code.lower()}.pdf"),
                _("PDF files (*.pdf)"),
            )  # fmt: skip
        if not path:
            return
        meeting_id, country = self.view.meeting_id, self.view.country_code
        language = self.letter_language.currentData()
        target = Path(path)
        self.message.setText(_("Writing the nomination letter…"))
        self.letter_button.setEnabled(False)

        def done(_result: object) -> None:
            self.letter_button.setEnabled(True)
            self.message.setText(_("Nomination letter written to %(path)s") % {"path": target})

        def failed(error: BaseException) -> None:
            self.letter_button.setEnabled(True)
            self.message.setText("")
            QMessageBox.warning(self, APP_NAME, str(error))

        self.context.tasks.run(
            lambda _report: write_nomination_letter(
                database, meeting_id, country, target, language
            ),
            on_success=done,
            on_failure=failed,
        )

    def export(self, path: str | None = None) -> None:
        from rcm_desktop.data.services.delegation_export import export_delegation

        database = self.context.database
        if self.view is None or database is None:
            return
        everyone = self.tabs.currentIndex() == 1
        if not path:
            name = "participants" if everyone else f"delegation-{self.view.country_code.lower()}"
            path, _chosen = QFileDialog.getSaveFileName(
                self, _("Export the delegation"), str(Path.home() / f"{name}.csv"),
                _("CSV files (*.csv)") + ";;" + _("JSON files (*.json)"),
            )  # fmt: skip
        if not path:
            return
        fmt = "json" if path.lower().endswith(".json") else "csv"
        try:
            count = export_delegation(
                database, self.view.meeting_id, Path(path), fmt,
                None if everyone else self.view.country_code,
            )  # fmt: skip
        except (RcmDeskError, OSError) as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return
        self.message.setText(
            ngettext("%(n)d person written to %(path)s", "%(n)d people written to %(path)s", count)
            % {"n": count, "path": path}
        )
