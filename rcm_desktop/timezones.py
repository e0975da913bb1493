"""Time zones of meetings: IANA names, real offsets on a given date (daylight-saving rules included)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@cache
def zone(name: str) -> ZoneInfo | None:
    """The ZoneInfo for an IANA name, or None when the name is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


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
