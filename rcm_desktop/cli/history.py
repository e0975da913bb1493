"""History subcommands: `history (--meeting ID | --person ID | --document ID | --deadline ID |
--nomination ID) [--kind KIND] [--json]` and `purge-history --before DATE [--yes]`.

`history` prints one change a line, newest first: UTC time, who, and the sentence
(tab-separated), or JSON. `purge-history` says how many entries are older than the date
and removes them only with `--yes`. No Qt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from typing import Any, TextIO

from rcm_desktop.cli.common import open_for_command, say
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _, ngettext
from rcm_desktop.paths import Profile

KINDS = ("details", "agenda", "questions", "delegation", "documents", "deadlines")


def add_parsers(commands: Any) -> None:
    """Add `history` and `purge-history` to the subcommands."""
    shown = commands.add_parser(
        "history",
        help=_("the history of a meeting, person, document, deadline or nomination, newest first"),
    )
    subject = shown.add_mutually_exclusive_group(required=True)
    for name in ("meeting", "person", "document", "deadline", "nomination"):
        subject.add_argument(f"--{name}", metavar="ID", type=int)
    shown.add_argument("--kind", choices=KINDS, help=_("only one kind of change (e.g. delegation)"))
    shown.add_argument("--json", action="store_true", help=_("print JSON instead"))
    purge = commands.add_parser(
        "purge-history",
        help=_("remove history entries older than a date (a retention rule); asks for --yes"),
    )
    purge.add_argument("--before", metavar="DATE", required=True)
    purge.add_argument("--yes", action="store_true", help=_("remove them (required)"))


def _history(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.history import history

    subject, record_id = next(
        (name, getattr(args, name))
        for name in ("meeting", "person", "document", "deadline", "nomination")
        if getattr(args, name) is not None
    )
    with open_for_command(profile, args.database_url, args.demo) as database:
        found = history(database, subject, record_id, args.kind)
    if args.json:
        out.write(json.dumps(_as_data(found), ensure_ascii=False, indent=1) + "\n")
        return 0
    for item in found.items:
        say(out, f"{item.at.isoformat(timespec='seconds')}Z\t{item.who}\t{item.text}")
    return 0


def _as_data(found: Any) -> dict[str, Any]:
    return {
        "subject": found.subject,
        "id": found.record_id,
        "global_id": found.record_gid,
        "changes": [
            {
                "at": item.at.isoformat(timespec="seconds") + "Z",
                "who": item.who,
                "action": item.action,
                "entry": item.entry_uuid,
                "record": item.record_gid,
                "table": item.table,
                "operation": item.operation,
                "kind": item.category,
                "text": item.text,
                "old": item.old,
                "new": item.new,
            }
            for item in found.items
        ],
    }


def _purge(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.history import count_before, purge_before

    try:
        before = dt.date.fromisoformat(args.before)
    except ValueError:
        raise ValidationError(
            _("“%(text)s” is not a date; write it as YYYY-MM-DD, e.g. 2021-09-30.")
            % {"text": args.before}
        ) from None
    with open_for_command(profile, args.database_url, args.demo) as database:
        if not args.yes:
            count = count_before(database, before)
            say(
                out,
                ngettext(
                    "%(n)d history entry is older than %(day)s. Nothing was removed; "
                    "add --yes to remove it.",
                    "%(n)d history entries are older than %(day)s. Nothing was removed; "
                    "add --yes to remove them.",
                    count,
                )
                % {"n": count, "day": before.isoformat()},
            )
            return 1 if count else 0
        removed = purge_before(database, before)
    say(
        out,
        ngettext(
            "%(n)d history entry older than %(day)s removed.",
            "%(n)d history entries older than %(day)s removed.",
            removed,
        )
        % {"n": removed, "day": before.isoformat()},
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "history": _history,
    "purge-history": _purge,
}
