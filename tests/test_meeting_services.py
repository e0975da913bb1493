"""Saving, duplicating, filtering meetings and attaching files, against a real SQLite store."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import AgendaItem, GuidingQuestion, Meeting, MeetingSession
from rcm_desktop.data.services.attachments import (
    add_attachment,
    list_attachments,
    remove_attachment,
)
from rcm_desktop.data.services.meeting_editing import (
    change_status,
    delete_meeting,
    duplicate_meeting,
    load_draft,
    save_meeting,
    status_history,
)
from rcm_desktop.data.services.meeting_list import (
    MeetingFilter,
    meeting_ids,
    meeting_rows,
    meeting_years,
)
from rcm_desktop.domain.meetings import AgendaDraft, MeetingDraft, QuestionDraft, SessionDraft
from rcm_desktop.domain.vocabulary import MeetingKind, MeetingStatus, Modality
from rcm_desktop.errors import ValidationError
from rcm_desktop.paths import Profile


def follow_up_draft() -> MeetingDraft:
    session = SessionDraft(
        title="Única sesión",
        date=dt.date(2021, 10, 1),
        start=dt.time(10),
        end=dt.time(12),
        leads=["MX"],
        agenda=[
            AgendaDraft(
                dt.time(10), dt.time(10, 10), "Palabras de bienvenida", "Presidencia Pro Tempore"
            ),
            AgendaDraft(dt.time(10, 10), dt.time(10, 20), "Objetivo de la sesión"),
        ],
    )
    return MeetingDraft(
        title="Segunda reunión de seguimiento sobre migración irregular y masiva",
        start_date=dt.date(2021, 10, 1),
        end_date=dt.date(2021, 10, 1),
        kind=MeetingKind.FOLLOW_UP,
        modality=Modality.VIRTUAL,
        convening_body="RCM-WG-IMM",
        forums=["RCM"],
        time_zone="America/Mexico_City",
        time_zone_label="Hora de México, GMT-5",
        objectives="Presentar la Estrategia Regional.",
        max_participants_per_country=4,
        observers_invited=False,
        civil_society_invited=False,
        sessions=[session],
        questions=[
            QuestionDraft(
                "¿Qué acciones?",
                phase="Fase I. Prevención",
                session_key=session.key,
                delegation_position="Apoyar.",
            ),
            QuestionDraft("¿Cómo coordinar?", phase="Fase II. Sistema de monitoreo"),
        ],
    )


def _count(database: Database, model: type) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_save_then_load_gives_back_every_value(database: Database) -> None:
    draft = follow_up_draft()
    meeting_id = save_meeting(database, draft)
    loaded = load_draft(database, meeting_id)
    assert loaded.id == meeting_id
    for name in (
        "title",
        "start_date",
        "end_date",
        "kind",
        "modality",
        "convening_body",
        "forums",
        "time_zone",
        "time_zone_label",
        "objectives",
        "max_participants_per_country",
        "observers_invited",
        "civil_society_invited",
    ):
        assert getattr(loaded, name) == getattr(draft, name), name
    (session,) = loaded.sessions
    assert (session.title, session.date, session.start, session.end, session.leads) == (
        "Única sesión",
        dt.date(2021, 10, 1),
        dt.time(10),
        dt.time(12),
        ["MX"],
    )
    assert [line.activity for line in session.agenda] == [
        "Palabras de bienvenida",
        "Objetivo de la sesión",
    ]
    assert [q.session_key for q in loaded.questions] == [session.key, None]
    assert loaded.questions[0].delegation_position == "Apoyar."
    assert status_history(database, meeting_id)[0][0] is MeetingStatus.INVITATION_RECEIVED


def test_update_replaces_sessions_agenda_and_questions_in_one_go(database: Database) -> None:
    meeting_id = save_meeting(database, follow_up_draft())
    draft = load_draft(database, meeting_id)
    draft.sessions[0].agenda.pop()
    draft.questions = draft.questions[:1]
    draft.status = MeetingStatus.CONFIRMED
    save_meeting(database, draft)
    assert (
        _count(database, MeetingSession),
        _count(database, AgendaItem),
        _count(database, GuidingQuestion),
    ) == (1, 1, 1)
    assert [status for status, _day, _note in status_history(database, meeting_id)] == [
        MeetingStatus.INVITATION_RECEIVED,
        MeetingStatus.CONFIRMED,
    ]


def test_a_draft_that_breaks_a_rule_writes_nothing(database: Database) -> None:
    draft = follow_up_draft()
    draft.sessions[0].date = dt.date(2021, 11, 5)
    with pytest.raises(ValidationError) as refused:
        save_meeting(database, draft)
    assert refused.value.field == "sessions.0.date"
    assert _count(database, Meeting) == 0


def test_a_failure_half_way_writes_nothing(database: Database) -> None:
    meeting_id = save_meeting(database, follow_up_draft())
    draft = load_draft(database, meeting_id)
    draft.title = "Changed"
    draft.sessions[0].leads = ["MX"]
    draft.sessions.append(
        SessionDraft("Sesión 2", dt.date(2021, 10, 1), agenda=[AgendaDraft(None, None, "x")])
    )
    draft.sessions[1].agenda.append(AgendaDraft(dt.time(11), dt.time(10), "ends before it starts"))
    with pytest.raises(ValidationError):
        save_meeting(database, draft)
    assert load_draft(database, meeting_id).title.startswith("Segunda reunión")


def test_duplicate_shifts_dates_and_clears_positions(database: Database) -> None:
    meeting_id = save_meeting(database, follow_up_draft())
    copy_id = duplicate_meeting(database, meeting_id, dt.date(2022, 1, 14))
    copy = load_draft(database, copy_id)
    assert (copy.start_date, copy.end_date, copy.sessions[0].date) == (dt.date(2022, 1, 14),) * 3
    assert [q.delegation_position for q in copy.questions] == ["", ""]
    assert copy.questions[0].session_key == copy.sessions[0].key
    assert copy.status is MeetingStatus.INVITATION_RECEIVED
    assert load_draft(database, meeting_id).questions[0].delegation_position == "Apoyar."


def test_status_changes_keep_their_days(database: Database) -> None:
    meeting_id = save_meeting(database, follow_up_draft())
    change_status(
        database,
        meeting_id,
        MeetingStatus.NOMINATIONS_SENT,
        dt.date(2021, 9, 20),
        "Nota verbal 123",
    )
    change_status(database, meeting_id, MeetingStatus.HELD, dt.date(2021, 10, 1))
    history = status_history(database, meeting_id)
    assert [history[0], history[-1]] == [  # chronological
        (MeetingStatus.NOMINATIONS_SENT, dt.date(2021, 9, 20), "Nota verbal 123"),
        (MeetingStatus.HELD, dt.date(2021, 10, 1), ""),
    ]


def test_delete_removes_everything_of_the_meeting(database: Database) -> None:
    meeting_id = save_meeting(database, follow_up_draft())
    delete_meeting(database, meeting_id)
    assert (
        _count(database, Meeting),
        _count(database, AgendaItem),
        _count(database, GuidingQuestion),
    ) == (0, 0, 0)


def test_filters_text_accents_forum_body_year_status(demo_database: Database) -> None:
    def titles(**criteria: object) -> list[str]:
        ids = meeting_ids(demo_database, MeetingFilter(**criteria))  # type: ignore[arg-type]
        rows = meeting_rows(demo_database, ids)
        return [rows[i].title[:20] for i in ids]

    save_meeting(demo_database, follow_up_draft())
    assert titles(text="reunion seguimiento") == ["Segunda reunión de s"]
    assert titles(text="REUNIÓN") == ["Segunda reunión de s"]
    assert titles(text="100%_") == []
    assert titles(forum="SACM") == ["II Plenary Meeting o"]
    assert titles(forum="MIRPS", year=2020) == ["Workshop on the Comp"]
    assert titles(body="RCM-WG-IMM") == ["Segunda reunión de s", "Second Follow-up and"]
    assert titles(status=MeetingStatus.INVITATION_RECEIVED) == ["Segunda reunión de s"]
    assert len(titles()) == 4
    ascending = meeting_ids(demo_database, MeetingFilter(), "title", descending=False)
    assert [meeting_rows(demo_database, ascending)[i].title[:3] for i in ascending] == [
        "II ",
        "Sec",
        "Seg",
        "Wor",
    ]
    from rcm_desktop.data.services.reference import reference_data

    assert meeting_years(demo_database) == [2021, 2020]
    forums = {forum.code: forum.name for forum in reference_data(demo_database).forums}
    assert forums["SACM"] == "South American Conference on Migration"


def test_attach_a_concept_note(database: Database, profile: Profile, tmp_path: Path) -> None:
    meeting_id = save_meeting(database, follow_up_draft())
    note = tmp_path / "Nota conceptual – seguimiento.pdf"
    note.write_bytes(b"%PDF-1.4 concept note")
    info = add_attachment(database, profile, meeting_id, note)
    assert info.sha256 == hashlib.sha256(b"%PDF-1.4 concept note").hexdigest()
    assert (
        info.media_type == "application/pdf" and info.stored_path.read_bytes() == note.read_bytes()
    )
    assert info.stored_path.is_relative_to(profile.attachments_dir)
    with pytest.raises(ValidationError, match="already attached"):
        add_attachment(database, profile, meeting_id, note)
    with pytest.raises(ValidationError, match="not a file"):
        add_attachment(database, profile, meeting_id, tmp_path / "missing.docx")
    assert [item.file_name for item in list_attachments(database, profile, meeting_id)] == [
        note.name
    ]
    remove_attachment(database, profile, info.id)
    assert not info.stored_path.exists() and list_attachments(database, profile, meeting_id) == []


def test_unreadable_attachment_is_refused_with_its_reason(
    database: Database, profile: Profile, tmp_path: Path
) -> None:
    meeting_id = save_meeting(database, follow_up_draft())
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()
    with pytest.raises(ValidationError, match="not a file"):
        add_attachment(database, profile, meeting_id, folder)
    assert list(profile.attachments_dir.rglob("*.pdf")) == []


def test_editing_keeps_each_sessions_identity(database: Database) -> None:
    meeting_id = save_meeting(database, follow_up_draft())
    draft = load_draft(database, meeting_id)
    original_key = draft.sessions[0].key
    draft.sessions.insert(0, SessionDraft("Sesión previa", dt.date(2021, 10, 1)))
    draft.sessions[1].agenda.reverse()
    save_meeting(database, draft)
    again = load_draft(database, meeting_id)
    assert [item.title for item in again.sessions] == ["Sesión previa", "Única sesión"]
    assert again.sessions[1].key == original_key, "the existing session kept its id"
    assert [line.activity for line in again.sessions[1].agenda] == [
        "Objetivo de la sesión",
        "Palabras de bienvenida",
    ]
    assert again.questions[0].session_key == original_key
    again.sessions.pop(1)
    again.questions = again.questions[1:]
    save_meeting(database, again)
    assert [item.title for item in load_draft(database, meeting_id).sessions] == ["Sesión previa"]
    assert _count(database, AgendaItem) == 0


def test_a_status_recorded_for_an_earlier_day_does_not_turn_the_clock_back(
    database: Database,
) -> None:
    meeting_id = save_meeting(database, follow_up_draft())
    change_status(database, meeting_id, MeetingStatus.HELD, dt.date(2021, 10, 1))
    change_status(database, meeting_id, MeetingStatus.NOMINATIONS_SENT, dt.date(2021, 9, 10))
    assert load_draft(database, meeting_id).status is MeetingStatus.HELD
    assert [status for status, _day, _note in status_history(database, meeting_id)] == [
        MeetingStatus.NOMINATIONS_SENT,
        MeetingStatus.INVITATION_RECEIVED,
        MeetingStatus.HELD,
    ]


def test_title_sort_ignores_accents(database: Database) -> None:
    for title in ("Zona", "Árbol", "Balance", "Éxodo"):
        draft = follow_up_draft()
        draft.title = title
        save_meeting(database, draft)
    ids = meeting_ids(database, MeetingFilter(), "title", descending=False)
    rows = meeting_rows(database, ids)
    assert [rows[i].title for i in ids] == ["Árbol", "Balance", "Éxodo", "Zona"]


def test_body_and_status_sort_by_what_the_user_reads(demo_database: Database) -> None:
    from rcm_desktop.i18n import set_language

    set_language("es")
    ids = meeting_ids(demo_database, MeetingFilter(), "body", descending=False)
    rows = meeting_rows(demo_database, ids)
    assert [rows[i].body for i in ids] == [
        "Grupo de Trabajo sobre Gestión de Fronteras",
        "Grupo de Trabajo sobre Migración Irregular y Masiva",
        "Secretaría Ejecutiva de la CRM",
    ]
    draft = follow_up_draft()
    draft.status = MeetingStatus.CANCELLED  # "Cancelada" sorts before "Celebrada" (held)
    cancelled = save_meeting(demo_database, draft)
    assert meeting_ids(demo_database, MeetingFilter(), "status", descending=False)[0] == cancelled


def test_a_save_writes_only_what_changed_and_sessions_can_move(database: Database) -> None:
    from sqlalchemy import event, select

    from rcm_desktop.data.models import AgendaItem, GuidingQuestion

    meeting_id = save_meeting(database, follow_up_draft())
    with database.session() as session:
        lines = list(session.scalars(select(AgendaItem.id).order_by(AgendaItem.id)))
        questions = list(session.scalars(select(GuidingQuestion.id).order_by(GuidingQuestion.id)))
    draft = load_draft(database, meeting_id)
    draft.notes = "Only the notes change."
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(database.engine, "before_cursor_execute", listener)
    try:
        save_meeting(database, draft)
    finally:
        event.remove(database.engine, "before_cursor_execute", listener)
    written = [s for s in statements if s.split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert not any("agenda_items" in s or "guiding_questions" in s for s in written)
    with database.session() as session:
        assert list(session.scalars(select(AgendaItem.id).order_by(AgendaItem.id))) == lines
        assert (
            list(session.scalars(select(GuidingQuestion.id).order_by(GuidingQuestion.id)))
            == questions
        )
    draft = load_draft(database, meeting_id)
    draft.sessions.append(SessionDraft(title="Segunda sesión", date=dt.date(2021, 10, 1)))
    save_meeting(database, draft)
    draft = load_draft(database, meeting_id)
    draft.sessions = draft.sessions[1:] + draft.sessions[:1]  # the first goes last
    save_meeting(database, draft)
    draft = load_draft(database, meeting_id)
    assert [item.title for item in draft.sessions] == ["Segunda sesión", "Única sesión"]
    removed = draft.sessions[0].key
    draft.sessions = draft.sessions[1:]  # the new first is removed: the other moves up
    draft.questions = [q for q in draft.questions if q.session_key != removed]
    save_meeting(database, draft)
    assert [item.title for item in load_draft(database, meeting_id).sessions] == ["Única sesión"]
