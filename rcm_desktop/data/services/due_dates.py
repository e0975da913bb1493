"""Due dates in the store: recomputed whenever an anchor (a session's day, a document's receipt)
or a calendar's closures change, inside the unit of work that changed them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from rcm_desktop.data.changes import note_change
from rcm_desktop.data.db import Database, remembered
from rcm_desktop.data.models import CalendarClosure, Deadline
from rcm_desktop.domain.due_dates import WorkingDays, due_under_rule
from rcm_desktop.domain.vocabulary import AnchorKind, DeadlineRule
from rcm_desktop.domain.workdays import Calendar


def closures_in(session: Session) -> dict[str, frozenset[dt.date]]:
    """Every closure of every calendar, by country (read once per unit of work)."""

    def read() -> dict[str, frozenset[dt.date]]:
        found: dict[str, set[dt.date]] = {}
        for country, day in session.execute(
            select(CalendarClosure.country_code, CalendarClosure.day)
        ):
            found.setdefault(country, set()).add(day)
        return {country: frozenset(days) for country, days in found.items()}

    return remembered(session, "closures", read)


def calendar_of(deadline: Deadline, closures: dict[str, frozenset[dt.date]]) -> Calendar | None:
    """The working-day calendar a deadline counts on (None for fixed dates and calendar days)."""
    if deadline.rule != DeadlineRule.WORKING_DAYS or not deadline.calendar_country:
        return None
    return Calendar(
        deadline.calendar_country,
        tuple(deadline.calendar_categories.split(",")),
        closures.get(deadline.calendar_country, frozenset()),
    )


def anchor_day(deadline: Deadline) -> dt.date | None:
    """The day the count starts from, or None when the anchor has no date (yet)."""
    if deadline.anchor_kind == AnchorKind.SESSION:
        return deadline.anchor_session.date if deadline.anchor_session else None
    if deadline.anchor_kind == AnchorKind.DOCUMENT:
        review = deadline.anchor_document_review
        return review.received_on if review else None
    return deadline.anchor_date


def compute_due(deadline: Deadline, closures: dict[str, frozenset[dt.date]]) -> dt.date | None:
    """The due date under the deadline's rule, or None when its anchor has no date."""
    return due_under_rule(
        deadline.rule,
        deadline.fixed_date,
        deadline.days,
        anchor_day(deadline),
        deadline.calendar_country,
        deadline.calendar_categories,
        WorkingDays(closures),
    )


_RULE_QUERY = (
    "SELECT d.id, d.rule, d.fixed_date, d.days, d.anchor_kind, d.anchor_date, s.date, "
    "d.calendar_country, d.calendar_categories, d.due_date, r.received_on "
    "FROM deadlines AS d LEFT OUTER JOIN sessions AS s ON s.id = d.anchor_session_id "
    "LEFT OUTER JOIN document_reviews AS r ON r.id = d.anchor_document_review_id"
)


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value))


def recompute_in(
    session: Session,
    meeting_id: int | None = None,
    *,
    review_id: int | None = None,
    deadline_ids: list[int] | None = None,
) -> int:
    """Recompute due dates inside an open unit of work (all, one meeting's, those counted
    from one document review's receipt, or the given ones); returns how many moved.

    Reads the rules with one plain query and writes only the dates that changed, so that
    tens of thousands of deadlines recompute in a fraction of a second.
    """
    from sqlalchemy import bindparam, text, update

    closures = closures_in(session)
    sql = _RULE_QUERY
    parameters: dict[str, object] = {}
    if meeting_id is not None:
        sql += " WHERE d.meeting_id = :meeting OR s.meeting_id = :meeting"
        parameters["meeting"] = meeting_id
    elif review_id is not None:
        sql += " WHERE d.anchor_document_review_id = :review"
        parameters["review"] = review_id
    elif deadline_ids is not None:
        if not deadline_ids:
            return 0
        sql += " WHERE d.id IN :ids"
        parameters["ids"] = list(deadline_ids)
    query = text(sql)
    if "ids" in parameters:
        query = query.bindparams(bindparam("ids", expanding=True))
    working_days = WorkingDays(closures)
    changes: list[tuple[dt.date | None, int]] = []
    by_session, by_document = AnchorKind.SESSION.value, AnchorKind.DOCUMENT.value
    for (deadline_id, rule, fixed, days, anchor_kind, anchor_date, session_date, country,
         categories, current, received) in session.execute(query, parameters).all():  # fmt: skip
        anchor = _as_date(
            session_date if anchor_kind == by_session
            else received if anchor_kind == by_document
            else anchor_date
        )  # fmt: skip
        due = due_under_rule(rule, _as_date(fixed), days, anchor, country, categories, working_days)
        if due != _as_date(current):
            changes.append((due, deadline_id))
    if not changes:
        return 0
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql(
            "UPDATE deadlines SET due_date = ? WHERE id = ?",
            [(due.isoformat() if due else None, deadline_id) for due, deadline_id in changes],
        )
    else:
        statement = update(Deadline.__table__).where(Deadline.__table__.c.id == bindparam("key"))
        session.execute(
            statement.values(due_date=bindparam("due")),
            [{"key": deadline_id, "due": due} for due, deadline_id in changes],
        )
    note_change(session, "deadlines", [deadline_id for _due, deadline_id in changes])
    session.expire_all()
    return len(changes)


def recompute_deadlines(database: Database) -> int:
    """Recompute every deadline's due date (after anchors or closures changed); returns how many moved."""
    with database.session() as session:
        return recompute_in(session)
