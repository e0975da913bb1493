"""The headless command line: `rcm-desktop [global options] <subcommand>`.

Global options come before the subcommand. No Qt here: the profile folder and any
profile lock are resolved by `rcm_desktop.app` before a command runs. Each module of
SUBCOMMAND_MODULES adds its subcommands (`add_parsers`) and runs them (`COMMANDS`).
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import TextIO

from rcm_desktop import __version__
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile

#: Subcommands that replace the store and so need the profile to themselves.
EXCLUSIVE_COMMANDS = frozenset({"restore", "copy-database", "take-home", "bring-back"})
#: Subcommands that never open a profile (no need to look up the user's data folder).
PROFILELESS_COMMANDS = frozenset({"workdays", "self-test", "extract-note"})
#: Modules that add subcommands, in the order their help lists them.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "rcm_desktop.cli.meetings",
    "rcm_desktop.cli.dashboard",
    "rcm_desktop.cli.store",
    "rcm_desktop.cli.delegations",
    "rcm_desktop.cli.people",
    "rcm_desktop.cli.forms",
    "rcm_desktop.cli.notes",
    "rcm_desktop.cli.briefing",
    "rcm_desktop.cli.documents",
    "rcm_desktop.cli.shared_database",
    "rcm_desktop.cli.history",
    "rcm_desktop.cli.handover",
)


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The argument parser; build it after the language is set so its help is translated.

    Without *with_commands*, only the options that come before a subcommand (what the window
    needs: the subcommands' modules are then not imported).
    """
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
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in _subcommand_modules():
        module.add_parsers(commands)
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """*argv* parsed; the subcommands' parsers are built only when a subcommand (or help) is
    asked for, so that opening the window does not wait for them."""
    if not {"-h", "--help"} & set(argv):
        args, rest = build_parser(with_commands=False).parse_known_args(argv)
        if not rest:
            return args
    return build_parser().parse_args(argv)


def _subcommand_modules() -> list[ModuleType]:
    return [import_module(name) for name in SUBCOMMAND_MODULES]


def run_command(
    args: argparse.Namespace, profile: Profile, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the subcommand named in *args*; a user-facing error prints its message and returns 1."""
    out = out or sys.stdout
    err = err or sys.stderr
    commands = {}
    for module in _subcommand_modules():
        commands.update(module.COMMANDS)
    try:
        return commands[args.command](args, profile, out)
    except RcmDeskError as error:
        err.write(_("rcm-desktop: error: %(message)s") % {"message": error.message} + "\n")
        return 1
