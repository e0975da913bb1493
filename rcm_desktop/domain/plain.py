"""Values as JSON writes them: enumerations by value, dates and times in ISO 8601, bytes in hex."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any


def to_plain(value: Any) -> Any:
    """*value* as JSON can hold it (the `default` of `json.dumps`); TypeError for anything else."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
