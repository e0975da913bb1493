"""Times and time ranges as agendas write them: "10:00 – 10:10", "09:45", "10:10 hrs",
"9:00 a.m.- 11:00 a.m.", "2:30 p.m.", "9 a.m.", "14h30", "de 9:00 a 11:00".
Not read: times with a dot ("9.30") unless a.m./p.m. follows, durations ("(10min)")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rcm_desktop.domain.note_text.found import Source, fold_keep_length, numbered_lines, source_at


@dataclass(frozen=True)
class FoundTime:
    """A time, or a time range (`end` set), and where it was written."""

    start: dt.time
    end: dt.time | None
    source: Source


_MERIDIEM = r"(?:\s*(?P<{0}>[ap])\.?\s?m\b\.?)"
_SUFFIX = r"(?:\s*(?:hrs?\b\.?|horas\b|h\b))?"


def _clock(name: str) -> str:
    return (
        rf"(?:(?P<{name}h>[01]?\d|2[0-3])(?P<{name}sep>[:h]|\.(?=\d\d\s*[ap]\.?\s?m))"
        rf"(?P<{name}m>[0-5]\d)(?!\d){_MERIDIEM.format(name + 'ap')}?{_SUFFIX}"
        rf"|(?P<{name}bare>1[0-2]|0?[1-9]){_MERIDIEM.format(name + 'bap')})"
    )


_RANGE = re.compile(
    rf"(?<![\d:./])(?:de\s+|from\s+)?{_clock('a')}"
    rf"(?:\s*(?:[-–—]|to|a|al|hasta|until)\s*{_clock('b')})?"
)


def find_times(text: str) -> list[FoundTime]:
    """Every time or time range written in *text*, in reading order."""
    found: list[FoundTime] = []
    for number, line in numbered_lines(text):
        for match in _RANGE.finditer(fold_keep_length(line)):
            item = _read(number, line, match)
            if item is not None:
                found.append(item)
    return found


def _parts(match: re.Match[str], name: str) -> tuple[int, int, str | None] | None:
    if match[name + "bare"] is not None:
        return int(match[name + "bare"]), 0, match[name + "bap"]
    if match[name + "h"] is None:
        return None
    return int(match[name + "h"]), int(match[name + "m"]), match[name + "ap"]


def _to_time(hour: int, minute: int, meridiem: str | None) -> dt.time | None:
    if meridiem is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    return dt.time(hour, minute)


def _read(number: int, line: str, match: re.Match[str]) -> FoundTime | None:
    first = _parts(match, "a")
    second = _parts(match, "b")
    if first is None:
        return None
    if second is None:
        start = _to_time(*first)
        end = None
    else:
        meridiem = first[2]
        if meridiem is None and second[2] is not None:  # "9:00 - 11:00 a.m.": one suffix for both
            meridiem = second[2]
            if second[2] == "p" and first[0] < 12 and first[0] + 12 > second[0] % 12 + 12:
                meridiem = "a"  # "11:00 - 1:00 p.m." starts in the morning
        start = _to_time(first[0], first[1], meridiem)
        end = _to_time(*second)
    if start is None:
        return None
    return FoundTime(start, end, source_at(number, line, match.start(), match.end()))
