"""VTIMEZONE blocks as Outlook and Google Calendar write them, derived from the IANA data.

Each zone is described over the span of years its events cover (a year before the first to
two after the last): its transitions are read from zoneinfo, and every series of yearly
transitions that follows one rule ("second Sunday of March at 02:00") becomes a STANDARD or
DAYLIGHT sub-component with a yearly RRULE (with UNTIL when the rule stops inside the span);
transitions that follow no rule become RDATEs. A zone that does not change in the span is a
single STANDARD with no rule. Every parser then agrees with zoneinfo on every event's instant.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Transition:
    """A change of a zone's offset, daylight-saving flag or abbreviation."""

    at: dt.datetime  # the instant, in UTC
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    daylight: bool  # daylight-saving time after the change
    name: str  # abbreviation after the change ("CDT", "-03")

    @property
    def onset(self) -> dt.datetime:
        """The wall-clock time it happens at, before the change (DTSTART's meaning)."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    @property
    def kind(self) -> tuple[bool, dt.timedelta, dt.timedelta, str]:
        return (self.daylight, self.offset_from, self.offset_to, self.name)


@dataclass(frozen=True)
class Observance:
    """One STANDARD or DAYLIGHT sub-component."""

    daylight: bool
    start: dt.datetime  # local, floating
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str
    rule: dict[str, Any] | None = None  # RRULE parts, as icalendar's vRecur takes them
    dates: tuple[dt.datetime, ...] = ()  # RDATEs, local


def _state(info: ZoneInfo, instant: dt.datetime) -> tuple[dt.timedelta, bool, str]:
    local = instant.astimezone(info)
    return local.utcoffset() or dt.timedelta(0), bool(local.dst()), local.tzname() or ""


def transitions(info: ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[Transition]:
    """Every change of *info* between the UTC instants *start* and *end*, to the second."""
    found: list[Transition] = []
    before, state = start, _state(info, start)
    while before < end:
        after = min(before + _DAY, end)
        new = _state(info, after)
        if new != state:
            low, high = before, after  # the change lies in (low, high]
            while high - low > dt.timedelta(seconds=1):
                middle = (low + (high - low) / 2).replace(microsecond=0)
                if _state(info, middle) == state:
                    low = middle
                else:
                    high = middle
            changed = _state(info, high)
            found.append(Transition(high, state[0], changed[0], changed[1], changed[2]))
            state, before = changed, high
            continue
        before = after
    return found


#: A rule: (month, weekday, wall-clock time, first day it may fall on, or LAST).
Rule = tuple[int, int, dt.time, int]
LAST = -1
#: A rule applies where it gives the transition of at least this many years in a row.
MIN_YEARS = 3


def _rules_of(onset: dt.datetime) -> set[Rule]:
    """Every yearly rule that gives *onset*: "the Sunday on or after the Nth", or the last one."""
    head = (onset.month, onset.weekday(), onset.time())
    rules = {(*head, first) for first in range(max(1, onset.day - 6), onset.day + 1)}
    if onset.day + 7 > calendar.monthrange(onset.year, onset.month)[1]:
        rules.add((*head, LAST))
    return rules


def _runs(changes: Sequence[Transition]) -> list[list[Transition]]:
    """*changes* (at most one a year, in order) cut into runs of consecutive years."""
    runs: list[list[Transition]] = []
    for change in changes:
        if runs and change.onset.year == runs[-1][-1].onset.year + 1:
            runs[-1].append(change)
        else:
            runs.append([change])
    return runs


def _recur(rule: Rule) -> dict[str, Any]:
    """RRULE parts of *rule*, as Outlook writes them where it can (BYDAY=2SU, BYDAY=-1SU)."""
    month, weekday, _time, first = rule
    name = _WEEKDAYS[weekday]
    parts: dict[str, Any] = {"freq": "YEARLY", "bymonth": [month]}
    if first == LAST:
        return {**parts, "byday": [f"-1{name}"]}
    if first % 7 == 1:
        return {**parts, "byday": [f"{first // 7 + 1}{name}"]}
    return {**parts, "byday": [name], "bymonthday": list(range(first, min(first + 7, 32)))}


def _ruled(
    changes: list[Transition],
) -> tuple[list[tuple[Rule, list[Transition]]], list[Transition]]:
    """The runs of *changes* (one kind) that yearly rules give, and the changes left irregular.

    The rule giving the longest run is taken first (then the most years, then the plain
    "nth Sunday" and "last Sunday" forms), so an odd year stays an RDATE of its own.
    """
    ruled: list[tuple[Rule, list[Transition]]] = []
    left = list(changes)
    while True:
        best: tuple[tuple[int, int, bool, int], Rule, list[list[Transition]]] | None = None
        for rule in set().union(*(_rules_of(change.onset) for change in left)):
            runs = [
                run
                for run in _runs([change for change in left if rule in _rules_of(change.onset)])
                if len(run) >= MIN_YEARS
            ]
            if not runs:
                continue
            plain = rule[3] == LAST or rule[3] % 7 == 1
            score = (max(map(len, runs)), sum(map(len, runs)), plain, -rule[3])
            if best is None or score > best[0]:
                best = (score, rule, runs)
        if best is None:
            return ruled, left
        _score, rule, runs = best
        for run in runs:
            ruled.append((rule, run))
            left = [change for change in left if change not in run]


def observances(name: str, first: dt.datetime, last: dt.datetime) -> list[Observance]:
    """The sub-components of zone *name* for events from *first* to *last* (UTC instants),
    over the span from a year before the first to two years after the last."""
    info = ZoneInfo(name)
    start = dt.datetime(first.year - 1, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last.year + 3, 1, 1, tzinfo=dt.UTC)
    changes = transitions(info, start, end)
    offset, daylight, abbreviation = _state(info, start)
    result: list[Observance] = []
    if not changes or changes[0].at > first:  # times before the first change need one too
        floating = dt.datetime(start.year, 1, 1)
        result.append(Observance(daylight, floating, offset, offset, abbreviation))
    kinds: dict[tuple[bool, dt.timedelta, dt.timedelta, str], list[Transition]] = {}
    for change in changes:
        kinds.setdefault(change.kind, []).append(change)
    for kind, of_kind in kinds.items():
        ruled, irregular = _ruled(of_kind)
        for rule, run in ruled:
            recur = _recur(rule)
            if run[-1].onset.year < end.year - 1:  # the rule stops inside the span
                recur["until"] = _until(run[-1])
            result.append(Observance(*_parts(kind, run[0]), rule=recur))
        if irregular:
            dates = tuple(change.onset for change in irregular[1:])
            result.append(Observance(*_parts(kind, irregular[0]), dates=dates))
    result.sort(key=lambda observance: observance.start)
    return result


def _until(change: Transition) -> dt.datetime:
    """UNTIL for a rule whose last change is *change*: in UTC, as RFC 5545 asks, and no earlier
    than its wall-clock time, so parsers that read UNTIL as local time keep it too."""
    return max(change.onset, change.at.replace(tzinfo=None)).replace(tzinfo=dt.UTC)


def _parts(
    kind: tuple[bool, dt.timedelta, dt.timedelta, str], change: Transition
) -> tuple[bool, dt.datetime, dt.timedelta, dt.timedelta, str]:
    daylight, offset_from, offset_to, name = kind
    return daylight, change.onset, offset_from, offset_to, name


def vtimezone(name: str, instants: Iterable[dt.datetime]) -> Any:
    """An icalendar VTIMEZONE for zone *name* covering the events at *instants*."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    moments = sorted(instant.astimezone(dt.UTC) for instant in instants)
    parts = observances(name, moments[0], moments[-1])
    block = Timezone()
    block.add("tzid", name)
    for part in parts:
        component = TimezoneDaylight() if part.daylight else TimezoneStandard()
        component.add("dtstart", part.start)
        if part.rule is not None:
            component.add("rrule", part.rule)
        for date in part.dates:
            component.add("rdate", date)
        component.add("tzoffsetfrom", part.offset_from)
        component.add("tzoffsetto", part.offset_to)
        if part.name:
            component.add("tzname", part.name)
        block.add_component(component)
    return block
