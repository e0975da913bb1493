"""Delegations: for a meeting, the seats your country fills and who fills them; every country's too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QWidget,
)

from rcm_desktop.domain.nominations import NominationAction, may
from rcm_desktop.errors import ConflictError, RcmDeskError
from rcm_desktop.i18n import (
    SUPPORTED_LANGUAGES,
    _,
    country_name,
    current_language,
    language_name,
    ngettext,
)
from rcm_desktop.preferences import PDF_FOLDER_KEY
from rcm_desktop.printing.file_names import file_name, nomination_letter_file_name
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.form_dialog import show_refusal
from rcm_desktop.ui.dialogs.print_briefing import pdf_folder
from rcm_desktop.ui.events import Change
from rcm_desktop.ui.history_button import HistoryButton
from rcm_desktop.ui.models.delegation_table import DelegationModel, MatrixModel, rows_of
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.pages.delegation_texts import history_text, summary_text
from rcm_desktop.ui.style import message_label
from rcm_desktop.ui.widgets.columns import fit_columns
from rcm_desktop.ui.widgets.meeting_picker import MeetingPicker
from rcm_desktop.ui.widgets.messages import confirm
from rcm_desktop.ui.widgets.record_table import record_table

if TYPE_CHECKING:
    from rcm_desktop.data.services.delegation_pages import DelegationsPage as DelegationsPageData
    from rcm_desktop.data.services.delegation_views import DelegationMatrix, DelegationView


class DelegationsPage(Page):
    """Choose a meeting (the next one by default) and a country; nominate within the rules."""

    watches = frozenset({"meetings", "delegations", "people", "settings", "reference"})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.view: DelegationView | None = None
        self.matrix_data: DelegationMatrix | None = None
        choose = QHBoxLayout()
        self.meeting_label = QLabel(self)
        self.meeting_picker = MeetingPicker(context, self, name="delegationMeeting")
        #: A meeting to show at the next reload (chosen on the Meetings page).
        self._follow: int | None = None
        #: The picker's list of meetings (a combo box: the meetings nearest today, or found).
        self.meeting = self.meeting_picker.combo
        self.country_label = QLabel(self)
        self.country = QComboBox(self)
        self.country.setAccessibleName(_("Country"))
        self.country.setObjectName("delegationCountry")
        # wide enough for the longest member's name ("República Dominicana", "Estados Unidos")
        self.country.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        choose.addWidget(self.meeting_label)
        choose.addWidget(self.meeting_picker, 1)
        choose.addWidget(self.country_label)
        choose.addWidget(self.country)
        self.layout_.addLayout(choose)
        self.summary = message_label(self, "", "delegationSummary")
        self.layout_.addWidget(self.summary)
        actions = QHBoxLayout()
        self.nominate_button = QPushButton(self)
        self.replace_button = QPushButton(self)
        self.submit_button = QPushButton(self)
        self.confirm_button = QPushButton(self)
        self.withdraw_button = QPushButton(self)
        self.history_button = HistoryButton(self, "nomination", self._nomination_id)
        for button in (
            self.nominate_button, self.replace_button, self.submit_button,
            self.confirm_button, self.withdraw_button, self.history_button,
        ):  # fmt: skip
            actions.addWidget(button)
        actions.addStretch(1)
        self.layout_.addLayout(actions)
        options = QHBoxLayout()  # a row of its own, so long translations are never clipped
        self.seats_button = QPushButton(self)
        self.letter_button = QPushButton(self)
        self.letter_language = QComboBox(self)
        self.letter_language.setAccessibleName(_("Language of the letter"))
        self.letter_language.setObjectName("letterLanguage")
        for code in SUPPORTED_LANGUAGES:
            self.letter_language.addItem(language_name(code), code)
        self.export_button = QPushButton(self)
        self.form_button = QPushButton(self)
        options.addWidget(self.seats_button)
        options.addStretch(1)
        for widget in (self.letter_button, self.letter_language, self.form_button,
                       self.export_button):  # fmt: skip
            options.addWidget(widget)
        self.layout_.addLayout(options)
        self.tabs = QTabWidget(self)
        self.model = DelegationModel(self)
        self.table = record_table(self, "delegationTable")
        self.table.setAccessibleName(_("Delegation"))
        self.table.setModel(self.model)
        fit_columns(self.table, stretch=2, widths={0: 50, 1: 240, 3: 110, 4: 110, 5: 90})
        self.matrix_model = MatrixModel(self)
        self.matrix = record_table(self, "delegationMatrix")
        self.matrix.setAccessibleName(_("Delegations"))
        self.matrix.setModel(self.matrix_model)
        self.tabs.addTab(self.table, "")
        self.tabs.addTab(self.matrix, "")
        self.layout_.addWidget(self.tabs, 1)
        self.history = message_label(self, "", "delegationHistory")
        self.layout_.addWidget(self.history)
        self.message = message_label(self, "", "delegationMessage")
        self.layout_.addWidget(self.message)
        self.meeting_picker.chosen.connect(lambda: self.reload(with_choices=False))
        self.country.currentIndexChanged.connect(lambda _i: self.reload(with_choices=False))
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
        self.form_button.clicked.connect(lambda: self.fill_form())
        self.retranslate()

    def title(self) -> str:
        return _("Delegations")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.history_button.retranslate()
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
        self.form_button.setText(_("Fill the &organiser's form…"))
        self.meeting_picker.retranslate()
        self.tabs.setTabText(0, _("Delegation"))
        self.tabs.setTabText(1, _("All countries"))
        self.letter_language.setCurrentIndex(
            max(self.letter_language.findData(current_language()), 0)
        )
        self.model.retranslate()
        self.matrix_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)
        self._fill_countries(self.view.country_code if self.view else None)
        self._show_summary()
        if self.context.database is None:
            self.summary.setText(_("Opening the database…"))

    # --- Loading ----------------------------------------------------------------------------

    def reload(self, *, with_choices: bool = True) -> None:
        """Read the meetings to choose from, the chosen meeting's matrix and the chosen
        country's delegation, in one unit of work off the UI thread."""
        from rcm_desktop.data.services.delegation_pages import delegations_page

        database = self.context.database
        if database is None:
            return
        meeting_id = self._follow or self.meeting_picker.meeting_id()
        self._follow = None
        country = self.country.currentData() or self.context.country
        own = self.context.country
        self.load(
            lambda: delegations_page(database, meeting_id, country, own, with_choices=with_choices),
            self._loaded,
            what=_("The delegation could not be read."),
        )

    def changed(self, change: Change) -> None:
        self.reload(with_choices=change.concerns(("meetings", "reference")))

    def follow_meeting(self, meeting_id: int) -> None:
        """Show *meeting_id* (the one chosen on the Meetings page) when it is not shown yet."""
        if meeting_id == self.meeting_picker.meeting_id():
            return
        self._follow = meeting_id
        if self.meeting_picker.choices:  # loaded before: read again, with that meeting chosen
            self.reload()

    def _loaded(self, data: DelegationsPageData) -> None:
        if data.choices:
            self.meeting_picker.show_choices(data.choices, data.meeting_id)
        self.view = data.view
        self.matrix_data = data.matrix
        self._countries = data.countries
        self._fill_countries(data.country)
        self.matrix_model.set_matrix(data.matrix)
        self.matrix.setColumnWidth(0, 180)
        several = data.matrix is not None and sum(1 for row in data.matrix.rows if row.filled) > 1
        self.tabs.setTabVisible(1, several)
        if data.meeting_id is None:
            self.view = None
            self.model.set_rows([])
            self.summary.setText(_("Record a meeting first; its delegation is nominated here."))
            self.history.clear()
            self._selected_changed()
            return
        self.model.set_rows(rows_of(self.view) if self.view else [])
        self.table.resizeRowsToContents()
        self._show_summary()
        if self.model.rows:
            self.table.selectRow(0)
        self._selected_changed()

    def _fill_countries(self, chosen: str | None) -> None:
        codes = getattr(self, "_countries", [])
        self.country.blockSignals(True)
        self.country.clear()
        for code in sorted(codes, key=country_name):
            self.country.addItem(country_name(code), code)
        self.country.setCurrentIndex(max(self.country.findData(chosen), 0))
        self.country.blockSignals(False)

    def _show_summary(self) -> None:
        view = self.view
        if view is None:
            self.summary.clear()
            self.history.clear()
            return
        self.summary.setText(summary_text(view))
        self.history.setText(history_text(view))

    def current(self):  # type: ignore[no-untyped-def]
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _nomination_id(self) -> int | None:
        row = self.current()
        return row.nomination.id if row and row.nomination else None

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
        self.history_button.setEnabled(nomination is not None)
        for button in (self.seats_button, self.letter_button, self.export_button, self.form_button):
            button.setEnabled(self.view is not None)

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
            version=row.nomination.version,
        ).exec()  # fmt: skip

    def _change(self, action: str, version: int | None = None) -> None:
        from rcm_desktop.data.services import nominations

        row, database = self.current(), self.context.database
        if row is None or row.nomination is None or database is None or self.view is None:
            return
        nomination, meeting_id = row.nomination, self.view.meeting_id
        if version is None:
            if action == "withdraw" and not confirm(
                self, _("Withdraw %(name)s from the delegation?") % {"name": nomination.full_name}
            ):
                return
            version = nomination.version
        function = {
            "submit": nominations.submit,
            "confirm": nominations.confirm,
            "withdraw": nominations.withdraw,
        }[action]

        def refused(error: RcmDeskError) -> None:
            if isinstance(error, ConflictError):
                from rcm_desktop.ui.dialogs.conflict_dialog import ConflictChoice, resolve_conflict

                if resolve_conflict(self, error) is ConflictChoice.KEEP_MINE:
                    self._change(action, version=error.stored_version)
                else:
                    self.context.events.announce("delegations", ids=[meeting_id])
                return
            show_refusal(self, error.message)

        self.context.tasks.run(
            lambda _report: function(database, nomination.id, dt.date.today(), version=version),
            owner=self,
            on_success=lambda _none: self.context.events.announce("delegations", ids=[meeting_id]),
            on_error=refused,
            what=_("The nomination could not be changed."),
            writes=True,
        )

    def edit_seats(self) -> None:
        from rcm_desktop.data.services.seats import get_seat_setup
        from rcm_desktop.ui.dialogs.seats_editor import SeatsEditor

        database = self.context.database
        if self.view is None or database is None:
            return
        meeting_id = self.view.meeting_id

        def edit(setup: object) -> None:
            if setup is not None:
                SeatsEditor(self.context, setup, self).exec()  # type: ignore[arg-type]

        self.context.tasks.run(
            lambda _report: get_seat_setup(database, meeting_id),
            owner=self,
            on_success=edit,
            what=_("The meeting's seats could not be read."),
        )

    def print_letter(self, path: str | None = None) -> None:
        """Build the nomination letter PDF off the UI thread."""
        from rcm_desktop.data.services.delegation_export import write_nomination_letter

        database = self.context.database
        if self.view is None or database is None:
            return
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Save the nomination letter"),
                str(pdf_folder(self.context) / nomination_letter_file_name(
                    self.view.title, self.view.country_code,
                    self.letter_language.currentData() or current_language(),
                )),
                _("PDF files (*.pdf)"),
            )  # fmt: skip
        if not path:
            return
        self.context.preferences.remember(PDF_FOLDER_KEY, str(Path(path).parent))
        meeting_id, country = self.view.meeting_id, self.view.country_code
        language = self.letter_language.currentData()
        target = Path(path)
        self.message.setText(_("Writing the nomination letter…"))
        self.letter_button.setEnabled(False)
        self.context.tasks.run(
            lambda _report: write_nomination_letter(
                database, meeting_id, country, target, language
            ),
            owner=self,
            on_success=lambda _pages: self.message.setText(
                _("Nomination letter written to %(path)s") % {"path": target}
            ),
            on_error=self._letter_refused,
            on_done=lambda: self.letter_button.setEnabled(True),
            what=_("The nomination letter could not be written."),
        )

    def _letter_refused(self, error: RcmDeskError) -> None:
        self.message.clear()
        show_refusal(self, error.message)

    def fill_form(self) -> None:
        from rcm_desktop.ui.dialogs.organiser_form import OrganiserFormDialog

        if (view := self.view) is not None:
            OrganiserFormDialog(self.context, view.meeting_id, view.country_code, self).exec()

    def export(self, path: str | None = None) -> None:
        from rcm_desktop.data.services.delegation_export import export_delegation

        database = self.context.database
        if self.view is None or database is None:
            return
        everyone = self.tabs.currentIndex() == 1
        if not path:
            pattern = (
                _("Participants – %(title)s")
                if everyone
                else _("Delegation of %(country)s – %(title)s")
                % {"country": country_name(self.view.country_code), "title": "%(title)s"}
            )
            name = file_name(pattern, self.view.title, ".csv")
            path, _chosen = QFileDialog.getSaveFileName(
                self, _("Export the delegation"), str(pdf_folder(self.context) / name),
                _("CSV files (*.csv)") + ";;" + _("JSON files (*.json)"),
            )  # fmt: skip
        if not path:
            return
        fmt = "json" if path.lower().endswith(".json") else "csv"
        meeting_id, target = self.view.meeting_id, Path(path)
        country = None if everyone else self.view.country_code
        self.context.tasks.run(
            lambda _report: export_delegation(database, meeting_id, target, fmt, country),
            owner=self,
            on_success=lambda count: self.message.setText(
                ngettext(
                    "%(n)d person written to %(path)s", "%(n)d people written to %(path)s", count
                )
                % {"n": count, "path": path}
            ),
            on_error=lambda error: show_refusal(self, error.message),
            what=_("The delegation could not be exported."),
        )
