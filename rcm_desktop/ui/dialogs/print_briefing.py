"""Print a meeting's briefing pack: its language, the delegation, the marking, where to save it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from rcm_desktop.i18n import _, current_language
from rcm_desktop.preferences import PDF_FOLDER_KEY
from rcm_desktop.printing.file_names import briefing_pack_file_name
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.style import message_label
from rcm_desktop.ui.widgets.choosers import CountryComboBox, LanguageComboBox

LANGUAGE_KEY = "briefing.language"
MARKING_KEY = "briefing.marking"
#: Where earlier versions remembered the pack's folder (read when no PDF folder is known yet).
FOLDER_KEY = "briefing.folder"


def pdf_folder(context: AppContext) -> Path:
    """The folder last used for a PDF, if it still exists, else the user's Documents folder."""
    for key in (PDF_FOLDER_KEY, FOLDER_KEY):
        remembered = context.preferences.get(key)
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


class PrintBriefingDialog(QDialog):
    """Choose the pack's language (not the interface's), the country, the marking and the file."""

    def __init__(
        self,
        context: AppContext,
        meeting_title: str,
        parent: QWidget | None = None,
        meeting_day: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting_title = meeting_title
        self.meeting_day = meeting_day or dt.date.today()
        self.setWindowTitle(_("Print briefing pack"))
        self.setObjectName("printBriefingDialog")
        form = QFormLayout(self)
        intro = QLabel(
            _("A PDF for the head of delegation of “%(title)s”.") % {"title": meeting_title}, self
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.language = LanguageComboBox(self)
        self.language.setObjectName("briefingLanguage")
        self.language.set_code(context.preferences.get(LANGUAGE_KEY) or current_language())
        form.addRow(_("Language of the pack:"), self.language)
        self.country = CountryComboBox(
            context.reference.countries if context.reference else (), self
        )
        self.country.setObjectName("briefingCountry")
        self.country.set_code(context.country)
        form.addRow(_("Delegation of:"), self.country)
        self.marking = QLineEdit(self)
        self.marking.setObjectName("briefingMarking")
        self.marking.setPlaceholderText(_("e.g. Confidential — for official use"))
        self.marking.setText(context.preferences.get(MARKING_KEY, "") or "")
        form.addRow(_("Confidentiality marking:"), self.marking)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setObjectName("briefingPath")
        self.path.setAccessibleName(_("File to write"))
        self.suggested = str(pdf_folder(context) / self.suggested_name())
        self.path.setText(self.suggested)
        self.language.currentIndexChanged.connect(self._suggest_again)
        browse = QPushButton(_("&Browse…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(_("Save as:"), row)
        self.error = message_label(self, name="briefingError")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.print_button = buttons.addButton(_("&Print"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def suggested_name(self) -> str:
        """The file name offered: in the pack's language, with the meeting's title and day."""
        return briefing_pack_file_name(
            self.meeting_title, self.meeting_day, self.language.code() or current_language()
        )

    def _suggest_again(self) -> None:
        """Another language: name the file in it too, unless the user typed their own path."""
        if self.path.text() != self.suggested:
            return
        self.suggested = str(Path(self.suggested).parent / self.suggested_name())
        self.path.setText(self.suggested)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the briefing pack as"), self.path.text(), _("PDF files (*.pdf)")
        )
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")

    def target(self) -> Path:
        """The file to write, as typed (a ".pdf" suffix added when missing)."""
        text = self.path.text().strip()
        if text and not text.lower().endswith(".pdf"):
            text += ".pdf"
        return Path(text).expanduser()

    def _refuse(self, message: str, widget: QWidget) -> None:
        self.error.setText(message)
        self.error.show()
        widget.setFocus()

    def accept(self) -> None:
        """Check the choices; keep the dialog open with the reason next to the field if wrong."""
        if not self.country.code():
            self._refuse(_("Choose the country whose delegation the pack is for."), self.country)
            return
        if not self.path.text().strip():
            self._refuse(_("Say where to save the PDF."), self.path)
            return
        target = self.target()
        if not target.parent.is_dir():
            self._refuse(
                _("The folder %(folder)s does not exist. Choose another place to save the PDF.")
                % {"folder": target.parent},
                self.path,
            )
            return
        if target.is_dir():
            self._refuse(_("%(path)s is a folder; add a file name.") % {"path": target}, self.path)
            return
        preferences = self.context.preferences
        preferences.remember(LANGUAGE_KEY, self.language.code())
        preferences.remember(MARKING_KEY, self.marking.text().strip())
        preferences.remember(PDF_FOLDER_KEY, str(target.parent))
        super().accept()
