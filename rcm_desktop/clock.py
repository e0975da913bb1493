"""Reading the clock times people type: "09:00", "9", "9am", "9:30 p.m.", "21h30"."""

from __future__ import annotations

import datetime as dt
import re

from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _

_CLOCK = re.compile(
    r"^\s*(?P<hour>\d{1,2})(?:\s*[:h.]\s*(?P<minute>\d{2}))?\s*(?P<suffix>a\.?\s*m\.?|p\.?\s*m\.?|h)?\s*$",
    re.IGNORECASE,
)


def parse_clock(text: str, field: str | None = None) -> dt.time:
    """The time in *text*; raises ValidationError naming the accepted forms."""
    match = _CLOCK.match(text or "")
    problem = ValidationError(
        _("“%(text)s” is not a time. Type it as 09:00, 9:30, 9am or 2:30 pm.") % {"text": text},
        field=field,
    )
    if not match:
        raise problem
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    suffix = (match["suffix"] or "").replace(".", "").replace(" ", "").lower()
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            raise problem
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise problem
    return dt.time(hour, minute)


def parse_optional_clock(text: str, field: str | None = None) -> dt.time | None:
    """Like parse_clock, but an empty text means "not stated"."""
    return None if not (text or "").strip() else parse_clock(text, field)
