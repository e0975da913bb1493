"""Concept notes in: the seed notes give their hand-written expected drafts, and a draft is
saved in one transaction with its file attached."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Attachment, Deadline, Document, Meeting, Seat
from rcm_desktop.data.services.meetings import get_meeting
from rcm_desktop.data.services.note_import import import_note
from rcm_desktop.errors import ValidationError
from rcm_desktop.exchange.notes.extract import extract_draft
from rcm_desktop.paths import Profile

SEEDS = Path(__file__).parent / "data" / "seeds"
EXPECTED = Path(__file__).parent / "data" / "note_drafts"
NOTES = sorted(path.stem for path in SEEDS.glob("*.txt"))
#: Keys of the expected drafts (everything the issue's JSON shape holds except `sources`).
COMPARED = [
    "title",
    "body",
    "forums",
    "kind",
    "modality",
    "platform",
    "time_zone",
    "dates",
    "sessions",
    "limit_per_country",
    "observers_invited",
    "civil_society_invited",
    "seats",
    "guiding_questions",
    "deadlines",
    "documents",
    "conflicts",
]


def expected(name: str) -> dict:
    return json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))


def compared(draft_json: dict) -> dict:
    return {key: draft_json[key] for key in COMPARED}


@pytest.mark.parametrize("name", NOTES)
def test_each_seed_note_gives_its_hand_written_draft(name: str) -> None:
    draft = extract_draft((SEEDS / f"{name}.txt").read_text(encoding="utf-8"))
    assert compared(draft.to_json()) == {key: expected(name)[key] for key in COMPARED}


def test_the_json_has_every_key_even_when_nothing_is_found() -> None:
    found = extract_draft("Nothing here.").to_json()
    for key in [*COMPARED, "sources"]:
        assert key in found
    assert found["title"] is None and found["dates"] == [] and found["limit_per_country"] is None


def test_sources_point_at_the_lines_the_values_came_from() -> None:
    text = (SEEDS / "mirps-workshop-2020-concept-note.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    draft = extract_draft(text)
    for path in ("title", "dates", "time_zone", "limit_per_country", "seats.0", "seats.2"):
        source = draft.sources[path][0]
        assert source.text in lines[source.line - 1] or source.column == -1, path
    assert "San José time" in lines[draft.sources["time_zone"][0].line - 1]
    assert "maximum of 2" in lines[draft.sources["limit_per_country"][0].line - 1]


def test_a_note_saves_in_one_transaction_with_its_file(
    database: Database, profile: Profile
) -> None:
    from rcm_desktop.exchange.notes.reading import note_from_text

    text = (SEEDS / "irregular-mass-migration-followup-2021-concept-note.txt").read_text()
    note = note_from_text(text)
    saved = import_note(database, profile, extract_draft(text), note)
    detail = get_meeting(database, saved.meeting_id)
    assert detail is not None
    assert detail.title.startswith("Second Follow-up and Evaluation Meeting")
    assert detail.time_zone == "America/Mexico_City"
    assert [len(item.agenda) for item in detail.sessions] == [4]
    assert len(detail.questions) == 5
    with database.session() as session:
        deadline = session.scalars(
            select(Deadline).where(Deadline.meeting_id == saved.meeting_id)
        ).one()
        # 10 Mexican working days after Thursday 30 September 2021: 14 October 2021.
        assert deadline.due_date.isoformat() == "2021-10-14"
        assert deadline.calendar_country == "MX"
        assert [document.title for document in deadline.documents] == [
            "Regional Strategy to Address Irregular and Mass Migration"
        ]
        attachment = session.scalars(select(Attachment)).one()
        assert attachment.sha256 == hashlib.sha256(note.data).hexdigest()
    stored = (
        profile.attachments_dir / attachment.sha256[:2] / attachment.sha256 / attachment.file_name
    )
    assert stored.read_bytes() == note.data


def test_seats_of_the_workshop_are_saved_in_order(database: Database, profile: Profile) -> None:
    text = (SEEDS / "mirps-workshop-2020-concept-note.txt").read_text()
    saved = import_note(database, profile, extract_draft(text))
    with database.session() as session:
        seats = session.scalars(
            select(Seat).where(Seat.meeting_id == saved.meeting_id).order_by(Seat.position)
        ).all()
        assert [(seat.beyond_limit, seat.forum.code if seat.forum else None) for seat in seats] == [
            (False, None), (False, None), (True, "MIRPS"),
        ]  # fmt: skip
        assert session.get(Meeting, saved.meeting_id).max_participants_per_country == 2


def test_a_draft_without_a_date_is_refused_and_nothing_is_written(
    database: Database, profile: Profile
) -> None:
    draft = extract_draft(
        "Workshop on regional protection and solutions\n\nThe workshop will be virtual."
    )
    assert draft.title and draft.modality == "virtual" and not draft.dates
    with pytest.raises(ValidationError, match="dates were not found"):
        import_note(database, profile, draft)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 0
        assert session.scalar(select(func.count()).select_from(Document)) == 0
    assert (
        not any(profile.attachments_dir.rglob("*.txt"))
        if profile.attachments_dir.exists()
        else True
    )


def _revised(text: str) -> str:
    """The irregular-migration note as the organiser re-sent it: a new start time and a new
    fifth question."""
    return text.replace("10:00 – 10:10 – Welcoming", "10:30 – 10:40 – Welcoming").replace(
        "what strategies could national governments implement",
        "which strategies could national governments implement",
    )


def test_a_revised_note_changes_only_what_the_user_accepts(
    database: Database, profile: Profile
) -> None:
    from rcm_desktop.data.services.meeting_editing import load_draft, save_meeting
    from rcm_desktop.data.services.note_revision import (
        apply_revision,
        find_revised_meeting,
        plan_revision,
    )

    text = (SEEDS / "irregular-mass-migration-followup-2021-concept-note.txt").read_text()
    meeting_id = import_note(database, profile, extract_draft(text)).meeting_id
    mine = load_draft(database, meeting_id)
    mine.questions[0].delegation_position = "Our position on prevention."
    mine.questions[4].delegation_position = "Our position on reintegration."
    save_meeting(database, mine)

    revised = extract_draft(_revised(text))
    assert find_revised_meeting(database, revised) == meeting_id
    plan = plan_revision(database, meeting_id, revised)
    assert {change.field for change in plan.changes} == {"sessions", "guiding_questions"}
    sessions_change = next(c for c in plan.changes if c.field == "sessions")
    assert "10:00" in sessions_change.current and "10:30" in sessions_change.proposed

    apply_revision(database, meeting_id, revised, {"sessions"}, plan.version)
    after = load_draft(database, meeting_id)
    assert after.sessions[0].agenda[0].start.isoformat() == "10:30:00"
    assert after.questions[4].text.startswith("In this regard, what strategies")  # not accepted
    assert after.questions[0].delegation_position == "Our position on prevention."

    plan = plan_revision(database, meeting_id, revised)
    assert [change.field for change in plan.changes] == ["guiding_questions"]
    apply_revision(database, meeting_id, revised, {"guiding_questions"}, plan.version)
    after = load_draft(database, meeting_id)
    assert after.questions[4].text.startswith("In this regard, which strategies")
    # The delegation's positions stay on their questions, the changed one included.
    assert after.questions[0].delegation_position == "Our position on prevention."
    assert after.questions[4].delegation_position == "Our position on reintegration."


def test_a_revision_over_a_meeting_changed_meanwhile_is_refused(
    database: Database, profile: Profile
) -> None:
    from rcm_desktop.data.services.meeting_editing import load_draft, save_meeting
    from rcm_desktop.data.services.note_revision import apply_revision, plan_revision
    from rcm_desktop.errors import ConflictError

    text = (SEEDS / "irregular-mass-migration-followup-2021-concept-note.txt").read_text()
    meeting_id = import_note(database, profile, extract_draft(text)).meeting_id
    revised = extract_draft(_revised(text))
    plan = plan_revision(database, meeting_id, revised)
    someone = load_draft(database, meeting_id)
    someone.notes = "Edited in another window."
    save_meeting(database, someone)
    with pytest.raises(ConflictError):
        apply_revision(database, meeting_id, revised, {"sessions"}, plan.version)
    assert load_draft(database, meeting_id).sessions[0].agenda[0].start.isoformat() == "10:00:00"


OWN_NOTES = Path(__file__).parent / "data" / "notes"


@pytest.mark.parametrize("name", sorted(path.stem for path in OWN_NOTES.glob("*.txt")))
def test_notes_of_our_own_give_their_hand_written_drafts(name: str) -> None:
    """Spanish, dates without a year, a.m. times, two time zones, no agenda, a deadline in a
    footnote, documents for comments, approval and information."""
    draft = extract_draft((OWN_NOTES / f"{name}.txt").read_text(encoding="utf-8"))
    assert compared(draft.to_json()) == {key: expected(name)[key] for key in COMPARED}


def test_the_window_does_not_load_the_note_readers() -> None:
    """Start-up time stays as it was: Word, PDF and the extraction load only when a note is
    imported (not with the window, its Meetings page or its menus)."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "import rcm_desktop.app, rcm_desktop.ui.main_window, rcm_desktop.ui.pages.meetings\n"
        "heavy = [name for name in ('docx', 'pypdf', 'rcm_desktop.exchange.notes.extract',\n"
        "         'rcm_desktop.exchange.notes.reading') if name in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]"


FRENCH = """Conférence régionale sur les migrations

ATELIER RÉGIONAL SUR LA GESTION DES FRONTIÈRES

6 et 7 octobre 2026
(GMT-6)

Contexte
L'atelier se tiendra en mode virtuel sur Zoom.

Participants
Chaque pays peut désigner un maximum de 2 personnes par pays.

Les commentaires sur le Projet de Protocole Régional de Coopération Frontalière doivent être envoyés au plus tard le 15 mars 2027.
"""
PORTUGUESE = """Conferência Sul-Americana sobre Migrações

OFICINA SOBRE PROTEÇÃO INTERNACIONAL

6 e 7 de outubro de 2026

A oficina será realizada de forma virtual.
Cada país poderá indicar até 3 pessoas por país.
Os comentários ao Relatório Regional de Proteção Internacional devem ser enviados até 20 de novembro de 2026.
"""


def test_french_and_portuguese_notes_as_far_as_the_same_rules_carry() -> None:
    french = extract_draft(FRENCH).to_json()
    assert french["language"] == "fr"
    assert french["title"] == "Atelier régional sur la gestion des frontières"
    assert (french["kind"], french["modality"], french["platform"]) == (
        "workshop",
        "virtual",
        "Zoom",
    )
    assert french["time_zone"] == "Etc/GMT+6"  # an offset alone: its fixed zone, no city guessed
    assert french["dates"] == ["2026-10-06", "2026-10-07"] and french["limit_per_country"] == 2
    assert french["deadlines"][0]["due"] == "2027-03-15"
    assert french["documents"] == [
        {"title": "Projet de Protocole Régional de Coopération Frontalière", "purpose": "comments"}
    ]
    portuguese = extract_draft(PORTUGUESE).to_json()
    assert portuguese["language"] == "pt" and portuguese["forums"] == ["SACM"]
    assert portuguese["title"] == "Oficina sobre proteção internacional"
    assert portuguese["limit_per_country"] == 3 and portuguese["modality"] == "virtual"
    assert portuguese["deadlines"][0]["documents"] == [
        "Relatório Regional de Proteção Internacional"
    ]


def test_hostile_text_in_a_note_reaches_the_draft_clean(
    database: Database, profile: Profile
) -> None:
    """NUL, bidi overrides, markup and a 1 MB line: the draft holds clean text, the markup as
    text, and the meeting saves."""
    from rcm_desktop.exchange.notes.reading import note_from_text

    text = (SEEDS / "mirps-workshop-2020-concept-note.txt").read_text("utf-8")
    hostile = (
        text.replace(
            "Workshop on the Comprehensive", "Workshop\x00 on the \u202eComprehensive <b>&amp;</b>"
        )
        + "\n"
        + "x" * 1_000_000
        + "\n"
    )
    note = note_from_text(hostile)
    draft = extract_draft(note.text)
    assert draft.title is not None
    assert "\x00" not in draft.title and "\u202e" not in draft.title
    assert "<b>&amp;</b>" in note.text  # markup kept as the text it is
    saved = import_note(database, profile, draft, note)
    detail = get_meeting(database, saved.meeting_id)
    assert detail is not None and detail.title == draft.title


def test_a_time_range_on_the_cover_times_a_note_without_an_agenda() -> None:
    pasted = (
        "Reunión virtual del Grupo de Trabajo sobre Gestión de Fronteras\n"
        "15 de marzo de 2027, 10:00 a 12:00 (hora de Ciudad de México)\n"
        "Cada país podrá designar hasta 3 personas por país.\n"
    )
    draft = extract_draft(pasted)
    assert draft.dates == [dt.date(2027, 3, 15)]
    assert len(draft.sessions) == 1
    session = draft.sessions[0].__dict__
    assert (session["start"].isoformat(), session["end"].isoformat()) == ("10:00:00", "12:00:00")
    assert draft.time_zone == "America/Mexico_City" and draft.limit_per_country == 3


def test_the_demo_s_workshop_is_found_as_the_meeting_its_note_revises(
    demo_database: Database,
) -> None:
    """The demo's workshop title has a colon the note lacks, and no convening body in the note:
    the same first day and much the same title still find it."""
    from rcm_desktop.data.services.note_revision import find_revised_meeting

    draft = extract_draft((SEEDS / "mirps-workshop-2020-concept-note.txt").read_text("utf-8"))
    found = find_revised_meeting(demo_database, draft)
    detail = get_meeting(demo_database, found) if found else None
    assert detail is not None and detail.title.startswith("Workshop on the Comprehensive")


def _agenda_with_merged_days() -> bytes:
    """A Word note whose agenda table has its day in a cell merged down over that day's rows
    (as organisers lay agendas out), and no session heading."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Conferencia Regional sobre Migración")
    document.add_paragraph("REUNIÓN PRESENCIAL DEL GRUPO DE TRABAJO SOBRE PROTECCIÓN")
    document.add_paragraph("9 y 10 de junio de 2026, hora de Costa Rica")
    document.add_paragraph("AGENDA")
    rows = [
        ("Día", "Hora", "Actividad", "Responsable"),
        ("Martes 9 de junio", "9:00 – 9:30", "Apertura", "Presidencia Pro Tempore"),
        ("", "9:30 – 11:00", "Panel sobre protección internacional", "ACNUR"),
        ("Miércoles 10 de junio", "9:00 – 10:00", "Mesas de trabajo", "Secretaría Técnica"),
        ("", "10:00 – 10:30", "Cierre", "Presidencia Pro Tempore"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(3, 0).merge(table.cell(4, 0))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_agenda_table_with_its_days_in_merged_cells() -> None:
    from rcm_desktop.exchange.notes.reading import read_note_bytes

    draft = extract_draft(read_note_bytes(_agenda_with_merged_days(), "agenda.docx").text)
    found = draft.to_json()
    assert found["dates"] == ["2026-06-09", "2026-06-10"]
    assert found["time_zone"] == "America/Costa_Rica" and found["modality"] == "in_person"
    assert [(s["date"], s["title"]) for s in found["sessions"]] == [
        ("2026-06-09", "Martes 9 de junio"),
        ("2026-06-10", "Miércoles 10 de junio"),
    ]
    assert [
        [(line["start"], line["end"], line["text"], line["speakers"]) for line in s["agenda"]]
        for s in found["sessions"]
    ] == [
        [
            ("09:00", "09:30", "Apertura", "Presidencia Pro Tempore"),
            ("09:30", "11:00", "Panel sobre protección internacional", "ACNUR"),
        ],
        [
            ("09:00", "10:00", "Mesas de trabajo", "Secretaría Técnica"),
            ("10:00", "10:30", "Cierre", "Presidencia Pro Tempore"),
        ],
    ]


def test_a_note_that_only_rewraps_its_texts_changes_nothing(
    database: Database, profile: Profile
) -> None:
    from rcm_desktop.data.services.note_revision import plan_revision

    text = (SEEDS / "irregular-mass-migration-followup-2021-concept-note.txt").read_text("utf-8")
    meeting_id = import_note(database, profile, extract_draft(text)).meeting_id
    rewrapped = text.replace(
        "The session will be held virtually,", "The session will be held\n\nvirtually,"
    )
    plan = plan_revision(database, meeting_id, extract_draft(rewrapped))
    assert "methodology" not in {change.field for change in plan.changes}
