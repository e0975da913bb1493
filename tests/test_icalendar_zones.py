"""The .ics file's VTIMEZONEs: yearly rules as Outlook writes them, read the same by two parsers.

Each event's instant is checked against zoneinfo through `icalendar` (the VTIMEZONE turned
into a time zone, not looked up by its name) and through `vobject` (dateutil's reading).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from rcm_desktop.exchange.icalendar import SessionEvent, calendar_bytes

#: Wall-clock times on both sides of each zone's transitions (and of its rule changes).
CASES: dict[str, tuple[str, ...]] = {
    # Daylight saving until October 2022, abolished since.
    "America/Mexico_City": (
        "2021-10-01T10:00",  # the follow-up meeting: UTC-05:00
        "2021-11-15T10:00",
        "2022-04-01T10:00",
        "2022-04-04T10:00",
        "2022-10-29T10:00",
        "2022-10-31T10:00",
        "2023-04-15T10:00",
        "2023-07-01T10:00",
    ),
    "America/New_York": (
        "2024-03-09T12:00",
        "2024-03-11T12:00",
        "2024-11-02T12:00",
        "2024-11-04T12:00",
    ),
    "America/Toronto": (
        "2023-03-11T09:00",
        "2023-03-13T09:00",
        "2023-11-04T09:00",
        "2023-11-06T09:00",
    ),
    "America/Costa_Rica": ("2021-03-01T09:00", "2021-07-01T09:00"),
    # Chile postponed its 2022 change by a week (11 September instead of the 4th).
    "America/Santiago": (
        "2022-04-02T10:00",
        "2022-04-04T10:00",
        "2022-09-10T10:00",
        "2022-09-12T10:00",
        "2023-09-02T10:00",
        "2023-09-04T10:00",
    ),
    # Paraguay stayed on UTC-03:00 for good from October 2024.
    "America/Asuncion": (
        "2024-03-23T10:00",
        "2024-03-25T10:00",
        "2024-10-05T10:00",
        "2024-10-08T10:00",
        "2025-03-25T10:00",
        "2025-07-01T10:00",
    ),
    "Europe/Madrid": (
        "2021-03-27T10:00",
        "2021-03-29T10:00",
        "2021-10-30T10:00",
        "2021-11-01T10:00",
    ),
}


def _calendar() -> tuple[bytes, dict[str, dt.datetime]]:
    sessions, expected = [], {}
    number = 0
    for name, times in CASES.items():
        for text in times:
            number += 1
            start = dt.datetime.fromisoformat(text)
            sessions.append(
                SessionEvent(
                    number,
                    "Meeting",
                    f"Session {number}",
                    start.date(),
                    start.time(),
                    (start + dt.timedelta(hours=2)).time(),
                    name,
                    "",
                    "",
                )
            )
            expected[f"session-{number}@rcm-desk.local"] = start.replace(
                tzinfo=ZoneInfo(name)
            ).astimezone(dt.UTC)
    return calendar_bytes(sessions, [], version="test"), expected


@pytest.fixture(scope="module")
def exported() -> tuple[bytes, dict[str, dt.datetime]]:
    return _calendar()


def test_icalendar_reads_every_instant_from_the_vtimezones(exported) -> None:  # type: ignore[no-untyped-def]
    data, expected = exported
    parsed = icalendar.Calendar.from_ical(data)
    # Built from the VTIMEZONE text, not looked up by its TZID in the machine's database.
    zones = {
        str(block["TZID"]): block.to_tz(lookup_tzid=False) for block in parsed.walk("VTIMEZONE")
    }
    assert set(zones) == set(CASES)
    for event in parsed.walk("VEVENT"):
        start = event["DTSTART"]
        wall = start.dt.replace(tzinfo=None)
        info = zones[start.params["TZID"]]
        local = info.localize(wall) if hasattr(info, "localize") else wall.replace(tzinfo=info)
        assert local.astimezone(dt.UTC) == expected[str(event["UID"])], (start.params["TZID"], wall)


def test_vobject_reads_every_instant_from_the_vtimezones(exported) -> None:  # type: ignore[no-untyped-def]
    data, expected = exported
    parsed = vobject.readOne(data.decode("utf-8"))
    seen = 0
    for event in parsed.vevent_list:
        start = event.dtstart.value
        assert start.astimezone(dt.UTC) == expected[event.uid.value], (event.dtstart.params, start)
        seen += 1
    assert seen == len(expected)


def test_the_follow_up_meeting_is_at_utc_minus_five_in_both_parsers() -> None:
    session = SessionEvent(
        1,
        "Second Follow-up",
        "Session",
        dt.date(2021, 10, 1),
        dt.time(10, 0),
        dt.time(12, 0),
        "America/Mexico_City",
        "",
        "",
    )
    data = calendar_bytes([session], [], version="test")
    start = vobject.readOne(data.decode("utf-8")).vevent.dtstart.value
    assert start.utcoffset() == dt.timedelta(hours=-5)
    block = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")[0]
    local = dt.datetime(2021, 10, 1, 10, 0)
    info = block.to_tz(lookup_tzid=False)
    assert local.replace(tzinfo=info).utcoffset() == dt.timedelta(hours=-5)


def _blocks(data: bytes) -> dict[str, str]:
    text = data.decode("utf-8").replace("\r\n ", "")
    blocks = text.split("BEGIN:VTIMEZONE")[1:]
    return {block.split("TZID:", 1)[1].split("\r\n", 1)[0]: block for block in blocks}


def test_zones_are_written_with_yearly_rules_as_outlook_does(exported) -> None:  # type: ignore[no-untyped-def]
    blocks = _blocks(exported[0])
    new_york = blocks["America/New_York"]
    assert "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in new_york
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11" in new_york
    assert "RDATE" not in new_york
    assert "BYDAY=-1SU;BYMONTH=3" in blocks["Europe/Madrid"]
    # Mexico's rules stop with the last change of 2022.
    mexico = blocks["America/Mexico_City"]
    assert "UNTIL=20220403T080000Z;BYDAY=1SU;BYMONTH=4" in mexico
    assert "UNTIL=20221030T070000Z;BYDAY=-1SU;BYMONTH=10" in mexico
    # Chile's postponed change of 2022 is an RDATE of its own; the rule goes on around it.
    assert "RDATE:20220911T000000" in blocks["America/Santiago"]
    assert "BYDAY=SU;BYMONTHDAY=2,3,4,5,6,7,8;BYMONTH=9" in blocks["America/Santiago"]


def test_a_zone_without_daylight_saving_is_one_standard_with_no_rule(exported) -> None:  # type: ignore[no-untyped-def]
    costa_rica = _blocks(exported[0])["America/Costa_Rica"]
    assert costa_rica.count("BEGIN:STANDARD") == 1
    assert "DAYLIGHT" not in costa_rica and "RRULE" not in costa_rica and "RDATE" not in costa_rica
    assert "TZOFFSETFROM:-0600" in costa_rica and "TZOFFSETTO:-0600" in costa_rica
