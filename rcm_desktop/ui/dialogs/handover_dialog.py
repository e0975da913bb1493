"""File ▸ Hand over to a successor…: the dossier's language and file, and optionally the
encrypted archive of the whole profile with its passphrase typed twice.

The work runs in the background with a progress bar in the dialog, which stays open (with
what the user typed) until it ends; a refusal shows beside the fields.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from rcm_desktop.domain import identity
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import SUPPORTED_LANGUAGES, _, current_language, messages
from rcm_desktop.preferences import PDF_FOLDER_KEY
from rcm_desktop.printing.file_names import file_name
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.print_briefing import pdf_folder
from rcm_desktop.ui.dialogs.task_form import TaskFormDialog, path_row
from rcm_desktop.ui.widgets.choosers import LanguageComboBox

LANGUAGE_KEY = "handover.language"
ARCHIVE_SUFFIX = ".rcmhandover"


class HandOverDialog(TaskFormDialog):
    """Choose the dossier's language and file, and whether to write the archive."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            parent,
            name="handOverDialog",
            title=_("Hand over to a successor"),
            intro=_(
                "Prepare what your successor needs: a dossier to read (PDF) and, if you wish, "
                "the whole profile in one file encrypted with a passphrase, to carry on a USB "
                "stick or leave on a shared drive."
            ),
        )
        self._stop = threading.Event()
        form = self.form
        self.language = LanguageComboBox(self)
        self.language.setObjectName("handoverLanguage")
        self.language.set_code(context.preferences.get(LANGUAGE_KEY) or current_language())
        form.addRow(_("Language of the dossier:"), self.language)
        self.name = QLineEdit(str(context.preferences.get(identity.USER_NAME_KEY) or ""), self)
        self.name.setObjectName("handoverName")
        self.name.setPlaceholderText(_("e.g. Ana Peña, Dirección de Migración"))
        form.addRow(_("Your name:"), self.name)
        self.folder = pdf_folder(context)
        self.dossier = QLineEdit(self._suggested("dossier"), self)
        self.dossier.setObjectName("handoverDossier")
        self.dossier.setAccessibleName(_("Dossier file"))
        form.addRow(_("Save the dossier as:"), path_row(self, self.dossier, self._browse_dossier))
        self.with_archive = QCheckBox(
            _("Also write the &handover archive: the whole profile, encrypted"), self
        )
        self.with_archive.setObjectName("handoverWithArchive")
        form.addRow(self.with_archive)
        self.archive = QLineEdit(self._suggested("archive"), self)
        self.archive.setObjectName("handoverArchive")
        self.archive.setAccessibleName(_("Archive file"))
        form.addRow(_("Save the archive as:"), path_row(self, self.archive, self._browse_archive))
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("handoverPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Passphrase:"), self.passphrase)
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("handoverRepeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("The same passphrase again:"), self.repeat)
        self.hint = QLabel(
            _(
                "At least 10 characters. Tell it to your successor in person: without it "
                "nobody can open the archive, not even you."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        form.addRow(self.hint)
        self.with_archive.toggled.connect(self._archive_fields)
        self.language.currentIndexChanged.connect(self._suggest_again)
        server = context.database is not None and not context.database.is_sqlite
        if server:
            self.with_archive.setEnabled(False)
            self.with_archive.setToolTip(
                _(
                    "The profile works on a shared database: the dossier names it for your successor."
                )
            )
        self._archive_fields(False)
        self.start_button = self.finish_form(_("&Hand over"))
        self.hide_message_on_edit(
            self.name, self.dossier, self.archive, self.passphrase, self.repeat
        )

    def _suggested(self, kind: str, language: str | None = None) -> str:
        """The file offered for the dossier or the archive, named in the dossier's language."""
        t = messages(language or self.language.code() or current_language())
        stamp = dt.date.today().isoformat()
        if self.context.country:
            stamp = f"{t.country(self.context.country)} {stamp}"
        if kind == "dossier":
            return str(self.folder / file_name(t.gettext("Handover dossier %(title)s"), stamp))
        pattern = t.gettext("Handover archive %(title)s")
        return str(self.folder / file_name(pattern, stamp, ARCHIVE_SUFFIX))

    def _suggest_again(self) -> None:
        """Another language: the files named in it too, unless the user typed their own."""
        for kind, line in (("dossier", self.dossier), ("archive", self.archive)):
            if line.text() in (self._suggested(kind, code) for code in SUPPORTED_LANGUAGES):
                line.setText(self._suggested(kind))

    def _archive_fields(self, on: bool) -> None:
        for widget in (self.archive, self.passphrase, self.repeat, self.hint):
            widget.setEnabled(on)

    def _browse_dossier(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the dossier as"), self.dossier.text(), _("PDF files (*.pdf)")
        )
        if chosen:
            self.dossier.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")

    def _browse_archive(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the archive as"),
            self.archive.text(),
            _("Handover archives (*%(suffix)s)") % {"suffix": ARCHIVE_SUFFIX},
        )
        if chosen:
            self.archive.setText(chosen)

    def dossier_path(self) -> Path:
        text = self.dossier.text().strip()
        if text and not text.lower().endswith(".pdf"):
            text += ".pdf"
        return Path(text).expanduser()

    def archive_path(self) -> Path | None:
        if not self.with_archive.isChecked():
            return None
        text = self.archive.text().strip()
        if text and not text.lower().endswith(ARCHIVE_SUFFIX):
            text += ARCHIVE_SUFFIX
        return Path(text).expanduser()

    def _check(self) -> bool:
        from rcm_desktop.data.services.handover import check_passphrase

        for line, path in (
            (self.dossier, self.dossier_path()),
            (self.archive, self.archive_path()),
        ):
            if path is None:
                continue
            if not str(line.text()).strip():
                self.refuse(_("Say where to save the file."), line)
                return False
            if not path.parent.is_dir():
                self.refuse(
                    _("The folder %(folder)s does not exist. Choose another place.")
                    % {"folder": path.parent},
                    line,
                )
                return False
            if path.is_dir():
                self.refuse(_("%(path)s is a folder; add a file name.") % {"path": path}, line)
                return False
        if self.archive_path() is not None:
            try:
                check_passphrase(self.passphrase.text(), self.repeat.text())
            except RcmDeskError as error:
                field = getattr(error, "field", None)
                self.refuse(error.message, self.repeat if field == "repeat" else self.passphrase)
                return False
        return self._may_replace([self.dossier_path(), self.archive_path()])

    def _may_replace(self, paths: list[Path | None]) -> bool:
        """Ask before replacing files that exist; True to go on."""
        existing = [str(path) for path in paths if path is not None and path.exists()]
        if not existing:
            return True
        answer = QMessageBox.question(
            self,
            _("Replace the files?"),
            _("These files exist already and will be replaced:\n%(files)s")
            % {"files": "\n".join(existing)},
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @property
    def result_value(self) -> object:
        """The handover's result, once done."""
        return self.outcome

    def accept(self) -> None:
        """Check the choices, then hand over in the background; the dialog closes when done."""
        if self.running or not self._check():
            return
        from rcm_desktop.data.services.handover import hand_over

        database, profile = self.context.database, self.context.profile
        if database is None:
            return
        language = self.language.code() or current_language()
        dossier, archive = self.dossier_path(), self.archive_path()
        passphrase = self.passphrase.text() if archive is not None else None
        name = " ".join(self.name.text().split()) or None
        if name:  # recorded with this profile's changes from now on, as it is printed
            self.context.preferences.remember(identity.USER_NAME_KEY, name)
            database.identity = identity.describe(name)
        self.context.preferences.remember(LANGUAGE_KEY, language)
        self.context.preferences.remember(PDF_FOLDER_KEY, str(dossier.parent))
        self._stop.clear()
        self.start(
            lambda report: hand_over(
                database,
                profile,
                dossier,
                language,
                archive=archive,
                passphrase=passphrase,
                prepared_by=name,
                progress=report,
                cancelled=self._stop.is_set,
            ),
            _("The handover could not be prepared."),
        )

    def reject(self) -> None:
        """Cancel: stop a running handover at its next step (nothing is left), or close."""
        if self.running:
            self._stop.set()
            self.progress.setFormat(_("Cancelling…"))
            return
        super().reject()

    def set_running(self, on: bool) -> None:
        super().set_running(on)
        for widget in (self.language, self.name, self.dossier, self.with_archive):
            widget.setEnabled(not on)
        self._archive_fields(not on and self.with_archive.isChecked())

    def failed(self, error: RcmDeskError) -> None:
        from rcm_desktop.printing.pdf.document import BuildCancelled

        if isinstance(error, BuildCancelled):
            self.set_running(False)
            self.refuse(_("Cancelled: no file was written."), self.start_button)
            return
        super().failed(error)  # an archive cancelled says whether the dossier was written
