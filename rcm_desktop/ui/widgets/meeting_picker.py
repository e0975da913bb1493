"""Choosing a meeting in a form: the meetings nearest today, or those found by typing a few words.

A store may hold ten thousand meetings; a picker never reads or formats them all. It holds
at most `meeting_choices`' bound, read off the UI thread: those around today (and the one
chosen), or, once the user types in its search box, those whose title holds the words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from rcm_desktop.i18n import _, format_date

if TYPE_CHECKING:
    from rcm_desktop.data.services.delegation_views import MeetingChoice
    from rcm_desktop.ui.context import AppContext

#: Milliseconds of pause in typing before the search runs.
SEARCH_DELAY_MS = 250


class MeetingPicker(QWidget):
    """A combo box of meetings with a search box; `chosen` says when the choice changed."""

    chosen = Signal()

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        none_text: str | None = None,
        name: str = "meetingPicker",
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.none_text = none_text
        self.choices: list[MeetingChoice] = []
        self._wanted: int | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(_("Meeting"))
        self.combo.setObjectName(name)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(24)  # a long title is elided, whole in the tooltip
        self.search = QLineEdit(self)
        self.search.setObjectName(f"{name}Search")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(200)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.search)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.combo.currentIndexChanged.connect(lambda _index: self._show_tooltip())
        self.combo.currentIndexChanged.connect(lambda _index: self.chosen.emit())
        self.retranslate()

    def retranslate(self) -> None:
        """Every text again in the active language, the meetings' dates too."""
        self.search.setPlaceholderText(_("Find a meeting…"))
        self.search.setAccessibleName(_("Find a meeting"))
        self.search.setToolTip(_("Type words of a meeting's title to find it"))
        if self.choices:
            self.show_choices(self.choices, self.meeting_id())

    def _show_tooltip(self) -> None:
        """The chosen meeting whole, for when its title is elided."""
        self.combo.setToolTip(self.combo.currentText())

    def setFocus(self) -> None:  # type: ignore[override]
        self.combo.setFocus()

    def meeting_id(self) -> int | None:
        """The chosen meeting, or None."""
        return self.combo.currentData()

    def set_meeting(self, meeting_id: int | None) -> None:
        """Choose *meeting_id* (read with the list when it is not there yet)."""
        self._wanted = meeting_id
        index = self.combo.findData(meeting_id)
        if index >= 0 and self.choices:
            self.combo.setCurrentIndex(index)
        else:
            self.reload()  # the first time, or a meeting the list does not hold

    def reload(self) -> None:
        """Read the meetings to offer, off the UI thread (keeping the choice)."""
        from rcm_desktop.data.services.delegation_views import meeting_choices

        database = self.context.database
        if database is None:
            return
        self.timer.stop()
        text = self.search.text()
        include = self._wanted if self._wanted is not None else self.meeting_id()
        self.context.tasks.run(
            lambda _report: meeting_choices(database, text, include=include),
            owner=self,
            on_success=self._fill,
            key="choices",
            what=_("The meetings could not be read."),
        )

    def show_choices(self, choices: list[MeetingChoice], chosen: int | None) -> None:
        """Offer *choices* (read by the caller) with *chosen* selected, without a `chosen` signal."""
        self._wanted = chosen
        self.blockSignals(True)
        try:
            self._fill(choices)
        finally:
            self.blockSignals(False)

    def _fill(self, choices: list[MeetingChoice]) -> None:
        before = self.meeting_id()
        keep = self._wanted if self._wanted is not None else before
        self.choices = choices
        self.combo.blockSignals(True)
        self.combo.clear()
        if self.none_text:
            self.combo.addItem(self.none_text, None)
        for choice in choices:
            text = _("%(date)s — %(title)s") % {
                "date": format_date(choice.first_date),
                "title": choice.title,
            }
            self.combo.addItem(text, choice.id)
            self.combo.setItemData(self.combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        index = self.combo.findData(keep)
        if (index < 0 or keep is None) and self.search.text() and choices:
            index = self.combo.findData(choices[0].id)  # a search picks its best match
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        self._show_tooltip()
        self._wanted = None
        if self.meeting_id() != before:
            self.chosen.emit()
