"""Table model of the meetings list: ids from a SQL query, rows fetched and formatted a page at a time.

After Anki's browser: the model holds only the ordered ids of the meetings that pass the
filter, plus a bounded cache of formatted rows around what the view shows. A row not yet
read shows empty and asks for its page (`rows_wanted`); the page reads it off the UI thread
and hands it back (`add_rows`). Scrolling to the bottom of 10,000 meetings reads the pages
scrolled through, never the whole table, and never on the UI thread.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from rcm_desktop.domain.vocabulary import label
from rcm_desktop.i18n import N_, _, format_date, format_list

if TYPE_CHECKING:
    from rcm_desktop.data.services.meetings import MeetingRow

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 60
CACHE_ROWS = 1000


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # marked with N_, translated when shown
    format: Callable[[MeetingRow], str]
    sort_key: str | None  # the SQL sort this column maps to, or None when not sortable


COLUMNS: tuple[Column, ...] = (
    Column("date", N_("Date"), lambda row: format_date(row.first_date), "date"),
    Column("title", N_("Title"), lambda row: row.title, "title"),
    Column("forums", N_("Forums"), lambda row: format_list(row.forums), None),
    Column("body", N_("Convening body"), lambda row: row.body, "body"),
    Column("modality", N_("Modality"), lambda row: label(row.modality), "modality"),
    Column("status", N_("Status"), lambda row: label(row.status), "status"),
)


class MeetingsTableModel(QAbstractTableModel):
    """Ordered meeting ids plus a bounded cache of formatted rows; `data()` is a lookup."""

    #: The ids of rows the view needs and the cache lacks (read them, then `add_rows`).
    rows_wanted = Signal(list)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._position: dict[int, int] = {}
        self._cache: OrderedDict[int, tuple[MeetingRow, tuple[str, ...]]] = OrderedDict()
        self._asked: set[int] = set()
        self._wanted: list[int] = []
        self.rows_fetched = 0  # how many rows were read from the store (for tests and benchmarks)

    def set_ids(self, ids: list[int], rows: Mapping[int, MeetingRow] | None = None) -> None:
        """Show the meetings *ids* in this order, with the *rows* already read."""
        self.beginResetModel()
        self._ids = list(ids)
        self._position = {meeting_id: row for row, meeting_id in enumerate(self._ids)}
        kept = {key: value for key, value in self._cache.items() if key in self._position}
        self._cache = OrderedDict(kept)
        self._asked.clear()
        self._wanted.clear()
        self._store(rows or {})
        self.endResetModel()

    def _store(self, rows: Mapping[int, MeetingRow]) -> None:
        for meeting_id, meeting in rows.items():
            self._cache[meeting_id] = (meeting, tuple(column.format(meeting) for column in COLUMNS))
            self._cache.move_to_end(meeting_id)
            self._asked.discard(meeting_id)
        self.rows_fetched += len(rows)
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)

    def add_rows(self, rows: Mapping[int, MeetingRow]) -> None:
        """Rows read off the UI thread arrive: show them."""
        self._store(rows)
        shown = sorted(self._position[key] for key in rows if key in self._position)
        if shown:
            self.dataChanged.emit(self.index(shown[0], 0), self.index(shown[-1], len(COLUMNS) - 1))

    def forget(self, ids: Iterable[int] | None = None) -> None:
        """Drop cached rows (of *ids*, or all) so that they are read again when shown."""
        for meeting_id in list(self._cache) if ids is None else ids:
            self._cache.pop(meeting_id, None)

    def cached_rows(self) -> int:
        """How many formatted rows are held now (bounded by the cache size)."""
        return len(self._cache)

    def _ask_for_page(self, row: int) -> None:
        start = max(0, row - PAGE_SIZE // 4)
        wanted = [
            meeting_id
            for meeting_id in self._ids[start : start + PAGE_SIZE]
            if meeting_id not in self._cache and meeting_id not in self._asked
        ]
        if not wanted:
            return
        self._asked.update(wanted)
        if not self._wanted:
            QTimer.singleShot(0, self._send_wanted)  # one request for the rows a repaint needs
        self._wanted += wanted

    def _send_wanted(self) -> None:
        wanted, self._wanted = self._wanted, []
        if wanted:
            self.rows_wanted.emit(wanted)

    def _entry(self, row: int) -> tuple[MeetingRow, tuple[str, ...]] | None:
        if not 0 <= row < len(self._ids):
            return None
        meeting_id = self._ids[row]
        entry = self._cache.get(meeting_id)
        if entry is None:
            self._ask_for_page(row)
            return None
        self._cache.move_to_end(meeting_id)
        return entry

    def row_at(self, row: int) -> MeetingRow | None:
        """The meeting shown on *row*, or None while it is being read."""
        entry = self._entry(row)
        return entry[0] if entry else None

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, meeting_id: int | None) -> int:
        """The row showing *meeting_id*, or -1."""
        return -1 if meeting_id is None else self._position.get(meeting_id, -1)

    def ids(self) -> list[int]:
        return list(self._ids)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        entry = self._entry(index.row())
        return entry[1][index.column()] if entry else ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section].header)
        return None

    def retranslate(self) -> None:
        """Formats depend on the language: format the cached rows again and repaint."""
        rows = {key: value[0] for key, value in self._cache.items()}
        self._cache.clear()
        self._store(rows)
        self.rows_fetched -= len(rows)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            )
