"""The review's General tab: the meeting's own fields as the note gives them (title, convening
body, forums, kind, modality, platform, dates, time zone) and its long texts, each editable,
marked when the note does not give it, with a choice when the note gives it twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.vocabulary import MeetingKind, Modality, label
from rcm_desktop.exchange.notes.draft import NoteDraft
from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.note_review_marks import ReviewPanel
from rcm_desktop.ui.widgets.dates import date_edit
from rcm_desktop.ui.widgets.zone_picker import ZonePicker

#: The note's long texts: (field, caption).
TEXTS = ("context", "objectives", "methodology", "participants")
#: What a combo shows when the note names no value.
NONE_SHOWN = "—"


def combo(parent: QWidget, name: str, items: list[tuple[Any, str]]) -> QComboBox:
    """A combo of *items* (value, text) after an empty choice; it never widens the review
    beyond its room for the longest item (a body's long name)."""
    box = QComboBox(parent)
    box.setObjectName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(16)
    box.addItem(NONE_SHOWN, None)
    for value, text in items:
        box.addItem(text, value)
    return box


def choose(box: QComboBox, value: Any) -> None:
    box.setCurrentIndex(max(box.findData(value), 0))


class GeneralPanel(ReviewPanel):
    """The meeting's fields; `fill(draft)` writes what they show into a draft."""

    #: The meeting's days were set from the note's other value (old days, new days).
    days_chosen = Signal(object, object)

    def __init__(
        self, context: AppContext, draft: NoteDraft, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewGeneral")
        self.draft = draft
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields
        inner = QWidget(scroll)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        self.form = QFormLayout(inner)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._inner = inner
        self._conflicts = {conflict.field: conflict for conflict in draft.conflicts}
        reference = context.reference

        self.title = QLineEdit(inner)
        self.title.setObjectName("reviewTitle")
        self._row(_("&Title:"), "title", self.title, bool(draft.title), self.title.setText)
        self.title.textEdited.connect(lambda _text: self.user_edited("title"))

        bodies = [(b.code, b.name) for b in reference.bodies_by_name()] if reference else []
        self.body = combo(inner, "reviewBody", bodies)
        self._row(_("Convening &body:"), "body", self.body, bool(draft.body), self._put_body)

        forum_row = QHBoxLayout()
        self.forum_boxes: dict[str, QCheckBox] = {}
        for forum in reference.forums if reference else ():
            box = QCheckBox(forum.code, inner)
            box.setToolTip(forum.name)
            box.setAccessibleName(forum.name)
            box.toggled.connect(lambda _on: self.user_edited("forums"))
            self.forum_boxes[forum.code] = box
            forum_row.addWidget(box)
        forum_row.addStretch(1)
        first_forum = next(iter(self.forum_boxes.values()), None)
        self._row(
            _("Forums:"),
            "forums",
            forum_row,
            bool(draft.forums),
            self._put_forums,
            first_forum,
            tuple(self.forum_boxes.values()),
        )

        self.kind = combo(inner, "reviewKind", [(kind.value, label(kind)) for kind in MeetingKind])
        self._row(_("Kind:"), "kind", self.kind, bool(draft.kind), lambda v: choose(self.kind, v))
        self.modality = combo(
            inner, "reviewModality", [(item.value, label(item)) for item in Modality]
        )
        self._row(
            _("Modality:"),
            "modality",
            self.modality,
            bool(draft.modality),
            lambda value: choose(self.modality, value),
        )
        self.platform = QLineEdit(inner)
        self.platform.setObjectName("reviewPlatform")
        self.platform.setPlaceholderText(_("e.g. Zoom"))
        self._row(
            _("Platform:"), "platform", self.platform, bool(draft.platform), self.platform.setText
        )
        self.platform.textEdited.connect(lambda _text: self.user_edited("platform"))

        self.first_day = date_edit(inner)
        self.first_day.setObjectName("reviewFirstDay")
        self.first_day.setAccessibleName(_("First day"))
        self.last_day = date_edit(inner)
        self.last_day.setObjectName("reviewLastDay")
        self.last_day.setAccessibleName(_("Last day"))
        dates = QHBoxLayout()
        dates.addWidget(self.first_day, 1)
        dates.addWidget(QLabel(_("to"), inner))
        dates.addWidget(self.last_day, 1)
        self._row(
            _("&Dates:"),
            "dates",
            dates,
            bool(draft.dates),
            self._put_dates,
            self.first_day,
            (self.first_day, self.last_day),
        )
        for field in (self.first_day, self.last_day):
            field.edited.connect(lambda: self.user_edited("dates"))

        self.zone = ZonePicker(inner)
        self.zone.setObjectName("reviewZone")
        self.zone.put_first(context.country)
        self.zone_label = QLineEdit(inner)
        self.zone_label.setObjectName("reviewZoneLabel")
        self.zone_label.setAccessibleName(_("Time zone as the concept note writes it"))
        self.zone_label.setToolTip(_("Time zone as the concept note writes it"))
        self.zone_label.setPlaceholderText(_("as the concept note writes it, e.g. San José time"))
        zone_column = QVBoxLayout()
        zone_column.addWidget(self.zone)
        zone_column.addWidget(self.zone_label)
        found_zone = bool(draft.time_zone or draft.time_zone_label)
        self._row(
            _("Time &zone:"),
            "time_zone",
            zone_column,
            found_zone,
            self._put_zone,
            self.zone,
            (self.zone, self.zone_label),
        )
        self.zone.editTextChanged.connect(lambda _text: self.user_edited("time_zone"))
        self.zone_label.textEdited.connect(lambda _text: self.user_edited("time_zone"))
        for box, path in ((self.body, "body"), (self.kind, "kind"), (self.modality, "modality")):
            box.currentIndexChanged.connect(lambda _i, path=path: self.user_edited(path))
            box.currentTextChanged.connect(box.setToolTip)  # a long name, whole

        heading = QLabel(_("Texts of the note"), inner)
        heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
        self.form.addRow(heading)
        captions = {
            "context": _("Context:"),
            "objectives": _("Objectives:"),
            "methodology": _("Methodology:"),
            "participants": _("Participants:"),
        }
        self.texts: dict[str, QPlainTextEdit] = {}
        for name in TEXTS:
            edit = QPlainTextEdit(inner)
            edit.setObjectName(f"review_{name}")
            edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 4)
            edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 9)
            edit.textChanged.connect(lambda name=name: self.user_edited(name))
            self.texts[name] = edit
            self._row(captions[name], name, edit, bool(getattr(draft, name)), edit.setPlainText)
        self.load(draft)

    # -- building -----------------------------------------------------------------------------

    def _row(
        self,
        caption: str,
        path: str,
        widget: QWidget | QLayout,
        found: bool,
        put: Any,
        buddy: QWidget | None = None,
        links: tuple[QWidget, ...] = (),
    ) -> None:
        """A caption, the field with its "Not found" mark, its message line and, when the note
        gives the field twice, the choice between its values."""
        inner = self._inner
        line = QHBoxLayout()
        if isinstance(widget, QWidget):
            line.addWidget(widget, 1)
        else:
            line.addLayout(widget, 1)
        cell = QVBoxLayout()
        cell.setSpacing(2)
        cell.addLayout(line)
        cell.addWidget(self.mark(inner, path, found))
        cell.addWidget(self.message(inner, path))
        if path in self._conflicts:
            cell.addWidget(self.conflict(self._conflicts[path], inner, put))
        target = buddy or (widget if isinstance(widget, QWidget) else None)
        caption_label = QLabel(caption, inner)
        if target is not None:
            caption_label.setBuddy(target)
            if not target.accessibleName():
                target.setAccessibleName(caption.replace("&", "").rstrip(": \u00a0"))
        self.link(path, *(links or ((target,) if target is not None else ())))
        self.form.addRow(caption_label, cell)

    # -- values -------------------------------------------------------------------------------

    def _put_body(self, code: str | None) -> None:
        choose(self.body, code)

    def _put_forums(self, codes: list[str]) -> None:
        for code, box in self.forum_boxes.items():
            box.setChecked(code in codes)

    def _put_dates(self, days: list[dt.date]) -> None:
        old = [day for day in (self.first_day.value(), self.last_day.value()) if day]
        self.first_day.setDate(min(days) if days else None)
        self.last_day.setDate(max(days) if days else None)
        if old and days and old != [min(days), max(days)]:  # not the first showing
            self.days_chosen.emit(old, list(days))

    def _put_zone(self, name: str | None) -> None:
        index = self.zone.findData(name) if name else -1
        if index >= 0:  # shown by its city ("Costa Rica — America/Costa_Rica")
            self.zone.setCurrentIndex(index)
        else:
            self.zone.set_zone(name)
        self.zone.lineEdit().setCursorPosition(0)  # the city, not the end of the name

    def load(self, draft: NoteDraft) -> None:
        """Show *draft*'s values (not an edit of the user's)."""
        self.loading = True
        try:
            self.title.setText(draft.title or "")
            self.title.setCursorPosition(0)
            self._put_body(draft.body)
            self.body.setToolTip(self.body.currentText())
            self._put_forums(draft.forums)
            choose(self.kind, draft.kind)
            choose(self.modality, draft.modality)
            self.platform.setText(draft.platform or "")
            self._put_dates(draft.dates)
            self._put_zone(draft.time_zone)
            self.zone_label.setText(draft.time_zone_label or "")
            for name, edit in self.texts.items():
                edit.setPlainText(getattr(draft, name) or "")
        finally:
            self.loading = False

    def fill(self, draft: NoteDraft) -> None:
        """Write the fields into *draft*; ValidationError for a time zone that is not one."""
        draft.title = self.title.text().strip() or None
        draft.body = self.body.currentData()
        draft.forums = [code for code, box in self.forum_boxes.items() if box.isChecked()]
        draft.kind = self.kind.currentData()
        draft.modality = self.modality.currentData()
        draft.platform = self.platform.text().strip() or None
        zone = self.zone.checked_zone()
        draft.time_zone = zone
        draft.time_zone_label = self.zone_label.text().strip() or None
        first, last = self.first_day.value(), self.last_day.value()
        original = self.draft.dates
        if first is None:
            draft.dates = []
        elif original and (first, last) == (min(original), max(original)):
            draft.dates = list(original)  # as the note gives them, every day
        else:
            draft.dates = [first] if last is None or last <= first else [first, last]
        for name, edit in self.texts.items():
            setattr(draft, name, edit.toPlainText().strip() or None)
