"""File ▸ Open a handover archive…: the archive, its passphrase, the successor's name and the
folder of the new profile. The archive is read and checked in the background, with progress;
the dialog stays open with what was typed until the profile exists, or says why not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QLineEdit,
    QWidget,
)

from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _, current_language
from rcm_desktop.printing.file_names import clean
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.handover_dialog import ARCHIVE_SUFFIX
from rcm_desktop.ui.dialogs.print_briefing import pdf_folder
from rcm_desktop.ui.dialogs.task_form import TaskFormDialog, path_row


def free_folder(parent: Path, name: str) -> Path:
    """A folder in *parent* named after *name* that does not exist yet ("name 2", …)."""
    base = clean(name) or "handover"
    candidate, number = parent / base, 2
    while candidate.exists():
        candidate, number = parent / f"{base} {number}", number + 1
    return candidate


class OpenHandoverDialog(TaskFormDialog):
    """Choose the archive, type its passphrase and your name; where the new profile goes."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            parent,
            name="openHandoverDialog",
            title=_("Open a handover archive"),
            intro=_(
                "Your predecessor's profile becomes a new profile on this computer: their "
                "meetings, delegations, deadlines, documents, history and files. The profile "
                "open now is not changed."
            ),
        )
        form = self.form
        self.archive = QLineEdit(self)
        self.archive.setObjectName("openHandoverArchive")
        self.archive.setAccessibleName(_("Archive file"))
        self.archive.textChanged.connect(self._suggest_folder)
        form.addRow(_("Handover archive:"), path_row(self, self.archive, self._browse_archive))
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("openHandoverPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Passphrase:"), self.passphrase)
        self.name = QLineEdit(self)
        self.name.setObjectName("openHandoverName")
        self.name.setPlaceholderText(_("e.g. Ana Peña, Dirección de Migración"))
        form.addRow(_("Your name:"), self.name)
        self.folder = QLineEdit(self)
        self.folder.setObjectName("openHandoverFolder")
        self.folder.setAccessibleName(_("Folder of the new profile"))
        self._suggested = ""
        self._suggest_folder()
        form.addRow(_("New profile folder:"), path_row(self, self.folder, self._browse_folder))
        self.at_start = QCheckBox(_("Open this profile whenever RCM Desk &starts"), self)
        self.at_start.setObjectName("openHandoverAtStart")
        self.at_start.setChecked(True)
        form.addRow(self.at_start)
        self.open_button = self.finish_form(_("&Open"))
        self.hide_message_on_edit(self.archive, self.passphrase, self.name, self.folder)

    def _suggest_folder(self) -> None:
        """Name the new profile's folder after the archive, unless the user typed their own."""
        if self.folder.text() != self._suggested:
            return
        stem = Path(self.archive.text().strip()).stem or _("Handover")
        self._suggested = str(free_folder(self.context.profile.root.parent, stem))
        self.folder.setText(self._suggested)

    def _browse_archive(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open a handover archive"),
            self.archive.text().strip() or str(pdf_folder(self.context)),
            _("Handover archives (*%(suffix)s);;All files (*)") % {"suffix": ARCHIVE_SUFFIX},
        )
        if chosen:
            self.archive.setText(chosen)

    def _browse_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Folder of the new profile"), str(Path(self.folder.text()).parent)
        )
        if chosen:
            self.folder.setText(chosen)

    @property
    def opened(self) -> object:
        """The profile made, once done."""
        return self.outcome

    def accept(self) -> None:
        """Check the fields, then open the archive in the background."""
        if self.running:
            return
        archive = Path(self.archive.text().strip()).expanduser()
        if not self.archive.text().strip() or not archive.is_file():
            self.refuse(_("Choose the handover archive your predecessor gave you."), self.archive)
            return
        if not self.passphrase.text():
            self.refuse(_("Type the passphrase your predecessor told you."), self.passphrase)
            return
        if not self.name.text().strip():
            self.refuse(_("Type your name: it is recorded with every change you make."), self.name)
            return
        if not self.folder.text().strip():
            self.refuse(_("Say where the new profile goes."), self.folder)
            return
        from rcm_desktop.data.services.handover import open_handover
        from rcm_desktop.paths import Profile

        target = Profile(Path(self.folder.text().strip()).expanduser().resolve())
        passphrase, name = self.passphrase.text(), self.name.text()
        language = current_language()  # the successor's, not the predecessor's
        self.start(
            lambda report: open_handover(
                archive, passphrase, target, name, language=language, progress=report
            ),
            _("The handover archive could not be opened."),
        )

    def reject(self) -> None:
        """Close, unless the archive is being read (it cannot be stopped half-way)."""
        if not self.running:
            super().reject()

    def focus_after(self, error: RcmDeskError) -> QWidget:
        return self.passphrase if getattr(error, "reason", "") == "passphrase" else self.archive
