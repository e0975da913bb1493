"""The headless command line: `rcm-desktop [global options] <subcommand>`.

Global options come before the subcommand. No Qt here: the profile folder and
any profile lock are resolved by `rcm_desktop.app` before a command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from rcm_desktop import __version__
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile

#: Subcommands that replace the store and so need the profile to themselves.
EXCLUSIVE_COMMANDS = frozenset({"restore", "copy-database", "take-home", "bring-back"})
#: Subcommands that never open a profile (no need to look up the user's data folder).
PROFILELESS_COMMANDS = frozenset({"workdays", "self-test"})
#: Modules that add subcommands: each has `add_parsers(commands)` and a `COMMANDS` mapping.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "rcm_desktop.cli.delegations",
    "rcm_desktop.cli.briefing",
    "rcm_desktop.cli.documents",
    "rcm_desktop.cli.shared_database",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; build it after the language is set so its help is translated."""
    parser = argparse.ArgumentParser(
        prog="rcm-desktop",
        description=_(
            "RCM Desk: meetings, delegations, deadlines and briefing packs for the "
            "focal points of the Regional Conference on Migration. Without a "
            "subcommand, opens the application window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"RCM Desk {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("use the demo profile, filled from the seed concept notes"),
    )
    parser.add_argument(
        "--profile", metavar="DIR", type=Path, help=_("use the profile in folder DIR")
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help=_("use the database at this SQLAlchemy URL instead of the profile's own file"),
    )
    parser.add_argument("--lang", metavar="CODE", help=_("interface language (en, es, fr, pt)"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
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
    backup = commands.add_parser("backup", help=_("write a backup of the profile's database"))
    backup.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)
    restore = commands.add_parser(
        "restore", help=_("replace the profile's database with a backup (keeps a copy)")
    )
    restore.add_argument("file", metavar="FILE", type=Path)
    self_test = commands.add_parser(
        "self-test",
        help=_(
            "check that this installation works: builds a demo profile, a deadline and "
            "documents in a temporary folder"
        ),
    )
    self_test.add_argument(
        "--no-gui", action="store_true", help=_("skip the check that draws the interface")
    )
    for module in _subcommand_modules():
        module.add_parsers(commands)
    return parser


def _subcommand_modules() -> list:  # type: ignore[type-arg]
    from importlib import import_module

    return [import_module(name) for name in SUBCOMMAND_MODULES]


def _open(profile: Profile, database_url: str | None, demo: bool):  # type: ignore[no-untyped-def]
    from rcm_desktop.data.store import open_database, prepare_store

    database = open_database(profile, database_url)
    prepare_store(database, profile)
    if demo:
        from rcm_desktop.data.demo import load_demo

        with database.session() as session:
            load_demo(session)
    return database


def _meetings(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.meetings import list_meetings

    database = _open(profile, args.database_url, args.demo)
    if args.json:
        import json

        from rcm_desktop.data.services.meeting_export import meetings_as_data

        data = meetings_as_data(database, _user_zone(profile, database))
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        rows = sorted(list_meetings(database), key=lambda row: (row.first_date, row.id))
        for row in rows:
            out.write(f"{row.id}\t{row.first_date.isoformat()}\t{row.title}\n")
    database.dispose()
    return 0


def _user_zone(profile: Profile, database) -> str | None:  # type: ignore[no-untyped-def]
    """The user's zone: their choice in the profile's preferences, else their capital's."""
    from rcm_desktop.data.services.settings import profile_country
    from rcm_desktop.domain.timezones import capital_zone, zone
    from rcm_desktop.preferences import Preferences

    chosen = Preferences(profile.preferences_path).get("time_zone")
    if isinstance(chosen, str) and zone(chosen) is not None:
        return chosen
    country = profile_country(database)
    return capital_zone(country) if country else None


def _backup(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.backup import copy_database

    if args.database_url:  # a server: pg_dump when installed, else every table as JSON
        from rcm_desktop.data.server_backup import backup_server, describe

        database = _open(profile, args.database_url, args.demo)
        try:
            out.write(describe(backup_server(database, args.output.resolve())) + "\n")
        finally:
            database.dispose()
        return 0
    _open(profile, None, args.demo).dispose()
    target = copy_database(profile.database_path, args.output.resolve())
    out.write(_("Backup written to %(path)s") % {"path": target} + "\n")
    return 0


def _restore(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.backup import restore_backup

    if args.database_url:
        raise RcmDeskError(_("Restore works on the profile's own SQLite file, not on a URL."))
    saved = restore_backup(profile, args.file.resolve())
    out.write(_("Restored %(path)s.") % {"path": args.file} + "\n")
    if saved is not None:
        out.write(_("The database it replaced was kept as %(path)s") % {"path": saved} + "\n")
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
    out.write(result.due.isoformat() + "\n")
    if args.explain:
        out.write(result.explain() + "\n")
    return 0


def _deadlines(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.deadlines import explain_deadline, list_deadlines
    from rcm_desktop.data.services.settings import profile_country

    database = _open(profile, args.database_url, args.demo)
    rows = list_deadlines(database, own_country=profile_country(database))
    if args.json:
        import json

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
                "explanation": explain_deadline(database, row.id),
            }
            for row in rows
        ]
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        for row in rows:
            due = row.due.isoformat() if row.due else "????-??-??"
            out.write(f"{row.id}\t{due}\t{row.title}\n")
    database.dispose()
    return 0


def _calendar(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.calendar_export import write_calendar

    database = _open(profile, args.database_url, args.demo)
    target = write_calendar(database, args.output.resolve())
    database.dispose()
    out.write(_("Calendar written to %(path)s") % {"path": target} + "\n")
    return 0


def _self_test(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.self_test import run_self_test

    extra = []
    if not args.no_gui:
        from rcm_desktop.ui.self_check import QT_STEP  # Qt only for this step

        extra.append(QT_STEP)
    return run_self_test(out, extra)


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "deadlines": _deadlines,
    "calendar": _calendar,
    "meetings": _meetings,
    "workdays": _workdays,
    "backup": _backup,
    "restore": _restore,
    "self-test": _self_test,
}


def run_command(
    args: argparse.Namespace, profile: Profile, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the subcommand named in *args*; a user-facing error prints its message and returns 1."""
    out = out or sys.stdout
    err = err or sys.stderr
    commands = dict(COMMANDS)
    for module in _subcommand_modules():
        commands.update(module.COMMANDS)
    try:
        return commands[args.command](args, profile, out)
    except RcmDeskError as error:
        err.write(_("rcm-desktop: error: %(message)s") % {"message": error.message} + "\n")
        return 1
