"""Deadlines: saved with their rule, their due date recomputed whenever an anchor or a closure changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import (
    CalendarClosure,
    Deadline,
    DocumentReview,
    Meeting,
    MeetingSession,
)
from rcm_desktop.data.versioning import locked, refuse_if_changed
from rcm_desktop.domain.vocabulary import AnchorKind, DeadlineKind, DeadlineRule
from rcm_desktop.domain.workdays import (
    SUPPORTED_CALENDARS,
    Calendar,
    add_working_days,
    check_calendar,
    count_working_days,
    due_after,
    due_in_index,
    working_day_index,
)
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _, format_date

#: Deadlines due within this many working days are shown as "due soon".
SOON_WORKING_DAYS = 3


@dataclass
class DeadlineDraft:
    title: str
    kind: DeadlineKind = DeadlineKind.COMMENTS
    rule: DeadlineRule = DeadlineRule.WORKING_DAYS
    fixed_date: dt.date | None = None
    days: int | None = None
    anchor_kind: AnchorKind | None = AnchorKind.DATE
    anchor_session_id: int | None = None
    anchor_date: dt.date | None = None
    anchor_document_review_id: int | None = None
    calendar_country: str | None = None
    include_optional_days: bool = False
    meeting_id: int | None = None
    notes: str = ""
    id: int | None = None
    #: The stored record's version when the draft was loaded (None for a new deadline).
    version: int | None = None


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


def _closures(session: Session) -> dict[str, frozenset[dt.date]]:
    found: dict[str, set[dt.date]] = {}
    for country, day in session.execute(select(CalendarClosure.country_code, CalendarClosure.day)):
        found.setdefault(country, set()).add(day)
    return {country: frozenset(days) for country, days in found.items()}


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


class _WorkingDays:
    """Due dates on country calendars, with each calendar and its working-day index built once."""

    def __init__(self, closures: dict[str, frozenset[dt.date]]) -> None:
        self.closures = closures
        self.calendars: dict[tuple[str, str], Calendar] = {}
        self.indexes: dict[tuple[str, str, int], list[int]] = {}

    def due(self, country: str, categories: str, anchor: dt.date, days: int) -> dt.date:
        key = (country, categories)
        calendar = self.calendars.get(key)
        if calendar is None:
            calendar = self.calendars[key] = Calendar(
                check_calendar(country), tuple(categories.split(",")),
                self.closures.get(country, frozenset()),
            )  # fmt: skip
        index_key = (country, categories, anchor.year)
        ordinals = self.indexes.get(index_key)
        if ordinals is None:
            ordinals = self.indexes[index_key] = working_day_index(calendar, anchor.year)
        return due_in_index(ordinals, anchor, days, calendar)


def _due(
    rule: str,
    fixed: dt.date | None,
    days: int | None,
    anchor: dt.date | None,
    country: str | None,
    categories: str,
    working_days: _WorkingDays,
) -> dt.date | None:
    """The due date under a rule, or None when the anchor has no date (yet)."""
    if rule == DeadlineRule.FIXED:
        return fixed
    if anchor is None or not days:
        return None
    if rule == DeadlineRule.CALENDAR_DAYS:
        return anchor + dt.timedelta(days=days)
    return working_days.due(country or "", categories, anchor, days)


def compute_due(deadline: Deadline, closures: dict[str, frozenset[dt.date]]) -> dt.date | None:
    """The due date under the deadline's rule, or None when its anchor has no date."""
    return _due(
        deadline.rule,
        deadline.fixed_date,
        deadline.days,
        anchor_day(deadline),
        deadline.calendar_country,
        deadline.calendar_categories,
        _WorkingDays(closures),
    )


def _check(draft: DeadlineDraft) -> None:
    if not draft.title.strip():
        raise ValidationError(
            _("The deadline needs a title, e.g. “Comments on the Regional Strategy”."),
            field="title",
        )
    if draft.rule == DeadlineRule.FIXED:
        if draft.fixed_date is None:
            raise ValidationError(_("Choose the date of this fixed deadline."), field="fixed_date")
        return
    if not draft.days or draft.days < 1:
        raise ValidationError(
            _("The number of days must be 1 or more (it is %(n)d).") % {"n": draft.days or 0},
            field="days",
        )
    if draft.anchor_kind == AnchorKind.SESSION and draft.anchor_session_id is None:
        raise ValidationError(_("Choose the session the days are counted from."), field="anchor")
    if draft.anchor_kind == AnchorKind.DATE and draft.anchor_date is None:
        raise ValidationError(_("Choose the date the days are counted from."), field="anchor")
    if draft.anchor_kind == AnchorKind.DOCUMENT and draft.anchor_document_review_id is None:
        raise ValidationError(
            _("Choose the document whose receipt the days are counted from."), field="anchor"
        )
    if draft.rule == DeadlineRule.WORKING_DAYS:
        check_calendar(draft.calendar_country or "")


def save_deadline(database: Database, draft: DeadlineDraft) -> int:
    """Create or update a deadline and compute its due date, in one transaction; returns its id.

    Raises ConflictError and writes nothing when someone saved it since `draft.version`.
    """
    _check(draft)
    with database.session() as session:
        deadline = locked(session, Deadline, draft.id) if draft.id else Deadline()
        if deadline is None:
            raise ValidationError(_("This deadline no longer exists; it may have been deleted."))
        if draft.id:
            refuse_if_changed(
                deadline, draft.version, "deadline", lambda: _draft_of(deadline), draft
            )
        if (
            draft.anchor_session_id is not None
            and session.get(MeetingSession, draft.anchor_session_id) is None
        ):
            raise ValidationError(
                _("The session this deadline counts from no longer exists."), field="anchor"
            )
        if (
            draft.anchor_kind == AnchorKind.DOCUMENT
            and draft.anchor_document_review_id is not None
            and session.get(DocumentReview, draft.anchor_document_review_id) is None
        ):
            raise ValidationError(
                _("The document receipt this deadline counts from no longer exists."),
                field="anchor",
            )
        deadline.title = draft.title.strip()
        deadline.kind = draft.kind
        deadline.rule = draft.rule
        deadline.meeting_id = draft.meeting_id
        deadline.fixed_date = draft.fixed_date if draft.rule == DeadlineRule.FIXED else None
        deadline.days = draft.days if draft.rule != DeadlineRule.FIXED else None
        deadline.anchor_kind = draft.anchor_kind if draft.rule != DeadlineRule.FIXED else None
        deadline.anchor_session_id = (
            draft.anchor_session_id if deadline.anchor_kind == AnchorKind.SESSION else None
        )
        deadline.anchor_date = (
            draft.anchor_date if deadline.anchor_kind == AnchorKind.DATE else None
        )
        deadline.anchor_document_review_id = (
            draft.anchor_document_review_id if deadline.anchor_kind == AnchorKind.DOCUMENT else None
        )
        deadline.calendar_country = (
            check_calendar(draft.calendar_country or "")
            if draft.rule == DeadlineRule.WORKING_DAYS
            else None
        )
        deadline.calendar_categories = (
            "public,optional" if draft.include_optional_days else "public"
        )
        deadline.notes = draft.notes.strip() or None
        session.add(deadline)
        session.flush()
        session.refresh(deadline, ["anchor_session", "anchor_document_review"])
        deadline.due_date = compute_due(deadline, _closures(session))
        session.flush()
        return deadline.id


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

    closures = _closures(session)
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
    working_days = _WorkingDays(closures)
    changes: list[tuple[dt.date | None, int]] = []
    by_session, by_document = AnchorKind.SESSION.value, AnchorKind.DOCUMENT.value
    for (deadline_id, rule, fixed, days, anchor_kind, anchor_date, session_date, country,
         categories, current, received) in session.execute(query, parameters).all():  # fmt: skip
        anchor = _as_date(
            session_date if anchor_kind == by_session
            else received if anchor_kind == by_document
            else anchor_date
        )  # fmt: skip
        due = _due(rule, _as_date(fixed), days, anchor, country, categories, working_days)
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
    session.expire_all()
    return len(changes)


def recompute_deadlines(database: Database) -> int:
    """Recompute every deadline's due date (after anchors or closures changed); returns how many moved."""
    with database.session() as session:
        return recompute_in(session)


def explain_deadline(database: Database, deadline_id: int) -> str:
    """How the due date was reached, in words (the calendar and every day skipped)."""
    with database.session() as session:
        deadline = session.get(Deadline, deadline_id)
        if deadline is None:
            return ""
        if deadline.rule == DeadlineRule.FIXED:
            return _("Fixed date: %(date)s") % {"date": format_date(deadline.fixed_date, "full")}  # type: ignore[arg-type]
        anchor = anchor_day(deadline)
        if anchor is None:
            return _("The anchor has no date yet, so the due date cannot be computed.")
        if deadline.rule == DeadlineRule.CALENDAR_DAYS:
            return _("%(n)d calendar days after %(anchor)s: %(due)s") % {
                "n": deadline.days,
                "anchor": format_date(anchor, "full"),
                "due": format_date(anchor + dt.timedelta(days=deadline.days or 0), "full"),
            }
        calendar = calendar_of(deadline, _closures(session))
        assert calendar is not None and deadline.days
        return add_working_days(anchor, deadline.days, calendar).explain()


def _urgency(
    due: dt.date | None, done: dt.date | None, today: dt.date, calendar: Calendar | None
) -> str:
    if done is not None:
        return "done"
    if due is None:
        return "unknown"
    if due < today:
        return "overdue"
    if (due - today).days > 21:  # 3 working days never span three weeks, whatever the holidays
        return "later"
    if calendar is not None:
        remaining = count_working_days(today, due, calendar)
    else:  # fixed dates and calendar days: count weekdays
        remaining = sum(
            1
            for offset in range(1, min((due - today).days, 30) + 1)
            if (today + dt.timedelta(days=offset)).weekday() < 5
        )
    return "soon" if remaining <= SOON_WORKING_DAYS else "later"


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
        closures = _closures(session)
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
                    urgency=_urgency(deadline.due_date, deadline.done_on, today, calendar),
                    own_calendar_due=own_due,
                )
            )
        return rows


def mark_done(database: Database, deadline_id: int, on: dt.date | None) -> None:
    """Mark a deadline done on *on*, or open again with None."""
    with database.session() as session:
        deadline = session.get(Deadline, deadline_id)
        if deadline is None:
            raise ValidationError(_("This deadline no longer exists; it may have been deleted."))
        deadline.done_on = on


def delete_deadline(database: Database, deadline_id: int) -> None:
    with database.session() as session:
        deadline = session.get(Deadline, deadline_id)
        if deadline is not None:
            session.delete(deadline)


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


def load_deadline(database: Database, deadline_id: int) -> DeadlineDraft:
    """A deadline as an editable draft."""
    with database.session() as session:
        deadline = session.get(Deadline, deadline_id)
        if deadline is None:
            raise ValidationError(_("This deadline no longer exists; it may have been deleted."))
        return _draft_of(deadline)


def _draft_of(deadline: Deadline) -> DeadlineDraft:
    return DeadlineDraft(
        id=deadline.id,
        version=deadline.row_version,
        title=deadline.title,
        kind=deadline.kind,
        rule=deadline.rule,
        fixed_date=deadline.fixed_date,
        days=deadline.days,
        anchor_kind=deadline.anchor_kind,
        anchor_session_id=deadline.anchor_session_id,
        anchor_date=deadline.anchor_date,
        anchor_document_review_id=deadline.anchor_document_review_id,
        calendar_country=deadline.calendar_country,
        include_optional_days="optional" in deadline.calendar_categories,
        meeting_id=deadline.meeting_id,
        notes=deadline.notes or "",
    )


def list_closures(database: Database) -> list[tuple[str, dt.date, str]]:
    """Every closure: (country, day, reason), by day."""
    with database.session() as session:
        rows = session.execute(
            select(
                CalendarClosure.country_code, CalendarClosure.day, CalendarClosure.reason
            ).order_by(CalendarClosure.day, CalendarClosure.country_code)
        )
        return [(country, day, reason or "") for country, day, reason in rows]


def organiser_calendar(database: Database, meeting_id: int | None) -> str | None:
    """The default calendar of a meeting's deadlines: its forum's Presidency Pro-Tempore that year."""
    from rcm_desktop.data.models import Presidency

    if meeting_id is None:
        return None
    with database.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            return None
        for forum in sorted(meeting.forums, key=lambda forum: forum.code != "RCM"):
            ppt = session.scalar(
                select(Presidency.country_code).where(
                    Presidency.forum_id == forum.id, Presidency.year == meeting.start_date.year
                )
            )
            if ppt in SUPPORTED_CALENDARS:
                return ppt
    return None


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
