"""Headless commands for a shared database: `copy-database`, `export`, `take-home`, `bring-back`."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _, ngettext
from rcm_desktop.paths import Profile


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


def _shown(url: str) -> str:
    from rcm_desktop.data.db import url_for_display

    return url_for_display(url)


def _files_note(profile: Profile) -> str:
    return _(
        "Attachment and document files are not in the database and were not copied: they "
        "stay in %(path)s."
    ) % {"path": profile.attachments_dir}


def keep_profile_copy(profile: Profile, prefix: str) -> Path | None:
    """A copy of the profile's file in backups/ before it is replaced (None if it has none)."""
    from rcm_desktop.data.backup import SUFFIX, copy_database

    if not profile.database_path.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return copy_database(profile.database_path, profile.backups_dir / f"{prefix}{stamp}{SUFFIX}")


def _copy_database(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.cli.parser import _open
    from rcm_desktop.data.store import open_database
    from rcm_desktop.data.transfer import copy_store

    _refuse_global_url(args)
    if args.to:
        source = _open(profile, None, args.demo)
        target = open_database(profile, args.to)
        described = (profile.database_path, _shown(args.to))
        saved = None
    else:
        source = _open(profile, args.source, False)
        saved = keep_profile_copy(profile, "before-copy-")
        target = open_database(profile)
        described = (_shown(args.source), profile.database_path)
    try:
        report = copy_store(source, target, replace=args.replace)
    finally:
        source.dispose()
        target.dispose()
    out.write(
        _("Copied %(rows)d rows of %(tables)d tables from %(source)s to %(target)s.")
        % {
            "rows": report.total,
            "tables": len(report.rows),
            "source": described[0],
            "target": described[1],
        }
        + "\n"
    )
    if saved is not None:
        out.write(
            _("The profile's previous database was kept as %(path)s") % {"path": saved} + "\n"
        )
    out.write(_files_note(profile) + "\n")
    return 0


def _export(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.cli.parser import _open
    from rcm_desktop.data.transfer import export_json

    database = _open(profile, args.database_url, args.demo)
    try:
        target = export_json(database, args.output.resolve())
    finally:
        database.dispose()
    out.write(_("Every table was exported to %(path)s") % {"path": target} + "\n")
    return 0


def _take_home(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.cli.parser import _open
    from rcm_desktop.data.store import open_database
    from rcm_desktop.data.take_home import take_home

    _refuse_global_url(args)
    server = _open(profile, args.source, False)
    saved = keep_profile_copy(profile, "before-take-home-")
    home = open_database(profile)
    try:
        report = take_home(server, home, args.source, replace=args.replace)
    finally:
        server.dispose()
        home.dispose()
    out.write(
        _("Took home %(rows)d rows from %(source)s into %(path)s.")
        % {"rows": report.total, "source": _shown(args.source), "path": profile.root}
        + "\n"
    )
    if saved is not None:
        out.write(
            _("The profile's previous database was kept as %(path)s") % {"path": saved} + "\n"
        )
    out.write(_files_note(profile) + "\n")
    return 0


def _value(value: object) -> str:
    text = "" if value is None else str(getattr(value, "value", value))
    return text if len(text) <= 70 else text[:69] + "…"


def _bring_back(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.cli.parser import _open
    from rcm_desktop.data.connection import without_password
    from rcm_desktop.data.store import open_database
    from rcm_desktop.data.take_home import bring_back, checkout_of, take_home

    _refuse_global_url(args)
    home = _open(profile, None, False)
    origin, when, _base = checkout_of(home)
    if without_password(args.to) != origin:
        home.dispose()
        raise RcmDeskError(
            _(
                "This profile was taken home from %(origin)s, not %(url)s. Bring it back to the "
                "database it came from."
            )
            % {"origin": origin, "url": _shown(args.to)}
        )
    server = _open(profile, args.to, False)
    try:
        report = bring_back(home, server, prefer=args.prefer)
    except BaseException:
        home.dispose()
        server.dispose()
        raise
    kinds = {
        "both-changed": _("changed here and on the server"),
        "deleted-here": _("deleted here, but changed on the server (or records added under it)"),
        "deleted-there": _("changed here, but deleted on the server"),
    }
    for conflict in report.conflicts:
        key = "/".join(str(part) for part in conflict.key)
        out.write(
            _("Conflict: %(table)s %(key)s, %(kind)s")
            % {"table": conflict.table, "key": key, "kind": kinds[conflict.kind]}
            + "\n"
        )
        for column, mine, theirs in conflict.differences():
            out.write(
                "    "
                + _("%(column)s: here “%(mine)s”, on the server “%(theirs)s”")
                % {"column": column, "mine": _value(mine), "theirs": _value(theirs)}
                + "\n"
            )
    if not report.written:
        home.dispose()
        server.dispose()
        out.write(
            ngettext(
                "%(n)d conflict: nothing was written. Run again with --prefer mine or "
                "--prefer theirs, or make both sides agree.",
                "%(n)d conflicts: nothing was written. Run again with --prefer mine or "
                "--prefer theirs, or make both sides agree.",
                len(report.conflicts),
            )
            % {"n": len(report.conflicts)}
            + "\n"
        )
        return 1
    out.write(
        _("Brought back since %(when)s: %(updated)d changed, %(created)d new, %(deleted)d deleted.")
        % {
            "when": when,
            "updated": sum(report.updated.values()),
            "created": sum(report.created.values()),
            "deleted": sum(report.deleted.values()),
        }
        + "\n"
    )
    home.dispose()
    saved = keep_profile_copy(profile, "before-bring-back-")
    home = open_database(profile)
    try:
        take_home(server, home, args.to, replace=True)
    finally:
        home.dispose()
        server.dispose()
    out.write(
        _("This profile now holds a fresh copy of the server; the previous one is %(path)s")
        % {"path": saved}
        + "\n"
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "copy-database": _copy_database,
    "export": _export,
    "take-home": _take_home,
    "bring-back": _bring_back,
}
