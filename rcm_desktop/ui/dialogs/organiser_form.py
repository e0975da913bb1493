"""Fill the organiser's own form (Word table, Excel sheet, fillable PDF) with a delegation.

Step 1: choose the form, a file or one attached to the meeting; it is read off the UI
thread, as are the delegation's participants. Step 2, the mapping screen: who goes in (the
active nominations, head of delegation first, all checked), and for each place in the form
what it receives, with the first participant's value as an example. "Fill and save…" writes
a new file beside the original (never over it) and says what was written, flagging every
value longer than its box; the filled form can then be attached to the meeting.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.errors import RcmDeskError
from rcm_desktop.exchange.forms.fields import Field
from rcm_desktop.exchange.forms.form import KINDS, FormLayout, remap
from rcm_desktop.exchange.forms.records import value_for
from rcm_desktop.i18n import _, format_list, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.organiser_form_text import (
    field_label,
    filled_name,
    report_lines,
    slot_label,
)
from rcm_desktop.ui.style import message_label

if TYPE_CHECKING:
    from rcm_desktop.data.services.attachments import AttachmentInfo
    from rcm_desktop.data.services.organiser_forms import Participant
    from rcm_desktop.exchange.forms.report import FillReport


class OrganiserFormDialog(QDialog):
    """Choose the form, check what each of its places receives, fill it and save a copy."""

    def __init__(
        self,
        context: AppContext,
        meeting_id: int,
        country_code: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting_id = meeting_id
        self.country_code = country_code
        self.participants: list[Participant] = []
        self.organiser = ""
        self.form: FormLayout | None = None
        self.from_attachment = False
        self.written: Path | None = None
        self.setWindowTitle(_("Fill the organiser's form"))
        self.resize(860, 640)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Choose the form that came with the invitation: a Word table, an Excel sheet "
                "or a fillable PDF. RCM Desk writes the delegation into a copy of it."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        choose = QHBoxLayout()
        self.choose_button = QPushButton(_("Choose a &file…"), self)
        self.choose_button.setObjectName("chooseForm")
        self.form_name = QLabel(self)
        self.form_name.setObjectName("formName")
        self.form_name.setTextFormat(Qt.TextFormat.PlainText)
        choose.addWidget(self.choose_button)
        choose.addWidget(self.form_name, 1)
        layout.addLayout(choose)
        self.attached_label = QLabel(_("Or a form attached to the meeting:"), self)
        self.attached = QListWidget(self)
        self.attached.setObjectName("attachedForms")
        self.attached.setMaximumHeight(70)
        self.attached_label.setBuddy(self.attached)
        layout.addWidget(self.attached_label)
        layout.addWidget(self.attached)
        self.status = QLabel(self)
        self.status.setObjectName("formStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.error = message_label(self, name="formError")
        self.error.hide()
        layout.addWidget(self.error)
        self.mapping = QWidget(self)
        mapping = QVBoxLayout(self.mapping)
        mapping.setContentsMargins(0, 0, 0, 0)
        people_label = QLabel(_("Who goes in the form:"), self.mapping)
        self.people = QListWidget(self.mapping)
        self.people.setObjectName("formParticipants")
        self.people.setMaximumHeight(110)
        people_label.setBuddy(self.people)
        mapping.addWidget(people_label)
        mapping.addWidget(self.people)
        table_label = QLabel(_("What each place in the form receives:"), self.mapping)
        self.table = QTableWidget(0, 3, self.mapping)
        self.table.setObjectName("formMapping")
        self.table.setHorizontalHeaderLabels([_("In the form"), _("Receives"), _("Example")])
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()  # every row as high as its box, text or not
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(QComboBox().sizeHint().height() + 2)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 230)
        table_label.setBuddy(self.table)
        mapping.addWidget(table_label)
        mapping.addWidget(self.table, 1)
        layout.addWidget(self.mapping, 1)
        self.mapping.hide()
        self.result = QLabel(self)
        self.result.setObjectName("formResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        self.remove_blank_box = QCheckBox(_("&Remove the table rows left blank"), self)
        self.remove_blank_box.setObjectName("removeBlankRows")
        layout.addWidget(self.remove_blank_box, 0, Qt.AlignmentFlag.AlignLeft)
        self.attach_box = QCheckBox(_("&Attach the filled form to the meeting"), self)
        self.attach_box.setObjectName("attachFilledForm")
        self.attach_box.hide()
        layout.addWidget(self.attach_box, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.fill_button = QPushButton(_("Fill and &save…"), self)
        self.fill_button.setObjectName("fillForm")
        self.fill_button.setEnabled(False)
        buttons.addButton(self.fill_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.choose_button.clicked.connect(lambda: self.choose_file())
        self.attached.itemActivated.connect(self._attachment_chosen)
        self.attached.itemClicked.connect(self._attachment_chosen)
        self.people.itemChanged.connect(lambda _item: self._people_changed())
        self.fill_button.clicked.connect(lambda: self.fill())
        self.attach_box.toggled.connect(self._attach)
        self._show_attachments([])
        self._start()

    # --- Step 1: the delegation and the form --------------------------------------------

    def _start(self) -> None:
        """Read the participants, the organiser and the meeting's attached forms."""
        from rcm_desktop.data.services.attachments import list_attachments
        from rcm_desktop.data.services.organiser_forms import delegation_participants, organiser_of

        database, profile = self.context.database, self.context.profile
        if database is None:
            return
        meeting_id, country = self.meeting_id, self.country_code
        self.status.setText(_("Reading the delegation…"))

        def work(_report):  # type: ignore[no-untyped-def]
            return (
                delegation_participants(database, meeting_id, country),
                organiser_of(database, meeting_id),
                list_attachments(database, profile, meeting_id),
            )

        self.context.tasks.run(
            work,
            owner=self,
            on_success=self._delegation_read,
            on_error=self._refused,
            what=_("The delegation could not be read."),
        )

    def _delegation_read(self, data: tuple[list[Participant], str, list[AttachmentInfo]]) -> None:
        self.participants, self.organiser, attachments = data
        self.people.blockSignals(True)
        self.people.clear()
        for participant in self.participants:
            text = f"{participant.full_name} — {participant.role}"
            if participant.seat is not None:
                text += " " + _("(seat %(n)d)") % {"n": participant.seat}
            item = QListWidgetItem(text, self.people)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.people.blockSignals(False)
        self._show_attachments(attachments)
        if not self.participants:
            self.status.setText(_("Nobody is nominated yet: nominate the delegation first."))
        elif self.form is None:
            self.status.clear()

    def _show_attachments(self, attachments: list[AttachmentInfo]) -> None:
        self.attached.clear()
        for info in attachments:
            if Path(info.file_name).suffix.lower() in KINDS:
                item = QListWidgetItem(info.file_name, self.attached)
                item.setData(Qt.ItemDataRole.UserRole, str(info.stored_path))
        shown = self.attached.count() > 0
        self.attached_label.setVisible(shown)
        self.attached.setVisible(shown)

    def choose_file(self) -> None:
        """Ask for the form and read it."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the organiser's form"),
            str(Path.home()),
            _("Forms (*.docx *.xlsx *.pdf);;Word (*.docx);;Excel (*.xlsx);;PDF (*.pdf)"),
        )
        if path:
            self.read(Path(path))

    def _attachment_chosen(self, item: QListWidgetItem) -> None:
        self.read(Path(item.data(Qt.ItemDataRole.UserRole)), attached=True)

    def read(self, path: Path, *, attached: bool = False) -> None:
        """Find the places for participants in the form at *path*, off the UI thread."""
        from rcm_desktop.data.services.organiser_forms import read_form

        preferences, organiser = self.context.preferences, self.organiser
        self.from_attachment = attached
        self.form_name.setText(path.name)
        self._say("")
        self.result.clear()
        self.attach_box.hide()
        self.status.setText(_("Reading %(file)s…") % {"file": path.name})
        self.fill_button.setEnabled(False)
        self.context.tasks.run(
            lambda _report: read_form(path, preferences, organiser),
            owner=self,
            on_success=self._form_read,
            on_error=self._refused,
            what=_("The form could not be read."),
        )

    def _say(self, message: str) -> None:
        """Show *message* (an error's) above the mapping; hide the line when it is empty."""
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _refused(self, error: RcmDeskError) -> None:
        self.status.clear()
        self._say(error.message)
        self._enable_fill()

    # --- Step 2: the mapping ------------------------------------------------------------

    def _form_read(self, form: FormLayout) -> None:
        self.form = form
        self.table.setRowCount(len(form.slots))
        for row, slot in enumerate(form.slots):
            self.table.setItem(row, 0, QTableWidgetItem(slot_label(slot)))
            combo = QComboBox(self.table)
            combo.setAccessibleName(_("What %(label)s receives") % {"label": slot_label(slot)})
            combo.addItem(_("(nothing)"), "")
            for field in Field:
                combo.addItem(field_label(field), field.value)
            combo.setCurrentIndex(max(combo.findData(slot.field.value if slot.field else ""), 0))
            combo.currentIndexChanged.connect(
                lambda _index, key=slot.key, combo=combo: self._remap(key, combo)
            )
            self.table.setCellWidget(row, 1, combo)
            self.table.setItem(row, 2, QTableWidgetItem())
        lines = []
        if not form.recognised:
            lines.append(
                _(
                    "RCM Desk did not recognise the columns of this form; "
                    "choose what each one receives."
                )
            )
        else:
            lines.append(
                ngettext(
                    "%(n)d place in the form was recognised; check what each one receives.",
                    "%(n)d places in the form were recognised; check what each one receives.",
                    form.recognised,
                )
                % {"n": form.recognised}
            )
        if form.placeholders:
            lines.append(
                _("Placeholders to replace: %(list)s")
                % {"list": format_list(list(form.placeholders))}
            )
        self.status.setText("\n".join(lines))
        self.mapping.show()
        self._show_examples()
        self._enable_fill()

    def _remap(self, key: str, combo: QComboBox) -> None:
        if self.form is None:
            return
        value = combo.currentData()
        self.form = remap(self.form, {key: Field(value) if value else None})
        self._show_examples()
        self._enable_fill()

    def chosen(self) -> list[Participant]:
        """The participants checked, in the service's order."""
        return [
            participant
            for row, participant in enumerate(self.participants)
            if self.people.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _people_changed(self) -> None:
        self._show_examples()
        self._enable_fill()

    def _show_examples(self) -> None:
        if self.form is None:
            return
        chosen = self.chosen()
        for row, slot in enumerate(self.form.slots):
            person = slot.participant or 0
            record = chosen[person].record if person < len(chosen) else None
            text = value_for(record, slot.field) if record and slot.field else ""
            item = self.table.item(row, 2)
            if item is not None:
                item.setText(text)
                item.setToolTip(text)

    def _enable_fill(self) -> None:
        form = self.form
        ready = form is not None and bool(form.recognised or form.placeholders)
        self.fill_button.setEnabled(ready and bool(self.chosen()))

    # --- Filling ------------------------------------------------------------------------

    def fill(self, path: str | None = None) -> None:
        """Ask where to save the filled copy, then write it off the UI thread."""
        from rcm_desktop.data.services.organiser_forms import write_form

        form = self.form
        if form is None:
            return
        if not path:
            folder = form.path.parent
            if self.from_attachment:
                from rcm_desktop.ui.dialogs.print_briefing import pdf_folder

                folder = pdf_folder(self.context)
            suffix = form.path.suffix
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save the filled form"),
                str(folder / filled_name(form.path)),
                _("Forms (*%(suffix)s)") % {"suffix": suffix},
            )
            if path and not path.lower().endswith(suffix.lower()):
                path += suffix
        if not path:
            return
        target, chosen = Path(path), self.chosen()
        preferences, organiser = self.context.preferences, self.organiser
        self._say("")
        self.result.setText(_("Filling the form…"))
        self.attach_box.hide()
        self.fill_button.setEnabled(False)
        remove_blank = self.remove_blank_box.isChecked()
        self.context.tasks.run(
            lambda _report: write_form(form, target, chosen, preferences, organiser, remove_blank),
            owner=self,
            on_success=lambda report: self._filled(report, target),
            on_error=self._fill_refused,
            on_done=self._enable_fill,
            what=_("The form could not be filled."),
        )

    def _fill_refused(self, error: RcmDeskError) -> None:
        self.result.clear()
        self._say(error.message)

    def _filled(self, report: FillReport, target: Path) -> None:
        self.written = target
        self.result.setText("\n".join(report_lines(report, target)))
        self.attach_box.blockSignals(True)
        self.attach_box.setText(_("&Attach the filled form to the meeting"))
        self.attach_box.setChecked(False)
        self.attach_box.setEnabled(True)
        self.attach_box.blockSignals(False)
        self.attach_box.show()

    def _attach(self, checked: bool) -> None:
        from rcm_desktop.data.services.attachments import add_attachment

        database, profile, source = self.context.database, self.context.profile, self.written
        if not checked or database is None or source is None:
            return
        meeting_id = self.meeting_id
        self.attach_box.setEnabled(False)  # attached once; detach it from the meeting's page

        def attached(_info: object) -> None:
            self.context.events.announce("meetings", ids=[meeting_id])
            self.attach_box.setText(_("Attached to the meeting (see its attachments)."))

        def refused(error: RcmDeskError) -> None:
            self._say(error.message)
            self.attach_box.blockSignals(True)
            self.attach_box.setChecked(False)
            self.attach_box.setEnabled(True)
            self.attach_box.blockSignals(False)

        self.context.tasks.run(
            lambda _report: add_attachment(database, profile, meeting_id, source),
            owner=self,
            on_success=attached,
            on_error=refused,
            what=_("The file could not be attached."),
            writes=True,
        )
