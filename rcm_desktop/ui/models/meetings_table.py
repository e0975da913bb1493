"""Table model of the meetings list: ids from a SQL query, rows fetched and formatted a page at a time.

After Anki's browser: the model holds only the ordered ids of the meetings that pass the
filter, plus a bounded cache of formatted rows around what the view shows. Scrolling to the
bottom of 10,000 meetings fetches the pages scrolled through, never the whole table.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rcm_desktop.domain.vocabulary import label
from rcm_desktop.i18n import N_, _, format_date

if TYPE_CHECKING:
    from rcm_desktop.data.services.meetings import MeetingRow

Index = QModelIndex | QPersistentModelIndex
RowFetcher = Callable[[Sequence[int]], "dict[int, MeetingRow]"]

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
    Column("forums", N_("Forums"), lambda row: ", ".join(row.forums), None),
    Column("body", N_("Convening body"), lambda row: row.body, "body"),
    Column("modality", N_("Modality"), lambda row: label(row.modality), "modality"),
    Column("status", N_("Status"), lambda row: label(row.status), "status"),
)


class MeetingsTableModel(QAbstractTableModel):
    """Ordered meeting ids plus a bounded cache of formatted rows; `data()` is a lookup."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._position: dict[int, int] = {}
        self._cache: OrderedDict[int, tuple[MeetingRow, tuple[str, ...]]] = OrderedDict()
        self._fetch: RowFetcher | None = None
        self.rows_fetched = 0  # how many rows were read from the store (for tests and benchmarks)

    def set_ids(self, ids: list[int], fetch: RowFetcher) -> None:
        """Show the meetings *ids* in this order; rows come from *fetch* when first shown."""
        self.beginResetModel()
        self._ids = list(ids)
        self._position = {meeting_id: row for row, meeting_id in enumerate(self._ids)}
        self._cache.clear()
        self._fetch = fetch
        self.endResetModel()

    def cached_rows(self) -> int:
        """How many formatted rows are held now (bounded by the cache size)."""
        return len(self._cache)

    def _load_page(self, row: int) -> None:
        assert self._fetch is not None
        start = max(0, row - PAGE_SIZE // 4)
        wanted = [i for i in self._ids[start : start + PAGE_SIZE] if i not in self._cache]
        fetched = self._fetch(wanted)
        self.rows_fetched += len(fetched)
        for meeting_id, meeting in fetched.items():
            self._cache[meeting_id] = (meeting, tuple(column.format(meeting) for column in COLUMNS))
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)

    def _entry(self, row: int) -> tuple[MeetingRow, tuple[str, ...]] | None:
        if not 0 <= row < len(self._ids):
            return None
        meeting_id = self._ids[row]
        if meeting_id not in self._cache:
            self._load_page(row)
        entry = self._cache.get(meeting_id)
        if entry is not None:
            self._cache.move_to_end(meeting_id)
        return entry

    def row_at(self, row: int) -> MeetingRow | None:
        """The meeting shown on *row*, or None."""
        entry = self._entry(row)
        return entry[0] if entry else None

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, meeting_id: int) -> int:
        """The row showing *meeting_id*, or -1."""
        return self._position.get(meeting_id, -1)

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
        return entry[1][index.column()] if entry else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section].header)
        return None

    def retranslate(self) -> None:
        """Formats depend on the language: drop the cache and repaint."""
        self._cache.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            )
