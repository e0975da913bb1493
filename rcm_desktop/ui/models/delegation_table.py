"""Tables of the delegations page: one country's seats and nominees, and countries × seats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from rcm_desktop.data.services.delegation_views import (
    DelegationMatrix,
    DelegationView,
    NominationLine,
)
from rcm_desktop.domain.vocabulary import label
from rcm_desktop.i18n import N_, _, country_name, format_date
from rcm_desktop.ui.models.rows import Column, RowsModel
from rcm_desktop.ui.style import CLOSED_BACKGROUND, SOON_BACKGROUND

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class DelegationRow:
    """A line of the table: a seat (held or empty, open or closed) or a nomination with no seat."""

    seat_id: int | None
    seat: str
    profile: str
    open: bool
    nomination: NominationLine | None


def rows_of(view: DelegationView) -> list[DelegationRow]:
    rows = []
    for line in view.seats:
        seat = line.seat
        profile = seat.profile or ""
        if seat.forum_code:
            profile = _("[%(forum)s members] %(profile)s") % {
                "forum": seat.forum_code,
                "profile": profile,
            }
        if seat.beyond_limit:
            profile += " " + _("(extra seat, beyond the limit)")
        rows.append(DelegationRow(seat.id, str(seat.position), profile, line.open, line.holder))
    for nomination in view.unseated:
        rows.append(DelegationRow(None, "—", _("(no particular seat)"), True, nomination))
    return rows


def _nominee(row: DelegationRow) -> str:
    holder = row.nomination
    if holder is None:
        return _("Empty") if row.open else _("Not open to this country")
    return " ".join(filter(None, (holder.honorific, holder.full_name)))


def _status(row: DelegationRow) -> str:
    holder = row.nomination
    if holder is None:
        return ""
    if holder.submitted_on and holder.status == "submitted":
        return _("Submitted on %(date)s") % {"date": format_date(holder.submitted_on)}
    return label(holder.status)


class DelegationModel(RowsModel):
    """A country's delegation: each seat (held, empty or closed), then nominations with no seat."""

    columns = (
        Column("seat", N_("Seat"), lambda row: row.seat),
        Column("profile", N_("Required profile"), lambda row: row.profile),
        Column("nominee", N_("Nominee"), _nominee),
        Column(
            "role", N_("Role"), lambda row: label(row.nomination.role) if row.nomination else ""
        ),
        Column("status", N_("Status"), _status),
        Column(
            "since",
            N_("Since"),
            lambda row: (
                format_date(row.nomination.status_changed_on)
                if row.nomination and row.nomination.status_changed_on
                else ""
            ),
        ),
    )

    def background(self, row: DelegationRow, column: int) -> str | None:
        if row.nomination is not None:
            return None
        return SOON_BACKGROUND if row.open else CLOSED_BACKGROUND


class MatrixModel(QAbstractTableModel):
    """Countries down, seats across, then how many places are filled."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix: DelegationMatrix | None = None

    def set_matrix(self, matrix: DelegationMatrix | None) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.seats) + 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.matrix is None:
            return None
        row = self.matrix.rows[index.row()]
        column = index.column()
        seats = len(self.matrix.seats)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return country_name(row.country_code)
            if column <= seats:
                cell = row.cells[column - 1]
                return "—" if cell is None else cell
            places = "∞" if row.places is None else str(row.places)
            return f"{row.filled} / {places}"
        if role == Qt.ItemDataRole.BackgroundRole and 0 < column <= seats:
            cell = row.cells[column - 1]
            if cell == "":
                return QBrush(QColor(SOON_BACKGROUND))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if self.matrix is None:
            return None
        if section == 0:
            return _("Country")
        if section <= len(self.matrix.seats):
            return _("Seat %(n)d") % {"n": self.matrix.seats[section - 1].position}
        return _("Filled")
