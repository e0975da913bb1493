"""Deadlines: a number of working or calendar days after a date or session ("10 working days
after the session of 30 September", "10 días hábiles"), or a fixed date ("by 15 March at the
latest", "a más tardar el 15 de marzo", "no later than 28 October"), with what they are for
when the same sentence says it (comments, nominations, registration, approval).
Not read: which country's calendar counts the working days (the note rarely says; the caller
decides and shows it), deadlines split across sentences."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rcm_desktop.domain.note_text.dates import find_dates, note_year
from rcm_desktop.domain.note_text.found import (
    Source,
    fold_keep_length,
    numbered_lines,
    sentences,
    source_at,
)
from rcm_desktop.domain.note_text.words import NUMBERS, alternation, number_value

WORKING_DAYS, CALENDAR_DAYS, DAYS, FIXED_DATE = "working_days", "calendar_days", "days", "date"


@dataclass(frozen=True)
class FoundDeadline:
    """A deadline: `rule` is working_days, calendar_days, days (the kind is not said) or date.

    `days` and `after` belong to relative rules (`after` None when no date is in the
    sentence); `due` to a fixed date. `purpose` is comments, nominations, registration,
    approval or None."""

    rule: str
    days: int | None
    after: dt.date | None
    due: dt.date | None
    purpose: str | None
    source: Source


_COUNT = rf"(?P<count>\d{{1,3}}|{alternation(NUMBERS)})(?:\s*\(\d{{1,3}}\))?"
_RELATIVE = re.compile(
    rf"\b{_COUNT}\s+(?:(?P<kind1>working|business|calendar|natural)\s+)?(?:days?|dias?)\b"
    rf"(?:\s+(?P<kind2>habiles|laborables|naturales|calendario|corridos|de\s+calendario))?"
)
_TIME_LIMIT = re.compile(r"\b(?:within|dentro\s+de|plazo|deadline|term)\b")
_WORKING = frozenset({"working", "business", "habiles", "laborables"})
_BEFORE_DUE = re.compile(
    r"(?:\bby|\bbefore|no\s+later\s+than|not\s+later\s+than|\buntil|\bdeadline\s*(?:is|:)?"
    r"|a\s+mas\s+tardar(?:\s+el)?|\bantes\s+del?|\bhasta\s+el|fecha\s+limite\s*(?:es|:)?"
    r"|\bplazo\s*(?:es|:)?|\bel\s+plazo\s+vence\s+el|au\s+plus\s+tard(?:\s+le)?|\bavant(?:\s+le)?"
    r"|\bate\s+(?:o\s+dia\s+)?|o\s+mais\s+tardar\s+(?:em|ate)?)\s*(?:the\s+|el\s+)?$"
)
_AFTER_DUE = re.compile(r"^\s*,?\s*(?:at\s+the\s+latest|a\s+mas\s+tardar|au\s+plus\s+tard)")
_PURPOSES = {
    "comments": r"comment|observacion|comentario|insumo|feedback|aportes",
    "nominations": r"nominat|nomina|designa|postula|acredita|credential",
    "registration": r"regist|inscri|sign\s+up",
    "approval": r"approv|aproba|aprueb|endorse",
}


_PURPOSE_REACH = 300
_NUMBER_WORD = re.compile(rf"\b{alternation(NUMBERS)}\b")


def find_deadlines(text: str, default_year: int | None = None) -> list[FoundDeadline]:
    """Every deadline *text* sets, in reading order."""
    year = default_year if default_year is not None else note_year(text)
    found: list[FoundDeadline] = []
    for number, line in numbered_lines(text):
        folded = fold_keep_length(line)
        if not any(char.isdigit() for char in line) and not _NUMBER_WORD.search(folded):
            continue  # no count and no date: no deadline (most lines of a note)
        for offset, sentence in sentences(folded):
            dates = find_dates(line[offset : offset + len(sentence)], year)
            for match in _RELATIVE.finditer(sentence):
                days = number_value(match["count"].replace(" ", "-"))
                if not days:
                    continue
                kinds = {match["kind1"], match["kind2"]} - {None}
                rule = WORKING_DAYS if kinds & _WORKING else CALENDAR_DAYS if kinds else DAYS
                if rule == DAYS and not _TIME_LIMIT.search(sentence) and not _purpose(sentence, 0):
                    continue  # "a workshop of two days" is no deadline
                after = dates[0].start if len({d.start for d in dates}) == 1 else None
                span = (offset + match.start(), offset + match.end())
                found.append(
                    _deadline(rule, days, after, None, sentence, match.start(), line, number, span)
                )
            for date in dates:
                where = date.source.column  # in the sentence, which find_dates read
                if _BEFORE_DUE.search(sentence[max(0, where - 40) : where]) or _AFTER_DUE.match(
                    sentence[where + len(date.source.text) :]
                ):
                    span = (offset + where, offset + where + len(date.source.text))
                    found.append(
                        _deadline(
                            FIXED_DATE, None, None, date.end, sentence, where, line, number, span
                        )
                    )
    return found


def _deadline(
    rule: str,
    days: int | None,
    after: dt.date | None,
    due: dt.date | None,
    sentence: str,
    at: int,
    line: str,
    number: int,
    span: tuple[int, int],
) -> FoundDeadline:
    return FoundDeadline(
        rule, days, after, due, _purpose(sentence, at), source_at(number, line, *span)
    )


def _purpose(sentence: str, at: int) -> str | None:
    """The purpose word of *sentence* nearest to position *at* (within 300 characters: a
    purpose further away belongs to another deadline), or None."""
    best: tuple[int, str] | None = None
    start = max(0, at - _PURPOSE_REACH)
    window = sentence[start : at + _PURPOSE_REACH]
    for purpose, pattern in _PURPOSES.items():
        for match in re.finditer(pattern, window):
            distance = abs(start + match.start() - at)
            if best is None or distance < best[0]:
                best = (distance, purpose)
    return best[1] if best else None
