"""Deadlines: rules, anchors, calendars, closures, urgency, and the calendar file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar as ICalendar

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.calendar_export import build_calendar, write_calendar
from rcm_desktop.data.services.closures import add_closure, remove_closure
from rcm_desktop.data.services.deadline_lists import list_deadlines
from rcm_desktop.data.services.deadlines import (
    delete_deadline,
    explain_deadline,
    mark_done,
    save_deadline,
)
from rcm_desktop.data.services.meeting_editing import load_draft, save_meeting
from rcm_desktop.domain.due_dates import DeadlineDraft
from rcm_desktop.domain.vocabulary import AnchorKind, DeadlineKind, DeadlineRule
from rcm_desktop.errors import StorageError, ValidationError


def _follow_up(database: Database) -> int:
    from rcm_desktop.data.models import Meeting

    with database.session() as session:
        return session.query(Meeting.id).filter(Meeting.source_key.like("irregular%")).scalar()


def _comment_window(rows):  # type: ignore[no-untyped-def]
    """The follow-up meeting's comment window among the demo deadlines (documents have theirs)."""
    (row,) = [row for row in rows if row.title.startswith("Comments on the proposed Regional")]
    return row


def test_demo_comment_window_is_ten_working_days_on_mexicos_calendar(
    demo_database: Database,
) -> None:
    row = _comment_window(
        list_deadlines(demo_database, own_country="HN", today=dt.date(2021, 10, 12))
    )
    assert (row.due, row.calendar, row.urgency) == (dt.date(2021, 10, 14), "MX", "soon")
    assert row.own_calendar_due == dt.date(2021, 10, 19), "Honduras's Semana Morazánica moves it"
    assert explain_deadline(demo_database, row.id).startswith(
        "10 working days after Thu 30 Sep 2021, Mexico's calendar: Thu 14 Oct 2021"
    )
    assert _comment_window(list_deadlines(demo_database, today=dt.date(2021, 10, 15))).urgency == (
        "overdue"
    )
    assert _comment_window(list_deadlines(demo_database, today=dt.date(2021, 10, 1))).urgency == (
        "later"
    )


def test_deadline_counted_from_a_session_follows_the_sessions_date(demo_database: Database) -> None:
    meeting_id = _follow_up(demo_database)
    draft = load_draft(demo_database, meeting_id)
    deadline_id = save_deadline(
        demo_database,
        DeadlineDraft(
            "Approval of the Strategy",
            DeadlineKind.APPROVAL,
            DeadlineRule.WORKING_DAYS,
            days=5,
            anchor_kind=AnchorKind.SESSION,
            anchor_session_id=int(draft.sessions[0].key),
            calendar_country="MX",
            meeting_id=meeting_id,
        ),
    )
    due = {row.id: row.due for row in list_deadlines(demo_database)}
    assert due[deadline_id] == dt.date(2021, 10, 8)
    draft.start_date = draft.end_date = draft.sessions[0].date = dt.date(2021, 10, 4)
    save_meeting(demo_database, draft)
    due = {row.id: row.due for row in list_deadlines(demo_database)}
    assert due[deadline_id] == dt.date(2021, 10, 11), "moved with its session, in the same save"


def test_fixed_and_calendar_day_deadlines(database: Database) -> None:
    fixed = save_deadline(
        database,
        DeadlineDraft("Comments", rule=DeadlineRule.FIXED, fixed_date=dt.date(2021, 10, 28)),
    )
    calendar_days = save_deadline(
        database,
        DeadlineDraft(
            "Registration",
            DeadlineKind.REGISTRATION,
            DeadlineRule.CALENDAR_DAYS,
            days=7,
            anchor_date=dt.date(2021, 10, 1),
        ),
    )
    due = {row.id: row.due for row in list_deadlines(database)}
    assert due == {fixed: dt.date(2021, 10, 28), calendar_days: dt.date(2021, 10, 8)}
    assert explain_deadline(database, fixed) == "Fixed date: Thursday, October 28, 2021"


def test_a_closure_moves_the_deadlines_that_count_over_it(demo_database: Database) -> None:
    assert add_closure(demo_database, "MX", dt.date(2021, 10, 11), "Decreed bridge day") == 1
    assert _comment_window(list_deadlines(demo_database)).due == dt.date(2021, 10, 15)
    assert "Mon 11 Oct (closure)" in explain_deadline(
        demo_database, _comment_window(list_deadlines(demo_database)).id
    )
    assert remove_closure(demo_database, "MX", dt.date(2021, 10, 11)) == 1
    assert _comment_window(list_deadlines(demo_database)).due == dt.date(2021, 10, 14)


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (
            DeadlineDraft("  ", days=3, anchor_date=dt.date(2021, 1, 4), calendar_country="MX"),
            "title",
        ),
        (
            DeadlineDraft("x", days=0, anchor_date=dt.date(2021, 1, 4), calendar_country="MX"),
            "days",
        ),
        (DeadlineDraft("x", days=3, anchor_date=None, calendar_country="MX"), "anchor"),
        (
            DeadlineDraft("x", days=3, anchor_date=dt.date(2021, 1, 4), calendar_country="ZZ"),
            "calendar",
        ),
        (DeadlineDraft("x", rule=DeadlineRule.FIXED), "fixed_date"),
    ],
)
def test_bad_deadlines_are_refused_and_nothing_is_written(
    database: Database, draft: DeadlineDraft, field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_deadline(database, draft)
    assert refused.value.field == field
    assert list_deadlines(database) == []


def test_done_deadlines_leave_the_open_list(demo_database: Database) -> None:
    row = _comment_window(list_deadlines(demo_database))
    mark_done(demo_database, row.id, dt.date(2021, 10, 13))
    assert row.id not in {other.id for other in list_deadlines(demo_database)}
    done = {other.id: other for other in list_deadlines(demo_database, include_done=True)}
    assert done[row.id].urgency == "done"
    delete_deadline(demo_database, row.id)
    assert row.id not in {other.id for other in list_deadlines(demo_database, include_done=True)}


def test_calendar_file_parses_back_with_the_same_events(
    demo_database: Database, tmp_path: Path
) -> None:
    path = write_calendar(demo_database, tmp_path / "rcm.ics")
    parsed = ICalendar.from_ical(path.read_bytes())
    events = {str(event["uid"]): event for event in parsed.walk("VEVENT")}
    assert len(events) == 5, (
        "three dated sessions, the comment deadline and the one counted from a demo document's "
        "receipt (the plenary has no days)"
    )
    deadline = next(
        event
        for uid, event in events.items()
        if uid.startswith("deadline-") and "proposed Regional" in str(event["summary"])
    )
    assert deadline.decoded("dtstart") == dt.date(2021, 10, 14)
    session = next(
        event for event in events.values() if "Session 1. Introduction" in str(event["summary"])
    )
    start = session.decoded("dtstart")
    assert (start.isoformat(), str(start.tzinfo)) == (
        "2020-10-06T09:00:00-06:00",
        "America/Costa_Rica",
    )
    assert {str(tz["tzid"]) for tz in parsed.walk("VTIMEZONE")} >= {
        "America/Costa_Rica",
        "America/Mexico_City",
    }
    assert build_calendar(demo_database).count(b"BEGIN:VEVENT") == 5


def test_calendar_into_an_unwritable_place(demo_database: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError):
        write_calendar(demo_database, blocker / "rcm.ics")
