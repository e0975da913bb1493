"""Directory subcommands: `import-people FILE [--dry-run] [--json]` and `export-people -o FILE`.

`import-people` prints the preview the window shows: one line per row, `accepted` or
`rejected` with the line number (tab-separated), then the counts; without `--dry-run` it
imports the accepted rows in one transaction and says how many were added. A large file
gets a progress line on standard error (rewritten in place on a terminal, a few plain
lines otherwise), so standard output stays the preview. An unreadable file is refused with
the reason and the fix, exit status 1. No Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from rcm_desktop.cli.common import open_for_command, say
from rcm_desktop.i18n import _, format_number, ngettext, separator
from rcm_desktop.paths import Profile

if TYPE_CHECKING:
    from rcm_desktop.exchange.people_csv import CsvReading

#: Files of at least this many rows get a progress line.
LARGE_FILE_ROWS = 5000


def add_parsers(commands: Any) -> None:
    """Add `import-people` and `export-people` to the subcommands."""
    importing = commands.add_parser(
        "import-people",
        help=_(
            "import people from a CSV file into the directory: prints the accepted and the "
            "rejected rows with their reasons, then adds the accepted ones in one transaction"
        ),
    )
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.add_argument(
        "--dry-run", action="store_true", help=_("only print the preview; write nothing")
    )
    importing.add_argument("--json", action="store_true", help=_("print JSON instead"))
    export = commands.add_parser(
        "export-people",
        help=_("write the directory to a CSV file (the same file the window exports)"),
    )
    export.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)


class ProgressLine:
    """Progress of a large file on *stream*: one line rewritten on a terminal, else a plain
    line at each quarter. Files under LARGE_FILE_ROWS rows show nothing."""

    def __init__(self, stream: TextIO, text: Callable[[int, int], str]) -> None:
        self.stream = stream
        self.text = text
        try:
            self.terminal = stream.isatty()
        except (AttributeError, ValueError):
            self.terminal = False
        self.quarter = 1
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        if total < LARGE_FILE_ROWS:
            return
        line = self.text(done, total)
        if self.terminal:
            self.stream.write("\r" + line.ljust(self.width))
            self.width = len(line)
        elif done * 4 >= self.quarter * total:
            while self.quarter <= 4 and done * 4 >= self.quarter * total:
                self.quarter += 1
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        """End the rewritten line (on a terminal) so that what follows starts afresh."""
        if self.terminal and self.width:
            self.stream.write("\n")
            self.stream.flush()
            self.width = 0


def _import(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.directory import import_people, preview_import
    from rcm_desktop.exchange.people_csv import import_progress, reading_progress

    source = args.file.expanduser()
    with open_for_command(profile, args.database_url, args.demo) as database:
        reading_line = ProgressLine(sys.stderr, reading_progress)
        try:
            reading = preview_import(database, source, reading_line)
        finally:
            reading_line.finish()
        added = None
        if not args.dry_run:
            import_line = ProgressLine(sys.stderr, import_progress)
            try:
                added = import_people(database, reading.rows, import_line)
            finally:
                import_line.finish()
    if args.json:
        import json

        say(out, json.dumps(_as_data(source, reading, added), ensure_ascii=False, indent=2))
    else:
        _print_preview(out, reading, added)
    return 0


def _print_preview(out: TextIO, reading: CsvReading, added: int | None) -> None:
    from rcm_desktop.exchange.people_csv import as_stored

    for row in reading.rows:
        fields = as_stored(row.fields)  # one line each: no tab or line break inside a value
        say(out, f"accepted\t{row.line}\t{fields.full_name}\t{fields.institution}\t{fields.email}")
    for rejected in reading.rejected:
        reasons = " ".join(" ".join(reason.split()) for reason in rejected.reasons)
        say(out, f"rejected\t{rejected.line}\t{rejected.name}\t{reasons}")
    good, bad = len(reading.rows), len(reading.rejected)
    say(
        out,
        ngettext("%(n)s row can be imported", "%(n)s rows can be imported", good)
        % {"n": format_number(good)}
        + separator()
        + ngettext("%(n)s row rejected", "%(n)s rows rejected", bad) % {"n": format_number(bad)},
    )
    say(
        out,
        _("Read as %(encoding)s, columns separated by %(delimiter)s.")
        % {
            "encoding": reading.encoding,
            "delimiter": {";": _("semicolons"), ",": _("commas"), "\t": _("tabs")}[
                reading.delimiter
            ],
        },
    )
    if added is None:
        say(out, _("Dry run: nothing was written."))
    else:
        say(
            out,
            ngettext(
                "%(n)d person added to the directory; none updated (a row like an entry "
                "already there is rejected, not merged).",
                "%(n)d people added to the directory; none updated (a row like an entry "
                "already there is rejected, not merged).",
                added,
            )
            % {"n": added},
        )


def _as_data(source: Path, reading: CsvReading, added: int | None) -> dict[str, Any]:
    from dataclasses import asdict

    from rcm_desktop.exchange.people_csv import as_stored

    return {
        "file": str(source),
        "encoding": reading.encoding,
        "delimiter": reading.delimiter,
        "columns": reading.columns,
        "ignored_columns": list(reading.ignored_columns),
        "counts": {
            "rows": len(reading.rows) + len(reading.rejected),
            "accepted": len(reading.rows),
            "rejected": len(reading.rejected),
        },
        "accepted": [{"line": row.line, **asdict(as_stored(row.fields))} for row in reading.rows],
        "rejected": [
            {"line": row.line, "name": row.name, "reasons": list(row.reasons)}
            for row in reading.rejected
        ],
        "dry_run": added is None,
        "added": added,
        "updated": None if added is None else 0,
    }


def _export(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.data.services.directory import export_people_csv

    target = args.output.expanduser().resolve()
    with open_for_command(profile, args.database_url, args.demo) as database:
        count = export_people_csv(database, target)
    say(
        out,
        ngettext("%(n)d person written to %(path)s", "%(n)d people written to %(path)s", count)
        % {"n": count, "path": target},
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "import-people": _import,
    "export-people": _export,
}
