"""Text as searches compare it: case and accents ignored ("reunion" finds "Reunión")."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """*text* lower-cased with accents removed, for accent-insensitive search."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def escape_like(text: str) -> str:
    """*text* with the wildcards of SQL's LIKE escaped by a backslash (`escape="\\\\"`)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
