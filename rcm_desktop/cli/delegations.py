"""Delegation subcommands: `nomination-letter` and `export-delegation` (no Qt)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _, ngettext
from rcm_desktop.paths import Profile


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's subcommands to the `rcm-desktop` parser."""
    letter = commands.add_parser(
        "nomination-letter", help=_("write the nomination letter (PDF) of a meeting's delegation")
    )
    letter.add_argument("--meeting", type=int, required=True, metavar="ID")
    letter.add_argument(
        "--country", metavar="CC", help=_("country code (default: the profile's country)")
    )
    letter.add_argument("--lang", metavar="CODE", help=_("language of the letter (es, en, fr, pt)"))
    letter.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    export = commands.add_parser(
        "export-delegation",
        help=_("export a meeting's delegation (or every country's) as CSV or JSON"),
    )
    export.add_argument("--meeting", type=int, required=True, metavar="ID")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument(
        "--country", metavar="CC", help=_("country code (default: every country's participants)")
    )
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")


def _country(database, given: str | None) -> str | None:  # type: ignore[no-untyped-def]
    from rcm_desktop.data.services.settings import profile_country

    return _known_country(database, given) if given else profile_country(database)


def _known_country(database, given: str) -> str:  # type: ignore[no-untyped-def]
    """The ISO code *given* names, upper-cased; RcmDeskError when RCM Desk does not know it."""
    from rcm_desktop.data.services.reference import country_choices

    code = given.strip().upper()
    if code not in {choice.code for choice in country_choices(database)}:
        raise RcmDeskError(
            _("“%(code)s” is not a country code RCM Desk knows; use ISO codes such as GB, HN, MX.")
            % {"code": given}
        )
    return code


def _letter(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.cli.common import document_language, open_for_command
    from rcm_desktop.data.services.delegation_export import write_nomination_letter

    language = document_language(args.lang)
    with open_for_command(profile, args.database_url, args.demo) as database:
        country = _country(database, args.country)
        if country is None:
            out.write(_("Name the country with --country (the profile has none set).") + "\n")
            return 2
        pages = write_nomination_letter(
            database, args.meeting, country, args.output.resolve(), language
        )
    out.write(
        ngettext(
            "Nomination letter (%(pages)d page) written to %(path)s",
            "Nomination letter (%(pages)d pages) written to %(path)s",
            pages,
        )
        % {"pages": pages, "path": args.output.resolve()}
        + "\n"
    )
    return 0


def _export(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.cli.common import open_for_command
    from rcm_desktop.data.services.delegation_export import export_delegation

    with open_for_command(profile, args.database_url, args.demo) as database:
        count = export_delegation(
            database,
            args.meeting,
            args.output.resolve(),
            args.format,
            _known_country(database, args.country) if args.country else None,
        )
    out.write(
        ngettext(
            "%(n)d participant written to %(path)s", "%(n)d participants written to %(path)s", count
        )
        % {"n": count, "path": args.output.resolve()}
        + "\n"
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "nomination-letter": _letter,
    "export-delegation": _export,
}
