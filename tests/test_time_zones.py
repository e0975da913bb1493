"""Time zones as concept notes write them, and conversions across daylight-saving changes."""

from __future__ import annotations

import datetime as dt

import pytest

from rcm_desktop.clock import parse_clock
from rcm_desktop.domain.timezones import (
    capital_zone,
    convert,
    country_zones,
    format_utc_offset,
    resolve_zone,
    utc_offset,
)
from rcm_desktop.errors import ValidationError


@pytest.mark.parametrize(
    ("written", "zone"),
    [
        ("San José time", "America/Costa_Rica"),
        ("hora de San José", "America/Costa_Rica"),
        ("Mexico City time", "America/Mexico_City"),
        ("Mexico Time, GMT-5", "America/Mexico_City"),
        ("Ciudad de México", "America/Mexico_City"),
        ("America/Costa_Rica", "America/Costa_Rica"),
        ("costa rica", "America/Costa_Rica"),
        ("Tegucigalpa", "America/Tegucigalpa"),
        ("Buenos Aires", "America/Argentina/Buenos_Aires"),
        ("Brasília", "America/Sao_Paulo"),
        ("UTC", "UTC"),
    ],
)
def test_names_people_write_resolve_to_iana_zones(written: str, zone: str) -> None:
    assert resolve_zone(written) == zone


@pytest.mark.parametrize("written", ["", "Atlantis time", "../../etc/passwd", "America/Nowhere"])
def test_unknown_zones_resolve_to_nothing(written: str) -> None:
    assert resolve_zone(written) is None


def test_october_2020_san_jose_session_in_mexico_city_time() -> None:
    """Mexico City still kept daylight-saving time in October 2020: one hour ahead of San José."""
    mexico = convert(
        dt.date(2020, 10, 6), dt.time(9, 0), "America/Costa_Rica", "America/Mexico_City"
    )
    assert (mexico.date(), mexico.time()) == (dt.date(2020, 10, 6), dt.time(10, 0))
    assert format_utc_offset(mexico.utcoffset()) == "UTC\u221205:00"


def test_october_2023_same_session_after_mexico_dropped_daylight_saving() -> None:
    mexico = convert(
        dt.date(2023, 10, 6), dt.time(9, 0), "America/Costa_Rica", "America/Mexico_City"
    )
    assert mexico.time() == dt.time(9, 0)
    assert utc_offset("America/Mexico_City", dt.date(2023, 10, 6)) == dt.timedelta(hours=-6)


def test_follow_up_meeting_of_1_october_2021_in_several_capitals() -> None:
    start = (dt.date(2021, 10, 1), dt.time(10, 0), "America/Mexico_City")
    assert convert(*start, "America/Tegucigalpa").time() == dt.time(9, 0)
    assert convert(*start, "America/Toronto").time() == dt.time(11, 0)
    assert convert(*start, "America/Argentina/Buenos_Aires").time() == dt.time(12, 0)


def test_late_session_moves_to_the_next_day_far_east() -> None:
    moved = convert(dt.date(2021, 9, 9), dt.time(22, 0), "America/Mexico_City", "Europe/Zurich")
    assert moved.date() == dt.date(2021, 9, 10)


def test_capital_zones_of_delegations() -> None:
    assert capital_zone("HN") == "America/Tegucigalpa"
    assert capital_zone("CA") == "America/Toronto"
    assert capital_zone("BR") == "America/Sao_Paulo"
    assert capital_zone("MX") == "America/Mexico_City"
    assert "America/Cancun" in country_zones("MX")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("09:00", dt.time(9)),
        ("9", dt.time(9)),
        ("9am", dt.time(9)),
        ("9 a.m.", dt.time(9)),
        ("9:30 PM", dt.time(21, 30)),
        ("12pm", dt.time(12)),
        ("12am", dt.time(0)),
        ("21h30", dt.time(21, 30)),
        ("10.50", dt.time(10, 50)),
    ],
)
def test_clock_times_as_typed(typed: str, expected: dt.time) -> None:
    assert parse_clock(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "9:75", "13pm", "noon", "9:5", ""])
def test_unreadable_clock_times_say_how_to_type_them(typed: str) -> None:
    with pytest.raises(ValidationError, match="09:00, 9:30, 9am"):
        parse_clock(typed)


def test_every_clock_time_round_trips() -> None:
    for hour in range(24):
        for minute in range(0, 60, 7):
            assert parse_clock(f"{hour:02d}:{minute:02d}") == dt.time(hour, minute)


def test_the_zone_list_starts_with_the_countrys_zones_then_the_forums_capitals() -> None:
    from rcm_desktop.domain.timezones import ordered_zone_choices

    choices = ordered_zone_choices("MX", "es")
    names = [name for _shown, name in choices]
    assert names[0] == "America/Mexico_City" and "America/Cancun" in names[:12]
    assert choices[0][0] == "Ciudad de México — America/Mexico_City"
    assert "America/Tegucigalpa" in names and "America/Argentina/Buenos_Aires" in names
    assert len(names) == len(set(names)), "no zone twice"
    assert ordered_zone_choices("HN", "en")[0] == (
        "Tegucigalpa — America/Tegucigalpa",
        "America/Tegucigalpa",
    )
