"""`rcm-desktop briefing --meeting ID [--country CC] [--lang CODE] [--marking TEXT] -o FILE`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `briefing` subcommand."""
    briefing = commands.add_parser(
        "briefing", help=_("print a meeting's briefing pack for a delegation to a PDF file")
    )
    briefing.add_argument("--meeting", metavar="ID", type=int, required=True)
    briefing.add_argument(
        "--country",
        metavar="CC",
        help=_("the delegation's country (default: the profile's country)"),
    )
    # Its own destination: the global --lang sets the interface's language, this the pack's.
    briefing.add_argument(
        "--lang",
        dest="pack_language",
        metavar="CODE",
        help=_("the pack's language: en, es, fr or pt (default: the interface's)"),
    )
    briefing.add_argument(
        "--marking", metavar="TEXT", default="", help=_("a confidentiality marking for every page")
    )
    briefing.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)


def _briefing(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.cli.common import document_language, open_for_command, user_zone
    from rcm_desktop.data.services.briefing_data import gather_briefing
    from rcm_desktop.data.services.settings import profile_country
    from rcm_desktop.domain.timezones import capital_zone
    from rcm_desktop.printing.briefing.pack import BriefingOptions, build_briefing

    language = document_language(args.pack_language)
    with open_for_command(profile, args.database_url, args.demo) as database:
        own = profile_country(database)
        country = (args.country or own or "").upper()
        if not country:
            raise RcmDeskError(
                _("Say which delegation the pack is for with --country, e.g. --country HN.")
            )
        zone = user_zone(profile, database) if country == own else capital_zone(country)
        data = gather_briefing(database, args.meeting, country, zone)
    target = args.output.expanduser().resolve()
    pages = build_briefing(data, target, BriefingOptions(language, args.marking))
    out.write(
        _("Briefing pack written to %(path)s (%(pages)d pages)") % {"path": target, "pages": pages}
        + "\n"
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "briefing": _briefing,
}
