"""Deadlines as the pages list them: by due date, with urgency and the user's own calendar's date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Deadline, Meeting
from rcm_desktop.data.services.due_dates import anchor_day, calendar_of, closures_in
from rcm_desktop.domain.due_dates import urgency_of
from rcm_desktop.domain.vocabulary import DeadlineKind
from rcm_desktop.domain.workdays import SUPPORTED_CALENDARS, Calendar, due_after


@dataclass(frozen=True)
class DeadlineRow:
    id: int
    title: str
    kind: DeadlineKind
    meeting_id: int | None
    meeting_title: str
    due: dt.date | None
    calendar: str | None
    done_on: dt.date | None
    urgency: str  # "overdue", "soon", "later", "done" or "unknown"
    own_calendar_due: (
        dt.date | None
    )  # what the user's own country calendar would give, when different


def list_deadlines(
    database: Database,
    *,
    include_done: bool = False,
    today: dt.date | None = None,
    own_country: str | None = None,
    pressing_only: bool = False,
    limit: int | None = None,
    upcoming_only: bool = False,
) -> list[DeadlineRow]:
    """Deadlines by due date (unknown dates last), with their urgency and the user's own calendar's date."""
    today = today or dt.date.today()
    with database.session() as session:
        closures = closures_in(session)
        query = (
            select(Deadline, Meeting.title)
            .outerjoin(Meeting, Meeting.id == Deadline.meeting_id)
            .options(
                selectinload(Deadline.anchor_session),
                selectinload(Deadline.anchor_document_review),
            )
            .order_by(Deadline.due_date.is_(None), Deadline.due_date, Deadline.id)
        )
        if not include_done:
            query = query.where(Deadline.done_on.is_(None))
        if pressing_only:  # overdue or possibly due within 3 working days
            query = query.where(Deadline.due_date <= today + dt.timedelta(days=21))
        if upcoming_only:
            query = query.where(Deadline.due_date >= today)
        if limit is not None:
            query = query.limit(limit)
        rows = []
        for deadline, meeting_title in session.execute(query):
            calendar = calendar_of(deadline, closures)
            own_due = None
            if (
                calendar is not None
                and own_country in SUPPORTED_CALENDARS
                and own_country != calendar.country
                and anchor_day(deadline) is not None
            ):
                own = Calendar(
                    own_country, calendar.categories, closures.get(own_country, frozenset())
                )  # type: ignore[arg-type]
                other = due_after(anchor_day(deadline), deadline.days or 1, own)  # type: ignore[arg-type]
                own_due = other if other != deadline.due_date else None
            rows.append(
                DeadlineRow(
                    id=deadline.id,
                    title=deadline.title,
                    kind=deadline.kind,
                    meeting_id=deadline.meeting_id,
                    meeting_title=meeting_title or "",
                    due=deadline.due_date,
                    calendar=deadline.calendar_country,
                    done_on=deadline.done_on,
                    urgency=urgency_of(deadline.due_date, deadline.done_on, today, calendar),
                    own_calendar_due=own_due,
                )
            )
        return rows


@dataclass(frozen=True)
class PressingCounts:
    overdue: int
    soon: int

    @property
    def total(self) -> int:
        return self.overdue + self.soon


def pressing_counts(database: Database, today: dt.date | None = None) -> PressingCounts:
    """How many open deadlines are overdue, and how many fall due within 3 working days."""
    from sqlalchemy import func

    today = today or dt.date.today()
    with database.session() as session:
        open_ = Deadline.done_on.is_(None)
        overdue = session.scalar(select(func.count()).where(open_, Deadline.due_date < today)) or 0
    upcoming = list_deadlines(database, today=today, pressing_only=True, upcoming_only=True)
    return PressingCounts(overdue=overdue, soon=sum(row.urgency == "soon" for row in upcoming))


def recent_overdue(
    database: Database, today: dt.date | None = None, limit: int = 5
) -> list[tuple[int, str, dt.date]]:
    """The open deadlines most recently missed: (id, title, due), newest first."""
    today = today or dt.date.today()
    with database.session() as session:
        rows = session.execute(
            select(Deadline.id, Deadline.title, Deadline.due_date)
            .where(Deadline.done_on.is_(None), Deadline.due_date < today)
            .order_by(Deadline.due_date.desc(), Deadline.id)
            .limit(limit)
        )
        return [(deadline_id, title, due) for deadline_id, title, due in rows]
