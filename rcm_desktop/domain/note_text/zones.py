"""The organiser's time zone as notes name it → an IANA zone: "San José time", "Mexico City
time", "Mexico Time, GMT-5", "hora de Costa Rica", "hora de Ciudad de México", "hora del Este
(EE. UU.)", "Eastern Time". An offset ("(GMT-6)", "UTC-5") names a zone only together with a
place on the same line whose zone has that offset; alone it is reported as an offset.
Not read: abbreviations (CST, EDT: ambiguous), places missing from `PLACES`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from rcm_desktop.domain.note_text.found import Source, fold_keep_length, numbered_lines, source_at
from rcm_desktop.domain.note_text.words import alternation

#: Places (folded: lower-case, no accents) and regions people name a meeting's time by.
PLACES: dict[str, str] = {
    "san jose": "America/Costa_Rica",
    "costa rica": "America/Costa_Rica",
    "mexico city": "America/Mexico_City",
    "ciudad de mexico": "America/Mexico_City",
    "cdmx": "America/Mexico_City",
    "centro de mexico": "America/Mexico_City",
    "mexico": "America/Mexico_City",
    "panama": "America/Panama",
    "guatemala": "America/Guatemala",
    "honduras": "America/Tegucigalpa",
    "tegucigalpa": "America/Tegucigalpa",
    "el salvador": "America/El_Salvador",
    "san salvador": "America/El_Salvador",
    "nicaragua": "America/Managua",
    "managua": "America/Managua",
    "belize": "America/Belize",
    "belice": "America/Belize",
    "santo domingo": "America/Santo_Domingo",
    "dominican republic": "America/Santo_Domingo",
    "republica dominicana": "America/Santo_Domingo",
    "washington": "America/New_York",
    "washington d.c.": "America/New_York",
    "new york": "America/New_York",
    "nueva york": "America/New_York",
    "eastern": "America/New_York",
    "del este": "America/New_York",
    "ottawa": "America/Toronto",
    "buenos aires": "America/Argentina/Buenos_Aires",
    "argentina": "America/Argentina/Buenos_Aires",
    "lima": "America/Lima",
    "peru": "America/Lima",
    "bogota": "America/Bogota",
    "colombia": "America/Bogota",
    "santiago": "America/Santiago",
    "chile": "America/Santiago",
    "quito": "America/Guayaquil",
    "ecuador": "America/Guayaquil",
    "caracas": "America/Caracas",
    "venezuela": "America/Caracas",
    "brasilia": "America/Sao_Paulo",
    "la paz": "America/La_Paz",
    "bolivia": "America/La_Paz",
    "asuncion": "America/Asuncion",
    "paraguay": "America/Asuncion",
    "montevideo": "America/Montevideo",
    "uruguay": "America/Montevideo",
    "geneva": "Europe/Zurich",
    "ginebra": "Europe/Zurich",
}

_PLACE = rf"(?P<place>{alternation(re.escape(p) for p in PLACES)})"
_PHRASE = re.compile(
    rf"(?<![\w]){_PLACE}(?:\s*\([^)]{{0,20}}\))?\s+(?:standard\s+|daylight\s+)?time\b"
    rf"|\bhora(?:rio)?\s+(?:oficial\s+)?(?:de(?:l)?\s+)?(?:la\s+)?{_PLACE.replace('place', 'place2')}(?![\w])"
)
_OFFSET = re.compile(
    r"\b(?:gmt|utc)\s*(?P<sign>[-+−–])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?\b"
)
#: Years whose January and July offsets stand for "some time of the year" without a date
#: (Mexico kept daylight saving time until 2022).
_SOME_YEARS = (2015, 2020, 2025)
_ANY_PLACE = re.compile(rf"(?<![\w]){_PLACE}(?![\w])")


@dataclass(frozen=True)
class FoundZone:
    """A time zone (IANA name) and/or an offset from UTC, and where it was written.

    `offset_agrees` says whether the zone has the written offset (on *on*, or at some time of
    the year when no date is given); None when either is missing."""

    zone: str | None
    offset: dt.timedelta | None
    source: Source
    offset_agrees: bool | None


def find_zones(text: str, on: dt.date | None = None) -> list[FoundZone]:
    """Every time-zone phrase in *text*, in reading order; *on* is the meeting's date, if known."""
    found: list[FoundZone] = []
    for number, line in numbered_lines(text):
        folded = fold_keep_length(line)
        phrases = list(_PHRASE.finditer(folded))
        offsets = list(_OFFSET.finditer(folded))
        if not phrases and not offsets:
            continue
        offset = _offset(offsets[0]) if offsets else None
        if phrases:
            for match in phrases:
                zone = PLACES[match["place"] or match["place2"]]
                span = _span(match, offsets[0] if offsets else None)
                found.append(_found(zone, offset, source_at(number, line, *span), on))
            continue
        place = _ANY_PLACE.search(folded)
        zone = PLACES[place["place"]] if place else None
        if zone is not None and not _has_offset(zone, offset, on):
            zone = None  # the place on the line is not the offset's: report the offset alone
        span = _span(offsets[0], place if zone else None)
        found.append(_found(zone, offset, source_at(number, line, *span), on))
    return found


def find_zone(text: str, on: dt.date | None = None) -> FoundZone | None:
    """The first time zone *text* names (an offset alone when that is all it writes), or None."""
    found = find_zones(text, on)
    return next((item for item in found if item.zone), found[0] if found else None)


def _offset(match: re.Match[str]) -> dt.timedelta:
    sign = 1 if match["sign"] == "+" else -1
    return sign * dt.timedelta(hours=int(match["hours"]), minutes=int(match["minutes"] or 0))


def _span(first: re.Match[str], second: re.Match[str] | None) -> tuple[int, int]:
    if second is None:
        return first.span()
    return min(first.start(), second.start()), max(first.end(), second.end())


def _has_offset(zone: str, offset: dt.timedelta | None, on: dt.date | None) -> bool:
    if offset is None:
        return True
    info = ZoneInfo(zone)
    if on is not None:
        return info.utcoffset(dt.datetime(on.year, on.month, on.day, 12)) == offset
    return any(
        info.utcoffset(dt.datetime(year, month, 15, 12)) == offset
        for year in _SOME_YEARS
        for month in (1, 7)
    )


def _found(zone: str, offset: dt.timedelta | None, source: Source, on: dt.date | None) -> FoundZone:
    agrees = None if zone is None or offset is None else _has_offset(zone, offset, on)
    return FoundZone(zone, offset, source, agrees)
