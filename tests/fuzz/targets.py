"""What the fuzz suite feeds: the CSV import, concept notes, files offered for restore, and
every writer.

A *crash* is any exception that is not the app's own (`RcmDeskError`); a *hang* a call on a
file under 1 MB that takes over 5 s (a writer: over 30 s), times the tally's *slack*; a
*partial write* a refused import that changed the store, or a failed writer that left its
target or a temporary file behind.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import String, Text, func, select

from rcm_desktop.errors import RcmDeskError

HANG_SECONDS = 5.0
#: A writer's time limit: a pack of every hostile string in every field runs to 100+ pages.
WRITER_SECONDS = 30.0
SMALL_FILE = 1024 * 1024
#: Tables whose text the string fuzz overwrites (reference tables stay as shipped).
USER_TABLES = (
    "meetings",
    "sessions",
    "agenda_items",
    "guiding_questions",
    "seats",
    "people",
    "nominations",
    "documents",
    "document_comments",
    "document_reviews",
    "deadlines",
)


@dataclass
class Tally:
    """What a run found."""

    inputs: int = 0
    calls: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    slowest: float = 0.0
    #: What the time limits are multiplied by. `make fuzz`, run on purpose, keeps them (1);
    #: the sample in `make test` shares a machine that may be slow or busy, so it looks only
    #: for runaway calls (a 20,000-row file imports in 3 s here and took 7 s on a busy CI).
    slack: float = 1.0

    def call(
        self, label: str, action: Callable[[], object], size: int = 0, limit: float = HANG_SECONDS
    ) -> bool:
        """Run *action*; True when it worked, False when refused with the app's own error."""
        self.calls += 1
        started = time.perf_counter()
        try:
            action()
            return True
        except RcmDeskError:
            self.refused += 1
            return False
        except Exception:
            self.crashes.append(f"{label}: {traceback.format_exc(limit=-3)}")
            return False
        finally:
            elapsed = time.perf_counter() - started
            self.slowest = max(self.slowest, elapsed) if size < SMALL_FILE else self.slowest
            if elapsed > limit * self.slack and size < SMALL_FILE:
                self.hangs.append(f"{label}: {elapsed:.1f} s on {size} bytes")


def _people(store) -> int:
    from rcm_desktop.data.services.directory import count_people

    return count_people(store)


def _leftovers(folder: Path) -> list[str]:
    return [path.name for path in folder.rglob(".partial-*")]


def feed_csv(store, data: bytes, folder: Path, label: str, tally: Tally) -> None:
    """One file through the people import's preview and, when it has good rows, the import."""
    from rcm_desktop.data.services.directory import import_people, preview_import

    path = folder / "people.csv"
    path.write_bytes(data)
    tally.inputs += 1
    readings = []
    if not tally.call(
        f"{label} preview", lambda: readings.append(preview_import(store, path)), len(data)
    ):
        return
    rows = readings[0].rows
    before = _people(store)
    if not tally.call(f"{label} import", lambda: import_people(store, rows), len(data)):
        if _people(store) != before:
            tally.partial.append(f"{label}: a refused import changed the directory")
        return
    if _people(store) != before + len(rows):
        tally.partial.append(
            f"{label}: {len(rows)} rows accepted, {_people(store) - before} stored"
        )


def feed_restore_candidate(data: bytes, folder: Path, label: str, tally: Tally) -> None:
    """Any bytes offered for restore are examined and refused, never a crash; nothing is added."""
    from rcm_desktop.data.services.backups import check_backup

    path = folder / "offered.sqlite3"
    path.write_bytes(data)
    before = sorted(item.name for item in folder.iterdir())
    tally.call(f"{label} restore check", lambda: check_backup(path), len(data))
    after = sorted(item.name for item in folder.iterdir())
    if after != before:
        tally.partial.append(f"{label}: examining left {sorted(set(after) - set(before))}")


#: The first bytes of a handover archive: hostile bytes after them reach the header's checks.
HANDOVER_MAGIC = b"RCMDESK-HANDOVER\x00\x01\x01\x0e\x08\x01"


def feed_handover_candidate(data: bytes, folder: Path, label: str, tally: Tally) -> None:
    """Any bytes offered as a handover archive are refused, never a crash; nothing is made."""
    from rcm_desktop.data.services.handover import open_handover
    from rcm_desktop.paths import Profile

    path = folder / "offered.rcmhandover"
    path.write_bytes(data)
    before = sorted(item.name for item in folder.iterdir())
    opened = tally.call(
        f"{label} handover archive",
        lambda: open_handover(path, "a passphrase nobody used", Profile(folder / "new")),
        len(data),
    )
    if opened:
        tally.crashes.append(f"{label}: hostile bytes opened as a handover archive")
    after = sorted(item.name for item in folder.iterdir())
    if after != before:
        tally.partial.append(f"{label}: opening left {sorted(set(after) - set(before))}")


def text_columns(store) -> list[tuple[type, str]]:
    """Every free-text column of the user tables (no code, kind or other constrained value)."""
    from rcm_desktop.data.models.base import Base

    columns = []
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        if table.name not in USER_TABLES:
            continue
        for column in table.columns:
            kind = column.type
            if not isinstance(kind, String | Text) or column.foreign_keys or column.primary_key:
                continue
            if hasattr(kind, "enums") or column.name.endswith(("code", "_key", "sha256", "zone")):
                continue
            if column.name in {"kind", "status", "purpose", "modality", "gender", "stage", "rule"}:
                continue
            columns.append((mapper.class_, column.key))
    return columns


def overwrite_texts(store, strings: list[str], randomness: random.Random, tally: Tally) -> int:
    """Put hostile strings in every free-text field of every user record; returns how many.

    A column whose rule refuses a string (a CHECK, a length) is set back, the refusal counted.
    """
    from sqlalchemy.exc import IntegrityError, StatementError

    written = 0
    for model, attribute in text_columns(store):
        with store.session() as session:
            for record in session.scalars(select(model)):
                value = randomness.choice(strings)
                try:
                    with session.begin_nested():
                        setattr(record, attribute, value)
                        session.flush()
                    written += 1
                except (IntegrityError, StatementError, RcmDeskError):
                    tally.refused += 1
    return written


def every_writer(store, folder: Path, label: str, tally: Tally) -> None:
    """Every file the app writes, from the (hostile) store: PDFs, CSV, JSON, iCalendar."""
    from rcm_desktop.data.models import Document, Meeting
    from rcm_desktop.data.services.briefing_data import gather_briefing
    from rcm_desktop.data.services.calendar_export import write_calendar
    from rcm_desktop.data.services.comments_matrix import export_comments_matrix
    from rcm_desktop.data.services.delegation_export import (
        export_delegation,
        write_nomination_letter,
    )
    from rcm_desktop.data.services.directory import export_people_csv, preview_import
    from rcm_desktop.data.services.handover_data import gather_handover
    from rcm_desktop.data.transfer import export_data
    from rcm_desktop.exchange.json_export import write_export
    from rcm_desktop.paths import Profile
    from rcm_desktop.printing.briefing.pack import BriefingOptions, build_briefing
    from rcm_desktop.printing.handover.dossier import build_dossier

    with store.session() as session:
        meetings = list(session.scalars(select(Meeting.id)))
        documents = list(session.scalars(select(Document.id)))
    out = folder / "out"
    out.mkdir(exist_ok=True)
    writers: list[tuple[str, Path, Callable[[Path], object]]] = []
    for meeting in meetings:
        for language in ("en", "es"):
            writers.append(
                (
                    f"briefing {meeting} {language}",
                    out / f"pack-{meeting}-{language}.pdf",
                    lambda path, m=meeting, lang=language: build_briefing(
                        gather_briefing(store, m, "HN", "America/Tegucigalpa"),
                        path,
                        BriefingOptions(lang),
                    ),
                )
            )
        writers.append(
            (
                f"letter {meeting}",
                out / f"letter-{meeting}.pdf",
                lambda path, m=meeting: write_nomination_letter(store, m, "HN", path, "es"),
            )
        )
        for kind in ("csv", "json"):
            writers.append(
                (
                    f"delegation {meeting} {kind}",
                    out / f"delegation-{meeting}.{kind}",
                    lambda path, m=meeting, k=kind: export_delegation(store, m, path, k),
                )
            )
    for document in documents:
        for kind in ("csv", "pdf"):
            writers.append(
                (
                    f"comments {document} {kind}",
                    out / f"comments-{document}.{kind}",
                    lambda path, d=document, k=kind: export_comments_matrix(
                        store, d, "HN", k, path, "es"
                    ),
                )
            )
    writers.append(
        (
            "handover dossier",
            out / "dossier.pdf",
            lambda path: build_dossier(
                gather_handover(store, Profile(folder), "es", today=dt.date(2021, 9, 20)),
                path,
                "es",
            ),
        )
    )
    writers.append(("calendar", out / "calendar.ics", lambda path: write_calendar(store, path)))
    writers.append(
        ("json export", out / "export.json", lambda path: write_export(export_data(store), path))
    )
    writers.append(
        ("people export", out / "people.csv", lambda path: export_people_csv(store, path))
    )
    for name, path, write in writers:
        path.unlink(missing_ok=True)
        if (
            not tally.call(f"{label} {name}", lambda w=write, p=path: w(p), limit=WRITER_SECONDS)
            and path.exists()
        ):
            tally.partial.append(f"{label} {name}: a failed write left {path.name}")
    if (out / "export.json").exists():
        tally.call(
            f"{label} json read back", lambda: json.loads((out / "export.json").read_text("utf-8"))
        )
    if (out / "people.csv").exists():  # the export reads back as the same people
        readings = []
        tally.call(
            f"{label} people read back",
            lambda: readings.append(preview_import(store, out / "people.csv")),
        )
        if readings:
            _same_people(store, readings[0], label, tally)
    left = _leftovers(folder)
    if left:
        tally.partial.append(f"{label}: temporary files left: {left}")


def _same_people(store, reading, label: str, tally: Tally) -> None:
    """Every exported person is found again in the file (as a duplicate of themself)."""
    from rcm_desktop.data.models import Person

    with store.session() as session:
        stored = session.scalar(select(func.count()).select_from(Person))
    seen = len(reading.rows) + len(reading.rejected)
    if seen != stored:
        tally.partial.append(f"{label}: the people export has {seen} rows for {stored} people")


def _meetings(store) -> int:
    from rcm_desktop.data.models import Meeting

    with store.session() as session:
        return session.scalar(select(func.count()).select_from(Meeting)) or 0


def feed_note(store, profile, data: bytes, name: str, label: str, tally: Tally) -> None:
    """One file through the concept-note reader, the extraction, its JSON and, when the
    draft can be saved, the import; a refused import must leave no meeting behind."""
    from rcm_desktop.data.services.note_import import import_note
    from rcm_desktop.exchange.notes.extract import extract_draft
    from rcm_desktop.exchange.notes.reading import read_note_bytes
    from rcm_desktop.exchange.notes.to_meeting import check_importable

    tally.inputs += 1
    notes: list = []
    if not tally.call(
        f"{label} read", lambda: notes.append(read_note_bytes(data, name)), len(data)
    ):
        return
    note = notes[0]
    drafts: list = []
    if not tally.call(
        f"{label} extract", lambda: drafts.append(extract_draft(note.text)), len(data)
    ):
        tally.crashes.append(f"{label}: the extraction refused a note it had read")
        return
    draft = drafts[0]
    tally.call(f"{label} json", lambda: json.dumps(draft.to_json(), ensure_ascii=False))
    try:
        check_importable(draft)
    except RcmDeskError:
        return
    before = _meetings(store)
    if not tally.call(f"{label} import", lambda: import_note(store, profile, draft, note)):
        if _meetings(store) != before:
            tally.partial.append(f"{label}: a refused note import left a meeting")
    elif _meetings(store) != before + 1:
        tally.partial.append(f"{label}: an import did not create exactly one meeting")
