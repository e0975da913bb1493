"""`meetings`, `workdays`, `deadlines` and `calendar`: what a focal point has on record."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from rcm_desktop.cli.common import open_for_command, say, user_zone
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile


def add_parsers(commands: Any) -> None:
    """Add the meetings, working-days, deadlines and calendar subcommands."""
    meetings = commands.add_parser(
        "meetings", help=_("list meetings: ID, first session date, title (tab-separated)")
    )
    meetings.add_argument(
        "--json",
        action="store_true",
        help=_("print JSON instead, with sessions and their times in both time zones"),
    )
    workdays = commands.add_parser(
        "workdays", help=_("the date N working days after a date, under a country's calendar")
    )
    workdays.add_argument("--from", dest="anchor", metavar="YYYY-MM-DD", required=True)
    workdays.add_argument("--days", metavar="N", type=int, required=True)
    workdays.add_argument("--calendar", metavar="CC", required=True)
    workdays.add_argument(
        "--categories",
        metavar="LIST",
        default="public",
        help=_("holiday categories to count, comma-separated (default: public)"),
    )
    workdays.add_argument(
        "--explain", action="store_true", help=_("also say which days were skipped and why")
    )
    deadlines = commands.add_parser(
        "deadlines", help=_("list open deadlines: ID, due date, title (tab-separated)")
    )
    deadlines.add_argument("--json", action="store_true", help=_("print JSON instead"))
    calendar = commands.add_parser(
        "calendar", help=_("write meeting sessions and deadlines to an iCalendar (.ics) file")
    )
    calendar.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)


def _meetings(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.meetings import list_meetings

    with open_for_command(profile, args.database_url, args.demo) as store:
        if args.json:
            from rcm_desktop.data.services.meeting_export import meetings_as_data

            data = meetings_as_data(store, user_zone(profile, store))
            say(out, json.dumps(data, ensure_ascii=False, indent=2))
        else:
            for row in sorted(list_meetings(store), key=lambda row: (row.first_date, row.id)):
                say(out, f"{row.id}\t{row.first_date.isoformat()}\t{row.title}")
    return 0


def _workdays(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    import datetime as dt

    from rcm_desktop.domain.workdays import Calendar, add_working_days, check_calendar

    try:
        anchor = dt.date.fromisoformat(args.anchor)
    except ValueError as error:
        raise RcmDeskError(
            _("“%(text)s” is not a date; write it as YYYY-MM-DD, e.g. 2021-09-30.")
            % {"text": args.anchor}
        ) from error
    categories = tuple(part.strip() for part in args.categories.split(",") if part.strip())
    calendar = Calendar(check_calendar(args.calendar), categories or ("public",))
    result = add_working_days(anchor, args.days, calendar)
    say(out, result.due.isoformat())
    if args.explain:
        say(out, result.explain())
    return 0


def _deadlines(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.deadline_lists import list_deadlines
    from rcm_desktop.data.services.deadlines import explain_deadline
    from rcm_desktop.data.services.settings import profile_country

    with open_for_command(profile, args.database_url, args.demo) as store:
        rows = list_deadlines(store, own_country=profile_country(store))
        if args.json:
            data = [
                {
                    "id": row.id,
                    "title": row.title,
                    "kind": row.kind.value,
                    "meeting_id": row.meeting_id,
                    "meeting": row.meeting_title or None,
                    "due": row.due.isoformat() if row.due else None,
                    "calendar": row.calendar,
                    "urgency": row.urgency,
                    "own_calendar_due": row.own_calendar_due.isoformat()
                    if row.own_calendar_due
                    else None,
                    "explanation": explain_deadline(store, row.id),
                }
                for row in rows
            ]
            say(out, json.dumps(data, ensure_ascii=False, indent=2))
        else:
            for row in rows:
                due = row.due.isoformat() if row.due else "????-??-??"
                say(out, f"{row.id}\t{due}\t{row.title}")
    return 0


def _calendar(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.calendar_export import write_calendar

    with open_for_command(profile, args.database_url, args.demo) as store:
        target = write_calendar(store, args.output.resolve())
    say(out, _("Calendar written to %(path)s") % {"path": target})
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "meetings": _meetings,
    "workdays": _workdays,
    "deadlines": _deadlines,
    "calendar": _calendar,
}
