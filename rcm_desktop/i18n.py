"""Translations and locale-aware formatting, in one place (after MusicBrainz Picard).

Use `_` for a message, `N_` to mark a message translated later (column headers,
reference tables), `ngettext` for plurals and `pgettext` where one English word
has two meanings. Placeholders are named: `_("%(n)d seats left") % {"n": n}`.
Dates, times, numbers and country names go through babel in the active language;
babel is imported on first use, not at start-up.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rcm_desktop.paths import locale_dir

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "rcm_desktop"
SOURCE_LANGUAGE = "en"
#: Interface languages shipped, in the order Settings lists them.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "pt")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language: str = SOURCE_LANGUAGE
#: A language this thread speaks instead of the interface's (see `speaking`).
_this_thread = threading.local()


def _active() -> gettext.NullTranslations:
    return getattr(_this_thread, "translation", None) or _translation


def _(message: str) -> str:
    """Translate *message* into the active language."""
    return _active().gettext(message)


def N_(message: str) -> str:
    """Mark *message* for extraction without translating it now."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a plural form chosen by *n*."""
    return _active().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate *message* in a disambiguating *context*."""
    return _active().pgettext(context, message)


def current_language() -> str:
    """The active language code (e.g. "es"): this thread's while it is `speaking` another."""
    return getattr(_this_thread, "language", None) or _language


@contextmanager
def speaking(language: str) -> Iterator[str]:
    """Within the block, `_` and the formats of *this thread* use *language*; the interface
    (and every other thread) keeps its own. For text gathered for a document printed in
    another language, such as the handover dossier's history in sentences."""
    chosen = messages(language)
    before = (getattr(_this_thread, "translation", None), getattr(_this_thread, "language", None))
    _this_thread.translation, _this_thread.language = chosen._translation, chosen.language
    try:
        yield chosen.language
    finally:
        _this_thread.translation, _this_thread.language = before


def normalize_language(code: str | None) -> str | None:
    """Map "es_CR.UTF-8", "es-419" or "ES" to a supported code, or None."""
    if not code:
        return None
    base = code.replace("-", "_").split(".")[0].split("_")[0].lower()
    return base if base in SUPPORTED_LANGUAGES else None


def system_language() -> str:
    """The supported language the environment asks for, else English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in os.environ.get(variable, "").split(":"):
            language = normalize_language(part)
            if language:
                return language
    return SOURCE_LANGUAGE


def country_language(code: str) -> str:
    """The shipped language a country's officials most likely read: its first official
    language that RCM Desk ships (CLDR's territory data), else English."""
    from babel.languages import get_official_languages

    for language in get_official_languages(code, de_facto=True):
        if language in SUPPORTED_LANGUAGES:
            return language
    return SOURCE_LANGUAGE


def set_language(code: str) -> str:
    """Activate *code* (falls back to English when unsupported); returns the code in use."""
    global _translation, _language
    language = normalize_language(code) or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE:
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(
            DOMAIN, localedir=str(locale_dir()), languages=[language], fallback=True
        )
    _language = language
    return language


def babel_locale(language: str | None = None) -> Locale:
    """The babel Locale of *language* (default: the active language)."""
    from babel import Locale

    return Locale.parse(language or current_language())


def format_date(value: dt.date, format: str = "medium", language: str | None = None) -> str:
    """A date as people write it in the language, e.g. "jueves, 14 de octubre de 2021"."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=format, locale=babel_locale(language))


def format_time(value: dt.time, language: str | None = None) -> str:
    """A clock time in the language's short form ("9:00 AM", "9:00")."""
    from babel.dates import format_time as babel_format_time

    return babel_format_time(value, format="short", locale=babel_locale(language))


def format_datetime(value: dt.datetime, format: str = "medium", language: str | None = None) -> str:
    """A date and time in the language's form."""
    from babel.dates import format_datetime as babel_format_datetime

    return babel_format_datetime(value, format=format, locale=babel_locale(language))


def format_number(value: float | int, language: str | None = None) -> str:
    """A number with the language's separators."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(language))


def format_list(items: Sequence[str], style: str = "standard", language: str | None = None) -> str:
    """Items joined as the language writes a list: "A, B and C", "A, B y C", "A, B et C".

    *style* is CLDR's: "standard" (and) or "or".
    """
    from babel.lists import format_list as babel_format_list

    items = [item for item in items if item]
    if not items:
        return ""
    return babel_format_list(items, style=style, locale=babel_locale(language))


def separator() -> str:
    """What stands between facts shown on one line (" · "), from the catalog."""
    return pgettext("separator between facts on one line", " · ")


#: Stand-ins for a label and its value in `labelled`'s pattern, where markup must go around them.
LABEL_MARK, VALUE_MARK = "\ue000", "\ue001"


def fill_labelled(
    pattern: str, label_markup: str, value_markup: str, escape_text: Callable[[str], str]
) -> str:
    """A `labelled(LABEL_MARK, VALUE_MARK)` *pattern* with the label and the value put in as
    markup (bold, escaped) and the catalog's own punctuation escaped by *escape_text*."""
    parts = re.split(f"({LABEL_MARK}|{VALUE_MARK})", pattern)
    return "".join(
        label_markup
        if part == LABEL_MARK
        else value_markup
        if part == VALUE_MARK
        else escape_text(part)
        for part in parts
        if part
    )


def labelled(label: str, value: str) -> str:
    """*label* and its *value* ("Lead: Costa Rica"), punctuated as the catalog says (French
    puts a space before the colon)."""
    return pgettext("a label and its value", "%(label)s: %(value)s") % {
        "label": label,
        "value": value,
    }


def country_name(code: str, language: str | None = None) -> str:
    """The CLDR name of an ISO 3166 country code in the language ("Honduras", "México")."""
    name = babel_locale(language).territories.get(code.upper())
    return name or code.upper()


def language_name(code: str) -> str:
    """A language's own name for itself, capitalised ("Español")."""
    name = babel_locale(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def localized(names: Mapping[str, str] | None, language: str | None = None) -> str:
    """Pick the entry of a {language: text} mapping for the active language, else English."""
    if not names:
        return ""
    return (
        names.get(language or current_language())
        or names.get(SOURCE_LANGUAGE)
        or next(iter(names.values()))
    )


class Messages:
    """Translations and formats of one language, independent of the interface's.

    Documents are printed in a language chosen when printing (a note verbale in
    Spanish from an English interface), often off the UI thread: use
    `t = messages("es")` and `t.gettext(...)`, never the global `_`.
    """

    def __init__(self, language: str) -> None:
        self.language = normalize_language(language) or SOURCE_LANGUAGE
        if self.language == SOURCE_LANGUAGE:
            self._translation: gettext.NullTranslations = gettext.NullTranslations()
        else:
            self._translation = gettext.translation(
                DOMAIN, localedir=str(locale_dir()), languages=[self.language], fallback=True
            )

    def gettext(self, message: str) -> str:
        """Translate *message* into this language."""
        return self._translation.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Translate a message with a plural form chosen by *n*."""
        return self._translation.ngettext(singular, plural, n)

    def date(self, value: dt.date, format: str = "long") -> str:
        """A date in this language ("14 de octubre de 2021")."""
        return format_date(value, format, self.language)

    def time(self, value: dt.time) -> str:
        """A clock time in this language's short form."""
        return format_time(value, self.language)

    def number(self, value: float | int) -> str:
        """A number with this language's separators."""
        return format_number(value, self.language)

    def country(self, code: str) -> str:
        """A country's name in this language."""
        return country_name(code, self.language)

    def list(self, items: Sequence[str], style: str = "standard") -> str:
        """Items joined as this language writes a list ("A, B y C")."""
        return format_list(items, style, self.language)

    def separator(self) -> str:
        """What stands between facts shown on one line (" · ") in this language."""
        return self._translation.pgettext("separator between facts on one line", " · ")

    def labelled(self, label: str, value: str) -> str:
        """*label* and its *value*, punctuated as this language does ("Lead : …" in French)."""
        return self._translation.pgettext("a label and its value", "%(label)s: %(value)s") % {
            "label": label,
            "value": value,
        }

    def pick(self, names: Mapping[str, str] | None) -> str:
        """The entry of a {language: text} mapping for this language, else English."""
        return localized(names, self.language)


def messages(language: str | None = None) -> Messages:
    """The `Messages` of *language* (default: the interface's)."""
    return Messages(language or current_language())
