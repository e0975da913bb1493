"""Text as searches compare it: case and accents ignored ("reunion" finds "Reunión")."""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any


def fold(text: str) -> str:
    """*text* lower-cased with accents removed, for accent-insensitive search."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def escape_like(text: str) -> str:
    """*text* with the wildcards of SQL's LIKE escaped by a backslash (`escape="\\\\"`)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def excerpt(text: str, limit: int) -> str:
    """*text* cut to *limit* characters with an ellipsis: for a message, a table cell or a
    bookmark, where a 200 KB value is not repeated whole."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


#: Characters that reorder text invisibly (embeddings, overrides, isolates): never stored.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def clean_text(value: str, *, multiline: bool = False) -> str:
    """*value* as RCM Desk stores it: Unicode NFC, without NUL, other C0/C1 control characters
    or bidi embedding/override/isolate characters. A multi-line text keeps its tabs and line
    breaks (a lone CR becomes a line break); a one-line text gets a space for each of them.
    A lone surrogate (from a JSON escape, or a file decoded leniently), which no database or
    file can hold, becomes U+FFFD."""
    text = unicodedata.normalize("NFC", value)
    if text.isprintable():  # the usual case: nothing to remove but bidi controls
        return text.translate(_BIDI_CONTROLS)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for character in text:
        if character in "\t\n":
            kept.append(character if multiline else " ")
        elif "\ud800" <= character <= "\udfff":
            kept.append("\ufffd")
        elif unicodedata.category(character) != "Cc":
            kept.append(character)
    return "".join(kept).translate(_BIDI_CONTROLS)


def clean_fields(record: Any, multiline: tuple[str, ...] = ("notes",)) -> Any:
    """A copy of dataclass *record* with every text field cleaned (`clean_text`), the fields
    named in *multiline* keeping their line breaks: what a service reads and compares."""
    changes = {
        item.name: cleaned
        for item in dataclasses.fields(record)
        if isinstance(value := getattr(record, item.name), str)
        and (cleaned := clean_text(value, multiline=item.name in multiline)) != value
    }
    return dataclasses.replace(record, **changes) if changes else record  # the same when clean
