"""Date fields in the user's language, always with four-digit years."""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QWidget


def date_format() -> str:
    """The active locale's short date format with a four-digit year ("dd/MM/yyyy", "M/d/yyyy")."""
    short = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return re.sub(r"(?<!y)y{1,2}(?!y)", "yyyy", short)


def date_edit(parent: QWidget | None = None, value: QDate | None = None) -> QDateEdit:
    """A QDateEdit with a calendar popup and a four-digit-year format."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_format())
    if value is not None:
        edit.setDate(value)
    return edit
