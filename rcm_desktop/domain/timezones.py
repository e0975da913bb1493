"""Time zones of meetings: IANA names, the names people write ("San José time"), a country's zones,
and conversions on a given date with that year's daylight-saving rules (IANA data via zoneinfo)."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rcm_desktop.domain.text import fold as _fold
from rcm_desktop.paths import resource


@cache
def zone(name: str) -> ZoneInfo | None:
    """The ZoneInfo for an IANA name, or None when the name is unknown."""
    if not name or name.startswith(("/", ".")) or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


@cache
def _names() -> dict[str, object]:
    return json.loads(resource("reference", "time_zone_names.json").read_text(encoding="utf-8"))


@cache
def iana_names() -> frozenset[str]:
    """Every IANA zone name known on this machine (from the tzdata package where the OS has none)."""
    return frozenset(available_timezones())


@cache
def _aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for name, target in _names()["names"].items():  # type: ignore[union-attr]
        aliases[_fold(name)] = target
    for name in iana_names():
        aliases.setdefault(_fold(name), name)
        aliases.setdefault(_fold(name.rsplit("/", 1)[-1].replace("_", " ")), name)
    return aliases


_NOISE = re.compile(
    r"\((?:gmt|utc)[^)]*\)|,?\s*(?:gmt|utc)\s*[+-−]\s*\d{1,2}(?::?\d{2})?|\b(?:standard\s+)?time\b|\bhora\s+de(?:l)?\b|\bheure\s+de\b|\bhorario\s+de\b|\bzone\b",
    re.IGNORECASE,
)


def resolve_zone(text: str) -> str | None:
    """The IANA zone for what a user or a concept note wrote, or None.

    Accepts IANA names ("America/Costa_Rica"), city or country names in English,
    Spanish, French or Portuguese ("San José", "Ciudad de México"), and loose forms
    such as "San José time" or "Mexico Time, GMT-5".
    """
    text = (text or "").strip()
    if not text:
        return None
    if zone(text) is not None and text in iana_names():
        return text
    aliases = _aliases()
    folded = _fold(text)
    if folded in aliases:
        return aliases[folded]
    cleaned = _fold(_NOISE.sub(" ", text)).strip(" ,.-")
    cleaned = re.sub(r"\s+", " ", cleaned)
    return aliases.get(cleaned)


@cache
def zone_suggestions() -> tuple[str, ...]:
    """Names offered by a time-zone picker: IANA names and the common city names (read once:
    listing the zones walks the time-zone database's folders)."""
    names = set(iana_names()) | {name.title() for name in _names()["names"]}  # type: ignore[union-attr]
    return tuple(sorted(names, key=str.casefold))


@cache
def country_zones(country: str) -> tuple[str, ...]:
    """The IANA zones of an ISO 3166 country, in the tz database's order."""
    try:
        table = (
            resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
        )
    except (ModuleNotFoundError, FileNotFoundError):
        table = open("/usr/share/zoneinfo/zone.tab", encoding="utf-8").read()  # noqa: SIM115
    zones = [
        line.split("\t")[2]
        for line in table.splitlines()
        if line and not line.startswith("#") and line.split("\t")[0] == country.upper()
    ]
    return tuple(zones)


@cache
def ordered_zone_choices(country: str | None, language: str = "en") -> tuple[tuple[str, str], ...]:
    """(shown name, IANA zone) for a time-zone list: the zones of *country* first, then the
    capitals of the forums' member countries, each named by its city in *language* (CLDR)."""
    from rcm_desktop.domain.workdays import SUPPORTED_CALENDARS

    def shown(name: str) -> str:
        return f"{zone_city(name, language)} — {name}"

    own = list(country_zones(country)) if country else []
    capitals = {capital_zone(code) for code in SUPPORTED_CALENDARS} - {None} - set(own)
    forum = sorted(capitals, key=lambda name: zone_city(name, language).casefold())  # type: ignore[arg-type]
    return tuple((shown(name), name) for name in [*own, *forum])  # type: ignore[misc]


def capital_zone(country: str) -> str | None:
    """The zone of a country's capital: the default "own time" of its delegation."""
    capitals: dict[str, str] = _names()["capitals"]  # type: ignore[assignment]
    if country.upper() in capitals:
        return capitals[country.upper()]
    zones = country_zones(country)
    return zones[0] if zones else None


def utc_offset(name: str, day: dt.date, at: dt.time = dt.time(12, 0)) -> dt.timedelta | None:
    """The offset from UTC of zone *name* at *day* *at*, or None for an unknown zone."""
    info = zone(name)
    if info is None:
        return None
    return dt.datetime.combine(day, at, tzinfo=info).utcoffset()


def format_utc_offset(offset: dt.timedelta) -> str:
    """An offset as "UTC−06:00" (with a true minus sign) or "UTC+00:00"."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def convert(day: dt.date, at: dt.time, source: str, target: str) -> dt.datetime:
    """The wall-clock time in *target* of *day* *at* in *source* (both IANA names)."""
    source_zone, target_zone = zone(source), zone(target)
    if source_zone is None or target_zone is None:
        raise ValueError(f"unknown time zone: {source if source_zone is None else target}")
    moment = dt.datetime.combine(day, at, tzinfo=source_zone)
    return moment.astimezone(target_zone)


def zone_city(name: str, language: str = "en") -> str:
    """The place CLDR names zone *name* after, in *language*: "Ciudad de México", "Mexico".

    An IANA name CLDR does not know gives its last part ("America/Nowhere" → "Nowhere").
    """
    from babel import Locale
    from babel.dates import get_timezone_location

    try:
        return get_timezone_location(name, locale=Locale.parse(language), return_city=True)
    except (LookupError, ValueError):
        return name.rsplit("/", 1)[-1].replace("_", " ")


def zone_name(name: str, language: str = "en") -> str:
    """Zone *name* as CLDR words it in *language*: "hora de Ciudad de México", "Mexico City
    Time", "heure : Mexico", "Horário Cidade do México"."""
    from babel import Locale

    pattern = Locale.parse(language).zone_formats.get("region") or "%s"
    return pattern % zone_city(name, language)
