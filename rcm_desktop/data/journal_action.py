"""Naming the user action a unit of work carries out, for its journal entry.

The action is the outermost service (`rcm_desktop.data.services.*`) on the call stack when
the unit of work opens, with its plain arguments: numbers, dates, short codes, a draft's
kind and ids; never free text, which may hold personal data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import sys
from typing import Any

from rcm_desktop.data.journal import plain

_LONGEST_ARGUMENT = 40


def calling_action(skip_module: str) -> tuple[str, dict[str, Any]]:
    """The user action opening a unit of work: the outermost service on the stack, with
    its plain arguments (numbers, dates, short codes; never free text or personal data)."""
    frame = sys._getframe(1)
    chosen = None
    nearest = None
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module.startswith("rcm_desktop.data.services."):
            chosen = frame
        elif nearest is None and module != skip_module and not module.startswith("contextlib"):
            nearest = frame
        frame = frame.f_back  # type: ignore[assignment]
    frame = chosen or nearest
    if frame is None:
        return "?", {}
    code = frame.f_code
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    arguments = {}
    for name in names:
        value = frame.f_locals.get(name)
        kept = _plain_argument(value)
        if kept is not _SKIP:
            arguments[name] = kept
    return code.co_name, arguments


_SKIP = object()


def _plain_argument(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum | dt.date | dt.time):
        return plain(value)
    if isinstance(value, str):
        short = len(value) <= _LONGEST_ARGUMENT and " " not in value and "@" not in value
        return value if short else _SKIP
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # A form's draft: its kind and the records it names, never its texts.
        named = {
            item.name: getattr(value, item.name)
            for item in dataclasses.fields(value)
            if item.name.endswith("id") and isinstance(getattr(value, item.name), int)
        }
        return {"draft": type(value).__name__} | named
    if (
        isinstance(value, list | tuple | set | frozenset)
        and len(value) <= 50
        and all(isinstance(item, int) and not isinstance(item, bool) for item in value)
    ):
        return sorted(value)
    return _SKIP
