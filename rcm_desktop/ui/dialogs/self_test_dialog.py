"""Help › Run the self-test: the same checks as `rcm-desktop self-test`, shown in a window."""

from __future__ import annotations

import io

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext


class SelfTestDialog(QDialog):
    """Runs the self-test off the UI thread and shows its report, ready to copy for support."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("RCM Desk self-test"))
        self.resize(760, 420)
        self.status = QLabel(_("Checking this installation in a temporary folder…"))
        self.status.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(
            _("&Copy the report"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.report.toPlainText())
        )
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)
        self.passed: bool | None = None
        context.tasks.run(
            _run_checks,
            owner=self,
            on_success=self._show,
            on_error=self._crashed,
            what=_("The self-test could not run."),
        )

    def _show(self, result: tuple[int, str]) -> None:
        status, text = result
        self.passed = status == 0
        self.busy.hide()
        self.report.setPlainText(
            text + "ok    " + _("Draw the interface: this window is drawn by the same Qt.") + "\n"
        )
        self.status.setText(
            _("All checks passed.")
            if self.passed
            else _(
                "Some checks failed. Copy the report and send it to whoever supports RCM Desk for you."
            )
        )
        self.copy_button.setEnabled(True)

    def _crashed(self, error: BaseException) -> None:
        self._show((1, f"FAIL  {error!r}\n"))


def _run_checks(_report: object) -> tuple[int, str]:
    from rcm_desktop.self_test import run_self_test

    out = io.StringIO()
    status = run_self_test(out)  # the Qt step is left out: widgets live on the UI thread
    return status, out.getvalue()
