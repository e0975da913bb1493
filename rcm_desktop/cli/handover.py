"""`handover` and `open-handover`: the dossier and archive for a successor, and opening one."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from rcm_desktop.cli.common import document_language, open_for_command, say
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _, current_language
from rcm_desktop.paths import Profile


def add_parsers(commands: Any) -> None:
    """Add the handover and open-handover subcommands."""
    handover = commands.add_parser(
        "handover",
        help=_(
            "write the handover dossier (PDF) for a successor and, with --archive, the whole "
            "profile in one file encrypted with a passphrase"
        ),
    )
    handover.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)
    handover.add_argument(
        "--lang",
        dest="dossier_language",
        metavar="CODE",
        help=_("the dossier's language: en, es, fr or pt (default: the interface's)"),
    )
    handover.add_argument(
        "--archive", metavar="FILE", type=Path, help=_("also write the encrypted archive")
    )
    handover.add_argument(
        "--passphrase-file",
        metavar="F",
        type=Path,
        help=_("read the archive's passphrase from the first line of F (else it is asked)"),
    )
    handover.add_argument(
        "--name",
        metavar="NAME",
        help=_("your name, printed in the dossier (default: the name recorded with changes)"),
    )
    opening = commands.add_parser(
        "open-handover",
        help=_(
            "make a new profile from a handover archive: the folder given with --profile, "
            "else the default profile when it is still empty"
        ),
    )
    opening.add_argument("file", metavar="FILE", type=Path)
    opening.add_argument(
        "--passphrase-file",
        metavar="F",
        type=Path,
        help=_("read the passphrase from the first line of F (else it is asked)"),
    )
    opening.add_argument(
        "--name",
        metavar="NAME",
        required=True,
        help=_("your name, recorded with every change you make from now on"),
    )


def _passphrase(path: Path | None, twice: bool) -> str:
    """The passphrase from the first line of *path*, else typed at the terminal."""
    if path is not None:
        try:
            with path.expanduser().open(encoding="utf-8-sig") as stream:
                return stream.readline().rstrip("\r\n")
        except (OSError, UnicodeError) as error:
            raise RcmDeskError(
                _("The passphrase file %(path)s cannot be read (%(reason)s).")
                % {"path": path, "reason": getattr(error, "strerror", None) or error}
            ) from error
    if not sys.stdin.isatty():
        raise RcmDeskError(
            _("Give the passphrase with --passphrase-file F, or run the command in a terminal.")
        )
    import getpass

    try:
        typed = getpass.getpass(_("Passphrase: "))
        if twice and getpass.getpass(_("The same passphrase again: ")) != typed:
            raise RcmDeskError(_("The two passphrases differ. Type the same passphrase twice."))
    except EOFError as error:  # Ctrl-D at the prompt
        raise RcmDeskError(_("No passphrase was typed. Nothing was written.")) from error
    return typed


def _handover(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.handover import check_passphrase, hand_over

    language = document_language(args.dossier_language)
    passphrase = None
    if args.archive is not None:
        passphrase = _passphrase(args.passphrase_file, twice=True)
        check_passphrase(passphrase)
    elif args.passphrase_file is not None:
        raise RcmDeskError(_("--passphrase-file goes with --archive FILE."))
    with open_for_command(profile, args.database_url, args.demo) as store:
        result = hand_over(
            store,
            profile,
            args.output.expanduser().resolve(),
            language,
            archive=args.archive.expanduser().resolve() if args.archive else None,
            passphrase=passphrase,
            prepared_by=args.name,
        )
    say(
        out,
        _("Handover dossier written to %(path)s (%(pages)d pages)")
        % {"path": result.dossier, "pages": result.pages},
    )
    if result.archive is not None:
        say(
            out,
            _(
                "Handover archive written to %(path)s (%(files)d files, %(size)s MB). Give "
                "your successor the passphrase in person, not with the file."
            )
            % {
                "path": result.archive,
                "files": result.files,
                "size": f"{result.archive_bytes / 1e6:.1f}",
            },
        )
    return 0


def _open_handover(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.handover import open_handover

    if args.database_url:
        raise RcmDeskError(_("A handover archive opens as a profile of its own, not on a URL."))
    passphrase = _passphrase(args.passphrase_file, twice=False)
    if not args.name.strip():
        raise RcmDeskError(_("Give your name with --name: it is recorded with your changes."))
    opened = open_handover(
        args.file.expanduser().resolve(),
        passphrase,
        profile,
        args.name,
        language=current_language(),
    )
    say(out, _("New profile made from the handover archive: %(path)s") % {"path": profile.root})
    by = opened.about.get("by")
    if isinstance(by, str) and by:
        say(out, _("Handed over by %(name)s.") % {"name": by})
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "handover": _handover,
    "open-handover": _open_handover,
}
