"""Deadlines as the pages list them: by due date, with urgency and the user's own calendar's date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Deadline, DocumentReview, Meeting, MeetingSession
from rcm_desktop.data.services.due_dates import closures_in
from rcm_desktop.domain.due_dates import urgency_of
from rcm_desktop.domain.vocabulary import AnchorKind, DeadlineKind, DeadlineRule
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
    #: What the user's own country's calendar would give, when different.
    own_calendar_due: dt.date | None
    #: The stored deadline's version when read (marking it done carries it).
    version: int | None = None


def list_deadlines(
    database: Database,
    *,
    include_done: bool = False,
    today: dt.date | None = None,
    own_country: str | None = None,
    pressing_only: bool = False,
    limit: int | None = None,
    upcoming_only: bool = False,
    later_only: bool = False,
) -> list[DeadlineRow]:
    """Deadlines by due date (unknown dates last), with their urgency and the user's own
    calendar's date; read with two queries whatever their number."""
    today = today or dt.date.today()
    window = today + dt.timedelta(days=21)  # 3 working days never span three weeks
    query = (
        select(
            Deadline.id, Deadline.title, Deadline.kind, Deadline.meeting_id, Meeting.title,
            Deadline.due_date, Deadline.calendar_country, Deadline.calendar_categories,
            Deadline.rule, Deadline.days, Deadline.anchor_kind, Deadline.anchor_date,
            MeetingSession.date, DocumentReview.received_on, Deadline.done_on,
            Deadline.row_version,
        )
        .outerjoin(Meeting, Meeting.id == Deadline.meeting_id)
        .outerjoin(MeetingSession, MeetingSession.id == Deadline.anchor_session_id)
        .outerjoin(DocumentReview, DocumentReview.id == Deadline.anchor_document_review_id)
        .order_by(Deadline.due_date.is_(None), Deadline.due_date, Deadline.id)
    )  # fmt: skip
    if not include_done:
        query = query.where(Deadline.done_on.is_(None))
    if pressing_only:  # overdue or possibly due within 3 working days
        query = query.where(Deadline.due_date <= window)
    if later_only:
        query = query.where(Deadline.due_date > window)
    if upcoming_only:
        query = query.where(Deadline.due_date >= today)
    if limit is not None:
        query = query.limit(limit)
    with database.session() as session:
        closures = closures_in(session)
        found = session.execute(query).all()
    rows = []
    for (deadline_id, title, kind, meeting_id, meeting_title, due, country, categories, rule,
         days, anchor_kind, anchor_date, session_date, received_on, done_on, version,
         ) in found:  # fmt: skip
        anchor = (
            session_date if anchor_kind == AnchorKind.SESSION
            else received_on if anchor_kind == AnchorKind.DOCUMENT
            else anchor_date
        )  # fmt: skip
        calendar = None
        if rule == DeadlineRule.WORKING_DAYS and country:
            calendar = Calendar(
                country, tuple(categories.split(",")), closures.get(country, frozenset())
            )
        own_due = None
        if (
            calendar is not None
            and own_country in SUPPORTED_CALENDARS
            and own_country != calendar.country
            and anchor is not None
        ):
            own = Calendar(own_country, calendar.categories, closures.get(own_country, frozenset()))  # type: ignore[arg-type]
            other = due_after(anchor, days or 1, own)
            own_due = other if other != due else None
        rows.append(
            DeadlineRow(
                id=deadline_id,
                title=title,
                kind=kind,
                meeting_id=meeting_id,
                meeting_title=meeting_title or "",
                due=due,
                calendar=country,
                done_on=done_on,
                urgency=urgency_of(due, done_on, today, calendar),
                own_calendar_due=own_due,
                version=version,
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


def overdue_deadlines(
    database: Database, today: dt.date | None = None, limit: int = 5
) -> list[tuple[int, str, dt.date]]:
    """The open deadlines missed: (id, title, due), the oldest first, as the Deadlines page
    sorts them."""
    today = today or dt.date.today()
    with database.session() as session:
        rows = session.execute(
            select(Deadline.id, Deadline.title, Deadline.due_date)
            .where(Deadline.done_on.is_(None), Deadline.due_date < today)
            .order_by(Deadline.due_date, Deadline.id)
            .limit(limit)
        )
        return [(deadline_id, title, due) for deadline_id, title, due in rows]
