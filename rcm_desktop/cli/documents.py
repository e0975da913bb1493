"""Headless commands for documents: `documents [--json]` and `comments-matrix`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from rcm_desktop.i18n import _, format_list
from rcm_desktop.paths import Profile


def add_parsers(commands: Any) -> None:
    """Add `documents` and `comments-matrix` to the subcommands."""
    documents = commands.add_parser(
        "documents",
        help=_("list documents: ID, your country's stage, version, title (tab-separated)"),
    )
    documents.add_argument("--json", action="store_true", help=_("print JSON instead"))
    matrix = commands.add_parser(
        "comments-matrix", help=_("write a document's comments matrix as CSV or PDF")
    )
    matrix.add_argument("--document", metavar="ID", type=int, required=True)
    matrix.add_argument(
        "--country",
        metavar="CC",
        help=_("whose comments (default: the profile's country; ALL for every country)"),
    )
    matrix.add_argument("--format", choices=("csv", "pdf"), required=True)
    matrix.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)


def _documents(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.cli.common import open_for_command
    from rcm_desktop.data.services.documents import list_documents
    from rcm_desktop.data.services.settings import profile_country
    from rcm_desktop.domain.vocabulary import label

    with open_for_command(profile, args.database_url, args.demo) as database:
        country = profile_country(database)
        rows = sorted(list_documents(database, country), key=lambda row: row.id)
    if args.json:
        import json

        data = [
            {
                "id": row.id,
                "title": row.title,
                "kind": row.kind.value,
                "purpose": row.purpose.value,
                "purpose_label": label(row.purpose),
                "awaits_action": row.awaits_action,
                "version": row.version,
                "meeting_id": row.meeting_id,
                "meeting": row.meeting_title or None,
                "country": country,
                "stage": row.stage.value if row.stage else None,
                "stage_label": label(row.stage) if row.stage else None,
                "next_due": row.next_due.isoformat() if row.next_due else None,
                "deadlines": [
                    {"id": entry.deadline_id, "title": entry.title, "due": entry.due.isoformat()}
                    for entry in row.deadlines
                ],
                "files": row.files,
            }
            for row in rows
        ]
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        for row in rows:
            stage = row.stage.value if row.stage else "-"
            out.write(f"{row.id}\t{stage}\t{row.version or ''}\t{row.title}\n")
    return 0


def _comments_matrix(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.cli.common import open_for_command
    from rcm_desktop.data.services.comments_matrix import export_comments_matrix
    from rcm_desktop.data.services.settings import profile_country
    from rcm_desktop.domain.workdays import SUPPORTED_CALENDARS
    from rcm_desktop.errors import ValidationError

    with open_for_command(profile, args.database_url, args.demo) as database:
        if args.country and args.country.upper() == "ALL":
            country = None
        elif args.country:
            country = args.country.strip().upper()
            if country not in SUPPORTED_CALENDARS:  # the RCM and SACM member countries
                raise ValidationError(
                    _("“%(code)s” is not a member country. Use one of: %(codes)s.")
                    % {
                        "code": args.country,
                        "codes": format_list([*SUPPORTED_CALENDARS, "ALL"], "or"),
                    },
                    field="country",
                )
        else:
            country = profile_country(database)
        target = export_comments_matrix(
            database, args.document, country, args.format, args.output.resolve()
        )
    out.write(_("Comments matrix written to %(path)s") % {"path": target} + "\n")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "documents": _documents,
    "comments-matrix": _comments_matrix,
}
