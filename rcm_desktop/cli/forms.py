"""`fill-form FORM --meeting ID [--country CC] [--mapping FILE.json] -o OUT [--show-mapping]`:
the organiser's own form (.docx, .xlsx, fillable .pdf) filled with a delegation.

The mapping used is the one found in the form, corrected by the mapping remembered for the
meeting's organiser, then by ``--mapping`` (a JSON object: what the form calls a column or
field → a field name such as "full_name", or "" for nothing). ``--show-mapping`` prints it as
JSON. A field too short for its value is filled and listed on standard error. No Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from rcm_desktop.cli.common import open_for_command, say
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _, ngettext
from rcm_desktop.paths import Profile


def add_parsers(commands: Any) -> None:
    """Add `fill-form` to the subcommands."""
    filling = commands.add_parser(
        "fill-form",
        help=_(
            "fill the organiser's own form (Word, Excel or fillable PDF) with a meeting's "
            "delegation, written as a new file"
        ),
    )
    filling.add_argument("form", metavar="FORM", type=Path)
    filling.add_argument("--meeting", type=int, required=True, metavar="ID")
    filling.add_argument(
        "--country", metavar="CC", help=_("country code (default: the profile's country)")
    )
    filling.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE.json",
        help=_("corrections to the mapping: the form's column or field → a field name"),
    )
    filling.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    filling.add_argument(
        "--show-mapping", action="store_true", help=_("print the mapping used, as JSON")
    )
    filling.add_argument(
        "--remove-blank-rows",
        action="store_true",
        help=_("take out the table's rows left blank (Word and Excel forms)"),
    )


def _corrections(path: Path | None) -> dict[str, str]:
    from rcm_desktop.exchange.forms.fields import Field, normalise

    if path is None:
        return {}
    try:
        given = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, ValueError) as error:
        raise ValidationError(
            _("The mapping file %(file)s cannot be read (%(reason)s).")
            % {"file": path, "reason": getattr(error, "strerror", None) or error}
        ) from error
    known = {item.value for item in Field}
    if not isinstance(given, dict) or any(
        not isinstance(value, str) or (value and value not in known) for value in given.values()
    ):
        raise ValidationError(
            _(
                "The mapping file %(file)s must be a JSON object of the form's column names "
                'to field names (%(fields)s), or "" for nothing.'
            )
            % {"file": path, "fields": ", ".join(sorted(known))}
        )
    return {normalise(str(key)): value for key, value in given.items()}


def _fill(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.cli.delegations import _country
    from rcm_desktop.data.services.organiser_forms import (
        delegation_participants,
        organiser_of,
        read_form,
        write_form,
    )
    from rcm_desktop.exchange.forms.form import remembered_mapping
    from rcm_desktop.preferences import Preferences

    corrections = _corrections(args.mapping)
    preferences = Preferences(profile.preferences_path)
    target = args.output.expanduser().resolve()
    with open_for_command(profile, args.database_url, args.demo) as database:
        country = _country(database, args.country)
        if not country:
            raise ValidationError(_("Say which delegation with --country, e.g. --country HN."))
        participants = delegation_participants(database, args.meeting, country)
        organiser = organiser_of(database, args.meeting)
    layout = remembered_mapping(read_form(args.form, preferences, organiser), corrections)
    report = write_form(
        layout, target, participants, preferences, organiser, args.remove_blank_rows
    )
    if args.show_mapping:
        shown = [
            {
                "in_form": slot.label,
                "key": slot.key,
                "participant": slot.participant,
                "field": slot.field.value if slot.field else None,
            }
            for slot in layout.slots
        ]
        out.write(json.dumps(shown, ensure_ascii=False, indent=1) + "\n")
    for warning in report.warnings:
        sys.stderr.write(warning + "\n")
    for short in report.too_short:
        sys.stderr.write(
            _(
                "%(where)s holds %(limit)d characters; “%(value)s” (%(length)d) was written in "
                "full: check it in the form."
            )
            % {
                "where": short.where,
                "limit": short.limit,
                "value": short.value,
                "length": len(short.value),
            }
            + "\n"
        )
    say(
        out,
        ngettext(
            "%(n)d participant written to %(path)s",
            "%(n)d participants written to %(path)s",
            report.rows_written,
        )
        % {"n": report.rows_written, "path": target},
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "fill-form": _fill,
}
