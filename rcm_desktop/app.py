"""Entry point: parse arguments, set the language, resolve the profile, then run a command or the window."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

from rcm_desktop.cli import EXCLUSIVE_COMMANDS, PROFILELESS_COMMANDS, parse_arguments, run_command
from rcm_desktop.errors import ProfileInUseError
from rcm_desktop.i18n import _, set_language, system_language
from rcm_desktop.paths import Profile, default_profile

#: Global options that take a value (the word after them is not the subcommand).
_VALUED_OPTIONS = frozenset({"--profile", "--database-url", "--lang"})


def _requested_language(argv: Sequence[str]) -> str | None:
    """The value of the global --lang, read before the parser exists so its help can be
    translated. Only options before the subcommand count: a subcommand's own --lang is the
    language of the document it prints (`briefing`, `handover`), not the interface's."""
    index = 0
    while index < len(argv):
        argument = argv[index]
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
        if not argument.startswith("-"):
            return None  # the subcommand: what follows is its own
        index += 2 if argument in _VALUED_OPTIONS else 1
    return None


def qt_data_root() -> Path:
    """The user's data folder for RCM Desk, from Qt's standard paths."""
    from rcm_desktop.ui.data_root import qt_data_root as data_root

    return data_root()


def resolve_profile(profile_dir: Path | None, demo: bool) -> Profile:
    """The profile named by --profile, else the default (or demo) profile in the user's data folder."""
    if profile_dir is not None:
        return Profile(profile_dir.expanduser().resolve())
    return default_profile(qt_data_root(), demo=demo)


def _tolerant_output() -> None:
    """Let a name the console cannot show (an emoji on a Windows code page, output redirected
    to a file there) print as an escape rather than stop the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # A stream that cannot change its error handler keeps its own.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run RCM Desk with *argv* (default: the process arguments); returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    requested = _requested_language(argv)
    set_language(requested or system_language())
    args = parse_arguments(argv)
    if args.command in PROFILELESS_COMMANDS:
        return run_command(args, Profile(args.profile or Path.cwd()))  # the profile is not opened
    profile = resolve_profile(args.profile, args.demo)
    if args.command is None:
        from rcm_desktop.ui.application import run_gui

        return run_gui(args, profile, language_requested=requested)
    if args.command in EXCLUSIVE_COMMANDS:
        from rcm_desktop.ui.profile_lock import ProfileLock

        try:
            with ProfileLock(profile):
                return run_command(args, profile)
        except ProfileInUseError as error:
            sys.stderr.write(
                _("rcm-desktop: error: %(message)s") % {"message": error.message} + "\n"
            )
            return 1
    return run_command(args, profile)


if __name__ == "__main__":
    sys.exit(main())
