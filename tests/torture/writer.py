"""The process the crash suite kills: it writes through the app's services and acknowledges
each write, after its commit, on a line of the acknowledgement file.

Run as ``python -m tests.torture.writer PROFILE OUT ACKS MODE SEED``. Modes:

- ``write``: people saved one by one, meetings with sessions and agenda, concept notes
  imported (meeting, agenda and the note's file), CSV batches of 1,000 rows imported in one
  transaction; acknowledgements ``person ID NAME``, ``meeting ID TITLE``, ``note ID SHA256``,
  ``batch TAG COUNT``;
- ``backup``: copies of the store written to OUT; ``backup PATH``;
- ``restore``: the store replaced by a backup in OUT, again and again; ``restored PATH``.
- ``handover``: the profile's handover archive written into OUT and opened there as a new
  profile, again and again; ``handover PATH`` and ``opened FOLDER``.

It prints ``ready`` once the store is open (kills also land before that).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import TextIO

from rcm_desktop.data.services.store import open_store
from rcm_desktop.domain.meetings import AgendaDraft, MeetingDraft, QuestionDraft, SessionDraft
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.domain.vocabulary import MeetingKind, Modality
from rcm_desktop.paths import Profile

BATCH_ROWS = 1000
NAMES = ("Ana", "José", "María", "Jean", "Ñusta", "Zoë", "Þór", "Ólafur", "Chloé", "Nguyễn")


def _ack(acks: TextIO, line: str) -> None:
    acks.write(line + "\n")
    acks.flush()  # a kill keeps what the kernel has; only a power cut would lose it


def _person(randomness: random.Random, number: int) -> PersonFields:
    name = f"{randomness.choice(NAMES)} Torture-{number}"
    return PersonFields(
        full_name=name,
        institution="Instituto Nacional de Migración",
        email=f"p{number}.{randomness.randrange(10**9)}@example.org",
        country_code="MX",
        notes="≈" * randomness.randrange(0, 4000),
    )


def _meeting(randomness: random.Random, number: int) -> MeetingDraft:
    day = dt.date(2027, 1, 4) + dt.timedelta(days=randomness.randrange(300))
    session = SessionDraft(
        title=f"Sesión {number}",
        date=day,
        start=dt.time(9),
        end=dt.time(12),
        leads=["CR"],
        agenda=[
            AgendaDraft(dt.time(9, minute), dt.time(9, minute + 5), f"Punto {minute}")
            for minute in range(0, 50, 5)
        ],
    )
    return MeetingDraft(
        title=f"Taller de tortura {number}",
        start_date=day,
        end_date=day,
        kind=MeetingKind.WORKSHOP,
        modality=Modality.VIRTUAL,
        convening_body="RCM-RCGM",
        forums=["RCM"],
        time_zone="America/Costa_Rica",
        max_participants_per_country=2,
        sessions=[session],
        questions=[QuestionDraft(f"¿Pregunta {n}?", session_key=session.key) for n in range(5)],
    )


def _batch_file(out: Path, tag: str, randomness: random.Random) -> Path:
    from rcm_desktop.exchange.csv_cells import SafeWriter

    path = out / f"batch-{tag}.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = SafeWriter(stream)
        writer.writerow(["full_name", "institution", "email", "country_code"])
        for row in range(BATCH_ROWS):
            writer.writerow(
                [f"{randomness.choice(NAMES)} {tag}-{row}", tag, f"{tag}.{row}@example.org", "HN"]
            )
    return path


NOTE = Path(__file__).resolve().parents[1] / "data" / "seeds"
NOTE_TITLE = (
    "SECOND FOLLOW-UP AND EVALUATION MEETING TO IDENTIFY TRENDS ON IRREGULAR AND MASS MIGRATION"
)


def _import_note(store, profile: Profile, number: int) -> tuple[int, str]:
    """A concept note imported: the meeting, its agenda and the note's file in one go."""
    from rcm_desktop.data.services.note_import import import_note
    from rcm_desktop.exchange.notes.extract import extract_draft
    from rcm_desktop.exchange.notes.reading import note_from_text

    text = (NOTE / "irregular-mass-migration-followup-2021-concept-note.txt").read_text("utf-8")
    note = note_from_text(text.replace(NOTE_TITLE, f"TORTURE NOTE NUMBER {number} ON MIGRATION"))
    saved = import_note(store, profile, extract_draft(note.text), note)
    return saved.meeting_id, note.sha256


def write(store, profile: Profile, out: Path, acks: TextIO, randomness: random.Random) -> None:
    from rcm_desktop.data.services.directory import import_people, preview_import, save_person
    from rcm_desktop.data.services.meeting_editing import save_meeting

    number = 0
    while True:
        number += 1
        choice = randomness.random()
        if choice < 0.6:
            fields = _person(randomness, number)
            person_id = save_person(store, fields, confirm_similar=True)
            _ack(acks, f"person {person_id} {fields.full_name}")
        elif choice < 0.8:
            draft = _meeting(randomness, number)
            meeting_id = save_meeting(store, draft)
            _ack(acks, f"meeting {meeting_id} {draft.title}")
        elif choice < 0.9:
            meeting_id, sha256 = _import_note(store, profile, number)
            _ack(acks, f"note {meeting_id} {sha256}")
        else:
            tag = f"lote{number}x{randomness.randrange(10**6)}"
            reading = preview_import(store, _batch_file(out, tag, randomness))
            count = import_people(store, reading.rows)
            _ack(acks, f"batch {tag} {count}")


def backup(store, profile: Profile, out: Path, acks: TextIO, randomness: random.Random) -> None:
    from rcm_desktop.data.services.backups import back_up_profile_to

    store.dispose()
    number = 0
    while True:
        number += 1
        target = back_up_profile_to(profile, out / f"copy-{number}.sqlite3")
        _ack(acks, f"backup {target}")


def restore(store, profile: Profile, out: Path, acks: TextIO, randomness: random.Random) -> None:
    from rcm_desktop.data.services.backups import restore_profile

    store.dispose()  # the app closes the store before it restores
    sources = sorted(out.glob("source-*.sqlite3"))
    while True:
        source = randomness.choice(sources)
        restore_profile(profile, source)
        _ack(acks, f"restored {source}")


#: The passphrase of the archives the handover mode writes.
HANDOVER_PASSPHRASE = "una frase para la tortura"


def handover(store, profile: Profile, out: Path, acks: TextIO, randomness: random.Random) -> None:
    """Write the profile's handover archive, then open it as a new profile, again and again."""
    from rcm_desktop.data.services.handover import open_handover, write_handover_archive

    number = 0
    while True:
        number += 1
        archive = out / f"handover-{number}.rcmhandover"
        write_handover_archive(store, profile, archive, HANDOVER_PASSPHRASE)
        _ack(acks, f"handover {archive}")
        opened = Profile(out / f"opened-{number}")
        open_handover(archive, HANDOVER_PASSPHRASE, opened, "Sucesora")
        _ack(acks, f"opened {opened.root}")


MODES = {"write": write, "backup": backup, "restore": restore, "handover": handover}


def main(arguments: list[str]) -> None:
    root, out, ack_path, mode, seed = arguments
    randomness = random.Random(int(seed))
    profile = Profile(Path(root))
    with open(ack_path, "a", encoding="utf-8") as acks:
        store = open_store(profile).store
        print("ready", flush=True)
        MODES[mode](store, profile, Path(out), acks, randomness)


if __name__ == "__main__":
    main(sys.argv[1:])
