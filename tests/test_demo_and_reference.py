"""The demo profile holds the three seed concept notes faithfully; loading twice adds nothing twice."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.demo import DEMO_COUNTRY, load_demo
from rcm_desktop.data.models import (
    AgendaItem,
    Body,
    Country,
    Forum,
    GuidingQuestion,
    Meeting,
    Organisation,
    Presidency,
)
from rcm_desktop.data.reference import load_reference_data
from rcm_desktop.data.services.meetings import get_meeting, list_meetings
from rcm_desktop.data.services.settings import profile_country


def _counts(database: Database) -> dict[str, int]:
    models = {
        "meetings": Meeting,
        "agenda": AgendaItem,
        "questions": GuidingQuestion,
        "forums": Forum,
        "bodies": Body,
        "countries": Country,
        "organisations": Organisation,
        "presidencies": Presidency,
    }
    with database.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(model))
            for name, model in models.items()
        }


def test_demo_loaded_twice_has_no_duplicates(demo_database: Database) -> None:
    first = _counts(demo_database)
    assert load_demo(demo_database) == 0
    with demo_database.session() as session:
        load_reference_data(session)
    assert _counts(demo_database) == first
    assert first["meetings"] == 3 and first["agenda"] == 15 and first["questions"] == 23


def test_a_demo_meeting_the_user_deleted_stays_deleted_until_the_demo_changes(
    demo_database: Database, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import rcm_desktop.data.demo as demo
    from rcm_desktop.data.services.meeting_editing import delete_meeting

    with demo_database.session() as session:
        first = session.scalar(select(Meeting.id).where(Meeting.source_key.is_not(None)))
    delete_meeting(demo_database, first)
    assert load_demo(demo_database) == 0, "the same demo is not loaded again"
    assert _counts(demo_database)["meetings"] == 2
    monkeypatch.setattr(demo, "demo_fingerprint", lambda: "a newer demo")
    assert load_demo(demo_database) == 1, "a changed demo adds what the store lacks"
    assert load_demo(demo_database) == 0


def test_demo_profile_serves_honduras(demo_database: Database) -> None:
    assert profile_country(demo_database) == DEMO_COUNTRY == "HN"


def _meeting_by_key(database: Database, key: str):  # type: ignore[no-untyped-def]
    with database.session() as session:
        meeting_id = session.scalar(select(Meeting.id).where(Meeting.source_key == key))
    return get_meeting(database, meeting_id)


def test_mirps_workshop_is_entered_faithfully(demo_database: Database) -> None:
    meeting = _meeting_by_key(demo_database, "mirps-workshop-2020")
    assert meeting.forums == ("MIRPS", "RCM")
    assert meeting.time_zone == "America/Costa_Rica" and meeting.time_zone_label == "San José time"
    assert [s.date for s in meeting.sessions] == [dt.date(2020, 10, 6), dt.date(2020, 10, 7)]
    assert all((s.start, s.end) == (dt.time(9), dt.time(11)) for s in meeting.sessions)
    first, second = meeting.sessions
    assert [(line.start, line.end) for line in first.agenda] == [
        (dt.time(9, 0), dt.time(9, 10)),
        (dt.time(9, 10), dt.time(9, 20)),
        (dt.time(9, 20), dt.time(9, 50)),
        (dt.time(9, 50), dt.time(10, 10)),
        (dt.time(10, 10), dt.time(10, 50)),
        (dt.time(10, 50), dt.time(11, 0)),
    ]
    assert len(second.agenda) == 5
    assert second.agenda[2].start == dt.time(9, 20) and second.agenda[2].end == dt.time(10, 20)
    assert meeting.max_participants_per_country == 2
    assert (
        "Strengthen the coordination and strategic alignment of the MIRPS and RCM"
        in meeting.objectives
    )
    assert meeting.interpretation and "simultaneous interpretation" in meeting.interpretation


def test_follow_up_meeting_keeps_its_phases_and_mexico_city_time(demo_database: Database) -> None:
    meeting = _meeting_by_key(demo_database, "irregular-mass-migration-followup-2021")
    assert meeting.time_zone == "America/Mexico_City"
    (session,) = meeting.sessions
    assert session.date == dt.date(2021, 10, 1)
    assert [(line.start, line.end) for line in session.agenda] == [
        (dt.time(10), dt.time(10, 10)),
        (dt.time(10, 10), dt.time(10, 20)),
        (dt.time(10, 20), dt.time(11, 50)),
        (dt.time(11, 50), dt.time(12)),
    ]
    phases = [question.phase for question in meeting.questions]
    assert (
        len(phases) == 5 and phases[0].startswith("Phase I.") and phases[4].startswith("Phase V.")
    )
    assert meeting.max_participants_per_country == 4
    assert meeting.observers_invited is False and meeting.civil_society_invited is False
    assert "September 30" in meeting.notes


def test_plenary_has_six_led_sessions_with_three_questions_each(demo_database: Database) -> None:
    meeting = _meeting_by_key(demo_database, "rcm-sacm-plenary-2021")
    assert meeting.forums == ("RCM", "SACM")
    assert [s.leads for s in meeting.sessions] == [
        ("CR", "PA"),
        ("CL", "VE"),
        ("PE",),
        ("US",),
        ("MX",),
        ("AR",),
    ]
    for session in meeting.sessions:
        asked = [q for q in meeting.questions if q.session_position == session.position]
        assert len(asked) == 3
    assert meeting.time_zone is None, "the concept note states no time zone"


def test_meetings_list_dates_each_meeting_by_its_first_session(demo_database: Database) -> None:
    rows = {row.title[:20]: row.first_date for row in list_meetings(demo_database)}
    assert sorted(rows.values()) == [
        dt.date(2020, 10, 6),
        dt.date(2021, 9, 9),
        dt.date(2021, 10, 1),
    ]


def test_reference_data_has_forums_with_membership_years(database: Database) -> None:
    with database.session() as session:
        forums = {forum.code: forum for forum in session.scalars(select(Forum))}
        assert {code: len(forum.members) for code, forum in forums.items()} == {
            "RCM": 11,
            "SACM": 12,
            "MIRPS": 7,
        }
        joined = {member.country_code: member.joined_year for member in forums["MIRPS"].members}
        assert joined["SV"] == 2019 and joined["HN"] == 2017
        assert session.scalar(select(func.count()).select_from(Country)) > 240
        ppt = session.scalar(
            select(Presidency).where(
                Presidency.year == 2021, Presidency.forum_id == forums["RCM"].id
            )
        )
        assert ppt.country_code == "MX"


def test_reference_reload_keeps_the_users_edits(database: Database) -> None:
    with database.session() as session:
        body = session.scalar(select(Body).where(Body.code == "RCM-ES"))
        body.names = {"en": "Executive Secretariat (San José office)"}
    with database.session() as session:
        load_reference_data(session)
    with database.session() as session:
        body = session.scalar(select(Body).where(Body.code == "RCM-ES"))
        assert body.names == {"en": "Executive Secretariat (San José office)"}
