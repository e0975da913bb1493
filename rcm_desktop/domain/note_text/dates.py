"""Dates as notes write them, in English and Spanish: "6 October 2020", "October 6th, 2020",
"6–7 October", "6 and 7 October 2020", "9-10 September 2021", "martes 6 de octubre de 2020",
"jueves 12 y viernes 13 de marzo", "30 de septiembre", "del 6 al 7 de octubre". A date
without a year takes *default_year*, or the one year the note's other dates name; with
neither it is left out, never guessed.
Not read: numeric dates ("06/10/2020", which read two ways), ranges across months."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from rcm_desktop.domain.note_text.found import Source, fold_keep_length, numbered_lines, source_at
from rcm_desktop.domain.note_text.words import MONTHS, WEEKDAYS, alternation


@dataclass(frozen=True)
class FoundDate:
    """One date, or the days of a range or list ("6 and 7 October"), and where it was written."""

    days: tuple[dt.date, ...]
    source: Source
    year_written: bool
    weekday_agrees: bool | None  # None when no weekday was written

    @property
    def start(self) -> dt.date:
        """The first day."""
        return self.days[0]

    @property
    def end(self) -> dt.date:
        """The last day (the start for a single date)."""
        return self.days[-1]


_MONTH = rf"(?P<month>{alternation(MONTHS)})(?:\.(?=\s*\d))?"  # "Oct. 6", not a full stop
_WEEKDAY = rf"(?:(?P<weekday>{alternation(WEEKDAYS)})\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th|º|°|o|er)?"
_DAY = rf"(?P<day>[0-3]?\d){_ORD}(?!\d)"
_JOIN = r"\s*(?P<join>[-–—]|and|&|y|e|et|to|through|al|a)\s*"
#: The second day of "6 and 7 October", "jueves 12 y viernes 13 de marzo".
_DAY2 = (
    rf"(?:{_JOIN}(?:the\s+)?(?:(?:{alternation(WEEKDAYS)})\.?,?\s+)?"
    rf"(?P<day2>[0-3]?\d){_ORD}(?!\d))?"
)
_YEAR = r"(?:\s*,?\s*(?:de(?:l)?\s+)?(?P<year>(?:19|20)\d{2})(?!\d))?"
_DAY_FIRST = re.compile(
    rf"(?<![\w:/.]){_WEEKDAY}(?:(?:the|el|del|le)\s+)?{_DAY}{_DAY2}\s*(?:de\s+|of\s+)?{_MONTH}(?![a-z]){_YEAR}"
)
_MONTH_FIRST = re.compile(rf"(?<![\w:/.]){_WEEKDAY}{_MONTH}\s+(?:the\s+)?{_DAY}{_DAY2}{_YEAR}")
#: Month words that are also common words: a date with one needs a year ("Session 2 may…").
_NEEDS_YEAR = frozenset({"may", "mar", "jun", "sat", "sun"})
_RANGE_JOINS = frozenset({"-", "–", "—", "to", "through", "al", "a"})


def find_dates(text: str, default_year: int | None = None) -> list[FoundDate]:
    """Every date written in *text*, in reading order."""
    if default_year is None:
        default_year = note_year(text)
    found: list[FoundDate] = []
    for number, line, match in _matches(text):
        item = _read(number, line, match, default_year)
        if item is not None:
            found.append(item)
    return found


def note_year(text: str) -> int | None:
    """The year the note's complete dates name most often (the earliest on a tie), or None."""
    years = Counter(
        int(match["year"]) for _, _, match in _matches(text) if match["year"] is not None
    )
    if not years:
        return None
    best = max(years.values())
    return min(year for year, count in years.items() if count == best)


def _matches(text: str) -> list[tuple[int, str, re.Match[str]]]:
    out = []
    for number, line in numbered_lines(text):
        folded = fold_keep_length(line)
        first = list(_DAY_FIRST.finditer(folded))  # ordered and never overlapping
        starts = [match.start() for match in first]
        out.extend((number, line, match) for match in first)
        for match in _MONTH_FIRST.finditer(folded):
            at = bisect.bisect_left(
                starts, match.end()
            )  # the day-first matches starting before its end
            if at and first[at - 1].end() > match.start():
                continue  # overlaps a day-first date
            out.append((number, line, match))
    out.sort(key=lambda item: (item[0], item[2].start()))
    return out


def _read(
    number: int, line: str, match: re.Match[str], default_year: int | None
) -> FoundDate | None:
    month = MONTHS[match["month"]]
    year_written = match["year"] is not None
    if match["month"] in _NEEDS_YEAR and not year_written and match["weekday"] is None:
        return None
    year = int(match["year"]) if year_written else default_year
    if year is None:
        return None
    first = int(match["day"])
    last = int(match["day2"]) if match["day2"] else None
    size = calendar.monthrange(year, month)[1]
    if not 1 <= first <= size or (last is not None and not first < last <= size):
        return None
    if last is None:
        days: tuple[dt.date, ...] = (dt.date(year, month, first),)
    elif match["join"] in _RANGE_JOINS:
        days = tuple(dt.date(year, month, day) for day in range(first, last + 1))
    else:
        days = (dt.date(year, month, first), dt.date(year, month, last))
    agrees = None if match["weekday"] is None else WEEKDAYS[match["weekday"]] == days[0].weekday()
    source = source_at(number, line, match.start(), match.end())
    return FoundDate(days, source, year_written, agrees)
