"""Dates as people type them, read in the interface language, and shown back unambiguously.

`read_date` takes what a user typed in a date field: "10/06/2021" (day first in es, fr, pt),
"2021-06-10" (ISO, in every language), "10 jun 2021", "10 de junio de 2021", "June 10, 2021",
"jue., 10 juin 2021" (a weekday is allowed and ignored). It returns the date or raises
`DateTextError` with a message that names the problem and the fix; it never guesses: a date
without a year, an impossible day or, in English, a numeric date that reads two ways, is
refused. `show_date` writes a date the way the field shows it back, with the month as a word
and the weekday ("Thu, Jun 10, 2021", "jue, 10 jun 2021"), which `read_date` reads again.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from functools import cache

from rcm_desktop.domain.text import fold
from rcm_desktop.i18n import _, current_language

#: The years a date field accepts.
FIRST_YEAR, LAST_YEAR = 1900, 2100

#: Languages that write the day before the month in numeric dates.
_DAY_FIRST = frozenset({"es", "fr", "pt"})

#: Words that join the parts of a written date ("10 de junio de 2021", "the 10th of June").
#: Ordinal endings are read the same way ("10th", "1er", "1º").
_JOINING_WORDS = frozenset(
    {"de", "del", "of", "the", "le", "el", "o", "a", "em", "en", "du"}
    | {"st", "nd", "rd", "th", "er", "re", "º", "ª"}
)

_TOKEN = re.compile(r"\d+|[^\W\d_]+\.?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class DateTextError(ValueError):
    """What was typed is not a whole, possible date; `message` says why and what to type."""

    def __init__(self, message: str) -> None:
        message = message[:1].upper() + message[1:]
        super().__init__(message)
        self.message = message


def show_date(value: dt.date, language: str | None = None) -> str:
    """A date with its weekday and the month as a word, as a date field shows it."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMEd", value, locale=language or current_language())


def read_date(text: str, language: str | None = None, *, today: dt.date | None = None) -> dt.date:
    """The date *text* names, read in *language*; DateTextError when it is not a whole date."""
    language = language or current_language()
    typed = unicodedata.normalize("NFC", text).strip()
    if not typed:
        raise DateTextError(_whole_date_message(language))
    iso = _ISO.fullmatch(typed)
    if iso:
        return _checked(int(iso[1]), int(iso[2]), int(iso[3]), language)
    numbers: list[str] = []
    months: list[int] = []
    either: list[int] = []  # words that name a weekday and a month alike ("mar": martes, marzo)
    for token in _TOKEN.findall(typed):
        if token[0].isdigit():
            numbers.append(token)
            continue
        word = _plain(token)
        if word in _JOINING_WORDS:
            continue
        found = _month_of(word, language)
        if word in _weekday_words(language):
            if found is not None:
                either.append(found)
            continue
        if found is None:
            raise DateTextError(
                _("“%(word)s” is not a month. Type a date such as %(example)s.")
                % {"word": token.rstrip("."), "example": _example(language)}
            )
        months.append(found)
    if not months and either:
        months = either[-1:]  # a weekday comes first: the last of these is the month
    if len(set(months)) > 1:
        raise DateTextError(_two_months_message(language))
    month = months[0] if months else None
    if month is not None:
        return _with_month_word(numbers, month, language, today)
    return _numeric(numbers, language, today)


def _with_month_word(
    numbers: list[str], month: int, language: str, today: dt.date | None
) -> dt.date:
    if len(numbers) < 2:
        raise DateTextError(_whole_date_message(language))
    if len(numbers) > 2:
        raise DateTextError(_too_many_message(language))
    first, second = numbers
    if len(first) == 4 and len(second) <= 2:
        first, second = second, first  # "2021 jun 10"
    return _checked(_year(second, language, today), month, int(first), language)


def _numeric(numbers: list[str], language: str, today: dt.date | None) -> dt.date:
    if len(numbers) < 3:
        raise DateTextError(_whole_date_message(language))
    if len(numbers) > 3:
        raise DateTextError(_too_many_message(language))
    first, second, third = numbers
    if len(first) == 4:  # year first: 2021/06/10
        return _checked(int(first), int(second), int(third), language)
    year = _year(third, language, today)
    a, b = int(first), int(second)
    if language in _DAY_FIRST:
        return _checked(year, b, a, language)
    # English: month first or day first, accepted only when it cannot be read both ways.
    if a > 12 >= b:
        return _checked(year, b, a, language)
    if b > 12 or a == b:
        return _checked(year, a, b, language)
    from rcm_desktop.i18n import format_date

    month_first, day_first = dt.date(year, a, b), dt.date(year, b, a)
    raise DateTextError(
        _(
            "“%(text)s” could be %(first)s or %(second)s. Type the month as a word, "
            "e.g. %(example)s, or the date as year-month-day (%(iso)s)."
        )
        % {
            "text": "/".join(numbers),
            "first": format_date(month_first, "long", language),
            "second": format_date(day_first, "long", language),
            "example": show_date(month_first, language),
            "iso": month_first.isoformat(),
        }
    )


def _possible(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _year(digits: str, language: str, today: dt.date | None) -> int:
    if len(digits) == 2:
        this_year = (today or dt.date.today()).year
        century = this_year - this_year % 100
        year = century + int(digits)
        return year - 100 if year > this_year + 50 else year
    if len(digits) != 4:
        raise DateTextError(
            _("Type the year with four digits, e.g. %(example)s.") % {"example": _example(language)}
        )
    return int(digits)


def _checked(year: int, month: int, day: int, language: str) -> dt.date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateTextError(
            _("Type a year from %(first)d to %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    if not 1 <= month <= 12:
        raise DateTextError(
            _("There is no month %(number)d. Type the date as %(order)s, e.g. %(example)s.")
            % {"number": month, "order": _order_words(language), "example": _example(language)}
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        from babel.dates import format_skeleton

        raise DateTextError(
            _("%(month)s has %(days)d days: there is no day %(day)d.")
            % {
                "month": format_skeleton("yMMMM", dt.date(year, month, 1), locale=language),
                "days": days,
                "day": day,
            }
        )
    return dt.date(year, month, day)


def _plain(word: str) -> str:
    """A word without case, accents or a final dot, for comparing month names."""
    return fold(word.casefold().rstrip("."))


@cache
def _month_words(language: str) -> dict[str, int]:
    """Every written form of each month in *language*: wide, abbreviated, stand-alone."""
    from babel.dates import get_month_names

    words: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=language).items():
                words[_plain(name)] = number
    return words


@cache
def _weekday_words(language: str) -> frozenset[str]:
    from babel.dates import get_day_names

    return frozenset(
        _plain(name)
        for lang in {language, "en"}
        for width in ("wide", "abbreviated", "short")
        for context in ("format", "stand-alone")
        for name in get_day_names(width, context, locale=lang).values()
    )


def _month_of(word: str, language: str) -> int | None:
    """The month *word* names in *language* (then English): a name, an abbreviation, or the
    first three letters or more of one month's name."""
    for lang in dict.fromkeys((language, "en")):
        words = _month_words(lang)
        if word in words:
            return words[word]
        if len(word) >= 3:
            found = {number for name, number in words.items() if name.startswith(word)}
            if len(found) == 1:
                return found.pop()
    return None


def _example(language: str) -> str:
    return show_date(dt.date(2021, 6, 10), language)


def _order_words(language: str) -> str:
    if language in _DAY_FIRST:
        return _("day/month/year")
    return _("day, month as a word, and year")


def _whole_date_message(language: str) -> str:
    return _("Type a whole date, with day, month and year, e.g. %(example)s.") % {
        "example": _example(language)
    }


def _too_many_message(language: str) -> str:
    return _("This is more than one date. Type one date, e.g. %(example)s.") % {
        "example": _example(language)
    }


def _two_months_message(language: str) -> str:
    return _("Two different months are named. Type one date, e.g. %(example)s.") % {
        "example": _example(language)
    }
