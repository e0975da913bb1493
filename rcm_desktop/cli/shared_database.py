"""Headless commands for a shared database: `copy-database`, `export`, `take-home`, `bring-back`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from rcm_desktop.cli.common import open_for_command, say
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _, ngettext
from rcm_desktop.paths import Profile

if TYPE_CHECKING:
    from rcm_desktop.data.services.replay import Conflict


def add_parsers(commands: Any) -> None:
    """Add the shared-database commands to the subcommands."""
    copy = commands.add_parser(
        "copy-database",
        help=_(
            "copy the profile's own database into a shared database (--to URL), or a shared "
            "database into the profile (--from URL, keeping a backup of the profile's file)"
        ),
    )
    direction = copy.add_mutually_exclusive_group(required=True)
    direction.add_argument("--to", metavar="URL", help=_("copy the profile into this database"))
    direction.add_argument(
        "--from", dest="source", metavar="URL", help=_("copy this database into the profile")
    )
    copy.add_argument(
        "--replace",
        action="store_true",
        help=_("replace what the target already holds (otherwise a target with data is refused)"),
    )
    export = commands.add_parser(
        "export", help=_("write every table of the database to a file (JSON)")
    )
    export.add_argument("--format", choices=("json",), default="json")
    export.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)
    home = commands.add_parser(
        "take-home",
        help=_("copy a shared database into this profile to work offline, recording the checkout"),
    )
    home.add_argument("--from", dest="source", metavar="URL", required=True)
    home.add_argument(
        "--replace",
        action="store_true",
        help=_("replace what the profile already holds (a copy of its file is kept)"),
    )
    back = commands.add_parser(
        "bring-back",
        help=_(
            "apply this profile's offline changes to the shared database it was taken from; "
            "conflicts are listed and nothing is written"
        ),
    )
    back.add_argument("--to", metavar="URL", required=True)
    back.add_argument(
        "--prefer",
        choices=("mine", "theirs"),
        help=_("resolve every conflict of this run: mine (this profile) or theirs (the server)"),
    )


def _refuse_global_url(args: argparse.Namespace) -> None:
    if args.database_url:
        raise RcmDeskError(
            _(
                "copy-database works between the profile's own file and the database given "
                "with --to or --from; leave out --database-url."
            )
        )


def _files_note(profile: Profile) -> str:
    return _(
        "Attachment and document files are not in the database and were not copied: they "
        "stay in %(path)s."
    ) % {"path": profile.attachments_dir}


def _kept(out: TextIO, saved: Path | None) -> None:
    if saved is not None:
        say(out, _("The profile's previous database was kept as %(path)s") % {"path": saved})


def _copy_database(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.shared_database import (
        copy_profile_to_server,
        copy_server_to_profile,
    )

    _refuse_global_url(args)
    if args.to:
        with open_for_command(profile, None, args.demo) as source:
            outcome = copy_profile_to_server(source, profile, args.to, replace=args.replace)
    else:
        with open_for_command(profile, args.source) as server:
            outcome = copy_server_to_profile(server, profile, args.source, replace=args.replace)
    say(
        out,
        _("Copied %(rows)d rows of %(tables)d tables from %(source)s to %(target)s.")
        % {
            "rows": outcome.report.total,
            "tables": len(outcome.report.rows),
            "source": outcome.source,
            "target": outcome.target,
        },
    )
    _kept(out, outcome.saved)
    say(out, _files_note(profile))
    return 0


def _export(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.shared_database import export_everything

    with open_for_command(profile, args.database_url, args.demo) as store:
        target = export_everything(store, args.output.resolve())
    say(out, _("Every table was exported to %(path)s") % {"path": target})
    return 0


def _take_home(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.shared_database import take_home_from

    _refuse_global_url(args)
    with open_for_command(profile, args.source) as server:
        outcome = take_home_from(server, profile, args.source, replace=args.replace)
    say(
        out,
        _("Took home %(rows)d rows from %(source)s into %(path)s.")
        % {"rows": outcome.report.total, "source": outcome.source, "path": outcome.target},
    )
    _kept(out, outcome.saved)
    say(out, _files_note(profile))
    return 0


def conflict_lines(conflict: Conflict) -> list[str]:
    """A conflict in words: what, why, each field on both sides, and how it was settled."""
    from rcm_desktop.data.services.history_text import Names, field_label, record_name, thing
    from rcm_desktop.data.services.replay import BOTH_CHANGED, DELETED_HERE, DELETED_THERE, REFUSED

    kinds = {
        BOTH_CHANGED: _("changed here and on the server"),
        DELETED_HERE: _("deleted here, but changed on the server (or records added under it)"),
        DELETED_THERE: _("changed here, but deleted on the server"),
        REFUSED: _("refused by the server's rules"),
    }
    values = {**(conflict.theirs or {}), **(conflict.mine or {})}
    name = record_name(conflict.table, values, Names())
    lines = [
        _("Conflict: %(thing)s %(name)s, %(kind)s")
        % {"thing": thing(conflict.table), "name": name, "kind": kinds[conflict.kind]}
    ]
    if conflict.message:
        lines.append("    " + conflict.message)
    for item in conflict.fields:
        lines.append(
            "    "
            + _("%(column)s: here “%(mine)s”, on the server “%(theirs)s”")
            % {
                "column": field_label(conflict.table, item.column),
                "mine": _value(item.mine),
                "theirs": _value(item.theirs),
            }
        )
    if conflict.who_theirs:
        lines.append("    " + _("Changed on the server by %(who)s") % {"who": conflict.who_theirs})
    settled = {
        "mine": _("Settled: your version was kept."),
        "theirs": _("Settled: the server's version was kept."),
        "edited": _("Settled: an edited value was saved."),
    }
    if conflict.resolution in settled:
        lines.append("    " + settled[conflict.resolution])
    return lines


def _value(value: object) -> str:
    text = "" if value is None else str(getattr(value, "value", value))
    return text if len(text) <= 70 else text[:69] + "…"


def _bring_back(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.shared_database import bring_back_to

    _refuse_global_url(args)
    with open_for_command(profile, None) as home:
        outcome = bring_back_to(home, profile, args.to, args.prefer)
    report = outcome.report
    for conflict in report.conflicts:
        for line in conflict_lines(conflict):
            say(out, line)
    if not report.written:
        say(
            out,
            ngettext(
                "%(n)d conflict: nothing was written. Settle it in the window (File ▸ "
                "Bring back…), or run again with --prefer mine or --prefer theirs.",
                "%(n)d conflicts: nothing was written. Settle them in the window (File ▸ "
                "Bring back…), or run again with --prefer mine or --prefer theirs.",
                len(report.open_conflicts),
            )
            % {"n": len(report.open_conflicts)},
        )
        return 1
    say(
        out,
        _("Brought back since %(when)s: %(updated)d changed, %(created)d new, %(deleted)d deleted.")
        % {
            "when": outcome.checked_out_at,
            "updated": sum(report.updated.values()),
            "created": sum(report.created.values()),
            "deleted": sum(report.deleted.values()),
        },
    )
    say(
        out,
        _("This profile now holds a fresh copy of the server; the previous one is %(path)s")
        % {"path": outcome.saved},
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "copy-database": _copy_database,
    "export": _export,
    "take-home": _take_home,
    "bring-back": _bring_back,
}
