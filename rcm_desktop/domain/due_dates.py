"""Due dates on plain values: the rule of a deadline, the working days it counts on, its urgency.

A deadline is a fixed date, or N working or calendar days after an anchor (a session's day,
a date, the day a document was received). Working days follow a country's calendar
(`rcm_desktop.domain.workdays`); `WorkingDays` builds each calendar and its index once,
so that tens of thousands of deadlines recompute in a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rcm_desktop.domain.vocabulary import AnchorKind, DeadlineKind, DeadlineRule
from rcm_desktop.domain.workdays import (
    Calendar,
    check_calendar,
    count_working_days,
    due_in_index,
    working_day_index,
)
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _

#: Deadlines due within this many working days are shown as "due soon".
SOON_WORKING_DAYS = 3
#: Closures of each country's calendar: {country code: days}.
Closures = dict[str, frozenset[dt.date]]


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
    #: The documents it governs ("comments on these three documents by 15 March").
    document_ids: tuple[int, ...] = ()
    notes: str = ""
    #: When it was done (not edited by the editor: "mark done" on the list sets it).
    done_on: dt.date | None = None
    id: int | None = None
    #: The stored record's version when the draft was loaded (None for a new deadline).
    version: int | None = None


class WorkingDays:
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


def due_under_rule(
    rule: str,
    fixed: dt.date | None,
    days: int | None,
    anchor: dt.date | None,
    country: str | None,
    categories: str,
    working_days: WorkingDays,
) -> dt.date | None:
    """The due date under a rule, or None when the anchor has no date (yet)."""
    if rule == DeadlineRule.FIXED:
        return fixed
    if anchor is None or not days:
        return None
    if rule == DeadlineRule.CALENDAR_DAYS:
        return anchor + dt.timedelta(days=days)
    return working_days.due(country or "", categories, anchor, days)


def deadline_problems(draft: DeadlineDraft) -> dict[str, str]:
    """Every problem of *draft*, by field (empty when it can be saved)."""
    found: dict[str, str] = {}
    if not draft.title.strip():
        found["title"] = _("The deadline needs a title, e.g. “Comments on the Regional Strategy”.")
    if draft.rule == DeadlineRule.FIXED:
        if draft.fixed_date is None:
            found["fixed_date"] = _("Choose the date of this fixed deadline.")
        return found
    if not draft.days or draft.days < 1:
        found["days"] = _("The number of days must be 1 or more (it is %(n)d).") % {
            "n": draft.days or 0
        }
    if draft.anchor_kind == AnchorKind.SESSION and draft.anchor_session_id is None:
        found["anchor"] = _("Choose the session the days are counted from.")
    if draft.anchor_kind == AnchorKind.DATE and draft.anchor_date is None:
        found["anchor"] = _("Choose the date the days are counted from.")
    if draft.anchor_kind == AnchorKind.DOCUMENT and draft.anchor_document_review_id is None:
        found["anchor"] = _("Choose the document whose receipt the days are counted from.")
    if draft.rule == DeadlineRule.WORKING_DAYS:
        try:
            check_calendar(draft.calendar_country or "")
        except ValidationError as error:
            found["calendar"] = error.message
    return found


def check_deadline(draft: DeadlineDraft) -> None:
    """Refuse a draft that cannot be saved, naming the field to fix (the first problem)."""
    for field, message in deadline_problems(draft).items():
        raise ValidationError(message, field=field)


def urgency_of(
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
