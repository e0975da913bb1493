"""The meeting editor's questions tab: guiding questions by session or phase, with our positions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QWidget,
)

from rcm_desktop.domain.meetings import QuestionDraft
from rcm_desktop.i18n import _
from rcm_desktop.ui.widgets.ordered_list import OrderedList


def _summary(question: QuestionDraft, number: int) -> str:
    text = " ".join(question.text.split()) or _("(no text yet)")
    prefix = f"{question.phase} — " if question.phase else ""
    return f"{number}. {prefix}{text}"[:140]


class QuestionsTab(QWidget):
    """List of questions on the left; the selected one's session, phase, text and position on the right."""

    changed = Signal()

    def __init__(
        self, sessions: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._questions: list[QuestionDraft] = []
        self._current = -1
        layout = QHBoxLayout(self)
        splitter = QSplitter(self)
        layout.addWidget(splitter)
        ordered = OrderedList(_("&Add question"), "questionList", splitter)
        ordered.list.setAccessibleName(_("Guiding questions"))
        self.list = ordered.list
        self.add_button, self.remove_button = ordered.add_button, ordered.remove_button
        self.up_button, self.down_button = ordered.up_button, ordered.down_button

        self.form_area = QWidget(splitter)
        form = QFormLayout(self.form_area)
        self.session = QComboBox(self.form_area)
        self.session.setObjectName("questionSession")
        self.phase = QLineEdit(self.form_area)
        self.phase.setPlaceholderText(_("e.g. Phase I. Prevention of irregular migration"))
        self.context_text = QPlainTextEdit(self.form_area)
        self.context_text.setMaximumHeight(80)
        self.text = QPlainTextEdit(self.form_area)
        self.text.setObjectName("questionText")
        self.text.setMaximumHeight(100)
        self.position = QPlainTextEdit(self.form_area)
        self.position.setObjectName("questionPosition")
        form.addRow(_("Asked in:"), self.session)
        form.addRow(_("Phase:"), self.phase)
        form.addRow(_("Context:"), self.context_text)
        form.addRow(_("Question:"), self.text)
        form.addRow(_("Our position:"), self.position)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 600])

        self.list.currentRowChanged.connect(self._select)
        self.add_button.clicked.connect(self.add_question)
        self.remove_button.clicked.connect(self.remove_question)
        self.up_button.clicked.connect(lambda: self.move_question(-1))
        self.down_button.clicked.connect(lambda: self.move_question(1))
        self.text.textChanged.connect(self._text_changed)
        self._update_enabled()

    def set_questions(self, questions: list[QuestionDraft]) -> None:
        self._questions = [QuestionDraft(**vars(item)) for item in questions]
        self._current = -1
        self._refresh_list()
        if self._questions:
            self.list.setCurrentRow(0)
        self._update_enabled()

    def questions(self) -> list[QuestionDraft]:
        self._store_form()
        return [QuestionDraft(**vars(item)) for item in self._questions]

    def refresh_sessions(self) -> None:
        """The sessions may have changed on the other tab: offer them again."""
        self._store_form()
        if 0 <= self._current < len(self._questions):
            self._load_form(self._current)

    def _fill_sessions(self, chosen: str | None) -> None:
        self.session.blockSignals(True)
        self.session.clear()
        self.session.addItem(_("The whole meeting"), None)
        for key, title in self._sessions():
            self.session.addItem(title, key)
        index = self.session.findData(chosen) if chosen else 0
        self.session.setCurrentIndex(max(index, 0))
        self.session.blockSignals(False)

    def _store_form(self) -> None:
        index = self._current
        if not 0 <= index < len(self._questions):
            return
        item = self._questions[index]
        item.session_key = self.session.currentData()
        item.phase = self.phase.text()
        item.context = self.context_text.toPlainText()
        item.text = self.text.toPlainText()
        item.delegation_position = self.position.toPlainText()

    def _load_form(self, index: int) -> None:
        item = self._questions[index]
        self._fill_sessions(item.session_key)
        self.phase.setText(item.phase)
        self.context_text.setPlainText(item.context)
        self.text.blockSignals(True)
        self.text.setPlainText(item.text)
        self.text.blockSignals(False)
        self.position.setPlainText(item.delegation_position)

    def _select(self, index: int) -> None:
        if index == self._current:
            return
        self._store_form()
        self._current = index
        if 0 <= index < len(self._questions):
            self._load_form(index)
        self._update_enabled()

    def _refresh_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for number, item in enumerate(self._questions, start=1):
            self.list.addItem(_summary(item, number))
        self.list.blockSignals(False)
        if 0 <= self._current < len(self._questions):
            self.list.setCurrentRow(self._current)

    def _text_changed(self) -> None:
        if 0 <= self._current < self.list.count():
            self._questions[self._current].text = self.text.toPlainText()
            self.list.item(self._current).setText(
                _summary(self._questions[self._current], self._current + 1)
            )
        self.changed.emit()

    def _update_enabled(self) -> None:
        has = 0 <= self._current < len(self._questions)
        self.form_area.setEnabled(has)
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(has)

    def add_question(self) -> None:
        self._store_form()
        previous = (
            self._questions[self._current] if 0 <= self._current < len(self._questions) else None
        )
        self._questions.append(
            QuestionDraft(
                text="",
                session_key=previous.session_key if previous else None,
                phase=previous.phase if previous else "",
            )
        )
        self._current = -1
        self._refresh_list()
        self.list.setCurrentRow(len(self._questions) - 1)
        self.text.setFocus()
        self.changed.emit()

    def remove_question(self) -> None:
        index = self._current
        if not 0 <= index < len(self._questions):
            return
        del self._questions[index]
        self._current = -1
        self._refresh_list()
        self.list.setCurrentRow(min(index, len(self._questions) - 1))
        self._update_enabled()
        self.changed.emit()

    def move_question(self, step: int) -> None:
        index, target = self._current, self._current + step
        if not (0 <= index < len(self._questions) and 0 <= target < len(self._questions)):
            return
        self._store_form()
        self._questions[index], self._questions[target] = (
            self._questions[target],
            self._questions[index],
        )
        self._current = -1
        self._refresh_list()
        self.list.setCurrentRow(target)
        self.changed.emit()
