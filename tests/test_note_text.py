"""The note importer's text extractors (rcm_desktop.domain.note_text), rule by rule in English
and Spanish, and on the three seed concept notes (copies in tests/data/seeds/), asserting what a
person reads in each note."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from rcm_desktop.domain.note_text.dates import find_dates, note_year
from rcm_desktop.domain.note_text.deadlines import (
    CALENDAR_DAYS,
    FIXED_DATE,
    WORKING_DAYS,
    find_deadlines,
)
from rcm_desktop.domain.note_text.found import Source
from rcm_desktop.domain.note_text.limits import find_limit, find_limits
from rcm_desktop.domain.note_text.questions import find_questions
from rcm_desktop.domain.note_text.times import find_times
from rcm_desktop.domain.note_text.zones import find_zone, find_zones

SEEDS = Path(__file__).parent / "data" / "seeds"
D = dt.date
T = dt.time
HOUR = dt.timedelta(hours=1)


def seed(name: str) -> str:
    return (SEEDS / f"{name}-concept-note.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("6 October 2020", [D(2020, 10, 6)]),
        ("October 6, 2020", [D(2020, 10, 6)]),
        ("October 1st, 2021", [D(2021, 10, 1)]),
        ("6–7 October", [D(2019, 10, 6), D(2019, 10, 7)]),
        ("6 and 7 October 2020", [D(2020, 10, 6), D(2020, 10, 7)]),
        ("October 6th and 7th, 2020", [D(2020, 10, 6), D(2020, 10, 7)]),
        ("3–5 March 2021", [D(2021, 3, 3), D(2021, 3, 4), D(2021, 3, 5)]),
        ("martes 6 de octubre de 2020", [D(2020, 10, 6)]),
        ("30 de septiembre", [D(2019, 9, 30)]),
        ("30 de setiembre de 2021", [D(2021, 9, 30)]),
        ("del 6 al 7 de octubre de 2020", [D(2020, 10, 6), D(2020, 10, 7)]),
        ("6 y 7 de octubre de 2020", [D(2020, 10, 6), D(2020, 10, 7)]),
        ("Tuesday, October 6, 2020", [D(2020, 10, 6)]),
    ],
)
def test_dates_in_english_and_spanish(text: str, days: list[dt.date]) -> None:
    (found,) = find_dates(f"Meeting: {text}.", default_year=2019)
    assert list(found.days) == days
    assert found.start == days[0] and found.end == days[-1]
    assert found.source.line == 1 and found.source.text == text
    assert found.source.column == len("Meeting: ")


def test_date_sources_and_weekday_check() -> None:
    text = "Title\n\nmiércoles 6 de octubre de 2020\nlunes 7 de octubre de 2020"
    first, second = find_dates(text)
    assert (first.source.line, first.weekday_agrees) == (3, False)  # 6 Oct 2020 was a Tuesday
    assert (second.source.line, second.weekday_agrees) == (4, False)
    assert find_dates("martes 6 de octubre de 2020")[0].weekday_agrees is True


def test_a_date_without_a_year_takes_the_notes_year_or_is_left_out() -> None:
    text = "Meeting on 9 September 2021.\nComments after 30 September."
    assert note_year(text) == 2021
    assert [f.start for f in find_dates(text)] == [D(2021, 9, 9), D(2021, 9, 30)]
    assert find_dates("Comments after 30 September.") == []  # no year anywhere: not guessed
    assert find_dates("30 de septiembre", default_year=2022)[0].year_written is False


def test_what_is_not_a_date() -> None:
    assert find_dates("In May 2018 the meeting was held; Session 2 may be longer.") == []
    assert find_dates("31 de septiembre de 2021") == []  # no such day
    assert find_dates("Agenda 10:00 – 10:10, 1.6 million applications in 2019") == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("10:00 – 10:10 – Welcoming words", T(10, 0), T(10, 10)),
        ("10:10-10:20 – Objective", T(10, 10), T(10, 20)),
        ("09:45 Coffee", T(9, 45), None),
        ("10:10 hrs Inicio", T(10, 10), None),
        ("9:00 a.m.", T(9, 0), None),
        ("2:30 p.m.", T(14, 30), None),
        ("14h30 Clausura", T(14, 30), None),
        ("9:00 a.m.- 11:00 a.m. (San José time)", T(9, 0), T(11, 0)),
        ("9:00 - 11:00 a.m.", T(9, 0), T(11, 0)),
        ("11:00 - 1:00 p.m.", T(11, 0), T(13, 0)),
        ("9 a.m. to 5 p.m.", T(9, 0), T(17, 0)),
        ("de 9:00 a 11:00 horas", T(9, 0), T(11, 0)),
    ],
)
def test_times_as_agendas_write_them(text: str, start: dt.time, end: dt.time | None) -> None:
    (found,) = find_times(text)
    assert (found.start, found.end) == (start, end)
    assert found.source.line == 1 and found.source.text in text


def test_what_is_not_a_time() -> None:
    assert find_times("1.6 million in 2019; session 2 (10min); 25:00; 9:75") == []


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("9:00 a.m. (San José time)", "America/Costa_Rica"),
        ("10:00 hora de Costa Rica", "America/Costa_Rica"),
        ("10:00 (hora de Ciudad de México)", "America/Mexico_City"),
        ("10:00 hora de la Ciudad de México", "America/Mexico_City"),
        ("10:00 Mexico City time", "America/Mexico_City"),
        ("10:00 hora del Este (EE. UU.)", "America/New_York"),
        ("10:00 Eastern Time", "America/New_York"),
        ("10:00 hora de Panamá", "America/Panama"),
    ],
)
def test_zone_phrases(text: str, zone: str) -> None:
    found = find_zone(text)
    assert found is not None and found.zone == zone and found.offset is None


def test_an_offset_names_a_zone_only_with_a_place_that_has_it() -> None:
    alone = find_zone("Inicio: 10:00 (GMT-6)")
    assert alone is not None and alone.zone is None
    assert alone.offset == dt.timedelta(hours=-6) and alone.source.text == "GMT-6"
    utc = find_zone("UTC-5")
    assert utc is not None and (utc.zone, utc.offset) == (None, dt.timedelta(hours=-5))
    with_place = find_zone("San José, Costa Rica (GMT-6)")
    assert with_place is not None and with_place.zone == "America/Costa_Rica"
    wrong_place = find_zone("Panamá (GMT-6)")  # Panama is UTC-5 all year
    assert wrong_place is not None and wrong_place.zone is None


def test_a_place_phrase_with_an_offset_checks_it_on_the_date() -> None:
    (found,) = find_zones("(Mexico Time, GMT-5)", on=D(2021, 10, 1))  # daylight saving in 2021
    assert found.zone == "America/Mexico_City" and found.offset_agrees is True
    (winter,) = find_zones("(Mexico Time, GMT-5)", on=D(2021, 12, 1))
    assert winter.zone == "America/Mexico_City" and winter.offset_agrees is False


def test_no_zone_is_invented() -> None:
    assert find_zones("keeping track of time; a la hora de este taller") == []
    assert find_zone("no zone here") is None


@pytest.mark.parametrize(
    ("text", "value", "per_country"),
    [
        ("a maximum of two (2) participants per country", 2, True),
        ("a maximum of 4 people per country is recommended", 4, True),
        ("up to 4 people", 4, False),
        ("no more than three delegates per delegation", 3, True),
        ("Each member country may nominate a maximum of 2 people", 2, True),
        ("hasta 4 personas por país", 4, True),
        ("un máximo de dos (2) participantes", 2, False),
        ("cada país podrá acreditar un máximo de tres personas", 3, True),
    ],
)
def test_limits(text: str, value: int, per_country: bool) -> None:
    found = find_limit(text)
    assert found is not None
    assert (found.value, found.per_country) == (value, per_country)
    assert found.source.text in text


def test_no_limit_when_the_note_sets_none() -> None:
    assert find_limit("As a minimum, participants should be technical officers.") is None
    assert find_limit("Se invita a todos los países miembros; hasta el 15 de marzo.") is None
    disagree = find_limits("a maximum of two (3) participants")[0]
    assert (disagree.value, disagree.words_agree) == (3, False)


def test_relative_deadlines() -> None:
    (en,) = find_deadlines(
        "Countries will have 10 working days after the session of 30 September 2021 "
        "to send comments."
    )
    assert (en.rule, en.days, en.after, en.purpose) == (
        WORKING_DAYS,
        10,
        D(2021, 9, 30),
        "comments",
    )
    assert en.source == Source(1, "10 working days", 20)
    (es,) = find_deadlines("Los países tendrán 10 días hábiles para enviar observaciones.")
    assert (es.rule, es.days, es.after, es.purpose) == (WORKING_DAYS, 10, None, "comments")
    (cal,) = find_deadlines("Nominations are due within 15 calendar days.")
    assert (cal.rule, cal.days, cal.purpose) == (CALENDAR_DAYS, 15, "nominations")
    (nat,) = find_deadlines("La inscripción cierra en 5 días naturales.")
    assert (nat.rule, nat.days, nat.purpose) == (CALENDAR_DAYS, 5, "registration")


def test_fixed_deadlines() -> None:
    (en,) = find_deadlines("Please register by 15 March at the latest.", default_year=2022)
    assert (en.rule, en.due, en.purpose) == (FIXED_DATE, D(2022, 3, 15), "registration")
    (es,) = find_deadlines("Enviar la aprobación a más tardar el 15 de marzo de 2022.")
    assert (es.rule, es.due, es.purpose) == (FIXED_DATE, D(2022, 3, 15), "approval")
    assert es.source.text.endswith("15 de marzo de 2022")
    (late,) = find_deadlines("Submit comments on 28 October 2021, at the latest.")
    assert (late.due, late.purpose) == (D(2021, 10, 28), "comments")
    assert find_deadlines("The workshop lasts two days, 6 and 7 October 2020.") == []


def test_numbered_questions_in_spanish() -> None:
    text = (
        "Preguntas orientadoras\n\n1. ¿Qué retos enfrenta su país?\n"
        "2) ¿Qué buenas prácticas puede compartir?\n\nMetodología\n3. Otra cosa"
    )
    found = find_questions(text)
    assert [(q.number, q.numbered, q.source.line) for q in found] == [(1, True, 3), (2, True, 4)]
    assert found[0].text == "¿Qué retos enfrenta su país?"


def test_unnumbered_questions_by_session() -> None:
    text = (
        "SESIÓN 2\nPREGUNTAS ORIENTADORAS\n¿Primera?\n¿Segunda?\n"
        "Sesión 3\nGuiding questions:\n- What first?\n- What next?\n¹ A footnote?"
    )
    found = find_questions(text)
    assert [(q.group_number, q.number) for q in found] == [(2, 1), (2, 2), (3, 1), (3, 2)]
    assert find_questions("What is this? No heading above it.") == []
    intro = "Guiding questions\nThe dialogue will follow these questions:\n1. Why?\nProse."
    assert [(q.number, q.text) for q in find_questions(intro)] == [(1, "Why?")]


def test_seed_mirps_workshop_2020() -> None:
    text = seed("mirps-workshop-2020")
    dates = find_dates(text)
    assert [d.days for d in dates] == [(D(2020, 10, 6), D(2020, 10, 7))]
    assert dates[0].source.line == 7
    times = find_times(text)
    assert (times[0].start, times[0].end, times[0].source.line) == (T(9), T(11), 7)
    assert len(times) == 12  # the header's range and two sessions of six agenda lines
    assert (times[1].start, times[1].end) == (T(9), T(9, 10))
    zone = find_zone(text)
    assert zone is not None and (zone.zone, zone.source.line) == ("America/Costa_Rica", 7)
    limit = find_limit(text)
    assert limit is not None and (limit.value, limit.per_country, limit.source.line) == (
        2,
        True,
        84,
    )
    assert find_deadlines(text) == []
    assert find_questions(text) == []


def test_seed_irregular_migration_followup_2021() -> None:
    text = seed("irregular-mass-migration-followup-2021")
    meeting = [d for d in find_dates(text) if d.source.line in (11, 130)]
    assert {d.start for d in meeting} == {D(2021, 10, 1)}
    # The note also names 28 April (the first meeting) and 30 September (the session the
    # comment window counts from), both without a year: the note's year, 2021, is theirs.
    assert {d.start for d in find_dates(text)} == {D(2021, 10, 1), D(2021, 4, 28), D(2021, 9, 30)}
    zone = find_zone(text, on=D(2021, 10, 1))
    assert zone is not None and zone.source == Source(132, "Mexico Time, GMT-5", 1)
    assert (zone.zone, zone.offset, zone.offset_agrees) == ("America/Mexico_City", -HOUR * 5, True)
    ends = [T(10), T(10, 10), T(10, 20), T(11, 50), T(12)]
    assert [(t.start, t.end) for t in find_times(text)] == list(itertools.pairwise(ends))
    limit = find_limit(text)
    assert limit is not None and (limit.value, limit.per_country, limit.source.line) == (
        4,
        True,
        118,
    )
    (deadline,) = find_deadlines(text)
    rule = (deadline.rule, deadline.days, deadline.after, deadline.purpose)
    assert rule == (WORKING_DAYS, 10, D(2021, 9, 30), "comments") and deadline.source.line == 82
    questions = find_questions(text)
    phases = ["I", "II", "III", "IV", "V"]
    assert [(q.group, q.group_number) for q in questions] == [
        (f"Phase {p}", n) for n, p in enumerate(phases, 1)
    ]
    assert questions[3].text.startswith("How can States support")


def test_seed_rcm_sacm_plenary_2021() -> None:
    text = seed("rcm-sacm-plenary-2021")
    dates = find_dates(text)
    meeting = [d for d in dates if d.source.line in (12, 59)]
    assert [d.days for d in meeting] == [(D(2021, 9, 9), D(2021, 9, 10))] * 2
    assert find_zones(text) == []  # the note names no time zone
    assert find_times(text) == []
    assert find_limit(text) is None  # all member countries, no number
    assert find_deadlines(text) == []
    questions = find_questions(text)
    assert len(questions) == 18
    by_session = {n: [q.number for q in questions if q.group_number == n] for n in range(1, 7)}
    assert by_session == {n: [1, 2, 3] for n in range(1, 7)}
    assert questions[3].text == (
        "Open dialogue on the challenges faced in the hemisphere relating to trafficking in persons."
    )
    assert questions[3].source == Source(119, questions[3].text, 6)  # after "<p><i>"
