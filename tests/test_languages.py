"""Switching the language in Settings retranslates the open window: no English source text is left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QTextBrowser,
    QWidget,
)

from rcm_desktop.i18n import current_language, format_date
from rcm_desktop.paths import Profile

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]")


#: A date written the English way ("Sep 8, 2021"), left over after a switch of language.
ENGLISH_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, \d{4}\b"
)


def english_patterns(language: str) -> list[re.Pattern[str]]:
    """A full-match pattern for each source message whose translation differs from it."""
    with (ROOT / "translations" / language / "LC_MESSAGES" / "rcm_desktop.po").open("rb") as handle:
        catalog = read_po(handle)
    patterns = []
    for message in catalog:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        for source in sources:
            if source in targets or len(source) < 3:
                continue
            for variant in {source, source.replace("&&", "&").replace("&", "")}:
                pieces = PLACEHOLDER.split(variant)
                if len(pieces) > 1 and len(re.sub(r"[^A-Za-z]", "", "".join(pieces))) < 5:
                    continue  # "%(start)s to %(end)s" would match any text with " to " in it
                patterns.append(re.compile(".+".join(re.escape(piece) for piece in pieces)))
    return patterns


def _plain(text: str) -> list[str]:
    if "<" in text:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return [line.strip() for line in text.splitlines() if line.strip()]


def visible_texts(window: QWidget) -> list[str]:
    texts: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            texts += _plain(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, QLineEdit) and not widget.text():
            texts.append(widget.placeholderText())
        elif isinstance(widget, QTextBrowser):
            texts += _plain(widget.toPlainText())
        elif isinstance(widget, QListWidget):
            texts += [widget.item(row).text() for row in range(widget.count())]
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            texts += [
                str(model.headerData(column, Qt.Orientation.Horizontal))
                for column in range(model.columnCount())
            ]
            texts += [
                str(model.index(row, column).data())
                for row in range(model.rowCount())
                for column in range(model.columnCount())
            ]
    for menu_action in window.menuBar().actions():
        texts.append(menu_action.text())
        texts += [action.text() for action in menu_action.menu().actions() if action.text()]
    return [text for text in texts if text]


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_switching_language_in_settings_leaves_no_english(
    qtbot, open_window, profile: Profile, language: str
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    assert window.open_store()
    for index in range(window.navigation.count()):
        window.show_page(index)
    window.meetings.table.selectRow(0)
    settings = window.settings
    window.show_page(5)
    settings.language.set_code(language)
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert current_language() == language

    patterns = english_patterns(language)
    leftovers = []
    for index in range(window.navigation.count()):
        window.show_page(index)
        for text in visible_texts(window):
            if any(pattern.fullmatch(text) for pattern in patterns):
                leftovers.append((index, text))
            if ENGLISH_DATE.search(text):
                leftovers.append((index, text))
    assert leftovers == [], "\n".join(f"page {index}: {text}" for index, text in leftovers)
    window.show_page(1)
    first = window.meetings.model.row_at(0)
    assert window.meetings.model.index(0, 0).data() == format_date(first.first_date)
    assert window.context.preferences.get("language") == language


def test_switching_back_to_english(qtbot, open_window, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.change_language("es")
    assert window.navigation.item(1).text() == "Reuniones"
    window.change_language("en")
    assert window.navigation.item(1).text() == "Meetings"
    assert [action.text() for action in window.menuBar().actions()] == [
        "&File",
        "&Meetings",
        "&Go",
        "&Help",
    ]
