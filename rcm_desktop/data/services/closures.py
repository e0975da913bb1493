"""Closures of a country's calendar (a decreed bridge day): adding or removing one moves every
deadline counted over it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import CalendarClosure
from rcm_desktop.data.services.due_dates import recompute_deadlines
from rcm_desktop.domain.workdays import check_calendar


def add_closure(database: Database, country: str, day: dt.date, reason: str = "") -> int:
    """Add a closure to a country's calendar and recompute the deadlines; returns how many moved."""
    code = check_calendar(country)
    with database.session() as session:
        exists = session.scalar(
            select(CalendarClosure).where(
                CalendarClosure.country_code == code, CalendarClosure.day == day
            )
        )
        if exists is None:
            session.add(CalendarClosure(country_code=code, day=day, reason=reason.strip() or None))
    return recompute_deadlines(database)


def remove_closure(database: Database, country: str, day: dt.date) -> int:
    """Remove a closure and recompute the deadlines; returns how many moved."""
    with database.session() as session:
        for closure in session.scalars(
            select(CalendarClosure).where(
                CalendarClosure.country_code == country.upper(), CalendarClosure.day == day
            )
        ):
            session.delete(closure)
    return recompute_deadlines(database)


def list_closures(database: Database) -> list[tuple[str, dt.date, str]]:
    """Every closure: (country, day, reason), by day."""
    with database.session() as session:
        rows = session.execute(
            select(
                CalendarClosure.country_code, CalendarClosure.day, CalendarClosure.reason
            ).order_by(CalendarClosure.day, CalendarClosure.country_code)
        )
        return [(country, day, reason or "") for country, day, reason in rows]
