"""Handing over: the dossier says what a successor needs (in the language chosen, whatever
the text holds); the archive carries the whole profile and opens, whole, as a new profile
whose changes name the successor; a wrong passphrase or an altered archive creates nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, update

from rcm_desktop.app import main
from rcm_desktop.data.db import Database
from rcm_desktop.data.models import GuidingQuestion, JournalChange, JournalEntry, Meeting, Person
from rcm_desktop.data.services.attachments import add_attachment
from rcm_desktop.data.services.handover import check_passphrase, hand_over, open_handover
from rcm_desktop.data.services.handover_data import gather_handover
from rcm_desktop.data.services.history_digest import CHANGES_PER_ENTRY
from rcm_desktop.data.services.meeting_editing import change_status
from rcm_desktop.data.services.settings import set_profile_country
from rcm_desktop.data.services.store import open_store
from rcm_desktop.domain.vocabulary import MeetingStatus
from rcm_desktop.errors import StorageError, ValidationError
from rcm_desktop.exchange.handover_archive import ArchiveCancelled, ArchiveRefused
from rcm_desktop.paths import Profile, choose_startup_profile, default_profile
from rcm_desktop.preferences import Preferences

PASSPHRASE = "la clave de Tegucigalpa ñ"
HOSTILE = "<b>‮¡Año</b> & \u200f 😀 " + "x" * 3000


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def handed(demo_database: Database, profile: Profile) -> Database:
    """The demo, Honduras's profile, with a position drafted and a concept note attached."""
    set_profile_country(demo_database, "HN")
    with demo_database.session() as session:
        question = session.scalars(select(GuidingQuestion).order_by(GuidingQuestion.id)).first()
        assert question is not None
        question.delegation_position = "Honduras propone una mesa técnica binacional."
    return demo_database


def test_the_dossier_gathers_what_a_successor_needs(handed: Database, profile: Profile) -> None:
    data = gather_handover(handed, profile, "es", today=dt.date(2021, 9, 20))
    ahead = [line.title for line in data.meetings_ahead]
    assert any("Second Follow-up" in title for title in ahead)
    assert data.meetings_recent and data.meetings_recent[0].first_day < dt.date(2021, 9, 20)
    assert any(block.delegates for block in data.delegations)
    assert all(item.deadline.done_on is None for item in data.deadlines)
    assert any(
        line.position == "Honduras propone una mesa técnica binacional."
        for block in data.positions
        for line in block.questions
    )
    # The history is written in the dossier's language, not the interface's (English here).
    sentences = [sentence for line in data.journal for sentence in line.sentences]
    assert sentences and any("añadid" in sentence for sentence in sentences)
    # Each unit of work shows its first changes and counts the rest (the demo's load is one).
    with handed.session() as session:
        sizes = dict(
            session.execute(
                select(JournalChange.entry_id, func.count()).group_by(JournalChange.entry_id)
            ).all()
        )
    shown = {len(line.sentences) + line.more for line in data.journal}
    assert max(line.more for line in data.journal) > 0
    assert all(len(line.sentences) <= CHANGES_PER_ENTRY for line in data.journal)
    assert shown <= set(sizes.values())
    assert data.settings.country == "HN" and data.settings.calendar_country == "HN"
    assert {place.kind for place in data.places} >= {"database", "attachments", "backups"}


def test_the_dossier_prints_in_the_chosen_language(
    handed: Database, profile: Profile, tmp_path: Path
) -> None:
    target = tmp_path / "dossier.pdf"
    result = hand_over(handed, profile, target, "es", today=dt.date(2021, 9, 20))
    assert result.pages >= 4 and result.archive is None
    printed = pdf_text(target)
    assert "Próximas reuniones" in printed and "Plazos pendientes" in printed
    assert "Honduras propone una mesa técnica binacional." in printed
    assert "Índice" in printed  # a contents after the cover
    cover = printed.split("Índice")[0]
    assert "EXPEDIENTE DE TRASPASO" in cover and "Hand" not in cover  # the cover too


def test_hostile_text_prints_as_text(handed: Database, profile: Profile, tmp_path: Path) -> None:
    with handed.session() as session:
        session.execute(update(Meeting).values(title=HOSTILE[:500]))
        session.execute(update(Person).values(full_name=HOSTILE[:300], institution=HOSTILE[:300]))
        session.execute(update(GuidingQuestion).values(delegation_position=HOSTILE))
        first = session.scalars(select(GuidingQuestion).order_by(GuidingQuestion.id)).first()
        assert first is not None
        first.delegation_position = HOSTILE * 30  # about 90 KB: pages of one position
    target = tmp_path / "dossier.pdf"
    hand_over(handed, profile, target, "fr", today=dt.date(2021, 9, 20))
    printed = pdf_text(target)
    assert "<b>" in printed and "¡Año" in printed  # the markup is text, not bold


@pytest.mark.sqlite_only  # the archive carries a profile's own SQLite store
def test_archive_round_trip_is_byte_identical(
    handed: Database, profile: Profile, tmp_path: Path
) -> None:
    note = tmp_path / "Nota conceptual – Año 2021.pdf"
    note.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 64)
    with handed.session() as session:
        meeting_id = session.scalars(select(Meeting.id)).first()
    stored = add_attachment(handed, profile, meeting_id, note).stored_path
    Preferences(profile.preferences_path).set("user_name", "Ana Predecesora")
    archive = tmp_path / "out" / "handover.rcmhandover"
    archive.parent.mkdir()
    result = hand_over(
        handed, profile, tmp_path / "d.pdf", "en", archive=archive, passphrase=PASSPHRASE
    )
    assert result.archive == archive and result.files >= 3
    assert not list(profile.backups_dir.glob(".partial-*"))  # the snapshot is gone
    successor = Profile(tmp_path / "successor")
    opened = open_handover(archive, PASSPHRASE, successor, "  Luis   Sucesor ", language="pt")
    assert opened.about["country"] == "HN" and opened.about["schema"]
    copied = successor.root / stored.relative_to(profile.root)
    assert digest(copied) == digest(stored)
    # The store is the one the archive snapshot held: every table's rows are the same.
    opened_store = open_store(successor, user_name="Luis Sucesor").store
    try:
        with handed.session() as before, opened_store.session() as after:
            for model in (Meeting, Person, JournalEntry):
                assert before.scalar(select(model.id).order_by(model.id.desc())) == after.scalar(
                    select(model.id).order_by(model.id.desc())
                )
        preferences = json.loads(successor.preferences_path.read_text("utf-8"))
        assert preferences["user_name"] == "Luis Sucesor"
        assert preferences["language"] == "pt"  # the successor's language, not the predecessor's
        # Later journal entries name the successor, not the predecessor.
        change_status(opened_store, meeting_id, MeetingStatus.HELD, dt.date(2021, 10, 1))
        with opened_store.session() as session:
            who = session.scalar(select(JournalEntry.who).order_by(JournalEntry.id.desc()))
        assert who is not None and who.startswith("Luis Sucesor (")
    finally:
        opened_store.dispose()


@pytest.mark.sqlite_only  # the archive carries a profile's own SQLite store
def test_wrong_passphrase_and_altered_archive_create_nothing(
    handed: Database, profile: Profile, tmp_path: Path
) -> None:
    archive = tmp_path / "handover.rcmhandover"
    hand_over(handed, profile, tmp_path / "d.pdf", "en", archive=archive, passphrase=PASSPHRASE)
    target = Profile(tmp_path / "successor")
    with pytest.raises(ArchiveRefused) as refused:
        open_handover(archive, "another passphrase", target, "Luis")
    assert refused.value.reason == "passphrase"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x40
    altered = tmp_path / "altered.rcmhandover"
    altered.write_bytes(bytes(data))
    with pytest.raises(ArchiveRefused) as refused:
        open_handover(altered, PASSPHRASE, target, "Luis")
    assert refused.value.reason == "damaged" and "Nothing was created" in refused.value.message
    truncated = tmp_path / "truncated.rcmhandover"
    truncated.write_bytes(archive.read_bytes()[:-100])
    with pytest.raises(ArchiveRefused):
        open_handover(truncated, PASSPHRASE, target, "Luis")
    assert not target.root.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "altered.rcmhandover",
        "d.pdf",
        "handover.rcmhandover",
        "profile",
        "truncated.rcmhandover",
    ]


@pytest.mark.sqlite_only  # the archive carries a profile's own SQLite store
def test_a_folder_in_use_is_refused(handed: Database, profile: Profile, tmp_path: Path) -> None:
    archive = tmp_path / "handover.rcmhandover"
    hand_over(handed, profile, tmp_path / "d.pdf", "en", archive=archive, passphrase=PASSPHRASE)
    with pytest.raises(StorageError, match="not empty"):
        open_handover(archive, PASSPHRASE, profile, "Luis")
    empty = Profile(tmp_path / "empty")
    empty.root.mkdir()
    assert open_handover(archive, PASSPHRASE, empty, "Luis").profile == empty
    assert empty.database_path.is_file()


@pytest.mark.sqlite_only  # the archive carries a profile's own SQLite store
def test_a_short_or_mistyped_passphrase_is_refused_before_writing(
    handed: Database, profile: Profile, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="at least 10"):
        hand_over(
            handed, profile, tmp_path / "d.pdf", "en", archive=tmp_path / "a", passphrase="short"
        )
    with pytest.raises(ValidationError, match="differ"):
        check_passphrase(PASSPHRASE, PASSPHRASE + " ")
    assert not (tmp_path / "d.pdf").exists() and not (tmp_path / "a").exists()


def test_the_chosen_profile_opens_at_start(tmp_path: Path) -> None:
    chosen = Profile(tmp_path / "profiles" / "handover").ensure()
    assert default_profile(tmp_path).root.name == "default"
    choose_startup_profile(tmp_path, chosen)
    assert default_profile(tmp_path).root.name == "default"  # no store there yet
    chosen.database_path.write_bytes(b"")
    assert default_profile(tmp_path) == Profile(chosen.root.resolve())
    assert default_profile(tmp_path, demo=True).root.name == "demo"
    choose_startup_profile(tmp_path, None)
    assert default_profile(tmp_path).root.name == "default"


def test_command_line_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = str(tmp_path / "old")
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", "utf-8")
    archive = tmp_path / "h.rcmhandover"
    dossier = tmp_path / "dossier.pdf"
    code = main(
        ["--demo", "--profile", old, "handover", "-o", str(dossier), "--lang", "pt",
         "--archive", str(archive), "--passphrase-file", str(secret)]
    )  # fmt: skip
    capsys.readouterr()
    assert code == 0 and dossier.is_file() and archive.is_file()
    assert "Próximas reuniões" in pdf_text(dossier)  # --lang pt: the dossier in Portuguese
    new = tmp_path / "new"
    code = main(
        ["--profile", str(new), "open-handover", str(archive), "--passphrase-file", str(secret),
         "--name", "Luis Sucesor"]
    )  # fmt: skip
    assert code == 0 and (new / "rcm-desk.sqlite3").is_file()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n", "utf-8")
    code = main(
        ["--profile", str(tmp_path / "other"), "open-handover", str(archive),
         "--passphrase-file", str(wrong), "--name", "Luis"]
    )  # fmt: skip
    assert code == 1 and "passphrase does not open" in capsys.readouterr().err
    assert not (tmp_path / "other").exists()


def test_a_shared_database_gets_the_dossier_not_the_archive(
    handed: Database, profile: Profile, tmp_path: Path
) -> None:
    if handed.is_sqlite:
        pytest.skip("needs a database server (make test-postgres)")
    with pytest.raises(ValidationError, match="shared database"):
        hand_over(
            handed, profile, tmp_path / "d.pdf", "en", archive=tmp_path / "a", passphrase=PASSPHRASE
        )
    assert not (tmp_path / "a").exists()
    result = hand_over(handed, profile, tmp_path / "d.pdf", "en", today=dt.date(2021, 9, 20))
    assert "A shared database" in pdf_text(result.dossier)


@pytest.mark.sqlite_only  # the archive carries a profile's own SQLite store
def test_cancelling_the_archive_keeps_the_dossier_and_says_so(
    handed: Database, profile: Profile, tmp_path: Path
) -> None:
    reached: list[int] = []

    def cancelled() -> bool:
        return bool(reached) and reached[-1] > 60  # in the archive's part of the progress

    with pytest.raises(ArchiveCancelled, match="The dossier was written to"):
        hand_over(
            handed,
            profile,
            tmp_path / "d.pdf",
            "en",
            archive=tmp_path / "a.rcmhandover",
            passphrase=PASSPHRASE,
            progress=lambda done, total: reached.append(done * 100 // total),
            cancelled=cancelled,
        )
    assert (tmp_path / "d.pdf").is_file() and not (tmp_path / "a.rcmhandover").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["d.pdf", "profile"]


def test_the_dossier_explains_deadlines_and_keeps_held_meetings_as_history(
    handed: Database, profile: Profile
) -> None:
    data = gather_handover(handed, profile, "es", today=dt.date(2021, 10, 2), prepared_by="Ana")
    assert data.prepared_by == "Ana"
    explained = [item.explanation for item in data.deadlines if item.explanation]
    assert explained and any("México" in text for text in explained)  # in Spanish, day by day
    held = [block for block in data.delegations if block.held]
    assert held and all(block.first_day < dt.date(2021, 10, 2) for block in held)
    # Long after the last meeting, the latest held still give the colleagues and contacts.
    later = gather_handover(handed, profile, "en", today=dt.date(2026, 12, 3))
    assert not later.meetings_ahead and later.delegations
    assert all(block.held for block in later.delegations)
    assert any(person.email for block in later.delegations for person in block.delegates)


@pytest.mark.sqlite_only  # the archive carries a profile's own SQLite store
def test_refusals_leave_no_folder_and_come_before_writing(
    handed: Database, profile: Profile, tmp_path: Path
) -> None:
    """The reviewer's findings: folders made on the way to a refused target are removed; a
    passphrase of spaces and one file for both are refused before anything is written; the
    predecessor's shared database and folders are not inherited."""
    Preferences(profile.preferences_path).set("database.url", "postgresql+psycopg://ana@srv/rcm")
    Preferences(profile.preferences_path).set("pdf.folder", "/home/ana/Documentos")
    archive = tmp_path / "h.rcmhandover"
    hand_over(handed, profile, tmp_path / "d.pdf", "en", archive=archive, passphrase=PASSPHRASE)
    with pytest.raises(ArchiveRefused):
        open_handover(archive, "not the passphrase", Profile(tmp_path / "new" / "deeper" / "s"))
    assert not (tmp_path / "new").exists()
    with pytest.raises(ValidationError, match="at least 10"):
        hand_over(
            handed, profile, tmp_path / "x.pdf", "en", archive=tmp_path / "x", passphrase=" " * 12
        )
    with pytest.raises(ValidationError, match="two different files"):
        hand_over(
            handed,
            profile,
            tmp_path / "x.pdf",
            "en",
            archive=tmp_path / "x.pdf",
            passphrase=PASSPHRASE,
        )
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x").exists()
    successor = open_handover(archive, PASSPHRASE, Profile(tmp_path / "s"), "Luis").profile
    kept = Preferences(successor.preferences_path)
    assert kept.get("database.url") is None and kept.get("pdf.folder") is None


def test_a_subcommand_s_lang_is_the_document_s_not_the_interface_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "dossier.pdf"
    code = main(
        ["--demo", "--profile", str(tmp_path / "p"), "handover", "-o", str(target), "--lang", "es"]
    )
    assert code == 0 and "Handover dossier written to" in capsys.readouterr().out
    assert "Próximas reuniones" in pdf_text(target)
    code = main(
        ["--lang", "es", "--demo", "--profile", str(tmp_path / "p"), "handover", "-o", str(target)]
    )
    assert code == 0 and "Expediente de traspaso guardado" in capsys.readouterr().out
