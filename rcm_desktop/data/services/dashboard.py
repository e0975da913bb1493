"""What needs the focal point's attention, read in one unit of work: the dashboard and the counts
beside the navigation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Deadline, Meeting, Setting
from rcm_desktop.data.services.deadline_lists import DeadlineRow, list_deadlines, overdue_deadlines
from rcm_desktop.data.services.document_actions import (
    ActionCounts,
    ActionRow,
    action_count_columns,
    awaiting_action,
)
from rcm_desktop.data.services.seats import EmptySeatsRow, meetings_with_empty_seats
from rcm_desktop.data.services.settings import COUNTRY_KEY
from rcm_desktop.domain.vocabulary import DocumentPurpose, MeetingStatus

#: How many lines each list of the dashboard shows.
UPCOMING_MEETINGS = 5
RECENT_MEETINGS = 3
RECENT_OVERDUE = 5
DUE_SOON = 10
LATER = 3
AWAITING = 8


@dataclass(frozen=True)
class MeetingBrief:
    id: int
    title: str
    first_date: dt.date
    status: MeetingStatus


@dataclass(frozen=True)
class Attention:
    """The counts that need the user: beside the navigation and in the status bar."""

    country: str | None
    meetings: int
    overdue: int
    soon: int
    #: Documents awaiting the country's comments (some overdue) or its approval.
    documents: ActionCounts
    #: Open deadlines falling due from today to the end of this week.
    due_this_week: int

    @property
    def pressing(self) -> int:
        return self.overdue + self.soon

    @property
    def awaiting(self) -> int:
        """Documents awaiting the country's action (comments or approval)."""
        return self.documents.total


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows."""

    attention: Attention
    overdue: tuple[tuple[int, str, dt.date], ...]
    soon: tuple[DeadlineRow, ...]
    later: tuple[DeadlineRow, ...]
    comments: tuple[ActionRow, ...]
    approvals: tuple[ActionRow, ...]
    empty_seats: tuple[EmptySeatsRow, ...]
    upcoming: tuple[MeetingBrief, ...]
    recent: tuple[MeetingBrief, ...]


def _scalars(database: Database, today: dt.date) -> tuple[str | None, int, int, ActionCounts]:
    """The country, the meetings, the overdue deadlines and the documents awaiting the
    country's action, in one query."""
    country = select(Setting.value).where(Setting.key == COUNTRY_KEY).scalar_subquery()
    meetings = select(func.count()).select_from(Meeting).scalar_subquery()
    overdue = (
        select(func.count())
        .select_from(Deadline)
        .where(Deadline.done_on.is_(None), Deadline.due_date < today)
        .scalar_subquery()
    )
    documents = action_count_columns(country, today)
    with database.session() as session:
        row = session.execute(select(country, meetings, overdue, *documents)).one()
    counts = ActionCounts(*(int(value or 0) for value in row[3:])) if row[0] else ActionCounts()
    return row[0], int(row[1] or 0), int(row[2] or 0), counts


def _attention(database: Database, today: dt.date) -> tuple[Attention, list[DeadlineRow]]:
    country, meetings, overdue, documents = _scalars(database, today)
    window = list_deadlines(
        database, today=today, own_country=country, pressing_only=True, upcoming_only=True
    )
    week_end = today + dt.timedelta(days=6 - today.weekday())
    attention = Attention(
        country=country,
        meetings=meetings,
        overdue=overdue,
        soon=sum(row.urgency == "soon" for row in window),
        documents=documents,
        due_this_week=sum(1 for row in window if row.due is not None and row.due <= week_end),
    )
    return attention, window


def attention(database: Database, today: dt.date | None = None) -> Attention:
    """The counts beside the navigation and in the status bar (two queries)."""
    with database.session():
        return _attention(database, today or dt.date.today())[0]


def _meetings(database: Database, today: dt.date) -> tuple[list[MeetingBrief], list[MeetingBrief]]:
    columns = (Meeting.id, Meeting.title, Meeting.first_date, Meeting.status)
    with database.session() as session:
        upcoming = session.execute(
            select(*columns)
            .where(Meeting.first_date >= today)
            .order_by(Meeting.first_date, Meeting.id)
            .limit(UPCOMING_MEETINGS)
        ).all()
        recent = session.execute(
            select(*columns)
            .where(Meeting.first_date < today)
            .order_by(Meeting.first_date.desc(), Meeting.id.desc())
            .limit(RECENT_MEETINGS)
        ).all()
    return [MeetingBrief(*row) for row in upcoming], [MeetingBrief(*row) for row in recent]


def dashboard(database: Database, today: dt.date | None = None) -> Dashboard:
    """The dashboard's content, in one unit of work and a bounded number of queries."""
    today = today or dt.date.today()
    with database.session():
        counts, window = _attention(database, today)
        country = counts.country
        overdue = overdue_deadlines(database, today, RECENT_OVERDUE) if counts.overdue else []
        later = [row for row in window if row.urgency == "later"][:LATER]
        if len(later) < LATER:
            later += list_deadlines(
                database, today=today, own_country=country, later_only=True, limit=LATER
            )[: LATER - len(later)]
        documents = counts.documents
        comments = (
            awaiting_action(database, country, DocumentPurpose.COMMENTS, AWAITING)
            if documents.comments_due
            else []
        )
        approvals = (
            awaiting_action(database, country, DocumentPurpose.APPROVAL, AWAITING)
            if documents.approvals_pending
            else []
        )
        empty = meetings_with_empty_seats(database, country, today, days=30) if country else []
        upcoming, recent = _meetings(database, today)
    return Dashboard(
        attention=counts,
        overdue=tuple(overdue),
        soon=tuple(row for row in window if row.urgency == "soon")[:DUE_SOON],
        later=tuple(later),
        comments=tuple(comments),
        approvals=tuple(approvals),
        empty_seats=tuple(empty),
        upcoming=tuple(upcoming),
        recent=tuple(recent),
    )
