"""Working days under a country's calendar: weekends, that country's public holidays
(observed and moved days included, from the `holidays` package) and closures the user adds.

Convention (the RCM's: "Member Countries will have 10 working days to send comments"): the
anchor day is not counted, day 1 is the next working day, and the deadline is the end of
working day N. Every result can explain itself, naming the calendar and each day skipped.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _, country_name, current_language, format_date, format_list

#: The calendars offered: every member of the RCM and of the SACM.
SUPPORTED_CALENDARS: tuple[str, ...] = (
    "AR", "BO", "BR", "BZ", "CA", "CL", "CO", "CR", "DO", "EC", "GT", "GY",
    "HN", "MX", "NI", "PA", "PE", "PY", "SR", "SV", "US", "UY", "VE",
)  # fmt: skip
SATURDAY, SUNDAY = 5, 6
#: Holidays beyond this many days after the anchor are never needed (N is at most a few months).
MAX_WORKING_DAYS = 366


@dataclass(frozen=True)
class Calendar:
    """Which days are not worked: weekend days, a country's holidays (chosen categories), closures."""

    country: str
    categories: tuple[str, ...] = ("public",)
    closures: frozenset[dt.date] = field(default_factory=frozenset)
    weekend: frozenset[int] = frozenset({SATURDAY, SUNDAY})

    def name(self) -> str:
        """How the calendar is shown to the user: "Mexico's calendar" in the active language."""
        return _("%(country)s's calendar") % {"country": country_name(self.country)}


@dataclass(frozen=True)
class SkippedDay:
    day: dt.date
    reason: str  # "weekend", a holiday's name, or "closure"


@dataclass(frozen=True)
class WorkdayResult:
    anchor: dt.date
    days: int
    calendar: Calendar
    due: dt.date
    skipped: tuple[SkippedDay, ...]

    def explain(self) -> str:
        """E.g. "10 working days after Thu 30 Sep 2021, Mexico's calendar: Thu 14 Oct 2021; skipped: …"."""
        facts = {
            "n": self.days,
            "anchor": format_date(self.anchor, "EEE d MMM y"),
            "calendar": self.calendar.name(),
            "due": format_date(self.due, "EEE d MMM y"),
        }
        if not self.skipped:
            return _("%(n)d working days after %(anchor)s, %(calendar)s: %(due)s") % facts
        skipped = format_list(
            [
                _("%(day)s (%(reason)s)")
                % {"day": format_date(item.day, "EEE d MMM"), "reason": _describe(item.reason)}
                for item in self.skipped
            ]
        )
        # not in parentheses: each skipped day has its reason in them
        sentence = _(
            "%(n)d working days after %(anchor)s, %(calendar)s: %(due)s; skipped: %(days)s"
        )
        return sentence % {**facts, "days": skipped}


def _describe(reason: str) -> str:
    if reason == "weekend":
        return _("weekend")
    if reason == "closure":
        return _("closure")
    return reason


_SUPPORTED = frozenset(SUPPORTED_CALENDARS)


def check_calendar(country: str) -> str:
    """The upper-cased code when RCM Desk has a calendar for it; else a message listing those it has."""
    if country in _SUPPORTED:
        return country
    code = (country or "").strip().upper()
    if code not in SUPPORTED_CALENDARS:
        raise ValidationError(
            _("There is no working-day calendar for “%(code)s”. Use one of: %(codes)s.")
            % {"code": country, "codes": format_list(SUPPORTED_CALENDARS, "or")},
            field="calendar",
        )
    return code


def _holiday_language(country: str) -> str | None:
    return _holiday_language_for(country, current_language())


@lru_cache(maxsize=256)
def _holiday_language_for(country: str, language: str) -> str | None:
    import holidays

    supported = holidays.country_holidays(country).supported_languages
    for candidate in (language, f"{language}_US", f"{language}_BR", f"{language}_CA"):
        if candidate in supported:
            return candidate
    return None


@lru_cache(maxsize=512)
def _holidays(
    country: str, categories: tuple[str, ...], year: int, language: str | None
) -> dict[dt.date, str]:
    import holidays

    calendar = holidays.country_holidays(
        country, years=year, categories=categories, language=language
    )
    return {day: name for day, name in calendar.items() if day.year == year}


@lru_cache(maxsize=64)
def _coverage(country: str) -> tuple[int, int, tuple[str, ...]]:
    import holidays

    data = holidays.country_holidays(country)
    return data.start_year, data.end_year, tuple(data.supported_categories)


def holidays_in(calendar: Calendar, year: int) -> dict[dt.date, str]:
    """The calendar's holidays of *year*, named in the active language where the data has it."""
    country = check_calendar(calendar.country)
    start_year, end_year, supported_categories = _coverage(country)
    if not start_year <= year <= end_year:
        raise ValidationError(
            _(
                "The holiday data for %(country)s covers %(first)d to %(last)d; %(year)d is outside "
                "it, so no working day can be counted for that year."
            )
            % {
                "country": country_name(country),
                "first": start_year,
                "last": end_year,
                "year": year,
            },
            field="anchor",
        )
    unknown = set(calendar.categories) - set(supported_categories)
    if unknown:
        raise ValidationError(
            _("%(country)s's calendar has no “%(category)s” days. Choose from: %(choices)s.")
            % {
                "country": country_name(country),
                "category": format_list(sorted(unknown)),
                "choices": format_list(list(supported_categories), "or"),
            },
            field="categories",
        )
    return _holidays(country, tuple(sorted(calendar.categories)), year, _holiday_language(country))


def why_not_working(day: dt.date, calendar: Calendar) -> str | None:
    """Why *day* is not a working day ("weekend", a holiday's name, "closure"), or None if it is one."""
    if day in calendar.closures:
        return "closure"
    holiday = holidays_in(calendar, day.year).get(day)
    if holiday:
        return holiday
    if day.weekday() in calendar.weekend:
        return "weekend"
    return None


def add_working_days(anchor: dt.date, days: int, calendar: Calendar) -> WorkdayResult:
    """The end of working day *days* after *anchor* (the anchor itself is not counted)."""
    if days < 1:
        raise ValidationError(
            _("The number of working days must be 1 or more (it is %(n)d).") % {"n": days},
            field="days",
        )
    if days > MAX_WORKING_DAYS:
        raise ValidationError(
            _("%(n)d working days is more than a year; use a fixed date instead.") % {"n": days},
            field="days",
        )
    check_calendar(calendar.country)
    counted = 0
    day = anchor
    skipped: list[SkippedDay] = []
    while counted < days:
        day += dt.timedelta(days=1)
        reason = why_not_working(day, calendar)
        if reason is None:
            counted += 1
        else:
            skipped.append(SkippedDay(day, reason))
    return WorkdayResult(anchor, days, calendar, day, tuple(skipped))


@lru_cache(maxsize=256)
def _working_ordinals(calendar: Calendar, first_year: int, last_year: int) -> list[int]:
    """The ordinals of every working day of the years, in order (an index for fast arithmetic)."""
    off = {
        day.toordinal()
        for year in range(first_year, last_year + 1)
        for day in holidays_in(calendar, year)
    }
    off |= {day.toordinal() for day in calendar.closures}
    first = dt.date(first_year, 1, 1).toordinal()
    last = dt.date(last_year, 12, 31).toordinal()
    weekend = calendar.weekend
    return [
        ordinal
        for ordinal in range(first, last + 1)
        if ordinal not in off and (ordinal - 1) % 7 not in weekend  # ordinal 1 is a Monday
    ]


def working_day_index(calendar: Calendar, year: int) -> list[int]:
    """Ordinals of the working days from 1 January of *year* through two more years (or the data's end)."""
    return _working_ordinals(calendar, year, min(year + 2, _coverage(calendar.country.upper())[1]))


def due_in_index(ordinals: list[int], anchor: dt.date, days: int, calendar: Calendar) -> dt.date:
    """The due date found in `working_day_index(calendar, anchor.year)` by binary search.

    Out-of-range day counts, and counts that run past the holiday data, go to the
    day-by-day count, which raises the user-facing error.
    """
    position = bisect.bisect_right(ordinals, anchor.toordinal()) + days - 1
    if not 1 <= days <= MAX_WORKING_DAYS or position >= len(ordinals):
        return add_working_days(anchor, days, calendar).due
    return dt.date.fromordinal(ordinals[position])


def due_after(anchor: dt.date, days: int, calendar: Calendar) -> dt.date:
    """Like `add_working_days(...).due`, by binary search in a per-calendar index of working days."""
    if days < 1 or days > MAX_WORKING_DAYS:
        return add_working_days(anchor, days, calendar).due  # raises the user-facing error
    check_calendar(calendar.country)
    return due_in_index(working_day_index(calendar, anchor.year), anchor, days, calendar)


def count_working_days(start: dt.date, end: dt.date, calendar: Calendar) -> int:
    """Working days after *start* up to and including *end* (0 when end <= start)."""
    check_calendar(calendar.country)
    if end <= start:
        return 0
    if end.year - start.year <= 2 and end.year <= _coverage(calendar.country.upper())[1]:
        ordinals = _working_ordinals(calendar, start.year, end.year)
        return bisect.bisect_right(ordinals, end.toordinal()) - bisect.bisect_right(
            ordinals, start.toordinal()
        )
    total = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if why_not_working(day, calendar) is None:
            total += 1
    return total
