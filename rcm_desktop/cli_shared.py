"""Headless commands for a shared database: `copy-database`, `export`, `take-home`, `bring-back`."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _
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
    try:
        from rcm_desktop.cli_take_home import add_take_home_parsers
    except ImportError:  # pragma: no cover - built after this module
        return
    add_take_home_parsers(commands)


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
    from rcm_desktop.cli import _open
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
    from rcm_desktop.cli import _open
    from rcm_desktop.data.transfer import export_json

    database = _open(profile, args.database_url, args.demo)
    try:
        target = export_json(database, args.output.resolve())
    finally:
        database.dispose()
    out.write(_("Every table was exported to %(path)s") % {"path": target} + "\n")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "copy-database": _copy_database,
    "export": _export,
}
