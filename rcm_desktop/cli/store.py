"""`backup`, `restore` and `self-test`: the store itself, and this installation."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from rcm_desktop.cli.common import open_for_command, say
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile


def add_parsers(commands: Any) -> None:
    """Add the backup, restore and self-test subcommands."""
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


def _backup(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.backups import (
        back_up_profile_to,
        back_up_server,
        describe_server_backup,
    )

    with open_for_command(profile, args.database_url, args.demo) as store:
        if args.database_url:  # a server: pg_dump when installed, else every table as JSON
            say(out, describe_server_backup(back_up_server(store, args.output.resolve())))
            return 0
    target = back_up_profile_to(profile, args.output.resolve())
    say(out, _("Backup written to %(path)s") % {"path": target})
    return 0


def _restore(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.backups import restore_profile

    if args.database_url:
        raise RcmDeskError(_("Restore works on the profile's own SQLite file, not on a URL."))
    saved = restore_profile(profile, args.file.resolve())
    say(out, _("Restored %(path)s.") % {"path": args.file})
    if saved is not None:
        say(out, _("The database it replaced was kept as %(path)s") % {"path": saved})
    return 0


def _self_test(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.self_test import run_self_test

    return run_self_test(out, gui=not args.no_gui)


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "backup": _backup,
    "restore": _restore,
    "self-test": _self_test,
}
