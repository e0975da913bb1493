"""What the screenshot suite looks for: text a widget cuts where it should not, and PNGs to look at.

`cut_texts(root)` walks the visible widgets under *root* and names every text that does not
fit the room its widget gives it: labels (each word, if they wrap), buttons, group box
titles, combo boxes, tabs and table headers (every word of a section, and sections pushed
out of sight). Text a widget elides on purpose (with "…" and the full text in a tooltip) and
table *cells* are not counted.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)

#: Where the PNGs go when the environment names a folder (else under pytest's tmp dir).
SCREENS_DIR_VARIABLE = "RCM_DESK_SCREENS_DIR"
#: Room a text needs beyond its own width before it counts as cut (anti-aliasing, rounding).
SLACK = 1


def screens_folder(default: Path) -> Path:
    folder = Path(os.environ.get(SCREENS_DIR_VARIABLE) or default)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_png(widget: QWidget, folder: Path, name: str) -> Path:
    """The widget as the user sees it, written to *folder*/*name*.png."""
    scale = os.environ.get("QT_SCALE_FACTOR")
    suffix = f"@{scale}x" if scale and scale != "1" else ""
    path = folder / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}{suffix}.png"
    assert widget.grab().save(str(path)), f"could not write {path}"
    return path


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def _without_mnemonics(text: str) -> str:
    return re.sub(r"&(.)", r"\1", text)


def _name(widget: QWidget) -> str:
    chain = []
    while widget is not None and len(chain) < 3:
        name = widget.objectName() or type(widget).__name__
        chain.append(name)
        widget = widget.parentWidget()
    return "/".join(reversed(chain))


def _shown(widget: QWidget, root: QWidget) -> bool:
    return (widget is root or widget.isVisibleTo(root)) and widget.width() > 0


def _label_problems(label: QLabel) -> list[str]:
    if label.pixmap() is not None and not label.pixmap().isNull():
        return []
    text = _plain(label.text())
    if not text.strip():
        return []
    metrics = label.fontMetrics()
    room = label.contentsRect().width() - 2 * max(label.margin(), 0) - max(label.indent(), 0)
    if label.wordWrap():
        words = [word for word in re.split(r"\s+", text) if word]
        cut = [word for word in words if metrics.horizontalAdvance(word) > room + SLACK]
        return [f"label {_name(label)}: word {word!r} wider than {room}px" for word in cut[:1]]
    cut = [
        line
        for line in text.splitlines()
        if metrics.horizontalAdvance(_without_mnemonics(line) if label.buddy() else line)
        > room + SLACK
    ]
    return [f"label {_name(label)}: {line!r} cut to {room}px" for line in cut[:1]]


def _button_problems(button: QAbstractButton) -> list[str]:
    text = _without_mnemonics(button.text())
    if not text.strip():
        return []
    metrics = button.fontMetrics()
    needed = metrics.horizontalAdvance(text)
    if not button.icon().isNull():
        needed += button.iconSize().width() + 4
    if isinstance(button, QCheckBox | QRadioButton):
        style = button.style()
        indicator = style.pixelMetric(
            QStyle.PixelMetric.PM_IndicatorWidth
            if isinstance(button, QCheckBox)
            else QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
            None,
            button,
        )
        needed += indicator + style.pixelMetric(
            QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, button
        )
    elif isinstance(button, QPushButton | QToolButton):
        needed += 8  # the frame and the least padding a style gives
    if button.width() + SLACK >= needed:
        return []
    if button.width() >= button.sizeHint().width():
        return []
    return [f"button {_name(button)}: {text!r} needs {needed}px, has {button.width()}px"]


def _group_problems(box: QGroupBox) -> list[str]:
    title = _without_mnemonics(box.title())
    if not title:
        return []
    needed = box.fontMetrics().horizontalAdvance(title) + 12
    if box.isCheckable():
        needed += box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, box) + 4
    if box.width() + SLACK >= needed:
        return []
    return [f"group box {_name(box)}: {title!r} needs {needed}px, has {box.width()}px"]


def _combo_problems(combo: QComboBox) -> list[str]:
    text = combo.currentText()
    if not text or combo.isEditable():
        return []
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    needed = combo.fontMetrics().horizontalAdvance(text)
    if not combo.itemIcon(combo.currentIndex()).isNull():
        needed += combo.iconSize().width() + 4
    if needed <= field.width() + SLACK:
        return []
    if combo.toolTip() and text in _plain(combo.toolTip()):
        return []  # elided on purpose, the full text in the tooltip
    return [f"combo box {_name(combo)}: {text!r} cut to {field.width()}px"]


def _tab_problems(bar: QTabBar) -> list[str]:
    problems = []
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = _without_mnemonics(bar.tabText(index))
        rect = bar.tabRect(index)
        if rect.right() > bar.width() or rect.left() < 0:
            problems.append(f"tab {_name(bar)}: {text!r} out of sight")
        elif bar.fontMetrics().horizontalAdvance(text) > rect.width() - 4:
            problems.append(f"tab {_name(bar)}: {text!r} cut to {rect.width()}px")
    return problems


def _header_problems(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return []
    problems = []
    font = QFont(header.font())
    font.setBold(header.highlightSections() or font.bold())  # a selected row bolds the headers
    metrics = QFontMetrics(font)
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    wraps = bool(header.defaultAlignment() & Qt.TextFlag.TextWordWrap)
    viewport = header.viewport().width()
    for logical in range(header.count()):
        if header.isSectionHidden(logical):
            continue
        text = str(model.headerData(logical, Qt.Orientation.Horizontal) or "")
        width = header.sectionSize(logical) - margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == logical:
            width -= header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        pieces = text.split() if wraps else [text]
        cut = [piece for piece in pieces if metrics.horizontalAdvance(piece) > width + SLACK]
        if cut:
            problems.append(f"header {_name(header)}: {cut[0]!r} cut to {width}px in {text!r}")
        right = header.sectionViewportPosition(logical) + header.sectionSize(logical)
        if right > viewport + SLACK:
            problems.append(f"header {_name(header)}: column {text!r} out of sight")
    return problems


def cut_texts(root: QWidget) -> list[str]:
    """Every text under *root* (shown) that its widget cuts, described for a failure message."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root):
            continue
        if isinstance(widget, QLabel):
            problems += _label_problems(widget)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parentWidget(), QTabBar):
            problems += _button_problems(widget)
        elif isinstance(widget, QGroupBox):
            problems += _group_problems(widget)
        elif isinstance(widget, QComboBox):
            problems += _combo_problems(widget)
        elif isinstance(widget, QTabBar):
            problems += _tab_problems(widget)
        elif isinstance(widget, QHeaderView):
            problems += _header_problems(widget)
    return problems


def too_big(root: QWidget) -> list[str]:
    """Widgets whose layout needs more room than they have (so Qt cuts them off)."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root) or widget.layout() is None:
            continue
        need = widget.layout().minimumSize()
        if need.width() > widget.width() + SLACK or need.height() > widget.height() + SLACK:
            problems.append(
                f"{_name(widget)} needs {need.width()}×{need.height()}, "
                f"has {widget.width()}×{widget.height()}"
            )
    return problems
