"""`extract-note FILE [--lang en|es]`: a concept note's draft as JSON, nothing written;
`import-note FILE --yes [--lang en|es]`: the draft saved as extracted, the new meeting's id
printed. No Qt."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from rcm_desktop.cli.common import open_for_command, say
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile

_NOTE_LANGUAGES = ("en", "es", "fr", "pt")


def add_parsers(commands: Any) -> None:
    """Add `extract-note` and `import-note` to the subcommands."""
    extract = commands.add_parser(
        "extract-note",
        help=_(
            "read a concept note (.docx, .pdf, .odt, .txt, .html, .eml) and print the "
            "meeting found in it as JSON; nothing is saved"
        ),
    )
    importing = commands.add_parser(
        "import-note",
        help=_("save the meeting a concept note describes, as extracted, and print its id"),
    )
    for parser in (extract, importing):
        parser.add_argument("note", metavar="FILE", type=Path)
        parser.add_argument(
            "--lang",
            dest="note_language",
            choices=_NOTE_LANGUAGES,
            help=_("the note's language (default: detected)"),
        )
    importing.add_argument("--yes", action="store_true", help=_("save without review (required)"))


def _draft(args: argparse.Namespace) -> tuple[Any, Any]:
    from rcm_desktop.exchange.notes.extract import extract_draft
    from rcm_desktop.exchange.notes.reading import read_note_file

    note = read_note_file(args.note.expanduser())
    return note, extract_draft(note.text, args.note_language)


def _extract(args: argparse.Namespace, _profile: Profile, out: TextIO) -> int:
    _note, draft = _draft(args)
    out.write(json.dumps(draft.to_json(), ensure_ascii=False, indent=1) + "\n")
    return 0


def _import(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.note_import import import_note

    if not args.yes:
        raise ValidationError(
            _(
                "import-note saves the meeting exactly as extracted; check it first with "
                "extract-note, then add --yes."
            )
        )
    note, draft = _draft(args)
    with open_for_command(profile, args.database_url, args.demo) as database:
        saved = import_note(database, profile, draft, note)
    say(out, str(saved.meeting_id))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "extract-note": _extract,
    "import-note": _import,
}
