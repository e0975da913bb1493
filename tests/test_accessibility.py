"""Every control a person can reach has a name a screen reader announces, and the day's work
goes by keyboard: labels are buddies of their fields, icon-only buttons are named, a dialog
saves with Enter and closes with Escape."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from rcm_desktop.paths import Profile
from tests.test_screens import _dialogs, _settle, _views

CONTROLS = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QAbstractButton,
)


def _inside_another_control(widget: QWidget) -> bool:
    """The line edit of a combo box or a spin box, a table's inner button: named by its owner."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QAbstractItemView):
            return True
        if getattr(parent, "edit", None) is widget:  # a date field's text: the field is named
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls shown in *root* that a screen reader could only announce by their kind."""
    buddies: set[int] = set()
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        while buddy is not None:
            buddies.add(id(buddy))
            buddy = buddy.focusProxy()
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or _inside_another_control(widget):
            continue
        words = (
            widget.text().replace("&", "").strip() if isinstance(widget, QAbstractButton) else ""
        )
        if len(words) > 1:  # a button that says what it does, not an arrow
            continue
        if widget.accessibleName() or id(widget) in buddies:
            continue
        owner = widget.parentWidget()
        if owner is not None and owner.focusProxy() is widget and owner.accessibleName():
            continue
        chain, parent = [], widget.parentWidget()
        while parent is not None and parent is not root and len(chain) < 3:
            chain.append(parent.objectName() or type(parent).__name__)
            parent = parent.parentWidget()
        where = "/".join(reversed(chain))
        shown = widget.currentText() if isinstance(widget, QComboBox) else ""
        found.append(
            f"{type(widget).__name__} {widget.objectName() or '(no name)'} in {where} {shown}"
        )
    return found


def test_every_control_of_every_page_is_named(qtbot, open_window, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    assert window.open_store()
    problems: list[str] = []
    for name, page in _views(window):
        _settle(qtbot, page)
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)]
        for tab in range(tabs[0].count()) if tabs else [None]:
            if tab is not None:
                tabs[0].setCurrentIndex(tab)
                _settle(qtbot, page)
            problems += [f"{name} tab {tab}: {item}" for item in unnamed_controls(page)]
    assert problems == [], "\n".join(sorted(set(problems)))


def test_every_control_of_the_main_dialogs_is_named(qtbot, open_window, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    assert window.open_store()
    problems: list[str] = []
    for name, build in _dialogs(window):
        dialog: QDialog = build()
        qtbot.addWidget(dialog, before_close_func=lambda shown: shown.done(0))
        dialog.show()
        qtbot.waitExposed(dialog)
        tabs = dialog.findChildren(QTabWidget)
        for tab in range(tabs[0].count()) if tabs else [None]:
            if tab is not None:
                tabs[0].setCurrentIndex(tab)
            QApplication.processEvents()
            problems += [f"{name} tab {tab}: {item}" for item in unnamed_controls(dialog)]
        dialog.done(0)
    assert problems == [], "\n".join(sorted(set(problems)))


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Escape])
def test_a_dialog_answers_enter_and_escape(
    qtbot, open_window, type_text, profile: Profile, key: Qt.Key
) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.data.services.directory import search_people
    from rcm_desktop.ui.dialogs.person_editor import PersonEditor

    window = open_window(profile)
    assert window.open_store()
    editor = PersonEditor(window.context, parent=window)
    qtbot.addWidget(editor, before_close_func=lambda shown: shown.done(0))
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    name = editor.inputs["full_name"]
    name.setFocus()
    type_text(name, "Rosa Elena Cárcamo")
    qtbot.keyClick(name, Qt.Key.Key_Tab)  # to the next field, by keyboard
    institution = editor.inputs["institution"]
    type_text(institution, "Dirección General de Migración")
    qtbot.keyClick(institution, key)
    qtbot.waitUntil(lambda: not editor.isVisible())
    found = search_people(window.context.database, "Rosa Elena").rows
    assert (len(found) == 1) == (key == Qt.Key.Key_Return), "Enter saves, Escape does not"
