"""One path for every failure: logged with its traceback in the profile's logs, then shown.

*what* is a whole sentence saying what failed ("The meeting could not be saved."). An
error of RCM Desk's own (a refusal, a full disk, a server gone) follows it with its
translated message. Anything else is a bug: the box says so, names the log file, and
offers to copy the report for support.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from rcm_desktop import APP_NAME
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _

LOGGER_NAME = "rcm_desktop"


def details_of(error: BaseException) -> str:
    """The error with its traceback, as the log and the report show it."""
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def log_failure(error: BaseException, what: str) -> None:
    """Write the failure, with its traceback, to the profile's log (nowhere else)."""
    logging.getLogger(LOGGER_NAME).error("%s failed\n%s", what, details_of(error))


def failure_box(
    parent: QWidget | None, error: BaseException, what: str, log_path: Path | None = None
) -> QMessageBox:
    """The message box that says what failed and why (not yet shown)."""
    if isinstance(error, RcmDeskError):
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, what, parent=parent)
        box.setInformativeText(error.message)
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, what, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    where = str(log_path) if log_path else _("the profile's logs folder")
    box.setInformativeText(
        _(
            "This is a bug in RCM Desk, not something you did. The details were written to "
            "%(path)s; copy the report and send it to whoever supports RCM Desk for you."
        )
        % {"path": where}
    )
    report = details_of(error)
    box.setDetailedText(report)
    copy = box.addButton(_("&Copy the report"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()  # copying keeps the box open
    copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
    return box


def report_failure(
    parent: QWidget | None, error: BaseException, what: str, log_path: Path | None = None
) -> QMessageBox:
    """Log *error* and show it (window-modal, without blocking); returns the box shown."""
    log_failure(error, what)
    box = failure_box(parent, error, what, log_path)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
