"""A record's history: who changed what and when, newest first, and going back to a version.

Opened by the History… buttons of the meetings, delegations, directory, deadlines and
documents pages. The history is read (and a version restored) off the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop import APP_NAME
from rcm_desktop.i18n import _

if TYPE_CHECKING:
    from rcm_desktop.data.services.history import History, HistoryItem
    from rcm_desktop.errors import RcmDeskError
    from rcm_desktop.ui.context import AppContext

#: The tables whose records go back, by the subject the history is about.
RESTORABLE = {"meeting": "meetings", "person": "people", "deadline": "deadlines",
              "document": "documents"}  # fmt: skip
#: The kinds of change each subject's history can hold.
SUBJECT_KINDS = {
    "meeting": ("details", "agenda", "questions", "delegation", "documents", "deadlines"),
    "person": ("details", "delegation"), "nomination": ("delegation",),
    "deadline": ("deadlines",), "document": ("details", "documents"),
}  # fmt: skip


class HistoryDialog(QDialog):
    """The timeline of one meeting, person, nomination, deadline or document."""

    #: A version was restored: the page showing the record reads it again.
    restored = Signal()

    def __init__(self, context: AppContext, subject: str, record_id: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.context = context
        self.subject, self.record_id = subject, record_id
        self.items: list[HistoryItem] = []
        self.names: dict[str, str] = {}
        self.setWindowTitle(_("History"))
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.kind_label = QLabel(_("&Show:"), self)
        self.kind = QComboBox(self)
        self.kind.setObjectName("historyKind")
        self.kind_label.setBuddy(self.kind)
        self._fill_kinds()
        top.addWidget(self.kind_label)
        top.addWidget(self.kind)
        top.addStretch(1)
        layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.timeline = QTreeWidget(splitter)
        self.timeline.setObjectName("historyTimeline")
        self.timeline.setAccessibleName(_("Changes, newest first"))
        self.timeline.setRootIsDecorated(False)
        self.timeline.setUniformRowHeights(True)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline.setHeaderLabels([_("When"), _("Who"), _("Change")])
        header = self.timeline.header()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 150)
        header.resizeSection(1, 200)
        self.details = QLabel(splitter)
        self.details.setObjectName("historyDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMargin(6)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([300, 180])
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.go_back = QPushButton(_("&Go back to this version"), self)
        self.go_back.setObjectName("historyGoBack")
        self.go_back.setToolTip(
            _("Save the record as this change left it. Going back is itself a change.")
        )
        buttons.addButton(self.go_back, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _index: self.load())
        self.timeline.currentItemChanged.connect(lambda *_args: self._selected())
        self.go_back.clicked.connect(self._go_back)
        self.load()

    def _fill_kinds(self) -> None:
        from rcm_desktop.data.services.history_text import CATEGORIES

        self.kind.addItem(_("Every change"), None)
        for key, (label, _tables) in CATEGORIES.items():
            if key in SUBJECT_KINDS[self.subject]:
                self.kind.addItem(_(label), key)
        self.kind.setVisible(self.kind.count() > 2)
        self.kind_label.setVisible(self.kind.count() > 2)

    # -- reading --------------------------------------------------------------------------

    def load(self) -> None:
        from rcm_desktop.data.services.history import history

        database = self.context.database
        if database is None:
            return
        category = self.kind.currentData()
        self.details.setText(_("Reading the history…"))
        self.go_back.setEnabled(False)
        self.context.tasks.run(
            lambda _report: history(database, self.subject, self.record_id, category),
            owner=self,
            on_success=self._show,
            on_error=self._failed,
            what=_("The history could not be read."),
        )

    def _show(self, found: History) -> None:
        from rcm_desktop.data.services.history import when_full

        self.setWindowTitle(_("History of %(name)s") % {"name": found.name})
        self.items = list(found.items)
        self.names = found.names
        self.timeline.clear()
        rows = []
        for item in self.items:
            who = item.who
            if item.brought_back_at is not None:
                who = _("%(who)s, brought back") % {"who": item.who}
            row = QTreeWidgetItem([when_full(item.at), who, item.text])
            row.setToolTip(1, who)
            row.setToolTip(2, item.text)
            rows.append(row)
        self.timeline.addTopLevelItems(rows)
        if rows:
            self.timeline.setCurrentItem(rows[0])
        else:
            self.details.setText(
                _(
                    "No change of this kind is recorded. The history starts with this version "
                    "of RCM Desk: earlier changes are not in it."
                )
            )

    def _failed(self, error: RcmDeskError) -> None:
        self.details.setText(error.message)

    def current(self) -> HistoryItem | None:
        row = self.timeline.currentItem()
        if row is None:
            return None
        index = self.timeline.indexOfTopLevelItem(row)
        return self.items[index] if 0 <= index < len(self.items) else None

    def _selected(self) -> None:
        from rcm_desktop.data.services.history_restore import can_go_back

        item = self.current()
        if item is None:
            self.go_back.setEnabled(False)
            return
        self.details.setText(_details(item, self.names))
        possible = RESTORABLE.get(self.subject) == item.table
        self.go_back.setEnabled(possible and can_go_back(item.table, item.operation))
        self.go_back.setToolTip(
            _("Save the record as this change left it. Going back is itself a change.")
            if possible
            else _(
                "Only a meeting's texts, a person, a deadline and a document go back this way; "
                "sessions, seats and nominations are changed in their own editors."
            )
        )

    # -- going back -----------------------------------------------------------------------

    def _go_back(self) -> None:
        from rcm_desktop.data.services.history_restore import go_back_preview

        item = self.current()
        database = self.context.database
        if item is None or database is None:
            return
        self.go_back.setEnabled(False)
        self.context.tasks.run(
            lambda _report: go_back_preview(database, item.change_id),
            owner=self,
            on_success=lambda differences: self._confirm_go_back(item, differences),
            on_error=self._refused,
            what=_("The version could not be read."),
        )

    def _confirm_go_back(self, item: HistoryItem, differences: list[Any]) -> None:
        from rcm_desktop.data.services.history import when_text
        from rcm_desktop.data.services.history_restore import go_back
        from rcm_desktop.data.services.history_text import Names, field_label, value_text

        database = self.context.database
        if database is None:
            return
        if not differences:
            QMessageBox.information(
                self,
                APP_NAME,
                _(
                    "This is the version stored now: nothing to go back to. To undo a change, "
                    "choose the change before it."
                ),
            )
            self._selected()
            return
        names = Names(dict(self.names))
        lines = [
            _("%(field)s: %(now)s → %(then)s")
            % {
                "field": field_label(item.table, name),
                "now": _whole(value_text(item.table, name, now, names, cut=False)),
                "then": _whole(value_text(item.table, name, then, names, cut=False)),
            }
            for name, now, then in differences[:8]
        ]
        question = (
            _("Go back to the version left by this change of %(when)s: %(change)s? This changes:")
            % {"when": when_text(item.at), "change": item.text}
            + "\n\n"
            + "\n".join(lines)
            + "\n\n"
            + _("Going back is itself a change: you can come back to today's values the same way.")
        )
        if QMessageBox.question(self, APP_NAME, question) != QMessageBox.StandardButton.Yes:
            self._selected()
            return
        self.context.tasks.run(
            lambda _report: go_back(database, item.change_id),
            owner=self,
            on_success=self._went_back,
            on_error=self._refused,
            what=_("The version could not be restored."),
            writes=True,
        )

    def _went_back(self, _restored: Any) -> None:
        self.restored.emit()
        self.load()

    def _refused(self, error: RcmDeskError) -> None:
        QMessageBox.warning(self, APP_NAME, error.message)
        self._selected()


def _whole(text: str, most: int = 300) -> str:
    """A value shown whole in a question, up to *most* characters."""
    return text if len(text) <= most else text[: most - 1] + "…"


def _details(item: HistoryItem, known: dict[str, str]) -> str:
    """The selected change in full: its sentence, then each field before and after."""
    from rcm_desktop.data.services.history import when_full
    from rcm_desktop.data.services.history_text import HIDDEN, Names, field_label, value_text

    names = Names(dict(known))
    lines = [item.text]
    if item.brought_back_at is not None:
        lines.append(
            _("Made on a copy taken home, brought back to this database on %(when)s.")
            % {"when": when_full(item.brought_back_at)}
        )
    settled = {
        "mine": _("A conflict about it was settled: the version from the copy was kept."),
        "theirs": _("A conflict about it was settled: this database's version was kept."),
        "edited": _("A conflict about it was settled with an edited value."),
    }
    lines += [settled[kind] for kind in item.settled if kind in settled]
    if item.operation == "update":
        for key, after in item.new.items():
            if key in HIDDEN and not (item.table == "people" and key == "position"):
                continue
            before = item.old.get(key)
            label = field_label(item.table, key)
            lines.append(
                _("%(field)s — before: %(old)s — after: %(new)s")
                % {
                    "field": label[:1].upper() + label[1:],
                    "old": _long_value(item.table, key, before, names, value_text),
                    "new": _long_value(item.table, key, after, names, value_text),
                }
            )
    return "\n".join(lines)


def _long_value(table: str, key: str, value: Any, names: Any, value_text: Any) -> str:
    if isinstance(value, str) and len(value) > 60 and not key.endswith("_id"):
        text = " ".join(value.split())
        return f"“{text[:400]}{'…' if len(text) > 400 else ''}”"
    return str(value_text(table, key, value, names))
