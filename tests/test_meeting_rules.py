"""The rules a meeting draft must follow, each problem naming its field."""

from __future__ import annotations

import datetime as dt

from rcm_desktop.domain.meetings import (
    AgendaDraft,
    MeetingDraft,
    QuestionDraft,
    SessionDraft,
    blocking,
    check_meeting,
)


def _draft(**overrides: object) -> MeetingDraft:
    values: dict[str, object] = {
        "title": "Reunión de seguimiento",
        "start_date": dt.date(2021, 10, 1),
        "end_date": dt.date(2021, 10, 1),
        "time_zone": "America/Mexico_City",
    }
    values.update(overrides)
    return MeetingDraft(**values)  # type: ignore[arg-type]


def _fields(draft: MeetingDraft) -> list[tuple[str, bool]]:
    return [(problem.field, problem.blocking) for problem in check_meeting(draft)]


def test_a_complete_draft_has_no_problem() -> None:
    session = SessionDraft(
        "Sesión 1",
        dt.date(2021, 10, 1),
        dt.time(10),
        dt.time(12),
        agenda=[
            AgendaDraft(dt.time(10), dt.time(10, 10), "Apertura"),
            AgendaDraft(dt.time(10, 10), dt.time(12), "Diálogo"),
        ],
    )
    assert (
        check_meeting(
            _draft(sessions=[session], questions=[QuestionDraft("¿Qué?", session_key=session.key)])
        )
        == []
    )


def test_empty_title() -> None:
    assert _fields(_draft(title="   ")) == [("title", True)]


def test_end_before_start() -> None:
    assert _fields(_draft(end_date=dt.date(2021, 9, 30))) == [("end_date", True)]


def test_unknown_time_zone() -> None:
    assert _fields(_draft(time_zone="Mars/Olympus")) == [("time_zone", True)]


def test_session_outside_the_meetings_dates() -> None:
    draft = _draft(sessions=[SessionDraft("S", dt.date(2021, 9, 30))])
    problems = check_meeting(draft)
    assert [(p.field, p.blocking) for p in problems] == [("sessions.0.date", True)]
    assert "outside the meeting's dates" in problems[0].message


def test_session_ending_before_it_starts() -> None:
    draft = _draft(sessions=[SessionDraft("S", dt.date(2021, 10, 1), dt.time(12), dt.time(10))])
    assert _fields(draft) == [("sessions.0.end", True)]


def test_overlapping_agenda_items_warn_but_do_not_block() -> None:
    session = SessionDraft(
        "S",
        dt.date(2021, 10, 1),
        agenda=[
            AgendaDraft(dt.time(10), dt.time(10, 30), "A"),
            AgendaDraft(dt.time(10, 20), dt.time(11), "B"),
        ],
    )
    problems = check_meeting(_draft(sessions=[session]))
    assert [(p.field, p.blocking) for p in problems] == [("sessions.0.agenda", False)]
    assert "“B” starts at" in problems[0].message and blocking(problems) == []


def test_agenda_line_without_activity_and_question_of_a_removed_session() -> None:
    session = SessionDraft("S", agenda=[AgendaDraft(None, None, " ")])
    draft = _draft(
        sessions=[session], questions=[QuestionDraft("Q", session_key="gone"), QuestionDraft("")]
    )
    assert _fields(draft) == [("sessions.0.agenda", True), ("questions", True), ("questions", True)]


def test_limit_per_country_must_be_positive() -> None:
    assert _fields(_draft(max_participants_per_country=0)) == [
        ("max_participants_per_country", True)
    ]


def test_an_agenda_line_outside_its_sessions_hours_warns() -> None:
    session = SessionDraft(
        "Sesión técnica",
        dt.date(2021, 10, 1),
        start=dt.time(10),
        end=dt.time(12),
        agenda=[
            AgendaDraft(dt.time(9, 45), dt.time(10, 10), "Palabras de bienvenida"),
            AgendaDraft(dt.time(10, 10), dt.time(11, 50), "Panel"),
            AgendaDraft(dt.time(11, 50), dt.time(12, 15), "Cierre"),
        ],
    )
    problems = check_meeting(_draft(sessions=[session]))
    assert [(p.field, p.blocking) for p in problems] == [("sessions.0.agenda", False)] * 2
    assert "“Palabras de bienvenida”" in problems[0].message
    assert (
        "“Cierre”" in problems[1].message
        and "10:00\u202fAM to 12:00\u202fPM" in problems[1].message
    )
    assert blocking(problems) == []
