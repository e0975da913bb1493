"""The conflicts of a bring-back, field by field: keep mine, keep theirs, or edit.

One row per choice to make: a field both sides changed, or a whole record (deleted on one
side and changed on the other; an action the server's rules refuse). `choices()` gives what
`bring_back(..., choices=…)` takes; nothing is written until the user asks for it.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from rcm_desktop.data.services.replay import Conflict

MINE, THEIRS, EDIT = "mine", "theirs", "edit"


def _long(text: str, most: int = 400) -> str:
    """A value shown whole up to *most* characters, in lines that fit its column."""
    text = text if len(text) <= most else text[: most - 1] + "…"
    return "\n".join(textwrap.wrap(text, 34, break_long_words=True)) or text


def _kinds() -> dict[str, str]:
    return {
        "both-changed": _("Changed here and on the server"),
        "deleted-here": _("Deleted here, changed on the server"),
        "deleted-there": _("Changed here, deleted on the server"),
        "refused": _("Refused by the server's rules"),
    }


class ConflictsDialog(QDialog):
    """Settle each conflict; accepted when every row has a choice."""

    def __init__(self, conflicts: list[Conflict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(_("Bring back: conflicts to settle"))
        self.resize(980, 560)
        self.conflicts = conflicts
        self.edited: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            ngettext(
                "%(n)d change made on this computer could not be brought back as it is. "
                "Choose, for each, which version to keep. Nothing is written until you bring "
                "back with these choices.",
                "%(n)d changes made on this computer could not be brought back as they are. "
                "Choose, for each, which version to keep. Nothing is written until you bring "
                "back with these choices.",
                len(conflicts),
            )
            % {"n": len(conflicts)},
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTreeWidget(self)
        self.table.setObjectName("conflictsTable")
        self.table.setRootIsDecorated(False)
        self.table.setWordWrap(True)
        self.table.setHeaderLabels(
            [_("Field"), _("On this computer"), _("On the server"), _("Keep")]
        )
        header = self.table.header()
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 170)
        header.resizeSection(3, 190)
        layout.addWidget(self.table, 1)
        self.pickers: list[tuple[QComboBox, str, Any]] = []
        for conflict in conflicts:
            self._add_rows(conflict)
        quick = QHBoxLayout()
        self.all_mine = QPushButton(_("Keep &all mine"), self)
        self.all_theirs = QPushButton(_("Keep all the &server's"), self)
        quick.addWidget(self.all_mine)
        quick.addWidget(self.all_theirs)
        quick.addStretch(1)
        layout.addLayout(quick)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.bring = self.buttons.addButton(
            _("&Bring back with these choices"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.all_mine.clicked.connect(lambda: self._choose_all(MINE))
        self.all_theirs.clicked.connect(lambda: self._choose_all(THEIRS))
        self._update()

    def _add_rows(self, conflict: Conflict) -> None:
        from rcm_desktop.data.services.history import when_full
        from rcm_desktop.data.services.history_text import (
            Names,
            field_label,
            record_name,
            thing,
            value_text,
        )

        names = Names()
        values = {**(conflict.theirs or {}), **(conflict.mine or {})}
        record = f"{thing(conflict.table)} {record_name(conflict.table, values, names)}".strip()
        who = conflict.who_theirs or _("someone")
        head = QTreeWidgetItem([f"{record} — {_kinds()[conflict.kind]}"])
        font = head.font(0)
        font.setBold(True)
        head.setFont(0, font)
        head.setToolTip(0, head.text(0))
        self.table.addTopLevelItem(head)
        head.setFirstColumnSpanned(True)
        head.setExpanded(True)
        if conflict.fields:
            for item in conflict.fields:
                mine = _long(value_text(conflict.table, item.column, item.mine, names, cut=False))
                theirs = _long(
                    value_text(conflict.table, item.column, item.theirs, names, cut=False)
                )
                label = field_label(conflict.table, item.column)
                when = f", {when_full(conflict.at_theirs)}" if conflict.at_theirs else ""
                row = QTreeWidgetItem(
                    [label[:1].upper() + label[1:], mine, f"{theirs}\n({who}{when})"]
                )
                self._picker(
                    head, row, conflict.choice_key(item.column), (item.mine, item.theirs),
                    editable=True,
                )  # fmt: skip
            return
        changed = [field_label(conflict.table, key) for key in (conflict.mine or {})][:6]
        mine = (
            _("your changes: %(fields)s") % {"fields": ", ".join(changed)}
            if changed
            else _("your change")
        )
        if conflict.kind == "deleted-here":
            mine, theirs = _("deleted"), _("changed by %(who)s") % {"who": who}
        elif conflict.kind == "deleted-there":
            theirs = _("deleted by %(who)s") % {"who": who}
        else:
            theirs = conflict.message
        row = QTreeWidgetItem([_("The whole record"), mine, theirs])
        self._picker(head, row, conflict.choice_key(), (None, None), editable=False,
                     refused=conflict.kind in ("refused", "deleted-there"))  # fmt: skip

    def _picker(
        self,
        head: QTreeWidgetItem,
        row: QTreeWidgetItem,
        key: str,
        mine: Any,
        *,
        editable: bool,
        refused: bool = False,
    ) -> None:
        head.addChild(row)
        for column in range(3):
            row.setTextAlignment(column, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            row.setToolTip(column, row.text(column))
        holder = QWidget(self.table)  # the picker at the top of a tall row, not stretched
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        picker = QComboBox(holder)
        holder_layout.addWidget(picker)
        holder_layout.addStretch(1)
        picker.setAccessibleName(_("Keep"))
        picker.addItem(_("Choose…"), None)
        if refused:
            picker.addItem(_("Leave my change out"), THEIRS)
        else:
            picker.addItem(_("Mine"), MINE)
            picker.addItem(_("The server's"), THEIRS)
        if editable and all(isinstance(side, str | None) for side in mine):
            picker.addItem(_("Edit…"), EDIT)
        picker.currentIndexChanged.connect(
            lambda _i, p=picker, k=key, m=mine: self._picked(p, k, m)
        )
        self.table.setItemWidget(row, 3, holder)
        self.pickers.append((picker, key, mine))

    def _picked(self, picker: QComboBox, key: str, sides: Any) -> None:
        index = picker.findData(EDIT)
        if index >= 0:
            picker.setItemText(index, _("Edit…"))
        if picker.currentData() == EDIT:
            mine, theirs = sides
            start = self.edited.get(key) or "\n\n".join(v for v in (mine, theirs) if v)
            text, accepted = QInputDialog.getMultiLineText(
                self,
                _("Edit the value to save"),
                _(
                    "Yours comes first, then the server's. Keep what is right and delete the "
                    "rest; this is the value that will be saved."
                ),
                start,
            )
            if accepted:
                self.edited[key] = text
                picker.setItemText(index, _("Your edit (hover to read it)"))
                picker.setToolTip(text)
            else:
                picker.setCurrentIndex(0)
        self._update()

    def _choose_all(self, side: str) -> None:
        for picker, _key, _mine in self.pickers:
            index = picker.findData(side)
            if index < 0:
                index = picker.findData(THEIRS)
            picker.setCurrentIndex(index)

    def _update(self) -> None:
        self.bring.setEnabled(all(picker.currentData() for picker, _k, _m in self.pickers))

    def choices(self) -> dict[str, Any]:
        """The choices made, as bring-back takes them."""
        chosen: dict[str, Any] = {}
        for picker, key, _mine in self.pickers:
            value = picker.currentData()
            if value == EDIT:
                chosen[key] = ("edit", self.edited.get(key, ""))
            elif value:
                chosen[key] = value
        return chosen
